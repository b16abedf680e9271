"""The pages of a collection a function returns (a delta round among them), read as they are
iterated: every page, following `@odata.nextLink`, and the delta link the last one holds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from typing import Generic, TypeVar

from .calls import Page, PreparedCall, following
from .http import AsyncRequestAdapter, RequestAdapter

T = TypeVar("T")
S = TypeVar("S", RequestAdapter, AsyncRequestAdapter)


class _Paged(Generic[S, T]):
    __slots__ = ("_call", "_session", "delta_link")

    def __init__(
        self, session: S, call: PreparedCall[Page[T]], delta_link: str | None = None
    ) -> None:
        self._session: S = session
        self._call = resumed(call, delta_link)
        self.delta_link: str | None = None  # set by the last page of a delta round

    def _next(
        self, current: PreparedCall[Page[T]], page: Page[T]
    ) -> PreparedCall[Page[T]] | None:
        if page.delta_link is not None:
            self.delta_link = page.delta_link
        return following(current, page)


class Paged(_Paged[RequestAdapter, T]):
    """Every item, page after page, as it is iterated; then `delta_link`, for a delta query."""

    def __iter__(self) -> Iterator[T]:
        return self.iterate()

    def iterate(self) -> Iterator[T]:
        """Every item of every page."""
        for page in self.pages():
            yield from page.value

    def pages(self) -> Iterator[Page[T]]:
        """Every page, each a request; a nextLink back to a page already read is an error."""
        current: PreparedCall[Page[T]] | None = self._call
        while current is not None:
            page = self._session.send(current)
            yield page
            current = self._next(current, page)


class AsyncPaged(_Paged[AsyncRequestAdapter, T]):
    """Every item, page after page, as it is iterated (`async for`); then `delta_link`."""

    def __aiter__(self) -> AsyncIterator[T]:
        return self.iterate()

    async def iterate(self) -> AsyncIterator[T]:
        """Every item of every page."""
        async for page in self.pages():
            for item in page.value:
                yield item

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Every page, each a request; a nextLink back to a page already read is an error."""
        current: PreparedCall[Page[T]] | None = self._call
        while current is not None:
            page = await self._session.send(current)
            yield page
            current = self._next(current, page)


def resumed(call: PreparedCall[T], delta_link: str | None) -> PreparedCall[T]:
    """The call that resumes a delta round from the link its last page gave."""
    if delta_link is None:
        return call
    if call.params:
        message = "a delta link holds the query options of its round: give it alone"
        raise ValueError(message)
    return replace(call, path=delta_link)
