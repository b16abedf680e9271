"""For the generated tests: the behaviour every resource must show, written once as contracts.

A generated test module declares one `Test<Resource>` class that inherits the contracts its spec
calls for and supplies the data: sample payloads, the Graph paths, the status codes.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import inspect
import typing
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from typing import Any, ClassVar

import httpx
import msgspec
import pytest

from .builders import RequestBuilder
from .enums import INCLUDE_UNKNOWN_MEMBERS
from .longrunning import Accepted
from .model import Model, decode_hook
from .paging import AsyncPaged, Paged
from .validation import ValidationError, rules_of, tagged

_DECODER = msgspec.json.Decoder(float_hook=Decimal)
_ENCODER = msgspec.json.Encoder(decimal_format="number")
TOKEN = "test-token"
BASE_URL = "https://graph.test/beta"


def load(data: bytes | str) -> Any:
    """JSON with numbers as Decimal, so comparisons are exact."""
    return _DECODER.decode(data)


def dump(data: Any) -> bytes:
    """JSON with Decimal written as a number."""
    return _ENCODER.encode(data)


def _pointer(wire: str) -> str:
    """The JSON pointer of a top-level property."""
    return "/" + wire.replace("~", "~0").replace("/", "~1")


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


class ModelContract:
    """Decoding, encoding and validation of one model, from its spec's sample values."""

    model: ClassVar[type[Model]]
    samples: ClassVar[dict[str, Any]]  # one valid wire value per property
    bad: ClassVar[dict[str, Any]]  # one value per property that it must refuse

    def test_samples_decode_and_encode_exactly(self) -> None:
        model = self.model.from_dict(self.samples)
        assert load(model.to_json()) == self.samples
        assert self.model.from_json(dump(self.samples)) == model

    def test_unknown_properties_survive_a_round_trip(self) -> None:
        payload = {**self.samples, "futureProperty": {"nested": [1, "two"]}}
        model = self.model.from_json(dump(payload))
        assert model.additional_data == {"futureProperty": {"nested": [1, "two"]}}
        assert load(model.to_json()) == payload

    def test_every_bad_value_is_refused_at_its_path(self) -> None:
        for wire, value in self.bad.items():
            payload = {**self.samples, wire: value}
            with pytest.raises(ValidationError) as from_dict:
                self.model.from_dict(payload)
            with pytest.raises(ValidationError) as from_json:
                self.model.from_json(dump(payload))
            assert [e.path for e in from_dict.value.errors] == [_pointer(wire)]
            assert from_json.value.errors == from_dict.value.errors


class ExampleContract:
    """The spec's example payload, as the service sends it, survives decoding and encoding."""

    model: ClassVar[type[Model]]
    example: ClassVar[dict[str, Any]]

    def test_example_round_trips(self) -> None:
        model = self.model.from_json(dump(self.example))
        assert self.model.from_json(model.to_json()) == model
        assert self.model.from_dict(model.to_dict()) == model
        assert load(model.to_json()).keys() == self.example.keys()


class DecimalContract:
    """A Decimal property keeps every digit, in and out, as a JSON number."""

    model: ClassVar[type[Model]]
    decimal: ClassVar[str]  # the wire name of a Decimal property

    def test_decimal_keeps_every_digit(self) -> None:
        text = b"{" + dump(self.decimal) + b":12345678901234567890.000000001}"
        model = self.model.from_json(text)
        exact = Decimal("12345678901234567890.000000001")
        assert load(model.to_json()) == {self.decimal: exact}
        assert model.to_json() == text


class ReadOnlyContract:
    """A property the server sets is refused in create and update bodies."""

    model: ClassVar[type[Model]]
    samples: ClassVar[dict[str, Any]]
    read_only: ClassVar[tuple[str, ...]]

    def test_read_only_properties_are_refused_in_requests(self) -> None:
        abstract = rules_of(self.model._graph_type).abstract
        for wire in self.read_only:
            model = self.model.from_dict({wire: self.samples[wire]})
            for mode in ("create", "update"):
                with pytest.raises(ValidationError) as caught:
                    model.checked(mode)
                refused = [e.path for e in caught.value.errors]
                expected = [_pointer(wire)]
                if (
                    abstract and mode == "create"
                ):  # never created: said at the body's root
                    expected.append("")
                assert refused == expected


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


