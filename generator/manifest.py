"""The record of the last generate, kept in the output folder: what went in, what came out."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.problems import InputError, Problem

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
        """Stable JSON, one line per file and per spec, so its diff stays as small as the change."""
        body: dict[str, Any] = {
            "inputs": self.inputs,
            "files": {p: f"{e.sha256} {e.key}" for p, e in sorted(self.files.items())},
        }
        if self.api is not None:
            body["api"] = self.api
        return (json.dumps(body, indent=1, sort_keys=True) + "\n").encode()


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
