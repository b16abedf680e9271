"""How a client talks to Graph: where, with which credential, how patiently; no I/O here."""

from __future__ import annotations

import email.utils
import inspect
import re
from collections.abc import Generator, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from .calls import Content, PreparedCall
from .errors import GraphError
from .steps import AccessToken, CallOptions, Send, Step

if TYPE_CHECKING:
    import httpx

DEFAULT_BASE_URL = "https://graph.microsoft.com/beta"
RETRY_STATUSES = frozenset({429, 503, 504})
CHUNK = 64 * 1024  # bytes read from a file at a time while it is sent


class TokenCredential(Protocol):
    """The azure-identity credential protocol, without depending on azure-identity."""

    def get_token(self, *scopes: str) -> AccessToken: ...


class AsyncTokenCredential(Protocol):
    """azure-identity's asyncio credentials (`azure.identity.aio`), for AsyncGraphClient."""

    async def get_token(self, *scopes: str) -> AccessToken: ...


Credential = str | TokenCredential | AsyncTokenCredential


@dataclass(frozen=True)
class Settings:
    """How a client talks to Graph; shared by the sync and async sessions."""

    base_url: str
    credential: Credential = field(repr=False)
    max_retries: int
    max_retry_wait: float

    @property
    def origin(self) -> str:
        return _origin(self.base_url)

    @property
    def scope(self) -> str:
        return f"{self.origin}/.default"

    def trusts(self, url: str) -> bool:
        """The token goes to the base URL's host only, never to a download or upload URL."""
        return _origin(url) == self.origin

    def token(self) -> Generator[Step, Any, str]:
        """The bearer token from a string or a credential; an asyncio one is awaited."""
        credential = self.credential
        if isinstance(credential, str):
            return credential
        access = credential.get_token(self.scope)
        if inspect.isawaitable(access):
            access = yield access
        return access.token

    def request(
        self,
        call: PreparedCall[Any],
        url: str,
        token: str | None,
        options: CallOptions,
        method: str | None = None,
    ) -> Send:
        """The request to send; a header value with CR or LF is refused, not sent."""
        headers = {"Accept": call.accept}
        if token is not None:
            if _unsafe(token):
                raise ValueError("the credential's token contains a line break or NUL")
            headers["Authorization"] = f"Bearer {token}"
        if call.body is not None:
            headers["Content-Type"] = call.content_type
        if any(name.lower() == "authorization" for name in options.headers):
            raise ValueError("the Authorization header is the client credential's")
        _merge(headers, call.headers)
        _merge(headers, options.headers)
        sent: dict[str, Any] = {"params": call.params or None, "headers": headers}
        if call.body is not None:
            sent["content"] = _content(call.body)
        if options.timeout is not None:
            sent["timeout"] = options.timeout
        return Send(method or call.method, url, sent, call.stream)

    def url(self, path_or_link: str, any_host: bool = False) -> str:
        """A path under the base URL, or a link that must stay on the base URL's host
        (unless the call may go elsewhere: an upload, a download or a monitor URL)."""
        if path_or_link.startswith("/"):
            return self.base_url.rstrip("/") + path_or_link
        parts = urlsplit(path_or_link)
        if any_host and parts.scheme in ("https", "http") and parts.netloc:
            return path_or_link
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            message = f"refusing to follow a link to {parts.netloc!r}"
            raise GraphError(0, "UntrustedLink", message, None)
        return path_or_link

    def retry_delay(
        self,
        call: PreparedCall[Any],
        response: httpx.Response,
        attempt: int,
        waited: float,
    ) -> float | None:
        """Seconds to wait before the next attempt, or None when the answer is final.

        A POST is retried on 429 only: after a 503 or 504 the create may have happened. A
        body read from a file or an iterator cannot be sent twice.
        """
        status = response.status_code
        if status not in RETRY_STATUSES or attempt >= self.max_retries:
            return None
        if call.method == "POST" and status != 429:
            return None
        if call.body is not None and not isinstance(call.body, bytes):
            return None
        delay = retry_after(response.headers.get("Retry-After"))
        if delay is None:
            delay = min(0.5 * 2**attempt, 8.0)
        return float(delay) if waited + delay <= self.max_retry_wait else None


def retry_after(value: str | None) -> float | None:
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


def _merge(headers: dict[str, str], more: Mapping[str, str | None]) -> None:
    """More headers over these: a name replaces the same name in any case, and `Prefer`
    values join, as preferences do (the caller's beside the client's own)."""
    for name, value in more.items():
        if value is None:
            continue
        if _unsafe(value):
            raise ValueError(f"the {name} header must not contain line breaks")
        same = [key for key in headers if key.lower() == name.lower()]
        before = [headers.pop(key) for key in same]
        if name.lower() == "prefer":
            value = ", ".join(dict.fromkeys([*before, value]))
        headers[name] = value


def _content(body: Content) -> Any:
    """Bytes as they are; a file read in chunks, so it is never held whole."""
    if isinstance(body, bytes):
        return body
    if hasattr(body, "read"):
        return _chunks(body)  # type: ignore[arg-type]
    return body


def _chunks(file: IO[bytes]) -> Iterator[bytes]:
    while chunk := file.read(CHUNK):
        yield chunk


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _unsafe(value: str) -> bool:
    return any(c in value for c in "\r\n\x00")