class ListContract(ClientContract):
    def test_list_sends_its_options_and_reads_a_page(self) -> None:
        body = {"value": [self.samples], "@odata.count": 1}
        recorder = Recorder(self.statuses["list"][0], body)
        with self.client(recorder) as client:
            builder = self.collection(client)
            keywords, params, headers = _keywords(builder.get, self.model)
            page = builder.get(**keywords)
        request = recorder.only()
        assert (request.method, request.url.path) == ("GET", self.collection_path)
        assert (dict(request.url.params), _extra(request)) == (params, headers)
        assert request.headers["Authorization"] == "Bearer " + TOKEN
        expected = [self.model.from_dict(self.samples)]
        assert (page.value, page.count, page.next_link) == (expected, 1, None)

    def test_iterate_sends_its_options(self) -> None:
        recorder = Recorder(self.statuses["list"][0], {"value": [self.samples]})
        with self.client(recorder) as client:
            builder = self.collection(client)
            keywords, params, headers = _keywords(builder.iterate, self.model)
            items = list(builder.iterate(**keywords))
        request = recorder.only()
        assert (dict(request.url.params), _extra(request)) == (params, headers)
        assert items == [self.model.from_dict(self.samples)]


class CreateContract(ClientContract):
    def test_create_sends_the_set_properties_and_returns_the_model(self) -> None:
        recorder = Recorder(self.statuses["create"][0], self.samples)
        with self.client(recorder) as client:
            builder = self.collection(client)
            keywords, params, headers = _keywords(builder.post, self.model)
            created = builder.post(self.model.from_dict(self.writable()), **keywords)
        request = recorder.only()
        assert (request.method, request.url.path) == ("POST", self.collection_path)
        assert (dict(request.url.params), _extra(request)) == (params, headers)
        assert request.headers["Content-Type"] == "application/json"
        assert load(request.content) == self.sent()
        assert created == self.model.from_dict(self.samples)

    def test_create_with_a_read_only_property_sends_nothing(self) -> None:
        recorder = Recorder(self.statuses["create"][0], self.samples)
        for wire in self.read_only:
            body = self.model.from_dict({wire: self.samples[wire]})
            with self.client(recorder) as client, pytest.raises(ValidationError):
                self.collection(client).post(body)
        assert recorder.requests == []


class GetContract(ClientContract):
    def test_get_reads_one_item(self) -> None:
        recorder = Recorder(self.statuses["get"][0], self.samples)
        with self.client(recorder) as client:
            builder = self.item(client)
            keywords, params, headers = _keywords(builder.get, self.model)
            item = builder.get(**keywords)
        request = recorder.only()
        assert (request.method, request.url.path) == ("GET", self.item_path)
        assert (dict(request.url.params), _extra(request)) == (params, headers)
        assert item == self.model.from_dict(self.samples)


class UpdateContract(ClientContract):
    def test_update_sends_if_match_and_every_property_set(self) -> None:
        for status in self.statuses["update"]:
            recorder = Recorder(status, None if status == 204 else self.samples)
            with self.client(recorder) as client:
                builder = self.item(client)
                method = "patch" if hasattr(builder, "patch") else "put"
                keywords, params, headers = _keywords(
                    getattr(builder, method), self.model
                )
                body = self.model.from_dict(self.writable())
                updated = getattr(builder, method)(body, if_match='W/"1"', **keywords)
            request = recorder.only()
            assert (request.method, request.url.path) == (
                method.upper(),
                self.item_path,
            )
            assert (dict(request.url.params), _extra(request)) == (params, headers)
            assert request.headers["If-Match"] == 'W/"1"'
            assert load(request.content) == self.sent()
            expected = None if status == 204 else self.model.from_dict(self.samples)
            assert updated == expected


class DeleteContract(ClientContract):
    def test_delete_sends_if_match(self) -> None:
        recorder = Recorder(self.statuses["delete"][0])
        with self.client(recorder) as client:
            builder = self.item(client)
            keywords, params, headers = _keywords(builder.delete)
            builder.delete(if_match='W/"2"', **keywords)
        request = recorder.only()
        assert (request.method, request.url.path) == ("DELETE", self.item_path)
        assert (dict(request.url.params), _extra(request)) == (params, headers)
        assert request.headers["If-Match"] == 'W/"2"'


