"""Specs parsed and schema-checked before, kept by the hash of their bytes between runs.

Reading YAML and checking it against the JSON Schema is most of the cost of an unchanged spec;
a regenerate after one edit among a thousand specs parses one. The cache is one file of the
project's `.graph-codegen-cache/`, replaced whole. It is data, never code: msgpack decoded by
msgspec into the Spec type, so what does not have the Spec's exact shape (another version's
cache, a damaged file, anything planted there) is ignored as if there were no cache.
"""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec

from generator.report.problems import Problem, excerpt
from generator.spec.cachefolder import CacheFolder
from generator.spec.load import Spec

FILE = "specs.msgpack"
_FORMAT = "graph-codegen spec cache 1"
_REWRITE = 16  # specs parsed (or gone) since the cache was written, before it is again
_DECIMAL = 1  # the msgpack extension code of a Decimal in an example payload

Contents = tuple[str, str, dict[str, Spec]]  # format, salt, specs by key


class SpecCache:
    """Parsed specs by the hash of their bytes and how messages name them; `salt` invalidates."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = CacheFolder(folder) if folder is not None else None
        self.salt = salt
        self.used: dict[str, Spec] = {}
        self.note: Problem | None = None
        self.known = self._read() if self.folder is not None else {}
        self.parsed = 0

    def get(self, key: str) -> Spec | None:
        spec = self.known.get(key)
        if spec is not None:
            self.used[key] = spec
        return spec

    def put(self, key: str, spec: Spec) -> None:
        self.used[key] = spec
        self.parsed += 1

    def save(self) -> None:
        """Keep what this run used; a cache that cannot be written is only slower next time.

        Rewriting the whole cache costs more than parsing a few specs again: it is written
        when there is none, when many were parsed, or when it holds many no spec has now.
        """
        stale = len(self.known) - (len(self.used) - self.parsed)
        worth = self.parsed >= _REWRITE or stale >= _REWRITE
        if self.folder is None or not (worth or (self.parsed and not self.known)):
            return
        try:
            data = encode((_FORMAT, self.salt, self.used))
        except (TypeError, ValueError, msgspec.EncodeError):
            return  # a spec holding a value msgpack has no form for: no cache
        self.folder.write({FILE: data})

    def _read(self) -> dict[str, Spec]:
        assert self.folder is not None
        try:
            data = self.folder.read(FILE)
            return {} if data is None else decode(data, self.salt)
        except (OSError, msgspec.DecodeError, ValueError) as error:
            what = "a plain file" if isinstance(error, OSError) else "a spec cache"
            shown = os.path.relpath(self.folder.path / FILE, Path.cwd())
            message = f"not {what} of graph-codegen; ignored, as if there were none"
            self.note = Problem(shown, 0, message, "note")
            return {}


def _enc_hook(value: Any) -> Any:
    raise TypeError(f"a spec cache holds no {type(value).__name__}")


def _ext_hook(code: int, data: memoryview) -> Any:
    """Only a Decimal is an extension here; its digits are text, read as nothing but digits."""
    if code != _DECIMAL:
        raise ValueError(f"unknown msgpack extension {code}")
    number = Decimal(bytes(data).decode("ascii"))
    if not number.is_finite():
        raise ValueError("a spec example holds no NaN or infinity")
    return number


_ENCODER = msgspec.msgpack.Encoder(enc_hook=_enc_hook)
_HEAD = msgspec.msgpack.Decoder(tuple[str, str, msgspec.Raw])
_SPECS = msgspec.msgpack.Decoder(dict[str, Spec], ext_hook=_ext_hook)


def encode(contents: Contents) -> bytes:
    """The cache file: every Decimal of an example payload as an extension, so it stays one."""
    form, salt, specs = contents
    tagged = {
        key: spec if spec.example is None else _with_example(spec)
        for key, spec in specs.items()
    }
    return _ENCODER.encode((form, salt, tagged))


def decode(data: bytes, salt: str) -> dict[str, Spec]:
    """The specs of a cache written with `salt` (none from another version's or another
    setup's); DecodeError or ValueError when the file is not a spec cache at all."""
    form, written, specs = _HEAD.decode(data)
    if form != _FORMAT:
        raise ValueError(f"not a spec cache: {excerpt(form)}")
    if written != salt:
        return (
            {}
        )  # the generator, the templates or black changed: nothing in it applies
    try:
        return _SPECS.decode(specs)
    except ArithmeticError as error:  # a Decimal extension that holds no number
        raise ValueError(str(error)) from None


def _with_example(spec: Spec) -> Spec:
    return replace(spec, example=_tag(spec.example))


def _tag(value: Any) -> Any:
    if isinstance(value, Decimal):
        return msgspec.msgpack.Ext(_DECIMAL, str(value).encode("ascii"))
    if isinstance(value, dict):
        return {k: _tag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tag(v) for v in value]
    return value
