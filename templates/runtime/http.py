"""Sending one Graph request: auth, headers, redirects, retries on throttling and error
mapping, as steps that do no I/O; a blocking and an asyncio driver perform them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Generator, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urljoin, urlsplit

from .calls import Page, PreparedCall, following
from .errors import GraphError
from .settings import (
    DEFAULT_BASE_URL,
    AsyncTokenCredential,
    Credential,
    Settings,
    TokenCredential,
)
from .steps import (
    NO_OPTIONS,
    AccessToken,
    CallOptions,
    Done,
    Read,
    Response,
    Send,
    Step,
    Steps,
)

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_BASE_URL",
    "AccessToken",
    "AsyncRequestAdapter",
    "AsyncTokenCredential",
    "Credential",
    "Done",
    "RequestAdapter",
    "Send",
    "Settings",
    "Step",
    "Steps",
    "TokenCredential",
    "exchange",
]

H = TypeVar("H")
T = TypeVar("T")
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 10


def answer(
    settings: Settings, call: PreparedCall[Any], options: CallOptions = NO_OPTIONS
) -> Generator[Step, Any, httpx.Response]:
    """The steps to the answer of the call's success status: a token (for the base URL's
    host only), the request, redirects of a GET (a download URL on another host gets no
    token), and a wait and a retry when throttled. Any other answer raises GraphError.
    """
    url = settings.url(call.path, call.any_host)
    waited, attempt, redirects = 0.0, 0, 0
    while True:
        trusted = settings.trusts(url) and not call.preauthenticated
        token = (yield from settings.token()) if trusted else None
        response: httpx.Response = yield settings.request(call, url, token, options)
        if response.status_code in call.expected:
            return response
        if call.stream:
            yield Read(response)
        location = _redirect(call, response)
        if location is not None and redirects < MAX_REDIRECTS:
            # The new URL is whole: the query options were the first request's.
            url, redirects, call = location, redirects + 1, replace(call, params=())
            continue
        delay = settings.retry_delay(call, response, attempt, waited)
        if delay is None:
            raise GraphError.from_response(response)
        yield delay
        waited, attempt = waited + delay, attempt + 1


def exchange(
    settings: Settings, call: PreparedCall[T], options: CallOptions = NO_OPTIONS
) -> Steps[T]:
    """One call as steps, ending with its decoded answer."""
    response = yield from answer(settings, call, options)
    yield Done(call.decode(response))


def exchange_raw(
    settings: Settings, call: PreparedCall[T], options: CallOptions = NO_OPTIONS
) -> Steps[Response[T]]:
    """One call as steps, ending with its decoded answer, status and headers."""
    response = yield from answer(settings, call, options)
    value = call.decode(response)
    url = str(response.url)
    yield Done(Response(response.status_code, response.headers, value, url))


def _redirect(call: PreparedCall[Any], response: httpx.Response) -> str | None:
    """Where a GET is sent on: an absolute http(s) URL, or None when it is not redirected."""
    location = response.headers.get("Location")
    if call.method != "GET" or response.status_code not in REDIRECTS or not location:
        return None
    target = urljoin(str(response.url), location)
    return target if urlsplit(target).scheme in ("https", "http") else None


def run(steps: Steps[T], http: httpx.Client) -> T:
    """The blocking driver: httpx.Client sends, time.sleep waits; a transport error is
    thrown into the steps, which may recover (an upload resumes) or let it through."""
    step = next(steps)
    while not isinstance(step, Done):
        try:
            reply = _blocking(step, http)
        except Exception as error:  # noqa: BLE001 - the steps decide, or re-raise it
            step = steps.throw(error)
        else:
            step = steps.send(reply)
    return step.value


async def arun(steps: Steps[T], http: httpx.AsyncClient) -> T:
    """The asyncio driver: httpx.AsyncClient sends, asyncio.sleep waits."""
    step = next(steps)
    while not isinstance(step, Done):
        try:
            reply = await _awaited(step, http)
        except Exception as error:  # noqa: BLE001 - the steps decide, or re-raise it
            step = steps.throw(error)
        else:
            step = steps.send(reply)
    return step.value


def _blocking(step: Step, http: httpx.Client) -> Any:
    if isinstance(step, Send):
        if step.stream:
            request = http.build_request(step.method, step.url, **step.options)
            return http.send(request, stream=True)
        return http.request(step.method, step.url, **step.options)
    if isinstance(step, Read):
        step.response.read()
        return step.response.close()
    if isinstance(step, float):
        return time.sleep(step)
    _close(step)
    raise TypeError("an asyncio credential needs AsyncGraphClient")


async def _awaited(step: Step, http: httpx.AsyncClient) -> Any:
    if isinstance(step, Send):
        options = _async_content(step.options)
        if step.stream:
            request = http.build_request(step.method, step.url, **options)
            return await http.send(request, stream=True)
        return await http.request(step.method, step.url, **options)
    if isinstance(step, Read):
        await step.response.aread()
        return await step.response.aclose()
    if isinstance(step, float):
        return await asyncio.sleep(step)
    return await step


def _async_content(options: dict[str, Any]) -> dict[str, Any]:
    """httpx.AsyncClient streams async iterables only: chunks of a file or an iterator
    are handed on as one."""
    content = options.get("content")
    if content is None or isinstance(content, bytes) or hasattr(content, "__aiter__"):
        return options
    return {**options, "content": _aiter(content)}


async def _aiter(chunks: Any) -> AsyncIterator[bytes]:
    for chunk in chunks:
        yield chunk


class _Session(Generic[H]):
    def __init__(self, settings: Settings, http: H) -> None:
        self.settings = settings
        self.http = http


class RequestAdapter(_Session["httpx.Client"]):
    """Sends calls through an httpx.Client."""

    def send(self, call: PreparedCall[T]) -> T:
        return run(exchange(self.settings, call), self.http)

    def respond(self, call: PreparedCall[T], options: CallOptions) -> Response[T]:
        """The call's answer with its status and headers, sent with the caller's options."""
        return run(exchange_raw(self.settings, call, options), self.http)

    def perform(self, steps: Steps[T]) -> T:
        """Steps of several requests (a batch, an upload, polling), driven to the end."""
        return run(steps, self.http)

    def pages(self, call: PreparedCall[Page[T]]) -> Iterator[T]:
        """Every item of every page, following `@odata.nextLink` to the last page."""
        current: PreparedCall[Page[T]] | None = call
        while current is not None:
            page = self.send(current)
            yield from page.value
            current = following(current, page)

    def stream(self, call: PreparedCall[Any], chunk_size: int) -> Iterator[bytes]:
        """The answer's body in chunks as they arrive, never whole in memory."""
        response = run(answer_steps(self.settings, call), self.http)
        try:
            yield from response.iter_bytes(chunk_size)
        finally:
            response.close()


