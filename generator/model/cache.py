"""Render-ready models kept between runs, each with the key of what it was built from.

Building every type's model again is most of a regenerate after one edit among many types; a
unit of work whose key (the digests of the types it read, and the values it was given) is the
one recorded is decoded instead. The cache is one file of `.graph-codegen-cache/`, replaced
whole. It is data, never code: msgpack decoded by msgspec into the models' exact types, so a
file of another version, damaged or planted, is ignored as if there were none.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import msgspec

from generator.model.escape import Code
from generator.report.problems import Problem, excerpt
from generator.spec.cachefolder import CacheFolder, ignored
from generator.spec.seal import seal, unseal

FILE = "models.msgpack"
_FORMAT = "graph-codegen model cache 1"
REWRITE = 16  # units built (or gone) since the cache was written, before it is again

T = TypeVar("T")


class Unit(msgspec.Struct, array_like=True, frozen=True):
    """One unit's result: the types it read, its key, and the value, as msgpack."""

    reads: tuple[tuple[str, str], ...]
    key: str
    value: msgspec.Raw


def _enc_hook(value: Any) -> Any:
    if isinstance(value, Code):
        return str(value)
    raise TypeError(f"a model cache holds no {type(value).__name__}")


def _dec_hook(kind: type, value: Any) -> Any:
    """Escaped text comes back as the `Code` it was: only the generator wrote the cache."""
    if kind is Code and isinstance(value, str):
        return Code(value)
    raise msgspec.ValidationError(f"expected {kind.__name__}")


_ENCODER = msgspec.msgpack.Encoder(enc_hook=_enc_hook)
_HEAD = msgspec.msgpack.Decoder(tuple[str, str, msgspec.Raw])
_UNITS = msgspec.msgpack.Decoder(dict[str, Unit])


class ModelCache:
    """Units by name (`resource microsoft.graph.user`); `salt` invalidates them all."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = CacheFolder(folder) if folder is not None else None
        self.salt = salt
        self.note: Problem | None = None
        self.known = self._read() if self.folder is not None else {}
        self.used: dict[str, Unit] = {}
        self.built = 0
        self._decoders: dict[type, msgspec.msgpack.Decoder[Any]] = {}

    def get(self, name: str, key: str, kind: type[T]) -> T | None:
        """The value of a unit built before from the same key, or None."""
        unit = self.known.get(name)
        if unit is None or unit.key != key:
            return None
        try:
            value = self._decoder(kind).decode(unit.value)
        except msgspec.DecodeError:
            return None  # a unit that is not a `kind`: built again
        self.used[name] = unit
        return value

    def decode(self, data: msgspec.Raw, kind: type[T]) -> T:
        """A value kept as msgpack inside another one's (decoded when first needed)."""
        return self._decoder(kind).decode(data)

    def reads(self, name: str) -> tuple[tuple[str, str], ...] | None:
        """What the unit read when it was last built; None when it is not cached."""
        unit = self.known.get(name)
        return None if unit is None else unit.reads

    def put(
        self,
        name: str,
        reads: tuple[tuple[str, str], ...],
        key: str,
        value: Any,
        weight: int = 1,
    ) -> None:
        """A unit built by this run; `weight` says how many cheap ones it is worth building."""
        self.used[name] = Unit(reads, key, msgspec.Raw(_ENCODER.encode(value)))
        self.built += weight

    def retain(self, name: str) -> None:
        """Keep a unit this run did not need (a file it did not render), as it is."""
        unit = self.known.get(name)
        if unit is not None and name not in self.used:
            self.used[name] = unit

    def save(self) -> None:
        """Keep what this run used, when enough changed to be worth writing the file again."""
        stale = len(self.known.keys() - self.used.keys())
        worth = self.built >= REWRITE or stale >= REWRITE
        if self.folder is None or not (worth or (self.built and not self.known)):
            return
        units = dict(sorted(self.used.items()))
        self.folder.write({FILE: seal(_ENCODER.encode((_FORMAT, self.salt, units)))})

    def _decoder(self, kind: type[T]) -> msgspec.msgpack.Decoder[T]:
        decoder = self._decoders.get(kind)
        if decoder is None:
            decoder = msgspec.msgpack.Decoder(kind, dec_hook=_dec_hook)
            self._decoders[kind] = decoder
        return decoder

    def _read(self) -> dict[str, Unit]:
        assert self.folder is not None
        try:
            data = self.folder.read(FILE)
            if data is None:
                return {}
            form, salt, units = _HEAD.decode(unseal(data))
            if form != _FORMAT:
                raise ValueError(f"not a model cache: {excerpt(form)}")
            return _UNITS.decode(units) if salt == self.salt else {}
        except (OSError, msgspec.DecodeError, ValueError) as error:
            self.note = ignored(self.folder.path / FILE, error, "a model cache")
            return {}
