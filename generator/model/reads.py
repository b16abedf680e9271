"""A schema that remembers what was read through it: what a render-ready model depends on.

Each read is a pair (type, what): `?` that a name was looked up (whether a type has it or
not, so a type that appears later is a change too), an attribute of the type (`class_name`),
an attribute of its spec (`spec.operations`), or the whole type (`""`) or spec (`spec`) when a
method of theirs was called. Listing every type is the read (`*`, `?`). A unit of work that
reads a type's paths only is not built again when that type's description changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, cast

from generator.check.schema import Schema, TypeDef

ALL = "*"  # listed every type: depends on which there are
LOOKED_UP = "?"
WHOLE = ""
SPEC = "spec"

Read = tuple[str, str]


class _Spec:
    """A type's spec; each attribute read is noted, a method call reads it whole."""

    __slots__ = ("_name", "_seen", "_spec")

    def __init__(self, spec: Any, name: str, seen: set[Read]) -> None:
        self._spec, self._name, self._seen = spec, name, seen

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._spec, attr)
        self._seen.add((self._name, SPEC if callable(value) else f"{SPEC}.{attr}"))
        return value


class _Type:
    """A checked type; each attribute read is noted, a method call reads it whole."""

    __slots__ = ("_seen", "_type")

    def __init__(self, t: TypeDef, seen: set[Read]) -> None:
        self._type, self._seen = t, seen

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._type, attr)
        if attr == SPEC:
            return _Spec(value, self._type.qualified, self._seen)
        self._seen.add((self._type.qualified, WHOLE if callable(value) else attr))
        return value


class _Types(Mapping[str, TypeDef]):
    """The types by qualified name, each handed out as a `_Type` that notes what is read."""

    def __init__(self, types: Mapping[str, TypeDef], seen: set[Read]) -> None:
        self._types = types
        self._seen = seen
        self._views: dict[str, TypeDef] = {}

    def __getitem__(self, name: str) -> TypeDef:
        self._seen.add((name, LOOKED_UP))
        view = self._views.get(name)
        if view is None:
            view = cast(TypeDef, _Type(self._types[name], self._seen))
            self._views[name] = view
        return view

    def __iter__(self) -> Iterator[str]:
        self._seen.add((ALL, LOOKED_UP))
        return iter(self._types)

    def __len__(self) -> int:
        self._seen.add((ALL, LOOKED_UP))
        return len(self._types)


def recording(schema: Schema) -> tuple[Schema, set[Read]]:
    """The same schema, and the set that fills with what is read through it."""
    seen: set[Read] = set()
    return Schema(_Types(schema.types, seen), schema.base_url), seen
