"""Calls without I/O: what to send, how to read the answer, and which page comes next."""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache, partial
from typing import IO, TYPE_CHECKING, Any, Generic, TypeVar, cast

import msgspec

from .enums import INCLUDE_UNKNOWN_MEMBERS, UnknownMember
from .errors import GraphError
from .model import Model, received, track
from .validation import Issue, ValidationError
from .wire import decode_hook, decode_raw, json_decoder

if TYPE_CHECKING:
    import httpx

M = TypeVar("M", bound=Model)
T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)
T_co = TypeVar("T_co", covariant=True)
Params = tuple[tuple[str, str], ...]
Headers = Mapping[str, str | None]
# A request body: JSON or a file's bytes, a binary file, or chunks (async ones on AsyncGraphClient).
Content = bytes | IO[bytes] | Iterable[bytes] | AsyncIterable[bytes]


@dataclass(frozen=True)
class PreparedCall(Generic[T_co]):
    """One request, and how to read its answer: builders make calls, sessions send them."""

    method: str
    path: str  # under the base URL, or an absolute link such as a nextLink
    expected: tuple[int, ...]  # the success statuses; any other answer is a GraphError
    decode: Callable[[httpx.Response], T_co]
    params: Params = ()
    headers: Headers = field(default_factory=dict)
    body: Content | None = None
    seen: frozenset[str] = frozenset()  # pages already read, when paging
    content_type: str = "application/json"  # of the body
    accept: str = "application/json"
    stream: bool = False  # the answer is handed on open, to be read in chunks
    any_host: bool = (
        False  # an absolute URL on any host: the token goes to the base's only
    )
    preauthenticated: bool = False  # the URL authorizes itself: it never gets the token


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a collection: the items, the link to the next page, and `$count` if asked;
    the last page of a delta round has the link to resume from instead of a next one."""

    value: list[T]
    next_link: str | None = None
    count: int | None = None
    url: str | None = field(default=None, compare=False)  # where this page was read
    delta_link: str | None = None


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


def preferring(model: type[Model], headers: Headers | None) -> Headers:
    """The caller's headers, and `Prefer: include-unknown-enum-members` when the model's
    values can hold enum members the service sends only to a client that asks for them
    (those after `unknownFutureValue`), as the Graph docs advise: this client decodes them.
    """
    # The class says it itself (a derived class may not: its values hold fewer types)
    if not model.__dict__.get("_prefer_unknown_members", False):
        return dict(headers or {})
    return asking_unknown_members(headers)


def asking_unknown_members(headers: Headers | None) -> Headers:
    """The caller's headers with `include-unknown-enum-members` added to their `Prefer`."""
    found = dict(headers or {})
    name = next((k for k in found if k.lower() == "prefer"), "Prefer")
    own = [p.strip() for p in (found.get(name) or "").split(",") if p.strip()]
    if INCLUDE_UNKNOWN_MEMBERS not in own:
        own.append(INCLUDE_UNKNOWN_MEMBERS)
    found[name] = ", ".join(own)
    return found


def following(
    call: PreparedCall[Page[T]], page: Page[T]
) -> PreparedCall[Page[T]] | None:
    """The call for the page after `page`, or None after the last one.

    A nextLink to a page already read means the links loop: stop before repeating items.
    """
    if page.next_link is None:
        return None
    seen = call.seen | {page.url or call.path}
    if page.next_link in seen:
        message = "the service sent a nextLink to a page already read"
        raise GraphError(0, "PagingLoop", message, None)
    return replace(call, path=page.next_link, params=(), seen=seen)


def reads_page(model: type[M]) -> Callable[[httpx.Response], Page[M]]:
    """A list answers with a page of items, each remembering what the service sent."""
    return partial(_decode_page, model)


def reads_model(model: type[M]) -> Callable[[httpx.Response], M]:
    """A get or create answers with one entity, which remembers what the service sent."""
    return partial(_decode_model, model)


def reads_update(model: type[M]) -> Callable[[httpx.Response], M | None]:
    """An update answers with the updated entity (200) or with nothing (204)."""
    return partial(_decode_update, model)


def reads_nothing(response: httpx.Response) -> None:
    """Delete and bound actions: the status says it all."""


def reads_value(kind: type[T]) -> Callable[[httpx.Response], T]:
    """A function or action answers a primitive or an enum member as `{"value": ...}`."""
    return partial(_decode_value, kind)


