"""A builder method's call, captured instead of sent: for batches and for raw answers.

Every generated builder method builds a PreparedCall and hands it to its session; run with a
session that hands the call back, the method prepares without sending. An async method's
coroutine stops at that point too, before it awaits anything: no event loop is needed.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Coroutine
from typing import Any, NoReturn, TypeVar

from .calls import PreparedCall

T = TypeVar("T")


class _Captured(Exception):
    """Carries the call out of the builder method, which then never sends it; None when
    the method asked for something else than sending one call (pages, a stream)."""

    def __init__(self, call: PreparedCall[Any] | None) -> None:
        super().__init__("captured")
        self.call = call


class _Capturing:
    """A session that sends nothing: `send` hands the call back to `prepare`."""

    def send(self, call: PreparedCall[Any]) -> NoReturn:
        raise _Captured(call)

    def __getattr__(self, name: str) -> Callable[..., NoReturn]:
        def refuse(*args: object, **kwargs: object) -> NoReturn:
            raise _Captured(None)

        return refuse


def capture(method: Callable[..., Any], args: Any, kwargs: Any) -> PreparedCall[Any]:
    """The call a bound builder method would send, built by a copy of its builder."""
    builder = getattr(method, "__self__", None)
    function = getattr(method, "__func__", None)
    if builder is None or function is None or not hasattr(builder, "_session"):
        raise TypeError(f"{method!r} is not a method of a request builder")
    twin = copy.copy(builder)
    object.__setattr__(twin, "_session", _Capturing())
    try:
        result = function(twin, *args, **kwargs)
        if isinstance(result, Coroutine):
            _step(result)
    except _Captured as captured:
        if captured.call is not None:
            return captured.call
    raise TypeError(
        f"{function.__qualname__} does not send one request: it cannot be prepared"
    )


def _step(coroutine: Coroutine[Any, Any, Any]) -> None:
    """Run an async builder method up to its first await, where the call is captured."""
    try:
        coroutine.send(None)
    except StopIteration:
        return
    finally:
        coroutine.close()
