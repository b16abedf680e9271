"""For the generated tests: the behaviour every resource must show, written once as contracts.

A generated test module declares one `Test<Resource>` class that inherits the contracts its spec
calls for and supplies the data: sample payloads, the Graph paths, the status codes.

The contracts live by responsibility: the model contracts in `testing_models`, the shared
client plumbing in `testing_clients`, and the operation (CRUD, action, content) contracts here;
this module re-exports them all, as the generated tests import them from it.
"""

from __future__ import annotations

import typing
from decimal import Decimal
from typing import Any, ClassVar

import httpx
import msgspec
import pytest

from .longrunning import Accepted
from .model import Model
from .testing_clients import (
    BASE_URL,
    TOKEN,
    Both,
    ClientContract,
    Recorder,
    _extra,
    _keywords,
)
from .testing_models import (
    DecimalContract,
    ExampleContract,
    ModelContract,
    ReadOnlyContract,
    dump,
    load,
)
from .validation import ValidationError
from .wire import decode_hook

__all__ = [
    "BASE_URL",
    "TOKEN",
    "ActionContract",
    "Both",
    "ClientContract",
    "ContentGetContract",
    "ContentPutContract",
    "CreateContract",
    "DecimalContract",
    "DeleteContract",
    "ExampleContract",
    "GetContract",
    "ListContract",
    "ModelContract",
    "ReadOnlyContract",
    "Recorder",
    "UpdateContract",
    "dump",
    "load",
]


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
