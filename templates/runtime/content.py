"""A media stream of an entity (`/content`, `/$value`): download whole or in chunks, upload
in one PUT or, for large files, over an upload session.

A generated resource with streams combines these in a small class of its own, naming what a
PUT answers with (`_returns`): `class DriveItemContentRequestBuilder(ContentReader,
ContentWriter[DriveItem])`.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from .builders import RequestBuilder
from .calls import PreparedCall, preferring, reads_model
from .http import AsyncRequestAdapter, RequestAdapter
from .model import Model
from .upload import DEFAULT_CHUNK, checked_chunk_size, create_and_upload

if TYPE_CHECKING:
    import httpx

R = TypeVar("R")
CHUNK = 64 * 1024  # bytes a stream yields at a time, by default


def reads_bytes(response: httpx.Response) -> bytes:
    """A stream's bytes, whatever their media type."""
    return response.content


class _Content(RequestBuilder[Any]):
    _returns: ClassVar[type[Model] | None] = None  # what a PUT answers with

    def _download(self) -> PreparedCall[bytes]:
        return PreparedCall("GET", self._path, (200,), reads_bytes, accept="*/*")

    def _upload(self, data: Any) -> PreparedCall[Any]:
        if self._returns is None:
            decode: Any = _reads_none
            expected: tuple[int, ...] = (200, 201, 204)
        else:
            decode, expected = reads_model(self._returns), (200, 201)
        headers = {} if self._returns is None else preferring(self._returns, None)
        return PreparedCall(
            "PUT",
            self._path,
            expected,
            decode,
            headers=headers,
            body=data,
            content_type="application/octet-stream",
        )

    def _session_steps(
        self, data: bytes | IO[bytes], chunk_size: int, conflict_behavior: str | None
    ) -> Any:
        if self._returns is None:
            raise TypeError(f"{type(self).__name__} uploads no item to return")
        parent = self._path.rsplit("/", 1)[0]
        return create_and_upload(
            self._session.settings,
            f"{parent}/createUploadSession",
            data,
            checked_chunk_size(chunk_size),
            reads_model(self._returns),
            conflict_behavior,
        )


class ContentReader(_Content):
    """GET of the stream: `get()` for its bytes, `stream()` for chunks as they arrive.

    A redirect to a pre-authenticated download URL is followed without the token."""

    _session: RequestAdapter

    def get(self) -> bytes:
        """The whole stream, in memory."""
        return self._session.send(self._download())

    def stream(self, chunk_size: int = CHUNK) -> Iterator[bytes]:
        """The stream in chunks, never whole in memory; the request is sent on the first
        chunk asked for."""
        return self._session.stream(self._download(), chunk_size)


class ContentWriter(_Content, Generic[R]):
    """PUT of the stream: bytes, a binary file or an iterator of chunks, in one request."""

    _session: RequestAdapter

    def put(self, data: bytes | IO[bytes] | Iterable[bytes]) -> R:
        """Replace the stream; returns the entity the service answers with."""
        return cast(R, self._session.send(self._upload(data)))


class LargeFileUploader(_Content, Generic[R]):
    """A large file over an upload session: `createUploadSession`, then ranged PUTs."""

    _session: RequestAdapter

    def upload(
        self,
        data: bytes | IO[bytes],
        *,
        chunk_size: int = DEFAULT_CHUNK,
        conflict_behavior: str | None = None,
    ) -> R:
        """Upload bytes or a seekable binary file range by range (`chunk_size`, a multiple
        of 320 KiB), resuming after a failure; returns the item made.

        Args:
            conflict_behavior: `fail`, `replace` or `rename` when the name is taken.
        """
        steps = self._session_steps(data, chunk_size, conflict_behavior)
        return cast(R, self._session.perform(steps))


class AsyncContentReader(_Content):
    """GET of the stream: `await get()` for its bytes, `stream()` for chunks as they arrive.

    A redirect to a pre-authenticated download URL is followed without the token."""

    _session: AsyncRequestAdapter

    async def get(self) -> bytes:
        """The whole stream, in memory."""
        return await self._session.send(self._download())

    def stream(self, chunk_size: int = CHUNK) -> AsyncIterator[bytes]:
        """The stream in chunks (`async for`), never whole in memory."""
        return self._session.stream(self._download(), chunk_size)


class AsyncContentWriter(_Content, Generic[R]):
    """PUT of the stream: bytes, a binary file or chunks (sync or async), in one request."""

    _session: AsyncRequestAdapter

    async def put(
        self, data: bytes | IO[bytes] | Iterable[bytes] | AsyncIterable[bytes]
    ) -> R:
        """Replace the stream; returns the entity the service answers with."""
        return cast(R, await self._session.send(self._upload(data)))


class AsyncLargeFileUploader(_Content, Generic[R]):
    """A large file over an upload session: `createUploadSession`, then ranged PUTs."""

    _session: AsyncRequestAdapter

    async def upload(
        self,
        data: bytes | IO[bytes],
        *,
        chunk_size: int = DEFAULT_CHUNK,
        conflict_behavior: str | None = None,
    ) -> R:
        """Upload bytes or a seekable binary file range by range (`chunk_size`, a multiple
        of 320 KiB), resuming after a failure; returns the item made.

        Args:
            conflict_behavior: `fail`, `replace` or `rename` when the name is taken.
        """
        steps = self._session_steps(data, chunk_size, conflict_behavior)
        return cast(R, await self._session.perform(steps))


def _reads_none(response: httpx.Response) -> None:
    """A PUT the spec says answers with nothing worth reading."""
