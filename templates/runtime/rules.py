"""What validation checks of a type, read once from its generated class: the Graph type of
each property from its annotation, the rest from what the class declares beside it."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

import msgspec
from msgspec import UnsetType

from . import registry
from .enums import Flags, kind
from .navigation import class_name, is_navigation
from .types import GRAPH_TYPES

_ABSENT = (UnsetType, NoneType)  # what a hint allows beside the value: unset, and null


class Rules(msgspec.Struct, frozen=True):
    """What validation knows of one type: its wire names and their OData types."""

    name: str
    base: str | None = None
    fields: Mapping[str, str] = msgspec.field(default_factory=dict)
    read_only: frozenset[str] = frozenset()
    not_null: frozenset[str] = frozenset()
    members: tuple[str, ...] = ()
    abstract: bool = False
    open_type: bool = False
    flags: bool = False  # an enum whose values are sets of members: "a,b"
    open: bool = False  # an enum the service takes any string of, in requests too
    # Its values can hold enum members the service sends only when asked (Prefer).
    prefer_unknown_members: bool = False


def derive(name: str, cls: type) -> Rules:
    """The rules of a generated model or enum class, its inherited properties included.

    A model says in its class only what its annotations cannot: `_read_only` attributes,
    `_graph_types` where a hint fits several Graph types (`bytes`: Binary or Stream),
    `_abstract`, `_open_type` and `_prefer_unknown_members`; the rest is read from the hints.
    """
    if issubclass(cls, StrEnum):
        flags, is_open = kind(cls)
        members = tuple(m.value for m in cls)
        return Rules(name, members=members, flags=flags, open=is_open)
    if not issubclass(cls, msgspec.Struct):
        raise TypeError(f"{cls.__qualname__} is no model and no enum")
    stated: dict[str, str] = {}
    read_only: set[str] = set()
    for owner in reversed(cls.__mro__):
        stated.update(owner.__dict__.get("_graph_types", {}))
        read_only.update(owner.__dict__.get("_read_only", ()))
    declared = msgspec.structs.fields(cls)
    fields, not_null = {}, set()
    for f in declared:
        if f.encode_name.startswith("@"):  # `@odata.type` and the like: no property
            continue
        fields[f.encode_name] = stated.get(f.name) or _graph_type(f.type, cls, f.name)
        if NoneType not in _options(f.type):
            not_null.add(f.encode_name)
    wire = {f.name: f.encode_name for f in declared}
    return Rules(
        name,
        base=next(
            (c.__dict__["_graph_type"] for c in cls.__mro__[1:] if _declares(c)), None
        ),
        fields=fields,
        read_only=frozenset(wire[attr] for attr in read_only),
        not_null=frozenset(not_null),
        abstract=cls.__dict__.get("_abstract", False),
        open_type=any(c.__dict__.get("_open_type", False) for c in cls.__mro__),
        prefer_unknown_members=cls.__dict__.get("_prefer_unknown_members", False),
    )


def _declares(cls: type) -> bool:
    return isinstance(cls.__dict__.get("_graph_type"), str)


def _options(hint: Any) -> tuple[Any, ...]:
    """The types a hint allows: each one of a union, or the hint itself."""
    return get_args(hint) if get_origin(hint) in (Union, UnionType) else (hint,)


def _graph_type(hint: Any, cls: type, attr: str) -> str:
    """The Graph type a property's hint says: `Int32`, `Collection(microsoft.graph.x)`."""
    values = [h for h in _options(hint) if h not in _ABSENT]
    value = values[0] if len(values) == 1 else None
    if get_origin(value) is list:
        return f"Collection({_graph_type(get_args(value)[0], cls, attr)})"
    if get_origin(value) is Flags:
        value = get_args(value)[0]
    found = GRAPH_TYPES.get(value) if value is not None else None
    if found is not None:
        return found
    if is_navigation(value):  # named, so that the model it leads to stays unimported
        found = registry.type_named(class_name(value))
    elif isinstance(value, type) and _declares(value):
        found = value.__dict__["_graph_type"]
    elif isinstance(value, type) and issubclass(value, StrEnum):
        found = registry.type_named(value.__name__, value.__module__)
    if found is None:  # a class the generator did not write, or a hint it never writes
        message = f"{cls.__qualname__}.{attr}: no Graph type reads from {hint!r}"
        raise TypeError(f"{message}; name it in `_graph_types`")
    return found
