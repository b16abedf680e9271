"""For the generated tests: the behaviour every resource must show, written once as contracts.

A generated test module declares one `Test<Resource>` class that inherits the contracts its spec
calls for and supplies the data: sample payloads, the Graph paths, the status codes.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any, ClassVar

import httpx
import msgspec
import pytest

from .errors import GraphError
from .model import Model
from .validation import ValidationError

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

    def __init__(self, status: int, body: Any = None) -> None:
        self.status = status
        self.body = body
        self.requests: list[httpx.Request] = []

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        content = b"" if self.body is None else dump(self.body)
        headers = {"Content-Type": "application/json"}
        return httpx.Response(self.status, content=content, headers=headers)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self._handle))

    def async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self._handle))

    def only(self) -> httpx.Request:
        """The single request sent; anything else is a failure."""
        assert len(self.requests) == 1, f"expected one request, got {len(self.requests)}"
        return self.requests[0]


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
        assert load(model.to_json()) == {self.decimal: Decimal("12345678901234567890.000000001")}
        assert model.to_json() == text


class ReadOnlyContract:
    """A property the server sets is refused in create and update bodies."""

    model: ClassVar[type[Model]]
    samples: ClassVar[dict[str, Any]]
    read_only: ClassVar[tuple[str, ...]]

    def test_read_only_properties_are_refused_in_requests(self) -> None:
        for wire in self.read_only:
            model = self.model.from_dict({wire: self.samples[wire]})
            for mode in ("create", "update"):
                with pytest.raises(ValidationError) as caught:
                    model.checked(mode)
                assert [e.path for e in caught.value.errors] == [_pointer(wire)]


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

    def client(self, recorder: Recorder) -> Any:
        http = recorder.client()
        return self.client_class(TOKEN, base_url=BASE_URL, http_client=http, max_retries=0)

    def writable(self) -> dict[str, Any]:
        return {k: v for k, v in self.samples.items() if k not in self.read_only}


class ListContract(ClientContract):
    def test_list_sends_odata_options_and_reads_a_page(self) -> None:
        recorder = Recorder(self.statuses["list"][0], {"value": [self.samples], "@odata.count": 1})
        with self.client(recorder) as client:
            page = self.collection(client).get(
                top=5, skip=10, filter="a eq 1", select=["a", "b"], orderby=["c desc"],
                expand=["d"], count=True, search="e",
            )  # fmt: skip
        request = recorder.only()
        assert (request.method, request.url.path) == ("GET", self.collection_path)
        assert dict(request.url.params) == {
            "$top": "5", "$skip": "10", "$filter": "a eq 1", "$select": "a,b",
            "$orderby": "c desc", "$expand": "d", "$count": "true", "$search": "e",
        }  # fmt: skip
        assert request.headers["Authorization"] == "Bearer " + TOKEN
        expected = [self.model.from_dict(self.samples)]
        assert (page.value, page.count, page.next_link) == (expected, 1, None)

    def test_iterate_async(self) -> None:
        recorder = Recorder(self.statuses["list"][0], {"value": [self.samples]})

        async def run() -> list[Any]:
            http = recorder.async_client()
            async with self.async_client_class(TOKEN, base_url=BASE_URL, http_client=http) as client:
                return [p async for p in self.collection(client).iterate()]

        assert asyncio.run(run()) == [self.model.from_dict(self.samples)]
        assert recorder.only().url.path == self.collection_path


class CreateContract(ClientContract):
    def test_create_sends_the_set_properties_and_returns_the_model(self) -> None:
        recorder = Recorder(self.statuses["create"][0], self.samples)
        with self.client(recorder) as client:
            created = self.collection(client).post(self.model.from_dict(self.writable()))
        request = recorder.only()
        assert (request.method, request.url.path) == ("POST", self.collection_path)
        assert request.headers["Content-Type"] == "application/json"
        assert load(request.content) == self.writable()
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
            item = self.item(client).get(select=["a"], expand=["b"])
        request = recorder.only()
        assert (request.method, request.url.path) == ("GET", self.item_path)
        assert dict(request.url.params) == {"$select": "a", "$expand": "b"}
        assert item == self.model.from_dict(self.samples)

    def test_an_error_answer_raises_graph_error(self) -> None:
        error = {"code": "NotFound", "message": "gone", "innerError": {"request-id": "r-1"}}
        recorder = Recorder(404, {"error": error})
        with self.client(recorder) as client, pytest.raises(GraphError) as caught:
            self.item(client).get()
        raised = caught.value
        found = (raised.status_code, raised.code, raised.message, raised.request_id)
        assert found == (404, "NotFound", "gone", "r-1")
        assert TOKEN not in str(raised)


class UpdateContract(ClientContract):
    def test_update_sends_if_match_and_only_what_was_set(self) -> None:
        for status in self.statuses["update"]:
            recorder = Recorder(status, None if status == 204 else self.samples)
            with self.client(recorder) as client:
                body = self.model.from_dict(self.writable())
                updated = self.item(client).patch(body, if_match='W/"1"')
            request = recorder.only()
            assert (request.method, request.url.path) == ("PATCH", self.item_path)
            assert request.headers["If-Match"] == 'W/"1"'
            assert load(request.content) == self.writable()
            assert updated == (None if status == 204 else self.model.from_dict(self.samples))


class DeleteContract(ClientContract):
    def test_delete_sends_if_match(self) -> None:
        recorder = Recorder(self.statuses["delete"][0])
        with self.client(recorder) as client:
            self.item(client).delete(if_match='W/"2"')
        request = recorder.only()
        assert (request.method, request.url.path) == ("DELETE", self.item_path)
        assert request.headers["If-Match"] == 'W/"2"'


class ActionContract(ClientContract):
    actions: ClassVar[dict[str, Any]]  # builder method -> [path segment, success statuses]

    def test_actions_post_to_their_segment(self) -> None:
        for method, (segment, statuses) in self.actions.items():
            recorder = Recorder(statuses[0])
            with self.client(recorder) as client:
                getattr(self.item(client), method)()
            request = recorder.only()
            assert (request.method, request.url.path) == ("POST", f"{self.item_path}/{segment}")
            assert request.content == b""
