"""What the service sent for a model, kept as it came until a write needs its wire form:
a PATCH then sends only what changed, a PUT leaves out what the server sets."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar, NamedTuple, Protocol, Self, TypeVar

import msgspec

from .validation import rules_of

_SENT = "_sent"


class _Received(Protocol):
    """A model, as far as what the service sent for it is concerned."""

    _graph_type: ClassVar[str]

    @classmethod
    def from_json(cls, data: bytes | str) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


R = TypeVar("R", bound=msgspec.Struct)


class _Source(NamedTuple):
    """What the service sent, kept as it came until a write needs its wire form: how to
    decode it again, and where the model is in what that returns."""

    decode: Callable[[], Any]
    path: tuple[str | int, ...]


def _restore(cls: type[R], fields: dict[str, Any]) -> R:
    """A model again from its fields, for pickle and deepcopy."""
    return cls(**fields)


def _reader(model: _Received, sent: bytes | Callable[[], Any]) -> Callable[[], Any]:
    return partial(type(model).from_json, sent) if isinstance(sent, bytes) else sent


def _sent(model: _Received) -> dict[str, Any] | None:
    """The wire form the service sent, decoded again the first time it is asked for."""
    sent = model.__dict__.get(_SENT)
    if isinstance(sent, bytes):
        sent = model.__dict__[_SENT] = type(model).from_json(sent).to_dict()
    elif isinstance(sent, _Source):
        found = sent.decode()
        for step in sent.path:
            found = found[step] if isinstance(step, int) else getattr(found, step)
        sent = model.__dict__[_SENT] = found.to_dict()
    return sent


def _changes(model: _Received, mode: str, data: dict[str, Any]) -> dict[str, Any]:
    """What a write sends: a PATCH of a model the service sent holds only the properties
    that changed; a PUT leaves out only read-only properties and annotations not changed.
    """
    sent = _sent(model)
    if sent is None or mode == "create":
        return data
    changed = {k: v for k, v in data.items() if k not in sent or sent[k] != v}
    if mode == "update":
        return changed
    fixed = rules_of(model._graph_type).read_only
    return {
        k: v
        for k, v in data.items()
        if k in changed or not (k in fixed or k.startswith("@"))
    }
