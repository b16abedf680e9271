"""A specs folder to typed specs: each file read once (or taken from the cache), confined to
the project, and a broken one not stopping the others."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator.odata.typeref import IDENTIFIER
from generator.report.problems import InputError, Problem
from generator.spec.draft import Draft, SchemaProblems
from generator.spec.load import Spec, load_spec
from generator.spec.safeio import leaves, outside


@dataclass(frozen=True)
class Loaded:
    """The specs of a folder that loaded, the problems of those that did not, and their names."""

    specs: list[Spec]
    problems: list[Problem]
    broken: frozenset[
        str
    ]  # qualified names of specs that failed, when they can be read
    drafts: tuple[Draft, ...] = ()  # specs that failed their schema, as data
    # Each loaded spec's file, as messages name it, to a key naming its bytes and its name in
    # the specs folder (not where the folder is, which no output depends on): what a later
    # stage keys its own work on.
    keys: Mapping[str, str] = field(default_factory=dict)


class Cache(Protocol):
    """Specs loaded by an earlier run, by a key naming their bytes and how they are shown."""

    def get(self, key: str) -> Spec | None: ...

    def put(self, key: str, spec: Spec) -> None: ...


def load_specs(
    directory: Path,
    display_root: Path | None = None,
    cache: Cache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    root: Path | None = None,
    digests: Mapping[str, str] | None = None,
) -> Loaded:
    """Load every `*.yaml` spec in a folder; a spec that fails does not stop the others, and
    one a link leads out of the project at `root` (the working folder) is not read.

    `digests` holds the SHA-256 of files the caller has hashed already, by file name: a spec
    the cache has under that digest is not read again.
    """
    specs: list[Spec] = []
    problems: list[Problem] = []
    broken: set[str] = set()
    drafts: list[Draft] = []
    keys: dict[str, str] = {}
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    for done, path in enumerate(sorted(files), 1):
        if progress is not None:
            progress("reading specs", done, len(files))
        shown, source = _display(path, display_root), f"{directory.name}/{path.name}"
        if leaves(path, root or Path.cwd()):
            problems += outside([path], root or Path.cwd(), "spec")
            continue
        digest = (digests or {}).get(path.name)
        data = path.read_bytes() if digest is None else None
        digest = digest or hashlib.sha256(data or b"").hexdigest()
        key = f"{digest} {shown} {source}"
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            specs.append(cached)
            keys[cached.file] = f"{digest} {source}"
            continue
        data = path.read_bytes() if data is None else data
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    shown,
                    _line_at(data, error.start),
                    f"not UTF-8 text: {error.reason}",
                )
            )
            continue
        try:
            spec = load_spec(text, shown, source)
            specs.append(spec)
            keys[spec.file] = f"{digest} {source}"
            if cache is not None:
                cache.put(key, spec)
        except InputError as error:
            problems.extend(error.problems)
            broken.update(_name_of(text))
            if isinstance(error, SchemaProblems) and error.draft is not None:
                drafts.append(error.draft)
    return Loaded(specs, problems, frozenset(broken), tuple(drafts), keys)


_NAME_LINE = re.compile(rf"^name:\s*['\"]?({IDENTIFIER})['\"]?\s*$", re.MULTILINE)
_NAMESPACE_LINE = re.compile(
    rf"^namespace:\s*['\"]?({IDENTIFIER}[A-Za-z0-9_.]*)['\"]?\s*$", re.MULTILINE
)


def _name_of(text: str) -> set[str]:
    """The qualified name a broken spec meant to declare, when its lines still say it."""
    name = _NAME_LINE.search(text)
    space = _NAMESPACE_LINE.search(text)
    if name is None:
        return set()
    return {f"{space.group(1) if space else 'microsoft.graph'}.{name.group(1)}"}


def _line_at(data: bytes, offset: int) -> int:
    """The line of a byte offset, as editors count lines."""
    return data[:offset].count(b"\n") + 1


def _display(path: Path, root: Path | None) -> str:
    """Paths in messages are relative to where the command runs, as compilers print them."""
    try:
        return str(path.relative_to(root or Path.cwd()))
    except ValueError:
        return str(path)
