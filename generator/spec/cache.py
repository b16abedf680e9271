"""Specs parsed and schema-checked before, kept by the hash of their bytes between runs.

Reading YAML and checking it against the JSON Schema is most of the cost of an unchanged spec;
a regenerate after one edit among a thousand specs parses one. The cache is one file of the
project's `.graph-codegen-cache/`, replaced whole. It is data, never code: msgpack decoded by
msgspec into the Spec type, so what does not have the Spec's exact shape (another version's
cache, a damaged file, anything planted there) is ignored as if there were no cache.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path as FilePath
from typing import Any

import msgspec

from generator.report.problems import InputError, Problem, excerpt
from generator.spec import yamlsource
from generator.spec.cachefolder import CacheFolder, ignored
from generator.spec.load import Spec
from generator.spec.seal import seal, unseal
from generator.spec.yamlsource import Path  # of a value in a spec

FILE = "specs.msgpack"
_FORMAT = "graph-codegen spec cache 2"
_EARLIER = "graph-codegen spec cache "  # another version's: ignored without a note
_REWRITE = 16  # specs parsed (or gone) since the cache was written, before it is again
_DECIMAL = 1  # the msgpack extension code of a Decimal in an example payload

Contents = tuple[str, str, dict[str, Spec]]  # format, salt, specs by key


class SpecCache:
    """Parsed specs by the hash of their bytes and how messages name them; `salt` invalidates."""

    def __init__(self, folder: FilePath | None, salt: str) -> None:
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
            data = seal(encode((_FORMAT, self.salt, self.used)))
        except (TypeError, ValueError, msgspec.EncodeError):
            return  # a spec holding a value msgpack has no form for: no cache
        self.folder.write({FILE: data})

    def _read(self) -> dict[str, Spec]:
        assert self.folder is not None
        try:
            data = self.folder.read(FILE)
            return {} if data is None else decode(unseal(data), self.salt)
        except (OSError, msgspec.DecodeError, ValueError) as error:
            self.note = ignored(self.folder.path / FILE, error, "a spec cache")
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


class _Lines(Mapping[Path, int]):
    """A spec's lines as the cache keeps them, decoded when a problem first asks for one:
    most runs report none, and the lines are half of what a cached spec holds."""

    __slots__ = ("_data", "_file", "_found")

    def __init__(self, data: msgspec.Raw | bytes, file: str) -> None:
        self._data = data
        self._file = file
        self._found: dict[Path, int] | None = None

    def data(self) -> msgspec.Raw | bytes:
        return self._data

    def _lines(self) -> dict[Path, int]:
        if self._found is None:
            try:
                self._found = _LINES.decode(self._data)
            except msgspec.DecodeError:  # a damaged cache: the spec's file says them
                self._found = _read_lines(self._file)
        return self._found

    def __getitem__(self, path: Path) -> int:
        return self._lines()[path]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._lines())

    def __len__(self) -> int:
        return len(self._lines())


_ENCODER = msgspec.msgpack.Encoder(enc_hook=_enc_hook)
_HEAD = msgspec.msgpack.Decoder(tuple[str, str, msgspec.Raw])
_SPECS = msgspec.msgpack.Decoder(
    dict[str, tuple[Spec, msgspec.Raw]], ext_hook=_ext_hook
)
_LINES = msgspec.msgpack.Decoder(dict[Path, int])


def encode(contents: Contents) -> bytes:
    """The cache file: every Decimal of an example payload as an extension, so it stays one;
    each spec's lines beside it, read only when needed."""
    form, salt, specs = contents
    return _ENCODER.encode((form, salt, {k: _kept(s) for k, s in specs.items()}))


def decode(data: bytes, salt: str) -> dict[str, Spec]:
    """The specs of a cache written with `salt` (none from another version's or another
    setup's); DecodeError or ValueError when the file is not a spec cache at all."""
    form, written, specs = _HEAD.decode(data)
    if form != _FORMAT and not form.startswith(_EARLIER):
        raise ValueError(f"not a spec cache: {excerpt(form)}")
    if form != _FORMAT or written != salt:
        return {}  # another version, templates or black: nothing in it applies
    try:
        found = _SPECS.decode(specs)
    except ArithmeticError as error:  # a Decimal extension that holds no number
        raise ValueError(str(error)) from None
    for spec, lines in found.values():
        object.__setattr__(spec, "lines", _Lines(lines, spec.file))  # as its own field
    return {key: spec for key, (spec, _) in found.items()}


def _read_lines(file: str) -> dict[Path, int]:
    try:
        return yamlsource.load(FilePath(file).read_text(encoding="utf-8"), file)[1]
    except (OSError, UnicodeDecodeError, InputError):
        return {}


def _kept(spec: Spec) -> tuple[Spec, msgspec.Raw]:
    """A spec without its lines, its example tagged; and its lines."""
    lines = spec.lines
    data = lines.data() if isinstance(lines, _Lines) else _ENCODER.encode(lines)
    example = None if spec.example is None else _tag(spec.example)
    return replace(spec, lines={}, example=example), msgspec.Raw(data)


def _tag(value: Any) -> Any:
    if isinstance(value, Decimal):
        return msgspec.msgpack.Ext(_DECIMAL, str(value).encode("ascii"))
    if isinstance(value, dict):
        return {k: _tag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tag(v) for v in value]
    return value