def reads_values(kind: type[T]) -> Callable[[httpx.Response], Page[T]]:
    """A collection of primitives or enum members, a page at a time."""
    return partial(_decode_values, kind)


def reads_member(kind: type[E]) -> Callable[[httpx.Response], E | UnknownMember]:
    """An enum member, or one the service added since the spec was written (kept)."""
    return partial(_decode_value, kind)


def reads_members(
    kind: type[E],
) -> Callable[[httpx.Response], Page[E | UnknownMember]]:
    """A collection of enum members, those the service added since kept, a page at a time."""
    read = partial(_decode_values, kind)
    return cast("Callable[[httpx.Response], Page[E | UnknownMember]]", read)


def reads_bytes(response: httpx.Response) -> bytes:
    """A Stream result: the answer's bytes as they came (a report's CSV, a file)."""
    return response.content


class _Value(msgspec.Struct, Generic[T]):
    value: T


def _decode_value(kind: type[T], response: httpx.Response) -> T:
    expect_json(response)
    try:
        wire = msgspec.json.decode(
            response.content, type=_Value[kind], dec_hook=decode_hook  # type: ignore[valid-type]
        )
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise ValidationError([Issue("/value", str(error))]) from None
    value: T = wire.value
    return value


def _decode_values(kind: type[T], response: httpx.Response) -> Page[T]:
    expect_json(response)
    try:
        wire = msgspec.json.decode(
            response.content, type=_WirePage[kind], dec_hook=decode_hook  # type: ignore[valid-type]
        )
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise ValidationError([Issue("/value", str(error))]) from None
    values: list[T] = wire.value
    url = str(response.url)
    return Page(values, wire.next_link, wire.count, url, wire.delta_link)


def _decode_update(model: type[M], response: httpx.Response) -> M | None:
    if response.status_code == 204 or not response.content:
        return None
    return _decode_model(model, response)


def _decode_model(model: type[M], response: httpx.Response) -> M:
    expect_json(response)
    try:
        return received(model, response.content)
    except ValidationError:
        _decode_json(response)
        raise


class _WirePage(msgspec.Struct, Generic[T]):
    value: list[T]
    next_link: str | None = msgspec.field(default=None, name="@odata.nextLink")
    count: int | None = msgspec.field(default=None, name="@odata.count")
    delta_link: str | None = msgspec.field(default=None, name="@odata.deltaLink")


@cache
def _page_decoder(model: type[M]) -> Callable[[bytes], _WirePage[M]]:
    page = _WirePage[model]  # type: ignore[valid-type]
    return json_decoder(page).decode


def _decode_page(model: type[M], response: httpx.Response) -> Page[M]:
    expect_json(response)
    wire = _page_parts(model, response)
    again = partial(_page_items, model, response)
    tracked = [track(item, again, (i,)) for i, item in enumerate(wire.value)]
    url = str(response.url)
    return Page(tracked, wire.next_link, wire.count, url, wire.delta_link)


def _page_items(model: type[M], response: httpx.Response) -> list[M]:
    """The items of a page read again, for the first write of one of them."""
    return _page_parts(model, response).value


def _page_parts(model: type[M], response: httpx.Response) -> _WirePage[M]:
    try:  # msgspec alone, unless an item's `@odata.type` names a derived class
        return _page_decoder(model)(response.content)
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
    links = {k: raw.get(k) for k in ("@odata.nextLink", "@odata.deltaLink")}
    for name, link in links.items():
        if link is not None and not isinstance(link, str):
            issues.append(Issue(f"/{name}", "expected a string"))
    if issues:
        raise ValidationError(issues)
    count = raw.get("@odata.count")
    return _WirePage(
        items,
        links["@odata.nextLink"],
        count if isinstance(count, int) else None,
        links["@odata.deltaLink"],
    )


def expect_json(response: httpx.Response) -> None:
    """A success with a body that is not JSON is the service's fault, not a model problem."""
    kind = response.headers.get("Content-Type", "application/json")
    if "json" not in kind:
        message = f"expected JSON, got {kind}"
        raise GraphError(response.status_code, "InvalidResponse", message, None)


def _decode_json(response: httpx.Response) -> Any:
    try:
        return decode_raw(response.content)
    except msgspec.DecodeError as error:
        message = f"the response is not valid JSON: {error}"
        raise GraphError(
            response.status_code, "InvalidResponse", message, None
        ) from None
