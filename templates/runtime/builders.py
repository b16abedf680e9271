"""Request builders: the operations every resource shares, written once for sync and async."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import httpx
import msgspec

from .errors import GraphError
from .http import AsyncSession, Call, Params, Session, query
from .model import Entity, decode_raw, encode
from .validation import Issue, ValidationError

M = TypeVar("M", bound=Entity)
S = TypeVar("S", Session, AsyncSession)


@dataclass(frozen=True)
class Page(Generic[M]):
    """One page of a collection: the items, the link to the next page, and `$count` if asked."""

    value: list[M]
    next_link: str | None = None
    count: int | None = None


class RequestBuilder(Generic[S]):
    """A URL under the client's base URL; navigation returns new builders, nothing is sent."""

    __slots__ = ("_path", "_session")
    _path: str
    _session: S

    def __init__(self, session: S, path: str) -> None:
        self._session = session
        self._path = path

    def _segment(self, name: str) -> str:
        return f"{self._path}/{name}"

    def _action(self, name: str, statuses: tuple[int, ...]) -> Call:
        """A bound action: a POST with no body to `<this path>/<name>`."""
        return Call("POST", self._segment(name), statuses)

    def _key(self, key: object) -> str:
        """A key is one path segment: `/`, `?` and `#` are percent-encoded; `..` is refused."""
        text = str(key)
        if text in ("", ".", ".."):
            raise ValueError(f"{text!r} is not a key: it would address another resource")
        return f"{self._path}/{quote(text, safe='')}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._path!r})"


class Operations(RequestBuilder[S], Generic[S, M]):
    """What the collection and item builders of one resource know: its model and status codes."""

    _model: type[M]
    _statuses: dict[str, tuple[int, ...]]

    def _call(self, kind: str, method: str, **extra: Any) -> Call:
        return Call(method, self._path, self._statuses[kind], **extra)

    def _page(self, response: httpx.Response) -> Page[M]:
        return _decode_page(self._model, response)

    def _one(self, response: httpx.Response) -> M:
        return _decode_model(self._model, response)


def _list_params(
    top: int | None,
    skip: int | None,
    filter: str | None,
    select: list[str] | None,
    orderby: list[str] | None,
    expand: list[str] | None,
    count: bool | None,
    search: str | None,
) -> Params:
    return query(
        top=top, skip=skip, filter=filter, select=select, orderby=orderby,
        expand=expand, count=count, search=search,
    )  # fmt: skip


class ListOps(Operations[Session, M]):
    """GET on a collection: one page, or every item across pages."""

    def get(
        self,
        *,
        top: int | None = None,
        skip: int | None = None,
        filter: str | None = None,
        select: list[str] | None = None,
        orderby: list[str] | None = None,
        expand: list[str] | None = None,
        count: bool | None = None,
        search: str | None = None,
    ) -> Page[M]:
        params = _list_params(top, skip, filter, select, orderby, expand, count, search)
        return self._page(self._session.send(self._call("list", "GET", params=params)))

    def iterate(
        self,
        *,
        top: int | None = None,
        filter: str | None = None,
        select: list[str] | None = None,
        orderby: list[str] | None = None,
        expand: list[str] | None = None,
        search: str | None = None,
    ) -> Iterator[M]:
        """Every item, following `@odata.nextLink` until the last page."""
        params = _list_params(top, None, filter, select, orderby, expand, None, search)
        call = self._call("list", "GET", params=params)
        seen: set[str] = set()
        while True:
            page = self._page(_unseen(self._session.send(call), seen))
            yield from page.value
            if page.next_link is None:
                return
            call = Call("GET", page.next_link, self._statuses["list"])


class CreateOps(Operations[Session, M]):
    """POST to a collection: validated before it is sent."""

    def post(self, body: M) -> M:
        data = encode(body.checked("create"))
        return self._one(self._session.send(self._call("create", "POST", body=data)))


class GetOps(Operations[Session, M]):
    """GET on one item."""

    def get(self, *, select: list[str] | None = None, expand: list[str] | None = None) -> M:
        params = query(select=select, expand=expand)
        return self._one(self._session.send(self._call("get", "GET", params=params)))


class UpdateOps(Operations[Session, M]):
    """PATCH one item with only the properties that were set."""

    def patch(self, body: M, *, if_match: str | None = None) -> M | None:
        data = encode(body.checked("update"))
        call = self._call("update", "PATCH", body=data, headers={"If-Match": if_match})
        response = self._session.send(call)
        return None if response.status_code == 204 or not response.content else self._one(response)


class DeleteOps(Operations[Session, M]):
    """DELETE one item."""

    def delete(self, *, if_match: str | None = None) -> None:
        self._session.send(self._call("delete", "DELETE", headers={"If-Match": if_match}))