class AsyncRequestAdapter(_Session["httpx.AsyncClient"]):
    """Sends calls through an httpx.AsyncClient."""

    async def send(self, call: PreparedCall[T]) -> T:
        return await arun(exchange(self.settings, call), self.http)

    async def respond(self, call: PreparedCall[T], options: CallOptions) -> Response[T]:
        """The call's answer with its status and headers, sent with the caller's options."""
        return await arun(exchange_raw(self.settings, call, options), self.http)

    async def perform(self, steps: Steps[T]) -> T:
        """Steps of several requests (a batch, an upload, polling), driven to the end."""
        return await arun(steps, self.http)

    async def pages(self, call: PreparedCall[Page[T]]) -> AsyncIterator[T]:
        """Every item of every page, following `@odata.nextLink` to the last page."""
        current: PreparedCall[Page[T]] | None = call
        while current is not None:
            page = await self.send(current)
            for item in page.value:
                yield item
            current = following(current, page)

    async def stream(
        self, call: PreparedCall[Any], chunk_size: int
    ) -> AsyncIterator[bytes]:
        """The answer's body in chunks as they arrive, never whole in memory."""
        response = await arun(answer_steps(self.settings, call), self.http)
        try:
            async for chunk in response.aiter_bytes(chunk_size):
                yield chunk
        finally:
            await response.aclose()


def answer_steps(settings: Settings, call: PreparedCall[Any]) -> Steps[httpx.Response]:
    """The steps to a streamed call's answer, handed on open."""
    response = yield from answer(settings, replace(call, stream=True))
    yield Done(response)


def _close(awaitable: object) -> None:
    """Close a coroutine that will not be awaited, so Python does not warn about it."""
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()
