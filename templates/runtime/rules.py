"""What validation checks of a type, read once from its generated class: the Graph type of
each property from its annotation, the rest from what the class declares beside it."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from enum import StrEnum
from functools import cache
from types import ModuleType, NoneType, UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

import msgspec
from msgspec import UnsetType

from . import registry
from .enums import Flags, kind
from .navigation import class_name, is_navigation
from .types import GRAPH_TYPES
from .wire import evaluated, written_hints

T = TypeVar("T")
_ABSENT = (UnsetType, NoneType)  # what a hint allows beside the value: unset, and null


class Rules(msgspec.Struct, frozen=True):
    """What validation knows of one type: its wire names and their OData types."""

    name: str
    base: str | None = None
    fields: Mapping[str, str] = msgspec.field(default_factory=dict)
    read_only: frozenset[str] = frozenset()
    not_null: AbstractSet[str] = frozenset()
    members: tuple[str, ...] = ()
    abstract: bool = False
    open_type: bool = False
    flags: bool = False  # an enum whose values are sets of members: "a,b"
    open: bool = False  # an enum the service takes any string of, in requests too
    # Its values can hold enum members the service sends only when asked (Prefer).
    prefer_unknown_members: bool = False


def derive(name: str, cls: type, *, lazily: bool = False) -> Rules:
    """The rules of a generated model or enum class, its inherited properties included.

    A model says in its class only what its annotations cannot: `_read_only` attributes,
    `_graph_types` where a hint fits several Graph types (`bytes`: Binary or Stream),
    `_abstract`, `_open_type` and `_prefer_unknown_members`; the rest is read from the hints.
    `lazily`, each hint is read when validation first needs it (a payload holds few of a
    type's properties); otherwise all of them now, so that a bad one raises TypeError here.
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
    wire = dict(zip(cls.__struct_fields__, cls.__struct_encode_fields__))
    hints = _Hints(cls, stated)
    attrs = {key: attr for attr, key in wire.items() if not key.startswith("@")}
    fields: Mapping[str, str] = _Fields(attrs, hints)
    not_null: AbstractSet[str] = _NotNull(attrs, hints)
    if not lazily:
        fields, not_null = dict(fields), frozenset(not_null)
    return Rules(
        name,
        base=next(
            (c.__dict__["_graph_type"] for c in cls.__mro__[1:] if _declares(c)), None
        ),
        fields=fields,
        read_only=frozenset(wire[attr] for attr in read_only),
        not_null=not_null,
        abstract=cls.__dict__.get("_abstract", False),
        open_type=any(c.__dict__.get("_open_type", False) for c in cls.__mro__),
        prefer_unknown_members=cls.__dict__.get("_prefer_unknown_members", False),
    )


class _Hints:
    """A model class's hints, each evaluated and read once, when first asked for."""

    def __init__(self, cls: type, stated: Mapping[str, str]) -> None:
        self._cls = cls
        self._stated = stated  # Graph types the class names (`_graph_types`)
        self._written = written_hints(cls)  # attribute -> (owner, hint)
        self._hints: dict[str, Any] = {}

    def hint(self, attr: str) -> Any:
        """The hint as msgspec reads it (Annotated kept): a string evaluated in its class's
        module, the modules it names seen through `_Names`, so no model is imported."""
        found = self._hints.get(attr)
        if found is None:
            owner, found = self._written[attr]
            found = self._hints[attr] = evaluated(owner, found, _namespace(owner))
        return found

    def graph_type(self, attr: str) -> str:
        return self._stated.get(attr) or _graph_type(self.hint(attr), self._cls, attr)

    def nullable(self, attr: str) -> bool:
        return NoneType in _options(self.hint(attr))


class _Fields(Mapping[str, str]):
    """Wire name -> Graph type, each read from its hint on first use."""

    def __init__(self, attrs: dict[str, str], hints: _Hints) -> None:
        self._attrs = attrs  # wire name -> attribute
        self._hints = hints
        self._read: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        found = self._read.get(key)
        if found is None:
            found = self._read[key] = self._hints.graph_type(self._attrs[key])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._attrs)

    def __len__(self) -> int:
        return len(self._attrs)


class _NotNull(AbstractSet[str]):
    """The wire names whose hint refuses null, each read from its hint on first use."""

    def __init__(self, attrs: dict[str, str], hints: _Hints) -> None:
        self._attrs = attrs
        self._hints = hints

    @classmethod
    def _from_iterable(cls, it: Iterable[T]) -> frozenset[T]:
        """What `|`, `&` and `-` make: a plain frozenset, as eager rules have."""
        return frozenset(it)

    def __contains__(self, key: object) -> bool:
        attr = self._attrs.get(key) if isinstance(key, str) else None
        return attr is not None and not self._hints.nullable(attr)

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._attrs if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Unloaded(type):
    """A class a hint names that its module has not loaded yet (a lazy models package's
    model or enum): validation needs only its Graph type, which the registry knows by name,
    so reading the rules of a type imports none of the types it holds."""

    _module: ModuleType
    _name: str

    def loaded(cls) -> Any:
        """The class itself, its module imported now."""
        return getattr(cls._module, cls._name)


class _Names:
    """A module as a hint sees it: what it has loaded, and a stand-in for the rest."""

    def __init__(self, module: ModuleType) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        found = self._module.__dict__.get(name)
        return _unloaded(self._module, name) if found is None else found


@cache
def _unloaded(module: ModuleType, name: str) -> _Unloaded:
    """One stand-in per class, made once: a class, so that a hint can write `X | None`."""
    return _Unloaded(name, (), {"_module": module, "_name": name})


def _namespace(owner: type) -> dict[str, Any]:
    """The globals a class's string hints are evaluated in."""
    module = sys.modules[owner.__module__].__dict__
    return {k: _Names(v) if isinstance(v, ModuleType) else v for k, v in module.items()}


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
    if isinstance(value, _Unloaded):  # named by class: unimported if the table knows it
        found = registry.type_named(value._name, package=value._module.__name__)
        if found is None:
            return _graph_type(value.loaded(), cls, attr)
    elif is_navigation(value):  # named, so that the model it leads to stays unimported
        found = registry.type_named(class_name(value))
    elif isinstance(value, type) and _declares(value):
        found = value.__dict__["_graph_type"]
    elif isinstance(value, type) and issubclass(value, StrEnum):
        found = registry.type_named(value.__name__, value.__module__)
    if found is None:  # a class the generator did not write, or a hint it never writes
        message = f"{cls.__qualname__}.{attr}: no Graph type reads from {hint!r}"
        raise TypeError(f"{message}; name it in `_graph_types`")
    return found
