"""Sending one Graph request: auth, headers, retries on throttling, and error mapping."""

from __future__ import annotations

import asyncio
import email.utils
import inspect
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

import httpx

from .errors import GraphError

DEFAULT_BASE_URL = "https://graph.microsoft.com/beta"
RETRY_STATUSES = frozenset({429, 503, 504})


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
Params = tuple[tuple[str, str], ...]


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

    def headers(self, token: str, extra: Mapping[str, str | None]) -> dict[str, str]:
        """Authorization on every call; a header value with CR or LF is refused, not sent."""
        if _unsafe(token):
            raise ValueError("the credential's token contains a line break or NUL")
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        for name, value in extra.items():
            if value is None:
                continue
            if _unsafe(value):
                raise ValueError(f"the {name} header must not contain line breaks")
            headers[name] = value
        return headers

    def token(self) -> str:
        """The bearer token from a string or a synchronous credential."""
        credential = self.credential
        if isinstance(credential, str):
            return credential
        access = credential.get_token(self.scope)
        if inspect.isawaitable(access):
            _close(access)
            raise TypeError("an asyncio credential needs AsyncGraphClient")
        return access.token

    async def async_token(self) -> str:
        """The bearer token from a string or a credential, synchronous or asyncio."""
        credential = self.credential
        if isinstance(credential, str):
            return credential
        access = credential.get_token(self.scope)
        if inspect.isawaitable(access):
            access = await access
        return access.token

    def url(self, path_or_link: str) -> str:
        """A path under the base URL, or a nextLink that must stay on the base URL's host."""
        if path_or_link.startswith("/"):
            return self.base_url.rstrip("/") + path_or_link
        parts = urlsplit(path_or_link)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            raise GraphError(0, "UntrustedLink", f"refusing to follow a link to {parts.netloc!r}", None)
        return path_or_link

    def retry_delay(self, response: httpx.Response, attempt: int, waited: float) -> float | None:
        """Seconds to wait before the next attempt, or None when the answer is final.

        A POST is retried on 429 only: after a 503 or 504 the create may have happened.
        """
        status = response.status_code
        if status not in RETRY_STATUSES or attempt >= self.max_retries:
            return None
        if response.request.method == "POST" and status != 429:
            return None
        delay = _retry_after(response.headers.get("Retry-After"))
        if delay is None:
            delay = min(0.5 * 2**attempt, 8.0)
        return delay if waited + delay <= self.max_retry_wait else None


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


@dataclass(frozen=True)
class Call:
    """One operation, as builders describe it: the session sends it and checks the status."""

    method: str
    path: str
    expected: tuple[int, ...]
    params: Params = ()
    headers: Mapping[str, str | None] | None = None
    body: bytes | None = None


class Session:
    """Sends calls through an httpx.Client, retrying throttled ones."""

    def __init__(self, settings: Settings, http_client: httpx.Client) -> None:
        self.settings = settings
        self.http = http_client

    def send(self, call: Call) -> httpx.Response:
        waited, attempt = 0.0, 0
        url = self.settings.url(call.path)
        while True:
            headers = self.settings.headers(self.settings.token(), _body_headers(call))
            response = self.http.request(
                call.method, url, params=call.params or None, headers=headers, content=call.body
            )
            if response.status_code in call.expected:
                return response
            delay = self.settings.retry_delay(response, attempt, waited)
            if delay is None:
                raise GraphError.from_response(response)
            time.sleep(delay)
            waited, attempt = waited + delay, attempt + 1


class AsyncSession:
    """Sends calls through an httpx.AsyncClient, retrying throttled ones."""

    def __init__(self, settings: Settings, http_client: httpx.AsyncClient) -> None:
        self.settings = settings
        self.http = http_client

    async def send(self, call: Call) -> httpx.Response:
        waited, attempt = 0.0, 0
        url = self.settings.url(call.path)
        while True:
            token = await self.settings.async_token()
            headers = self.settings.headers(token, _body_headers(call))
            response = await self.http.request(
                call.method, url, params=call.params or None, headers=headers, content=call.body
            )
            if response.status_code in call.expected:
                return response
            delay = self.settings.retry_delay(response, attempt, waited)
            if delay is None:
                raise GraphError.from_response(response)
            await asyncio.sleep(delay)
            waited, attempt = waited + delay, attempt + 1


def _unsafe(value: str) -> bool:
    return any(c in value for c in "\r\n\x00")


def _close(awaitable: object) -> None:
    """Close a coroutine that will not be awaited, so Python does not warn about it."""
    close = getattr(awaitable, "close", None)
    if callable(close):
        close()


def _body_headers(call: Call) -> dict[str, str | None]:
    headers: dict[str, str | None] = dict(call.headers or {})
    if call.body is not None:
        headers["Content-Type"] = "application/json"
    return headers


def query(**options: Any) -> Params:
    """OData query options: `$`-prefixed, lists comma-joined, booleans lower-case."""
    params = []
    for name, value in options.items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, list | tuple):
            text = ",".join(value)
        else:
            text = str(value)
        params.append((f"${name}", text))
    return tuple(params)
