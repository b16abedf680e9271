"""What a client does beyond navigation: prepare a call without sending it, send it with
headers and a timeout of its own for the raw answer, batch calls, wait for a long-running
operation, upload a large file to an upload session."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import IO, Any, Generic, ParamSpec, TypeVar, overload

from .batch import DependsOn, batch
from .calls import PreparedCall, reads_model
from .errors import GraphError
from .http import AsyncRequestAdapter, RequestAdapter
from .longrunning import Accepted, OperationStatus, poll
from .model import Model
from .prepare import capture
from .steps import CallOptions, Response, Steps
from .upload import DEFAULT_CHUNK, HasUploadUrl, checked_chunk_size, upload

P = ParamSpec("P")
T = TypeVar("T")
M = TypeVar("M", bound=Model)
A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")
S = TypeVar("S", RequestAdapter, AsyncRequestAdapter)
WAIT = 600.0  # seconds a long-running operation is waited for, by default


class _Shared(Generic[S]):
    _session: S

    def _options(
        self, headers: Mapping[str, str] | None, timeout: float | None
    ) -> CallOptions:
        return CallOptions(dict(headers or {}), timeout)

    def _batch(
        self, calls: Sequence[PreparedCall[Any]], depends_on: DependsOn | None
    ) -> Steps[list[Any]]:
        return batch(self._session.settings, list(calls), depends_on or {})

    def _upload(
        self,
        session: HasUploadUrl | str,
        data: bytes | IO[bytes],
        returns: type[M],
        chunk_size: int,
    ) -> Steps[M]:
        url = session if isinstance(session, str) else session.upload_url
        size = checked_chunk_size(chunk_size)
        return upload(self._session.settings, url, data, size, reads_model(returns))


class Transport(_Shared[RequestAdapter]):
    """The blocking client's calls beyond navigation."""

    _session: RequestAdapter

    def prepare(
        self, method: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs
    ) -> PreparedCall[T]:
        """The call a builder method makes, not sent: `client.prepare(items.get, top=5)`."""
        return capture(method, args, kwargs)

    def send(
        self,
        call: PreparedCall[T],
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> Response[T]:
        """Send a prepared call with extra headers and a timeout (seconds) of its own; the
        answer's status and headers come with the typed value."""
        return self._session.respond(call, self._options(headers, timeout))

    @overload
    def batch(
        self, calls: tuple[PreparedCall[A]], *, depends_on: DependsOn | None = None
    ) -> tuple[A | GraphError]: ...

    @overload
    def batch(
        self,
        calls: tuple[PreparedCall[A], PreparedCall[B]],
        *,
        depends_on: DependsOn | None = None,
    ) -> tuple[A | GraphError, B | GraphError]: ...

    @overload
    def batch(
        self,
        calls: tuple[PreparedCall[A], PreparedCall[B], PreparedCall[C]],
        *,
        depends_on: DependsOn | None = None,
    ) -> tuple[A | GraphError, B | GraphError, C | GraphError]: ...

    @overload
    def batch(
        self, calls: list[PreparedCall[T]], *, depends_on: DependsOn | None = None
    ) -> list[T | GraphError]: ...

    def batch(
        self,
        calls: Sequence[PreparedCall[Any]],
        *,
        depends_on: DependsOn | None = None,
    ) -> Sequence[Any]:
        """Send prepared calls in `$batch` requests of at most 20; each call's result, or
        the GraphError it met, in order. `depends_on={1: [0]}`: call 1 runs after call 0.
        """
        results = self._session.perform(self._batch(calls, depends_on))
        return tuple(results) if isinstance(calls, tuple) else results

    def wait(self, accepted: Accepted, *, timeout: float = WAIT) -> OperationStatus:
        """Poll a long-running operation's monitor URL until it ends, as `Retry-After`
        says; raises GraphError if it failed, TimeoutError after `timeout` seconds."""
        return self._session.perform(poll(self._session.settings, accepted, timeout))

    def upload(
        self,
        session: HasUploadUrl | str,
        data: bytes | IO[bytes],
        *,
        returns: type[M],
        chunk_size: int = DEFAULT_CHUNK,
    ) -> M:
        """Upload a large file to an upload session (its URL gets no token), range after
        range of `chunk_size` bytes (a multiple of 320 KiB); returns the item made."""
        steps = self._upload(session, data, returns, chunk_size)
        return self._session.perform(steps)


class AsyncTransport(_Shared[AsyncRequestAdapter]):
    """The asyncio client's calls beyond navigation."""

    _session: AsyncRequestAdapter

    def prepare(
        self,
        method: Callable[P, Coroutine[Any, Any, T]],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> PreparedCall[T]:
        """The call a builder method makes, not sent: `client.prepare(items.get, top=5)`."""
        return capture(method, args, kwargs)

    async def send(
        self,
        call: PreparedCall[T],
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> Response[T]:
        """Send a prepared call with extra headers and a timeout (seconds) of its own; the
        answer's status and headers come with the typed value."""
        return await self._session.respond(call, self._options(headers, timeout))

    @overload
    async def batch(
        self, calls: tuple[PreparedCall[A]], *, depends_on: DependsOn | None = None
    ) -> tuple[A | GraphError]: ...

    @overload
    async def batch(
        self,
        calls: tuple[PreparedCall[A], PreparedCall[B]],
        *,
        depends_on: DependsOn | None = None,
    ) -> tuple[A | GraphError, B | GraphError]: ...

    @overload
    async def batch(
        self,
        calls: tuple[PreparedCall[A], PreparedCall[B], PreparedCall[C]],
        *,
        depends_on: DependsOn | None = None,
    ) -> tuple[A | GraphError, B | GraphError, C | GraphError]: ...

    @overload
    async def batch(
        self, calls: list[PreparedCall[T]], *, depends_on: DependsOn | None = None
    ) -> list[T | GraphError]: ...

    async def batch(
        self,
        calls: Sequence[PreparedCall[Any]],
        *,
        depends_on: DependsOn | None = None,
    ) -> Sequence[Any]:
        """Send prepared calls in `$batch` requests of at most 20; each call's result, or
        the GraphError it met, in order. `depends_on={1: [0]}`: call 1 runs after call 0.
        """
        results = await self._session.perform(self._batch(calls, depends_on))
        return tuple(results) if isinstance(calls, tuple) else results

    async def wait(
        self, accepted: Accepted, *, timeout: float = WAIT
    ) -> OperationStatus:
        """Poll a long-running operation's monitor URL until it ends, as `Retry-After`
        says; raises GraphError if it failed, TimeoutError after `timeout` seconds."""
        steps = poll(self._session.settings, accepted, timeout)
        return await self._session.perform(steps)

    async def upload(
        self,
        session: HasUploadUrl | str,
        data: bytes | IO[bytes],
        *,
        returns: type[M],
        chunk_size: int = DEFAULT_CHUNK,
    ) -> M:
        """Upload a large file to an upload session (its URL gets no token), range after
        range of `chunk_size` bytes (a multiple of 320 KiB); returns the item made."""
        steps = self._upload(session, data, returns, chunk_size)
        return await self._session.perform(steps)
