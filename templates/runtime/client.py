"""What every generated client shares: credentials, settings, and closing what it opened."""

from __future__ import annotations

from types import TracebackType
from typing import Self

import httpx

from .http import DEFAULT_BASE_URL, AsyncSession, Credential, Session, Settings


def _settings(
    credential: Credential, base_url: str, max_retries: int, max_retry_wait: float
) -> Settings:
    if not base_url.startswith(("https://", "http://")):
        raise ValueError("base_url must be an http(s) URL")
    return Settings(base_url.rstrip("/"), credential, max_retries, max_retry_wait)


class BaseGraphClient:
    """A Graph client over httpx.Client; the token never appears in its repr."""

    default_base_url = DEFAULT_BASE_URL

    def __init__(
        self,
        credential: Credential,
        *,
        base_url: str | None = None,
        http_client: httpx.Client | None = None,
        timeout: float = 30.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
    ) -> None:
        settings = _settings(
            credential, base_url or self.default_base_url, max_retries, max_retry_wait
        )
        self._owns_http = http_client is None
        http = http_client or httpx.Client(timeout=timeout, follow_redirects=False)
        self._session = Session(settings, http)

    def close(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            self._session.http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._session.settings.base_url!r})"


class BaseAsyncGraphClient:
    """A Graph client over httpx.AsyncClient; the token never appears in its repr."""

    default_base_url = DEFAULT_BASE_URL

    def __init__(
        self,
        credential: Credential,
        *,
        base_url: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        timeout: float = 30.0,
        max_retries: int = 3,
        max_retry_wait: float = 60.0,
    ) -> None:
        settings = _settings(
            credential, base_url or self.default_base_url, max_retries, max_retry_wait
        )
        self._owns_http = http_client is None
        http = http_client or httpx.AsyncClient(timeout=timeout, follow_redirects=False)
        self._session = AsyncSession(settings, http)

    async def aclose(self) -> None:
        """Close the HTTP client if this client created it."""
        if self._owns_http:
            await self._session.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._session.settings.base_url!r})"
