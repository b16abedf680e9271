"""What every generated client shares: credentials, settings, and closing what it opened.

httpx is imported when a client is built, so code that only uses models never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from .http import (
    DEFAULT_BASE_URL,
    AsyncRequestAdapter,
    Credential,
    RequestAdapter,
    Settings,
)
from .transport import AsyncTransport, Transport

if TYPE_CHECKING:
    import httpx

H = TypeVar("H")
S = TypeVar("S", RequestAdapter, AsyncRequestAdapter)


class _Client(Generic[H, S]):
    default_base_url = DEFAULT_BASE_URL
    _session_class: Callable[[Settings, Any], S]
    _http_class: str  # the httpx class to open when none is given

    def __init__(
        self,
        credential: Credential,
        *,
        base_url: str | None = None,
        http_client: H | None = None,
        timeout: float = 30.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
    ) -> None:
        url = base_url or self.default_base_url
        if not url.startswith(("https://", "http://")):
            raise ValueError("base_url must be an http(s) URL")
        settings = Settings(url.rstrip("/"), credential, max_retries, max_retry_wait)
        self._owns_http = http_client is None
        http = _open(self._http_class, timeout) if http_client is None else http_client
        self._session: S = self._session_class(settings, http)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._session.settings.base_url!r})"


def _open(name: str, timeout: float) -> httpx.Client | httpx.AsyncClient:
    """A new httpx client: httpx is imported here, when the first client is built."""
    import httpx

    opened: httpx.Client | httpx.AsyncClient = getattr(httpx, name)(
        timeout=timeout, follow_redirects=False
    )
    return opened


class BaseGraphClient(_Client["httpx.Client", RequestAdapter], Transport):
    """A Graph client over httpx.Client; the token never appears in its repr."""

    _session_class = RequestAdapter
    _http_class = "Client"

    def close(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            self._session.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class BaseAsyncGraphClient(
    _Client["httpx.AsyncClient", AsyncRequestAdapter], AsyncTransport
):
    """A Graph client over httpx.AsyncClient; the token never appears in its repr."""

    _session_class = AsyncRequestAdapter
    _http_class = "AsyncClient"

    async def aclose(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            await self._session.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