class ActionContract(ClientContract):
    """Every action and function of the builders, sent with a sample of each argument."""

    # builder method -> where it is bound, arguments by keyword and by wire name, an answer
    actions: ClassVar[dict[str, Any]]

    def test_actions_and_functions_send_their_arguments_and_read_their_result(
        self,
    ) -> None:
        for method, op in self.actions.items():
            recorder = Recorder(op["status"], op["answer"])
            result, request = self._call(recorder, method, op)
            item = op["bound"] == "item"
            path = f"{self.item_path if item else self.collection_path}/{op['segment']}"
            if op["function"]:
                called = request.url.raw_path.decode().split("?")[0]
                assert (request.method, called[: len(path) + 1]) == ("GET", path + "(")
                assert all(f"{wire}=" in called for wire in op["sent"]), called
            else:
                assert (request.method, request.url.path) == ("POST", path)
                sent = load(request.content) if request.content else None
                assert sent == (op["sent"] or None)
            assert _result(result, op["result"]) == _result_of(
                op["answer"], op["result"]
            )

    def test_an_action_that_may_run_long_returns_its_monitor_url(self) -> None:
        for method, op in self.actions.items():
            if not op["accepted"]:
                continue
            monitor = f"{BASE_URL}/monitor/{op['segment']}"
            recorder = Recorder(202, headers={"Location": monitor})
            assert self._call(recorder, method, op)[0] == Accepted(monitor)

    def _call(
        self, recorder: Recorder, method: str, op: dict[str, Any]
    ) -> tuple[Any, httpx.Request]:
        """The method called with the sample arguments, its result and its request."""
        with self.client(recorder) as client:
            item = op["bound"] == "item"
            bound = getattr(
                self.item(client) if item else self.collection(client), method
            )
            result = bound(**_arguments(bound, op["arguments"]))
            if op["result"] == "paged":
                result = list(result)
        return result, recorder.only()


def _arguments(method: Any, wire: dict[str, Any]) -> dict[str, Any]:
    """Python values of the sample arguments, as the method's hints type them (a flags
    enum's `"a,b"` its Flags value, as decoding reads it)."""
    hints = typing.get_type_hints(method)
    return {
        name: msgspec.convert(value, hints[name], dec_hook=decode_hook)
        for name, value in wire.items()
    }


def _result(value: Any, kind: str) -> Any:
    """A method's result in its wire form, to compare with the answer it was given."""
    if kind == "page":
        value = value.value
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_result(v, "value") for v in value]
    return msgspec.to_builtins(value, builtin_types=(Decimal, bytes))


def _result_of(answer: Any, kind: str) -> Any:
    if kind == "bytes":
        return dump(answer)
    if kind in ("value", "page", "paged"):
        return answer["value"]
    return answer


class _ContentContract(ClientContract):
    stream: ClassVar[
        tuple[str, bool]
    ]  # the path segment; whether a PUT answers an entity

    def content_path(self) -> str:
        return f"{self.item_path}/{self.stream[0]}"


class ContentGetContract(_ContentContract):
    def test_content_get_and_stream_read_the_bytes(self) -> None:
        recorder = Recorder(200, self.samples)
        with self.client(recorder) as client:
            content = self.item(client).content
            whole = content.get()
            chunks = list(content.stream(chunk_size=4))
        sent = [(r.method, r.url.path, r.headers["Accept"]) for r in recorder.requests]
        # a get and a stream, each on every client (see `Both`)
        assert sent == [("GET", self.content_path(), "*/*")] * 2 * recorder.clients
        assert whole == b"".join(chunks) == dump(self.samples)
        assert {len(chunk) for chunk in chunks[:-1]} == {4}


class ContentPutContract(_ContentContract):
    def test_content_put_sends_the_bytes(self) -> None:
        answers_entity = self.stream[1]
        recorder = Recorder(200, self.samples if answers_entity else None)
        with self.client(recorder) as client:
            answered = self.item(client).content.put(b"\x00bytes")
        request = recorder.only()
        sent = (request.method, request.url.path, request.content)
        assert sent == ("PUT", self.content_path(), b"\x00bytes")
        assert request.headers["Content-Type"] == "application/octet-stream"
        assert (answered is not None) == answers_entity


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
