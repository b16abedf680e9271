"""The record of the last generate, kept in the output folder: what went in, what came out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.report.problems import InputError, Problem

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
    """The manifest of the last generate; an empty one when there is none or it is unreadable."""
    try:
        return _parse((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest()


def load(file: Path) -> Manifest:
    """A manifest a user names (another revision's, as a baseline); a bad one is a problem."""
    try:
        text = file.read_text(encoding="utf-8")
        json.loads(text)
    except OSError as error:
        raise InputError([Problem(str(file), 1, f"cannot read: {error.strerror}")])
    except ValueError as error:
        raise InputError([Problem(str(file), 1, f"not a manifest: {error}")]) from None
    return _parse(text)


def _parse(text: str) -> Manifest:
    loaded = json.loads(text)
    if not isinstance(loaded, dict):
        return Manifest()
    inputs, files, api = (loaded.get(k) for k in ("inputs", "files", "api"))
    return Manifest(
        inputs if isinstance(inputs, dict) else {},
        _entries(files),
        api if isinstance(api, dict) else None,
    )


def _entries(files: object) -> dict[str, Entry]:
    """File entries that have the expected shape; anything else is not ours to trust."""
    if not isinstance(files, dict):
        return {}
    found = {}
    for path, value in files.items():
        if isinstance(path, str) and isinstance(value, str):
            digest, _, key = value.partition(" ")  # a hash alone: no key, render again
            found[path] = Entry(digest, key)
    return found
