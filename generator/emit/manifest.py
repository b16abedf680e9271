"""The record of the last generate, kept in the output folder: what went in, what came out."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.report.problems import InputError, Problem, excerpt
from generator.spec.safeio import read_regular

MANIFEST = ".graph-codegen.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One generated file: the hash of its bytes and the key of what it was rendered from."""

    sha256: str
    key: str


@dataclass(frozen=True)
class Manifest:
    """Inputs fingerprint, every generated file, and the summary of the generated API."""

    inputs: Mapping[str, Any] = field(default_factory=dict)
    files: Mapping[str, Entry] = field(default_factory=dict)
    api: Mapping[str, Any] | None = None

    def to_bytes(self) -> bytes:
        """Stable JSON, one line per spec, per file and per API type, so its diff stays as
        small as the change (and the big parts are written by json's C encoder)."""
        files = {p: f"{e.sha256} {e.key}" for p, e in self.files.items()}
        parts = [f' "files": {_lines(files, 2)}']
        if self.api is not None:
            api = dict(self.api)
            types = api.pop("types", None)
            inner = [f"  {_dumps(k)}: {_dumps(v)}" for k, v in sorted(api.items())]
            if isinstance(types, Mapping):
                inner.append(f'  "types": {_lines(types, 3)}')
            parts.insert(0, ' "api": {\n' + ",\n".join(inner) + "\n }")
        parts.append(f' "inputs": {_lines(self.inputs, 2, expand="specs")}')
        return ("{\n" + ",\n".join(parts) + "\n}\n").encode()


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True, separators=(", ", ": "))


def _lines(mapping: Mapping[str, Any], depth: int, expand: str = "") -> str:
    """A mapping with one compact entry per line, sorted, indented by `depth` spaces; the
    entry named `expand` has one line per entry of its own."""
    if not mapping:
        return "{}"
    pad = " " * depth
    body = ",\n".join(
        f"{pad}{_dumps(k)}: "
        + (
            _lines(v, depth + 1)
            if k == expand and isinstance(v, Mapping)
            else _dumps(v)
        )
        for k, v in sorted(mapping.items())
    )
    return "{\n" + body + "\n" + " " * (depth - 1) + "}"


def read(out: Path) -> Manifest:
    """The manifest of the last generate; an empty one when there is none or it is not ours."""
    return inspect(out)[0]


def inspect(out: Path) -> tuple[Manifest, Problem | None]:
    """The manifest of the last generate, and a note when one is there but is not a manifest
    this tool wrote (damaged, foreign, a link): it is then ignored, as if absent."""
    file = out / MANIFEST
    try:
        return _parsed(read_regular(file)), None
    except FileNotFoundError:
        return Manifest(), None
    except (OSError, ValueError) as error:
        message = f"{_why(error)}; ignored, as if there were none"
        shown = os.path.relpath(file, Path.cwd())
        return Manifest(), Problem(shown, 0, message, "note")


def load(file: Path) -> Manifest:
    """A manifest a user names (another revision's, as a baseline); a bad one is a problem."""
    try:
        return parse(read_regular(file))
    except OSError as error:
        raise InputError([Problem(str(file), 0, f"cannot read: {_why(error)}")])
    except ValueError as error:
        raise InputError([Problem(str(file), 0, f"not a manifest: {_why(error)}")])


def _why(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


_DIGEST = re.compile(r"[0-9a-f]{64}\Z")
_LAST: list[tuple[bytes, Manifest]] = []  # the last manifest parsed, with its bytes


def _parsed(data: bytes) -> Manifest:
    """A generate reads the manifest when it starts, and under its lock before it writes:
    the same bytes are parsed once."""
    if _LAST and _LAST[0][0] == data:
        return _LAST[0][1]
    found = parse(data)
    _LAST[:] = [(data, found)]
    return found


def parse(data: bytes) -> Manifest:
    """A manifest's bytes to a Manifest; ValueError naming the first thing that is not ours.

    Read with the json module alone (the fast path of `check` starts with this), every part
    checked for the type the writer gives it, so a foreign file fails as a whole.
    """
    try:
        loaded = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a graph-codegen manifest (not JSON: {error})") from None
    loaded = loaded if isinstance(loaded, dict) else {}
    files, inputs, api = (loaded.get(k) for k in ("files", "inputs", "api"))
    if (
        isinstance(files, dict)
        and all(isinstance(v, str) for v in files.values())
        and isinstance(inputs, dict)
        and (api is None or isinstance(api, dict))
    ):
        return Manifest(inputs, _entries(files), api)
    raise ValueError("not a graph-codegen manifest (no `files` and `inputs`)")


def _entries(files: dict[str, Any]) -> dict[str, Entry]:
    """File entries: a path inside the output folder, the hash of its bytes, its render key.

    Checked with string operations only: `check` reads a thousand of them on its fast path.
    """
    found = {}
    for path, value in files.items():
        digest, _, key = value.partition(" ")  # a hash alone: no key, render again
        if not _DIGEST.match(digest):
            raise ValueError(
                f"{excerpt(path)}: {excerpt(digest)} is not a SHA-256 digest"
            )
        if _OUTSIDE.intersection(path.split("/")) or "\\" in path:
            raise ValueError(f"{excerpt(path)} is not a path inside the output folder")
        found[path] = Entry(digest, key)
    return found


# Segments no relative path inside the output folder has: `..`, `.`, and the empty one of a
# leading, doubled or trailing slash.
_OUTSIDE = frozenset({"", ".", ".."})
