"""A navigation property's type: its model is imported when a payload first holds one.

A payload holds a navigation property only when the request asked for it (`$expand`), so a
model's decoder does not compile the models its navigation properties lead to: msgspec hands a
value typed `Navigation["_models.Drive"]` to the model's `decode_hook`, which decodes it as the
model that name resolves to, then. Type checkers read `Navigation[X]` as `X` itself.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from . import registry

T = TypeVar("T")


class _Target(type):
    """The class of a navigation marker: its instances are those of the model it names."""

    _name: str  # "_models.Drive", as the hint says it
    _model: type | None  # the class, once resolved

    def __instancecheck__(cls, value: Any) -> bool:
        found = target(cls)
        return isinstance(value, found) if found else type.__instancecheck__(cls, value)


class _Navigation(metaclass=_Target):
    """`Navigation["_models.Drive"]`: the model named by class, resolved on first use."""

    _name = ""
    _model: type | None = None

    def __class_getitem__(cls, name: str) -> type:
        return _marker(name)


if TYPE_CHECKING:
    from typing import TypeAlias

    Navigation: TypeAlias = Annotated[T, "navigation"]
else:
    Navigation = _Navigation


@cache
def _marker(name: str) -> _Target:
    """One marker class per target name, so msgspec compiles each once."""
    return _Target(f"Navigation[{name}]", (_Navigation,), {"_name": name})


def is_navigation(kind: Any) -> bool:
    """Whether a type is a navigation marker (the model it names stays unimported)."""
    return isinstance(kind, _Target) and bool(kind._name)


def class_name(kind: Any) -> str:
    """The class a navigation marker names (`Drive`), not imported."""
    return str(kind._name).rpartition(".")[2]


def target(kind: Any) -> Any:
    """The model a navigation marker names, its module imported now; None for other types."""
    if not is_navigation(kind):
        return None
    found = kind._model
    if found is None:
        name = kind._name.rpartition(".")[2]
        found = kind._model = registry.model_named(name)
        if found is None:
            raise TypeError(f"no model class named {name!r}")
    return found
