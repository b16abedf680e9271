"""Prepared calls, raw answers with per-call options, and JSON batching, end to end: the
golden client against FakeGraph with the `$batch` route of FakeFiles."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import pytest
from fake_graph import FakeGraph
from fake_transport import FakeFiles

from generated import AsyncGraphClient, GraphClient, GraphError, Page
from generated.models import CustomerPayment
from generated.runtime import PreparedCall

TOKEN = "token-123"
COMPANY = UUID("2c15e59d-e59d-2c15-9de5-152c9de5152c")
COLLECTION = f"/financials/companies/{COMPANY}/customerPayments"


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def files(graph: FakeGraph) -> Iterator[FakeFiles]:
    with FakeFiles(graph) as fake:
        yield fake


def payments(client: Any) -> Any:
    return client.financials.companies.by_company_id(COMPANY).customer_payments


def seed(graph: FakeGraph, count: int) -> list[str]:
    return [
        graph.add_payment(COMPANY, amount=Decimal(i), lineNumber=i)["id"]
        for i in range(count)
    ]


# -- prepared calls and raw answers ------------------------------------------------------


def test_prepare_sends_nothing_and_send_gives_status_headers_and_value(
    graph: FakeGraph,
) -> None:
    (payment_id,) = seed(graph, 1)
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        item = payments(client).by_customer_payment_id(payment_id)
        prepared = client.prepare(item.get, select=["amount"])
        assert isinstance(prepared, PreparedCall) and graph.requests == []
        answer = client.send(prepared, headers={"client-request-id": "c-1"}, timeout=5)
    assert answer.status_code == 200
    assert answer.headers["client-request-id"] == "c-1"
    assert answer.headers["request-id"] == graph.requests[0].request_id
    assert isinstance(answer.value, CustomerPayment) and answer.value.amount == 0
    assert graph.requests[0].query == {"$select": ["amount"]}


def test_a_prepared_call_is_sent_as_often_as_asked(graph: FakeGraph) -> None:
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        create = client.prepare(payments(client).post, CustomerPayment(comment="x"))
        first, second = client.send(create), client.send(create)
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.value.id != second.value.id


def test_a_per_call_timeout_applies_to_that_call_only() -> None:
    seen: list[dict[str, Any]] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return httpx.Response(204)

    http = httpx.Client(transport=httpx.MockTransport(handle), timeout=30)
    with GraphClient(TOKEN, base_url="https://graph.test/beta", http_client=http) as c:
        delete = c.prepare(payments(c).by_customer_payment_id("p").delete)
        c.send(delete, timeout=2.5)
        c.send(delete)
    assert [t["read"] for t in seen] == [2.5, 30]


def test_a_header_given_per_call_replaces_the_one_of_the_same_name() -> None:
    """Whatever its case: one `Accept`, not two."""
    sent: list[httpx.Request] = []

    def service(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"value": []})

    http = httpx.Client(transport=httpx.MockTransport(service))
    with GraphClient(TOKEN, http_client=http) as client:
        prepared = client.prepare(payments(client).get)
        client.send(prepared, headers={"accept": "application/json;odata=nometadata"})
    assert sent[0].headers.get_list("Accept") == ["application/json;odata=nometadata"]


def test_the_credential_header_cannot_be_replaced_per_call(graph: FakeGraph) -> None:
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        prepared = client.prepare(payments(client).get)
        with pytest.raises(ValueError, match="Authorization"):
            client.send(prepared, headers={"authorization": "Bearer other"})
    assert graph.requests == []


def test_what_sends_more_than_one_request_cannot_be_prepared(graph: FakeGraph) -> None:
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        with pytest.raises(TypeError, match="does not send one request"):
            client.prepare(payments(client).iterate)
        with pytest.raises(TypeError, match="not a method of a request builder"):
            client.prepare(print)


def test_async_prepare_needs_no_event_loop_and_send_answers(graph: FakeGraph) -> None:
    (payment_id,) = seed(graph, 1)
    client = AsyncGraphClient(TOKEN, base_url=graph.base_url)
    prepared = client.prepare(payments(client).by_customer_payment_id(payment_id).get)

    async def run() -> Any:
        async with client:
            return await client.send(prepared, headers={"Prefer": "x"})

    answer = asyncio.run(run())
    assert (answer.status_code, answer.value.id) == (200, UUID(payment_id))
    assert graph.requests[0].headers["prefer"] == "x"


# -- $batch ------------------------------------------------------------------------------


def test_a_batch_of_25_is_two_requests_with_each_result_in_order(
    graph: FakeGraph, files: FakeFiles
) -> None:
    ids = seed(graph, 24)
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        items = payments(client)
        calls = [client.prepare(items.by_customer_payment_id(i).get) for i in ids]
        calls.insert(3, client.prepare(items.by_customer_payment_id(str(COMPANY)).get))
        results = client.batch(calls)
    assert [len(b) for b in files.batches] == [20, 5]
    assert len(graph.requests) == 2
    missing = results.pop(3)
    assert isinstance(missing, GraphError) and missing.status_code == 404
    assert [r.line_number for r in results if isinstance(r, CustomerPayment)] == list(
        range(24)
    )
    first = files.batches[0][0]
    assert first["url"] == f"{COLLECTION}/{ids[0]}" and first["method"] == "GET"


def test_batch_bodies_are_json_objects_and_depends_on_orders_calls(
    graph: FakeGraph, files: FakeFiles
) -> None:
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        items = payments(client)
        create = client.prepare(items.post, CustomerPayment(amount=Decimal("10.10")))
        page = client.prepare(items.get, top=5, filter="amount gt 10")
        created, listed = client.batch((create, page), depends_on={1: [0]})
    assert isinstance(created, CustomerPayment) and created.amount == Decimal("10.10")
    assert isinstance(listed, Page) and [p.id for p in listed.value] == [created.id]
    sent = files.batches[0]
    assert sent[0]["body"] == {"amount": Decimal("10.10")}
    assert sent[0]["headers"] == {"Content-Type": "application/json"}
    assert sent[1]["dependsOn"] == ["0"]
    assert sent[1]["url"] == f"{COLLECTION}?$top=5&$filter=amount%20gt%2010"


def test_a_throttled_item_is_sent_again_with_what_waited_for_it(
    graph: FakeGraph, files: FakeFiles
) -> None:
    (payment_id,) = seed(graph, 1)
    files.item_throttles.append("0")
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        item = payments(client).by_customer_payment_id(payment_id)
        read = client.prepare(item.get)
        change = client.prepare(item.patch, CustomerPayment(comment="later"))
        results = client.batch([read, change], depends_on={1: [0]})
    assert [type(r) for r in results] == [CustomerPayment, CustomerPayment]
    assert [[r["id"] for r in b] for b in files.batches] == [["0", "1"], ["0", "1"]]
    assert graph.stored(payment_id)["comment"] == "later"


def test_calls_that_depend_on_each_other_stay_in_one_request(
    graph: FakeGraph, files: FakeFiles
) -> None:
    ids = seed(graph, 3)
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        items = payments(client)
        calls = [
            client.prepare(items.by_customer_payment_id(ids[i % 3]).get)
            for i in range(30)
        ]
        results = client.batch(calls, depends_on={29: [0], 19: [18]})
        assert all(isinstance(r, CustomerPayment) for r in results)
        with pytest.raises(ValueError, match="depend on each other"):
            client.batch(calls[:21], depends_on={i: [i - 1] for i in range(1, 21)})
    assert [sorted(int(r["id"]) for r in b) for b in files.batches] == [
        [*range(18), 29],  # 18 and 19 would make 21: they go on together
        [*range(18, 29)],
    ]


def test_a_call_is_sent_after_the_ones_it_depends_on_whatever_their_order(
    graph: FakeGraph, files: FakeFiles
) -> None:
    """Call 0 reads the page call 1 creates in: the batch lists call 1 first, throttled
    or not, and the read waits for the create."""
    files.item_throttles.append("1")
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        items = payments(client)
        page = client.prepare(items.get, filter="amount gt 10")
        create = client.prepare(items.post, CustomerPayment(amount=Decimal("20.25")))
        listed, created = client.batch((page, create), depends_on={0: [1]})
    assert isinstance(created, CustomerPayment)
    assert isinstance(listed, Page) and [p.id for p in listed.value] == [created.id]
    assert [[r["id"] for r in b] for b in files.batches] == [["1", "0"], ["1", "0"]]


def test_depends_on_that_names_no_call_or_a_circle_is_refused(
    graph: FakeGraph,
) -> None:
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        calls = [client.prepare(payments(client).get) for _ in range(3)]
        with pytest.raises(ValueError, match=r"not in the batch: \[5\]"):
            client.batch(calls, depends_on={5: [0]})
        with pytest.raises(ValueError, match="circle"):
            client.batch(calls, depends_on={0: [2], 1: [0], 2: [1]})
    assert graph.requests == []


def test_a_call_the_batch_answer_leaves_out_is_an_error_of_its_own() -> None:
    """A service that answers some items only: the rest are GraphError, not a crash."""

    def service(request: httpx.Request) -> httpx.Response:
        stray = {"id": "x", "status": 204}  # an id the batch did not send
        return httpx.Response(
            200, json={"responses": [{"id": "1", "status": 204}, stray]}
        )

    http = httpx.Client(transport=httpx.MockTransport(service))
    with GraphClient(TOKEN, http_client=http) as client:
        items = payments(client)
        keys = [UUID(int=i) for i in range(3)]
        calls = [client.prepare(items.by_customer_payment_id(k).delete) for k in keys]
        first, second, third = client.batch(calls)
    assert second is None
    for missing in (first, third):
        assert isinstance(missing, GraphError) and missing.code == "InvalidResponse"


def test_async_batch(graph: FakeGraph, files: FakeFiles) -> None:
    ids = seed(graph, 2)

    async def run() -> list[Any]:
        async with AsyncGraphClient(TOKEN, base_url=graph.base_url) as client:
            items = payments(client)
            calls = [client.prepare(items.by_customer_payment_id(i).get) for i in ids]
            return await client.batch(calls)

    assert [r.line_number for r in asyncio.run(run())] == [0, 1]
    assert len(files.batches) == 1


def test_a_stream_body_cannot_be_batched(graph: FakeGraph, files: FakeFiles) -> None:
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        call = PreparedCall("PUT", "/x/content", (200,), len, body=iter([b"a"]))
        with pytest.raises(ValueError, match="bodies of bytes"):
            client.batch([call])
    assert graph.requests == []
