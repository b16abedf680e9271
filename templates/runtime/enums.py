"""Enums as Graph evolves them: a value the spec lacks decodes and goes back as it came.

Graph adds enum members over time. msgspec decodes a known member natively and asks the enum's
`_missing_` about any other string: a GraphEnum answers with an UnknownMember, a `str` that is
no member, so decoding never fails on a new member and mypy sees the difference, since a model
attribute of an enum is typed `EnumValue[BodyType]`: a `BodyType` member or an UnknownMember.
A flags enum's value is a `Flags` set, written in the service's comma-separated form.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from enum import EnumType, StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, get_args, get_origin

# The sentinel of an evolvable enum; members after it are sent only to a client that asks.
UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
INCLUDE_UNKNOWN_MEMBERS = "include-unknown-enum-members"
# Each enum class: whether it is a flags enum, and open (kept beside it: an enum class's
# attributes are its members).
_KINDS: dict[type, tuple[bool, bool]] = {}
E = TypeVar("E", bound=StrEnum)


class UnknownMember(str):
    """A value the service sent that the enum's spec lacks: equal to its wire string, and sent
    back unchanged."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"UnknownMember({str.__repr__(self)})"


class _GraphEnumType(EnumType):
    """`BodyType("x")` refuses a value the enum lacks with the ValueError any enum raises:
    only decoding, which asks `_missing_` itself, keeps it."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not cls._member_map_:
            return super().__call__(value, *args, **kwargs)
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            message = f"{value!r} is not a valid {cls.__qualname__}"
            raise ValueError(message) from None


class GraphEnum(StrEnum, metaclass=_GraphEnumType):
    """A Graph enum: its members are the spec's; decoding any other string keeps it."""

    def __init_subclass__(cls, *, flags: bool = False, open: bool = False) -> None:
        """`flags=True`: a value is a set of members ("a,b"); `open=True`: the service takes
        any string, in requests too."""
        super().__init_subclass__()
        _KINDS[cls] = (flags, open)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        """msgspec asks this for a string that is no member: it is kept as an UnknownMember."""
        return UnknownMember(value) if isinstance(value, str) else None


if TYPE_CHECKING:
    from typing import TypeAlias

    EnumValue: TypeAlias = E | UnknownMember
else:

    class EnumValue:
        """At run time `EnumValue[BodyType]` is `BodyType` itself: msgspec decodes its members
        natively and its `_missing_` keeps the rest."""

        def __class_getitem__(cls, enum: type) -> type:
            return enum


class Flags(AbstractSet[E | UnknownMember], Generic[E]):
    """A flags enum's value: a set of members (unknown ones too), kept in the order the service
    wrote them and sent as `"a,b"`; it compares equal to any set of the same members."""

    __slots__ = ("_members",)

    def __init__(self, members: Iterable[E | UnknownMember] = ()) -> None:
        self._members = tuple(dict.fromkeys(members))

    def __contains__(self, value: object) -> bool:
        return value in self._members

    def __iter__(self) -> Iterator[E | UnknownMember]:
        return iter(self._members)

    def __len__(self) -> int:
        return len(self._members)

    def __hash__(self) -> int:
        return self._hash()

    def __repr__(self) -> str:
        return f"Flags({list(self._members)!r})"

    def __str__(self) -> str:
        """The wire form: the members, comma-separated."""
        return ",".join(self._members)

    # Set operations give Flags, typed so: `item.actions = item.actions | {Actions.PIN}`.
    def __or__(self, other: AbstractSet[Any]) -> Flags[E]:
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return Flags([*self, *other])

    def __and__(self, other: AbstractSet[Any]) -> Flags[E]:
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return Flags([m for m in self if m in other])

    def __sub__(self, other: AbstractSet[Any]) -> Flags[E]:
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return Flags([m for m in self if m not in other])

    def __xor__(self, other: AbstractSet[Any]) -> Flags[E]:
        if not isinstance(other, AbstractSet):
            return NotImplemented
        return (self - other) | Flags([m for m in other if m not in self])


def kind(enum: type) -> tuple[bool, bool]:
    """Whether an enum class is a flags enum, and whether it is open."""
    return _KINDS.get(enum, (False, False))


def named(value: str, flags: bool) -> list[str]:
    """The members a wire value names: itself, or a flags value's parts (`""` names none),
    read as OData's own services write them too: `"a, b"` names `a` and `b`."""
    if not flags:
        return [value]
    return [name for name in (part.strip() for part in value.split(",")) if name]


def unsent(
    members: tuple[str, ...], flags: bool, value: str, sent: object
) -> str | None:
    """The first name in a value to send that is no member and was not sent by the service
    in that place (`sent`: the value there, or the values of the collection it is in), or
    None: a value the service sent goes back unchanged."""
    values = sent if isinstance(sent, list) else [sent]
    kept = {n for v in values if isinstance(v, str) for n in named(v, flags)}
    return next(
        (n for n in named(value, flags) if n not in members and n not in kept), None
    )


def members(enum: type[E], value: str) -> Flags[E]:
    """A flags value from its wire form: each name a member, or kept as an UnknownMember."""
    known = cast("dict[str, E]", enum._value2member_map_)
    return Flags(
        [known.get(name) or UnknownMember(name) for name in named(value, True)]
    )


def encode_hook(value: Any) -> Any:
    """What msgspec does not encode by itself: an unknown member or a flags value, as text."""
    if isinstance(value, UnknownMember | Flags):
        return str(value)
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


def decode_hook(kind: Any, value: Any) -> Any:
    """A flags value from the wire: `"a,b"` to the members it names (or unknown ones)."""
    enum = _flags_enum(kind)
    if enum is not None and isinstance(value, str):
        return members(enum, value)
    raise ValueError(f"expected {kind!r}, got {type(value).__name__}")


@cache
def _flags_enum(kind: Any) -> type[StrEnum] | None:
    """The enum of `Flags[E]`, found once per type: decoding asks for every flags value."""
    return get_args(kind)[0] if get_origin(kind) is Flags else None
