"""Sending one Graph request: auth, headers, retries on throttling and error mapping, as
steps that do no I/O; a blocking and an asyncio driver perform them."""

from __future__ import annotations

import asyncio
import email.utils
import inspect
import re
import time
from collections.abc import AsyncIterator, Awaitable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar
from urllib.parse import urlsplit

from .calls import Page, PreparedCall, following
from .errors import GraphError

if TYPE_CHECKING:
    import httpx

DEFAULT_BASE_URL = "https://graph.microsoft.com/beta"
RETRY_STATUSES = frozenset({429, 503, 504})
H = TypeVar("H")
T = TypeVar("T")


class AccessToken(Protocol):
    """What `get_token` returns: azure-identity's AccessToken is a NamedTuple with `.token`."""

    @property
    def token(self) -> str: ...


class TokenCredential(Protocol):
    """The azure-identity credential protocol, without depending on azure-identity."""

    def get_token(self, *scopes: str) -> AccessToken: ...


class AsyncTokenCredential(Protocol):
    """azure-identity's asyncio credentials (`azure.identity.aio`), for AsyncGraphClient."""

    async def get_token(self, *scopes: str) -> AccessToken: ...


Credential = str | TokenCredential | AsyncTokenCredential


@dataclass(frozen=True)
class Send:
    """A step: send this request, and reply with the response."""

    method: str
    url: str
    options: dict[str, Any]  # httpx's request keywords: params, headers, content


@dataclass(frozen=True)
class Done(Generic[T]):
    """The last step: the decoded answer."""

    value: T


# A step asks for a request to be sent, a wait (seconds), or an asyncio credential's token.
Step = Send | float | Awaitable[AccessToken]
Steps = Generator[Step | Done[T], Any, None]


@dataclass(frozen=True)
class Settings:
    """How a client talks to Graph; shared by the sync and async sessions."""

    base_url: str
    credential: Credential = field(repr=False)
    max_retries: int
    max_retry_wait: float

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def scope(self) -> str:
        return f"{self.origin}/.default"

    def token(self) -> Generator[Step, Any, str]:
        """The bearer token from a string or a credential; an asyncio one is awaited."""
        credential = self.credential
        if isinstance(credential, str):
            return credential
        access = credential.get_token(self.scope)
        if inspect.isawaitable(access):
            access = yield access
        return access.token

    def request(self, call: PreparedCall[Any], url: str, token: str) -> Send:
        """Authorization on every call; a header value with CR or LF is refused, not sent."""
        if _unsafe(token):
            raise ValueError("the credential's token contains a line break or NUL")
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        if call.body is not None:
            headers["Content-Type"] = "application/json"
        for name, value in call.headers.items():
            if value is None:
                continue
            if _unsafe(value):
                raise ValueError(f"the {name} header must not contain line breaks")
            headers[name] = value
        options = {"params": call.params or None, "headers": headers}
        return Send(call.method, url, {**options, "content": call.body})

    def url(self, path_or_link: str) -> str:
        """A path under the base URL, or a nextLink that must stay on the base URL's host."""
        if path_or_link.startswith("/"):
            return self.base_url.rstrip("/") + path_or_link
        parts = urlsplit(path_or_link)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            message = f"refusing to follow a link to {parts.netloc!r}"
            raise GraphError(0, "UntrustedLink", message, None)
        return path_or_link

    def retry_delay(
        self, method: str, response: httpx.Response, attempt: int, waited: float
    ) -> float | None:
        """Seconds to wait before the next attempt, or None when the answer is final.

        A POST is retried on 429 only: after a 503 or 504 the create may have happened.
        """
        status = response.status_code
        if status not in RETRY_STATUSES or attempt >= self.max_retries:
            return None
        if method == "POST" and status != 429:
            return None
        delay = _retry_after(response.headers.get("Retry-After"))
        if delay is None:
            delay = min(0.5 * 2**attempt, 8.0)
        return float(delay) if waited + delay <= self.max_retry_wait else None


def exchange(settings: Settings, call: PreparedCall[T]) -> Steps[T]:
    """One call as steps: a token, the request, a wait and a retry when throttled, the answer."""
    url = settings.url(call.path)
    waited, attempt = 0.0, 0
    while True:
        token = yield from settings.token()
        response: httpx.Response = yield settings.request(call, url, token)
        if response.status_code in call.expected:
            yield Done(call.decode(response))
            return
        delay = settings.retry_delay(call.method, response, attempt, waited)
        if delay is None:
            raise GraphError.from_response(response)
        yield delay
        waited, attempt = waited + delay, attempt + 1


def run(steps: Steps[T], http: httpx.Client) -> T:
    """The blocking driver: httpx.Client sends, time.sleep waits."""
    step = next(steps)
    while not isinstance(step, Done):
        step = steps.send(_blocking(step, http))
    return step.value


async def arun(steps: Steps[T], http: httpx.AsyncClient) -> T:
    """The asyncio driver: httpx.AsyncClient sends, asyncio.sleep waits."""
    step = next(steps)
    while not isinstance(step, Done):
        step = steps.send(await _awaited(step, http))
    return step.value


def _blocking(step: Step, http: httpx.Client) -> Any:
    if isinstance(step, Send):
        return http.request(step.method, step.url, **step.options)
    if isinstance(step, float):
        time.sleep(step)
        return None
    _close(step)
    raise TypeError("an asyncio credential needs AsyncGraphClient")


async def _awaited(step: Step, http: httpx.AsyncClient) -> Any:
    if isinstance(step, Send):
        return await http.request(step.method, step.url, **step.options)
    if isinstance(step, float):
        return await asyncio.sleep(step)
    return await step


class _Session(Generic[H]):
    def __init__(self, settings: Settings, http: H) -> None:
        self.settings = settings
        self.http = http


class RequestAdapter(_Session["httpx.Client"]):
    """Sends calls through an httpx.Client."""

    def send(self, call: PreparedCall[T]) -> T:
        return run(exchange(self.settings, call), self.http)

    def pages(self, call: PreparedCall[Page[T]]) -> Iterator[T]:
        """Every item of every page, following `@odata.nextLink` to the last page."""
        current: PreparedCall[Page[T]] | None = call
        while current is not None:
            page = self.send(current)
            yield from page.value
            current = following(current, page)


class AsyncRequestAdapter(_Session["httpx.AsyncClient"]):
    """Sends calls through an httpx.AsyncClient."""

    async def send(self, call: PreparedCall[T]) -> T:
        return await arun(exchange(self.settings, call), self.http)

    async def pages(self, call: PreparedCall[Page[T]]) -> AsyncIterator[T]:
        """Every item of every page, following `@odata.nextLink` to the last page."""
        current: PreparedCall[Page[T]] | None = call
        while current is not None:
            page = await self.send(current)
            for item in page.value:
                yield item
            current = following(current, page)


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds or as an HTTP date."""
    if not value:
        return None
    if re.fullmatch(r"[0-9]{1,9}", value.strip()):
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _unsafe(value: str) -> bool:
    return any(c in value for c in "\r\n\x00")


def _close(awaitable: object) -> None:
    """Close a coroutine that will not be awaited, so Python does not warn about it."""
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()