class AsyncListOps(Operations[AsyncSession, M]):
    """GET on a collection: one page, or every item across pages."""

    async def get(
        self,
        *,
        top: int | None = None,
        skip: int | None = None,
        filter: str | None = None,
        select: list[str] | None = None,
        orderby: list[str] | None = None,
        expand: list[str] | None = None,
        count: bool | None = None,
        search: str | None = None,
    ) -> Page[M]:
        params = _list_params(top, skip, filter, select, orderby, expand, count, search)
        return self._page(await self._session.send(self._call("list", "GET", params=params)))

    async def iterate(
        self,
        *,
        top: int | None = None,
        filter: str | None = None,
        select: list[str] | None = None,
        orderby: list[str] | None = None,
        expand: list[str] | None = None,
        search: str | None = None,
    ) -> AsyncIterator[M]:
        """Every item, following `@odata.nextLink` until the last page."""
        params = _list_params(top, None, filter, select, orderby, expand, None, search)
        call = self._call("list", "GET", params=params)
        seen: set[str] = set()
        while True:
            page = self._page(_unseen(await self._session.send(call), seen))
            for item in page.value:
                yield item
            if page.next_link is None:
                return
            call = Call("GET", page.next_link, self._statuses["list"])


class AsyncCreateOps(Operations[AsyncSession, M]):
    """POST to a collection: validated before it is sent."""

    async def post(self, body: M) -> M:
        data = encode(body.checked("create"))
        return self._one(await self._session.send(self._call("create", "POST", body=data)))


class AsyncGetOps(Operations[AsyncSession, M]):
    """GET on one item."""

    async def get(self, *, select: list[str] | None = None, expand: list[str] | None = None) -> M:
        params = query(select=select, expand=expand)
        return self._one(await self._session.send(self._call("get", "GET", params=params)))


class AsyncUpdateOps(Operations[AsyncSession, M]):
    """PATCH one item with only the properties that were set."""

    async def patch(self, body: M, *, if_match: str | None = None) -> M | None:
        data = encode(body.checked("update"))
        call = self._call("update", "PATCH", body=data, headers={"If-Match": if_match})
        response = await self._session.send(call)
        return None if response.status_code == 204 or not response.content else self._one(response)


class AsyncDeleteOps(Operations[AsyncSession, M]):
    """DELETE one item."""

    async def delete(self, *, if_match: str | None = None) -> None:
        await self._session.send(self._call("delete", "DELETE", headers={"If-Match": if_match}))


def _unseen(response: httpx.Response, seen: set[str]) -> httpx.Response:
    """A page whose URL was read before means the nextLinks loop: stop before repeating items."""
    url = str(response.request.url)
    if url in seen:
        raise GraphError(0, "PagingLoop", "the service sent a nextLink to a page already read", None)
    seen.add(url)
    return response


def _decode_model(model: type[M], response: httpx.Response) -> M:
    _expect_json(response)
    try:
        return model.from_json(response.content)
    except ValidationError:
        _decode_json(response)
        raise


class _WirePage(msgspec.Struct, Generic[M]):
    value: list[M]
    next_link: str | None = msgspec.field(default=None, name="@odata.nextLink")
    count: int | None = msgspec.field(default=None, name="@odata.count")


def _decode_page(model: type[M], response: httpx.Response) -> Page[M]:
    _expect_json(response)
    try:
        wire = msgspec.json.decode(response.content, type=_WirePage[model])  # type: ignore[valid-type]
        return Page(wire.value, wire.next_link, wire.count)
    except (msgspec.ValidationError, msgspec.DecodeError):
        pass
    raw = _decode_json(response)
    if not isinstance(raw, dict) or not isinstance(raw.get("value"), list):
        raise ValidationError([Issue("/value", "expected an array of items")])
    items, issues = [], []
    for i, item in enumerate(raw["value"]):
        if not isinstance(item, dict):
            issues.append(Issue(f"/value/{i}", "expected an object"))
            continue
        try:
            items.append(model.from_dict(item))
        except ValidationError as error:
            issues += [Issue(f"/value/{i}{e.path}", e.message) for e in error.errors]
    link, count = raw.get("@odata.nextLink"), raw.get("@odata.count")
    if link is not None and not isinstance(link, str):
        issues.append(Issue("/@odata.nextLink", "expected a string"))
    if issues:
        raise ValidationError(issues)
    return Page(items, link, count if isinstance(count, int) else None)


def _expect_json(response: httpx.Response) -> None:
    """A success with a body that is not JSON is the service's fault, not a model problem."""
    kind = response.headers.get("Content-Type", "application/json")
    if "json" not in kind:
        raise GraphError(response.status_code, "InvalidResponse", f"expected JSON, got {kind}", None)


def _decode_json(response: httpx.Response) -> Any:
    try:
        return decode_raw(response.content)
    except msgspec.DecodeError as error:
        raise GraphError(
            response.status_code, "InvalidResponse", f"the response is not valid JSON: {error}", None
        ) from None
