"""For the generated tests: the fake HTTP answers and the sync-beside-async pairing every
operation contract talks through, and what those contracts share (`ClientContract`)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar

import httpx
import pytest

from .builders import RequestBuilder
from .enums import INCLUDE_UNKNOWN_MEMBERS
from .model import Model
from .paging import AsyncPaged, Paged
from .testing_models import dump
from .validation import rules_of, tagged

TOKEN = "test-token"
BASE_URL = "https://graph.test/beta"


class Recorder:
    """Answers every request with one canned response and keeps the requests for asserts."""

    def __init__(
        self, status: int, body: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        self.status = status
        self.body = body
        self.headers = {"Content-Type": "application/json", **(headers or {})}
        self.requests: list[httpx.Request] = []
        self.clients = 0

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        content = b"" if self.body is None else dump(self.body)
        return httpx.Response(self.status, content=content, headers=self.headers)

    def client(self) -> httpx.Client:
        self.clients += 1
        return httpx.Client(transport=httpx.MockTransport(self._handle))

    def async_client(self) -> httpx.AsyncClient:
        self.clients += 1
        return httpx.AsyncClient(transport=httpx.MockTransport(self._handle))

    def only(self) -> httpx.Request:
        """The single request of one call: one from each client made for this recorder (the
        sync and the async one, see `Both`), all alike; anything else is a failure."""
        count, clients = len(self.requests), self.clients
        assert (
            count == clients
        ), f"expected {clients} request(s), one a client, got {count}"
        first, *others = (_seen(r) for r in self.requests)
        assert all(o == first for o in others), f"the clients differ: {first} {others}"
        return self.requests[0]


def _seen(request: httpx.Request) -> tuple[Any, ...]:
    """What a request says, but the client library's own user agent."""
    headers = sorted((k, v) for k, v in request.headers.items() if k != "user-agent")
    return request.method, str(request.url), headers, request.content


class Both:
    """A builder of the sync client beside the same builder of the async client: calling a
    method calls both (awaiting the async one) and checks that they return the same, or
    raise the same error; navigation returns the next pair. The contracts below thus run
    every operation on both clients."""

    def __init__(self, sync: Any, asynchronous: Any) -> None:
        self._sync = sync
        self._async = asynchronous

    def __getattr__(self, name: str) -> Any:
        sync, asynchronous = getattr(self._sync, name), getattr(self._async, name)
        if not callable(sync):
            return Both(sync, asynchronous)

        @functools.wraps(sync)
        def both(*args: Any, **kwargs: Any) -> Any:
            try:
                found = _settled(sync(*args, **kwargs))
            except Exception as error:  # the async client must raise the same
                with pytest.raises(type(error)):
                    asyncio.run(_awaited(asynchronous(*args, **kwargs)))
                raise
            other = asynchronous(*args, **kwargs)
            if isinstance(found, RequestBuilder):
                return Both(found, other)
            assert asyncio.run(_awaited(other)) == found
            return found

        return both


def _settled(result: Any) -> Any:
    """A sync result as a value: an iterator's (or a Paged's) items, a builder paired later."""
    return list(result) if isinstance(result, Iterator | Paged) else result


async def _awaited(result: Any) -> Any:
    if isinstance(result, AsyncIterator | AsyncPaged):
        return [item async for item in result]
    return await result if inspect.isawaitable(result) else result


class ClientContract:
    """What the operation contracts share: the clients, the paths and a writable body."""

    model: ClassVar[type[Model]]
    samples: ClassVar[dict[str, Any]]
    read_only: ClassVar[tuple[str, ...]] = ()
    statuses: ClassVar[dict[str, tuple[int, ...]]]
    client_class: ClassVar[Any]
    async_client_class: ClassVar[Any]
    collection_path: ClassVar[str]
    item_path: ClassVar[str]

    def collection(self, client: Any) -> Any:
        raise NotImplementedError

    def item(self, client: Any) -> Any:
        raise NotImplementedError

    @contextlib.contextmanager
    def client(self, recorder: Recorder) -> Iterator[Both]:
        """The sync and the async client, as one (see `Both`)."""
        options = {"base_url": BASE_URL, "max_retries": 0}
        sync = self.client_class(TOKEN, http_client=recorder.client(), **options)
        http = recorder.async_client()
        asynchronous = self.async_client_class(TOKEN, http_client=http, **options)
        with sync:
            yield Both(sync, asynchronous)
        asyncio.run(http.aclose())

    def writable(self) -> dict[str, Any]:
        return {k: v for k, v in self.samples.items() if k not in self.read_only}

    def sent(self) -> dict[str, Any]:
        """The body a write sends: the writable samples, and the type where it must be said."""
        name = self.model._graph_type
        return (
            {"@odata.type": f"#{name}", **self.writable()}
            if tagged(name)
            else (self.writable())
        )


# A sample per OData query option: the keyword's value, and the `$` parameter it sends.
_OPTIONS: dict[str, tuple[Any, str]] = {
    "top": (5, "5"),
    "skip": (10, "10"),
    "filter": ("a eq 1", "a eq 1"),
    "select": (["a", "b"], "a,b"),
    "orderby": (["c desc"], "c desc"),
    "expand": (["d"], "d"),
    "count": (True, "true"),
    "search": ("e", "e"),
}
# What every request carries whatever the operation: not one of its own headers.
_STANDARD = frozenset({"accept", "accept-encoding", "authorization", "connection"})
_STANDARD |= {"content-length", "content-type", "host", "if-match", "user-agent"}


def _keywords(
    method: Any, model: type[Model] | None = None
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """A value for every keyword a builder method takes, with the query parameters and the
    headers (by name without dashes, lower-case) it must then send: with the model's, the
    Prefer that asks for enum members sent only when asked for."""
    keywords: dict[str, Any] = {}
    params: dict[str, str] = {}
    headers: dict[str, str] = {}
    for name, parameter in inspect.signature(method).parameters.items():
        if parameter.kind is not parameter.KEYWORD_ONLY or name == "if_match":
            continue
        if name in _OPTIONS:
            keywords[name], params[f"${name}"] = _OPTIONS[name]
        else:
            keywords[name] = headers[name.replace("_", "")] = f"{name}-value"
    if model is not None and rules_of(model._graph_type).prefer_unknown_members:
        own = headers.get("prefer")
        headers["prefer"] = (
            f"{own}, {INCLUDE_UNKNOWN_MEMBERS}" if own else INCLUDE_UNKNOWN_MEMBERS
        )
    return keywords, params, headers


def _extra(request: httpx.Request) -> dict[str, str]:
    """The headers of a request that the operation itself asks for."""
    found = {name.lower(): value for name, value in request.headers.items()}
    return {k.replace("-", ""): v for k, v in found.items() if k not in _STANDARD}
