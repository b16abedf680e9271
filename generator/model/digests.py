"""Short digests of what a unit of work read from the checked types, and the unit's key.

A read (see `reads`) is digested from the value it gave: an attribute's value, encoded; a
whole spec by the key of its bytes and names (the spec itself when it was not loaded from a
file); a whole type by its spec and every other field. A unit of work (one type's model, the
request builders) is keyed by the digests of its reads and by the values it was given: equal
keys, equal results, since it is a function of nothing else.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from generator.check.pathtree import Node
from generator.check.schema import Schema, TypeDef
from generator.model.reads import ALL, LOOKED_UP, SPEC, WHOLE, Read

_ENCODER = msgspec.msgpack.Encoder(enc_hook=repr)  # `Code`, a str, as its repr
_MISSING = "-"  # no type has the name


class Digests:
    """The digest of each type's reads, computed when first asked for."""

    def __init__(self, schema: Schema, spec_keys: Mapping[str, str], salt: str) -> None:
        self.schema = schema
        self.spec_keys = spec_keys
        self.salt = salt
        self._known: dict[tuple[str, tuple[str, ...]], str] = {}

    def key(self, unit: str, reads: Iterable[Read], values: Any = None) -> str:
        """The key of a unit of work that made these reads and was given `values`."""
        by_type: dict[str, list[str]] = {}
        for name, read in reads:
            by_type.setdefault(name, []).append(read)
        parts: list[Any] = [self.salt, unit, values]
        for name in sorted(by_type):
            what = tuple(sorted(set(by_type[name])))
            parts.append((name, what, self.of(name, what)))
        return _hash(_ENCODER.encode(parts))

    def of(self, name: str, what: tuple[str, ...]) -> str:
        """The digest of these reads of one type (sorted): of the values they give."""
        found = self._known.get((name, what))
        if found is None:
            found = self._known[(name, what)] = self._digest(name, what)
        return found

    def _digest(self, name: str, what: tuple[str, ...]) -> str:
        if name == ALL:
            return _hash(_ENCODER.encode(sorted(self.schema.types)))
        t = self.schema.types.get(name)
        if t is None:
            return _MISSING
        values = [self._value(t, each) for each in what]
        return _hash(_ENCODER.encode(values))

    def _value(self, t: TypeDef, what: str) -> Any:
        """What one read gave: the spec whole by its key, the type whole by all its fields."""
        if what == LOOKED_UP:
            return True
        if what == SPEC:
            return self.spec_keys.get(t.spec.file) or _ENCODER.encode(t.spec)
        if what == WHOLE:
            fields = (f.name for f in dataclasses.fields(t) if f.name != SPEC)
            return [self._value(t, SPEC), *(getattr(t, f) for f in fields)]
        owner: Any = t.spec if what.startswith(f"{SPEC}.") else t
        return getattr(owner, what.rpartition(".")[2])


def value_digest(value: Any) -> str:
    """The digest of a value of the render-ready model."""
    return _hash(_ENCODER.encode(value))


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


def tree_digest(root: Node) -> str:
    """The route tree the check stage built, as a digest: every field of every node (sets in
    order), and its children in order."""
    digest = hashlib.sha256()
    stack = [root]
    while stack:
        node = stack.pop()
        fields = [
            sorted(value) if isinstance(value, (set, frozenset)) else value
            for value in (getattr(node, f.name) for f in _NODE_FIELDS)
        ]
        digest.update(_ENCODER.encode([fields, list(node.children)]))
        stack.extend(reversed(node.children.values()))
    return digest.hexdigest()[:24]


# `attrs` indexes the children by attribute: they are digested themselves.
_NODE_FIELDS = [
    f for f in dataclasses.fields(Node) if f.name not in ("children", "attrs")
]
