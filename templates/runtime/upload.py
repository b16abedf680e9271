"""Large files over an upload session: ranged PUTs to a pre-authenticated URL, resumed from
what the service still expects after a failure."""

from __future__ import annotations

import io
from collections.abc import Callable, Generator
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar

import msgspec

from .calls import PreparedCall
from .errors import GraphError
from .http import answer
from .settings import Settings
from .steps import Done, Step, Steps

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
UNIT = 320 * 1024  # every chunk but the last is a multiple of 320 KiB
DEFAULT_CHUNK = 32 * UNIT  # 10 MiB
MAX_CHUNK = 192 * UNIT  # 60 MiB, the most one request may carry


class UploadSession(msgspec.Struct, rename="camel"):
    """What `createUploadSession` answers: where to PUT the bytes, and until when."""

    upload_url: str
    expiration_date_time: str | None = None
    next_expected_ranges: list[str] = []


class HasUploadUrl(Protocol):
    """An upload session, as the runtime or a generated model holds it."""

    @property
    def upload_url(self) -> str: ...


def checked_chunk_size(size: int) -> int:
    """A chunk size the service takes: a positive multiple of 320 KiB, at most 60 MiB."""
    if size <= 0 or size % UNIT or size > MAX_CHUNK:
        message = f"chunk_size must be a multiple of {UNIT} bytes (320 KiB), at most"
        raise ValueError(f"{message} {MAX_CHUNK} (60 MiB); got {size}")
    return size


def reads_session(response: httpx.Response) -> UploadSession:
    """The answer of createUploadSession."""
    try:
        return msgspec.json.decode(response.content, type=UploadSession)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        message = f"not an upload session: {error}"
        raise GraphError(
            response.status_code, "InvalidResponse", message, None
        ) from None


def create_and_upload(
    settings: Settings,
    create: str,
    data: bytes | IO[bytes],
    chunk_size: int,
    decode: Callable[[httpx.Response], T],
    conflict_behavior: str | None = None,
) -> Steps[T]:
    """POST `createUploadSession` (a path under the base URL), then upload to its URL."""
    _source(data)  # refused before a session is made for it
    item = {"@microsoft.graph.conflictBehavior": conflict_behavior}
    body = msgspec.json.encode({"item": item} if conflict_behavior else {})
    call = PreparedCall("POST", create, (200,), reads_session, body=body)
    session = reads_session((yield from answer(settings, call)))
    yield from upload(settings, session.upload_url, data, chunk_size, decode)


def upload(
    settings: Settings,
    url: str,
    data: bytes | IO[bytes],
    chunk_size: int,
    decode: Callable[[httpx.Response], T],
) -> Steps[T]:
    """PUT the bytes range after range; after a failed range, ask the session which ranges
    it still expects and go on from there (at most `max_retries` failures in a row)."""
    source, size = _source(data)
    offset, failures = 0, 0
    while True:
        try:
            response = yield from _put(settings, url, source, offset, size, chunk_size)
        except Exception as error:
            failures += 1
            if failures > settings.max_retries or not _resumable(error):
                raise
            yield min(0.25 * 2 ** (failures - 1), 8.0)
            offset = yield from _resume_at(settings, url)
            continue
        if response.status_code in (200, 201):
            yield Done(decode(response))
            return
        failures, offset = 0, _next_start(_ranges(response))


def _put(
    settings: Settings,
    url: str,
    source: IO[bytes],
    offset: int,
    size: int,
    chunk_size: int,
) -> Generator[Step, Any, httpx.Response]:
    source.seek(offset)
    chunk = source.read(min(chunk_size, size - offset))
    content_range = f"bytes {offset}-{offset + len(chunk) - 1}/{size}"
    call = PreparedCall(
        "PUT",
        url,
        (200, 201, 202),
        _response,
        headers={"Content-Range": content_range},
        body=chunk,
        content_type="application/octet-stream",
        any_host=True,
        preauthenticated=True,
    )
    return (yield from answer(settings, call))


def _resume_at(settings: Settings, url: str) -> Generator[Step, Any, int]:
    """Where to go on: the start of the first range the session still expects."""
    call = PreparedCall(
        "GET", url, (200,), _response, any_host=True, preauthenticated=True
    )
    response = yield from answer(settings, call)
    return _next_start(_ranges(response))


def _ranges(response: httpx.Response) -> list[str]:
    """`nextExpectedRanges` of an answer: `["26-"]`, `["0-9", "20-"]`."""
    ranges = msgspec.json.decode(response.content or b"{}").get("nextExpectedRanges")
    if not isinstance(ranges, list) or not ranges:
        message = (
            "the upload session expects no more ranges but did not answer the item"
        )
        raise GraphError(response.status_code, "InvalidResponse", message, None)
    return [str(r) for r in ranges]


def _next_start(ranges: list[str]) -> int:
    start = ranges[0].partition("-")[0]
    if not start.isdigit():
        raise GraphError(0, "InvalidResponse", f"not a byte range: {ranges[0]!r}", None)
    return int(start)


def _resumable(error: Exception) -> bool:
    """A lost connection or a failure of the service; not a session that is gone (404),
    nor a request the service refuses."""
    if isinstance(error, GraphError):
        return error.status_code >= 500 or error.status_code in (408, 416, 429)
    import httpx

    return isinstance(error, httpx.TransportError)


def _source(data: bytes | IO[bytes]) -> tuple[IO[bytes], int]:
    """The file and its size; the whole file is sent, from its first byte."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    seekable = getattr(source, "seekable", None)
    if not callable(seekable) or not seekable():
        raise ValueError("an upload session needs bytes or a seekable binary file")
    size = source.seek(0, io.SEEK_END)
    if size == 0:
        raise ValueError("an empty file has no upload session: use content.put")
    return source, size


def _response(response: httpx.Response) -> httpx.Response:
    return response
