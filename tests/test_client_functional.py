"""The generated client against FakeGraph: every test asserts on what went over the wire."""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote
from uuid import UUID, uuid4

import httpx
import msgspec
import pytest

# tests/ has no __init__.py, so pytest puts it on sys.path and fake_graph imports as is.
from fake_graph import FakeGraph

from generated import AsyncGraphClient, GraphClient, GraphError, ValidationError
from generated.models import CustomerPayment

TOKEN = "token-123"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
COMPANY_ID = UUID("2c15e59d-e59d-2c15-9de5-152c9de5152c")
JOURNAL_ID = UUID("7d5a7c34-2c3e-4d27-a1b5-03a0d1b2c3d4")
COLLECTION = f"/beta/financials/companies/{COMPANY_ID}/customerPayments"
JOURNAL_COLLECTION = (
    f"/beta/financials/companies/{COMPANY_ID}"
    f"/customerPaymentJournals/{JOURNAL_ID}/customerPayments"
)
STALE_ETAG = 'W/"stale"'
README = Path(__file__).resolve().parent.parent / "README.md"
ITERATION_LIMIT = 50


# -- fixtures and helpers ----------------------------------------------------------------


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN, page_size=2) as fake:
        yield fake


@pytest.fixture
def client(graph: FakeGraph) -> Iterator[GraphClient]:
    with make_client(graph) as graph_client:
        yield graph_client


def make_client(graph: FakeGraph, **kwargs: Any) -> GraphClient:
    """The client as the brief configures it: bounded retries, waits of at most 5 s."""
    options = {"max_retries": 3, "max_retry_wait": 5.0, **kwargs}
    return GraphClient(TOKEN, base_url=graph.base_url, **options)


def make_async_client(graph: FakeGraph, **kwargs: Any) -> AsyncGraphClient:
    """The asyncio twin of `make_client`."""
    options = {"max_retries": 3, "max_retry_wait": 5.0, **kwargs}
    return AsyncGraphClient(TOKEN, base_url=graph.base_url, **options)


def payments(client: Any) -> Any:
    """The company-level collection builder; the same navigation for both clients."""
    return client.financials.companies.by_company_id(COMPANY_ID).customer_payments


def journal_payments(client: Any) -> Any:
    """The collection builder under a customer payment journal."""
    journals = client.financials.companies.by_company_id(COMPANY_ID)
    journal = journals.customer_payment_journals.by_customer_payment_journal_id(
        JOURNAL_ID
    )
    return journal.customer_payments


def seed(graph: FakeGraph, *amounts: str) -> list[dict[str, Any]]:
    """Payments put straight into the fake, so list tests do not depend on post."""
    return [
        graph.add_payment(COMPANY_ID, amount=Decimal(a), customerNumber=f"C{i}")
        for i, a in enumerate(amounts)
    ]


def take(items: Iterable[Any], limit: int = ITERATION_LIMIT) -> list[Any]:
    """At most `limit` items, so a client that pages forever fails instead of hanging."""
    return list(itertools.islice(items, limit))


async def atake(items: AsyncIterator[Any], limit: int = ITERATION_LIMIT) -> list[Any]:
    """The async `take`."""
    taken: list[Any] = []
    async for item in items:
        taken.append(item)
        if len(taken) >= limit:
            break
    return taken


def wire_properties(body: dict[str, Any]) -> dict[str, Any]:
    """A body without `@odata.*` annotations, which are not properties."""
    return {name: value for name, value in body.items() if not name.startswith("@")}


def statuses(graph: FakeGraph) -> list[int | None]:
    return [request.status for request in graph.requests]


class AccessToken(NamedTuple):
    """What azure-identity's get_token returns."""

    token: str
    expires_on: int


class RecordingCredential:
    """An azure-identity-style credential that notes the scopes it was asked for."""

    def __init__(self, token: str) -> None:
        self._token = token
        self.calls: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        self.calls.append(scopes)
        return AccessToken(self._token, int(time.time()) + 3600)


class GuardedTransport(httpx.HTTPTransport):
    """Lets requests reach 127.0.0.1 only, and notes every URL the client tried."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[httpx.URL] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.urls.append(request.url)
        if request.url.host != "127.0.0.1":
            raise httpx.ConnectError(f"blocked: {request.url.host}", request=request)
        return super().handle_request(request)


# -- create --------------------------------------------------------------------------------


def test_post_sends_exact_decimal_with_bearer_and_json_headers(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Money must reach the service digit for digit, never through a binary float."""
    customer_id = uuid4()
    model = CustomerPayment(
        amount=Decimal("1500.00"), customer_id=customer_id, line_number=10000
    )
    created = payments(client).post(model)

    [request] = graph.requests
    assert (request.method, request.path, request.status) == ("POST", COLLECTION, 201)
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["content-type"].split(";")[0].strip() == "application/json"
    assert re.search(rb'"amount"\s*:\s*1500\.00\s*[,}]', request.body), request.body
    assert wire_properties(request.json()) == {
        "amount": Decimal("1500.00"),
        "customerId": str(customer_id),
        "lineNumber": 10000,
    }
    stored = graph.stored(created.id)
    assert isinstance(created.id, UUID) and stored is not None
    assert str(created.amount) == "1500.00"
    assert created.customer_id == customer_id and created.line_number == 10000
    assert created.odata_etag == stored["@odata.etag"]
    assert isinstance(created.last_modified_date_time, datetime)


# -- list and iterate ------------------------------------------------------------------------


def test_get_sends_odata_query_options_and_returns_one_page(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Each keyword maps to its `$` option; select and orderby are comma-joined."""
    seed(graph, "50", "150.50", "250", "350.25", "99.99")
    page = payments(client).get(
        top=2,
        filter="amount gt 100",
        select=["id", "amount"],
        orderby=["amount desc"],
        count=True,
    )

    [request] = graph.requests
    assert request.query == {
        "$top": ["2"],
        "$filter": ["amount gt 100"],
        "$select": ["id,amount"],
        "$orderby": ["amount desc"],
        "$count": ["true"],
    }
    assert [p.amount for p in page.value] == [Decimal("350.25"), Decimal(250)]
    assert all(p.customer_number is msgspec.UNSET for p in page.value)
    assert page.count == 3
    assert page.next_link is not None and page.next_link.startswith(graph.base_url)


def test_iterate_follows_every_next_link_and_yields_each_item_once(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Five items in pages of two: three requests, the later ones the nextLinks as sent."""
    seeded = seed(graph, "1", "2", "3", "4", "5")
    ids = [payment.id for payment in take(payments(client).iterate(top=2))]

    assert ids == [UUID(item["id"]) for item in seeded]
    assert statuses(graph) == [200, 200, 200]
    first, *following = graph.requests
    assert first.query == {"$top": ["2"]}
    assert all(set(request.query) == {"$skiptoken"} for request in following)


def test_iterate_with_filter_and_orderby_spans_pages(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Query options stay in force on every page the service links to."""
    seed(graph, "5", "300", "20", "400", "10", "200")
    pages = payments(client).iterate(filter="amount lt 250", orderby=["amount"])
    amounts = [payment.amount for payment in take(pages)]

    assert amounts == [Decimal(a) for a in ("5", "10", "20", "200")]
    assert graph.requests[0].query == {
        "$filter": ["amount lt 250"],
        "$orderby": ["amount"],
    }
    assert len(graph.requests) == 2


def test_self_referencing_next_link_is_a_paging_loop_error(
    graph: FakeGraph, client: GraphClient
) -> None:
    """A page that links to itself ends in an error before any item repeats, and before
    the page is asked for again."""
    seed(graph, "1", "2", "3")
    graph.looping_next_link(times=20)
    ids = []
    with pytest.raises(GraphError) as info:
        for payment in itertools.islice(payments(client).iterate(), ITERATION_LIMIT):
            ids.append(payment.id)

    assert (info.value.status_code, info.value.code) == (0, "PagingLoop")
    assert len(ids) == len(set(ids)) == 2
    assert len(graph.requests) == 1


def test_next_link_to_another_host_is_refused_without_sending_the_token(
    graph: FakeGraph,
) -> None:
    """A nextLink is data from the wire; following it off-origin would leak the token."""
    seed(graph, "1", "2", "3")
    graph.foreign_next_link("https://evil.example.com")
    transport = GuardedTransport()
    with (
        httpx.Client(transport=transport) as http,
        make_client(graph, http_client=http) as client,
        pytest.raises((GraphError, ValueError)) as info,
    ):
        take(payments(client).iterate())

    assert {url.host for url in transport.urls} == {"127.0.0.1"}
    assert len(graph.requests) == 1
    assert TOKEN not in str(info.value)


# -- item get, patch, delete ---------------------------------------------------------------


def test_item_get_reads_exact_values_and_leaves_absent_properties_unset(
    graph: FakeGraph, client: GraphClient
) -> None:
    """More digits than a float holds survive; what the wire lacks stays UNSET."""
    stored = graph.add_payment(
        COMPANY_ID,
        amount=Decimal("-2000.123456789012345678"),
        customerNumber="C-1",
        postingDate="2024-03-31",
    )
    item = payments(client).by_customer_payment_id(UUID(stored["id"]))
    payment = item.get()
    partial = item.get(select=["amount"])

    assert [r.path for r in graph.requests] == [f"{COLLECTION}/{stored['id']}"] * 2
    assert graph.requests[0].query == {}
    assert graph.requests[1].query == {"$select": ["amount"]}
    assert payment.amount == Decimal("-2000.123456789012345678")
    assert payment.posting_date == date(2024, 3, 31)
    assert payment.customer_number == "C-1"
    assert payment.odata_etag == stored["@odata.etag"]
    assert payment.comment is msgspec.UNSET
    assert partial.amount == payment.amount
    assert partial.customer_number is msgspec.UNSET


def test_patch_with_current_etag_returns_the_updated_model(
    graph: FakeGraph, client: GraphClient
) -> None:
    """If-Match carries the etag; a 200 answer becomes the updated model."""
    created = payments(client).post(CustomerPayment(amount=Decimal("10.00")))
    item = payments(client).by_customer_payment_id(created.id)
    updated = item.patch(CustomerPayment(comment="late"), if_match=created.odata_etag)

    request = graph.requests[-1]
    assert (request.method, request.path) == ("PATCH", f"{COLLECTION}/{created.id}")
    assert request.headers["if-match"] == created.odata_etag
    assert request.headers["content-type"].split(";")[0].strip() == "application/json"
    assert request.status == 200
    assert updated.comment == "late"
    assert str(updated.amount) == "10.00"
    assert updated.odata_etag != created.odata_etag


def test_patch_sends_only_the_properties_that_were_set(
    graph: FakeGraph, client: GraphClient
) -> None:
    """A PATCH body with unset properties as null would wipe them on the server."""
    [stored] = seed(graph, "100.00")
    item = payments(client).by_customer_payment_id(UUID(stored["id"]))
    change = CustomerPayment(
        comment="late", amount=Decimal("0.10"), posting_date=date(2024, 1, 31)
    )
    item.patch(change, if_match=stored["@odata.etag"])

    assert wire_properties(graph.requests[-1].json()) == {
        "comment": "late",
        "amount": Decimal("0.10"),
        "postingDate": "2024-01-31",
    }
    assert graph.stored(stored["id"])["customerNumber"] == "C0"  # type: ignore[index]


def test_patch_of_a_fetched_payment_sends_only_what_changed(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Get, edit, patch: what the service sent (read-only id and lastModifiedDateTime, the
    etag) is neither sent back nor refused; the comment that changed is all the body holds.
    """
    [stored] = seed(graph, "100.00")
    item = payments(client).by_customer_payment_id(UUID(stored["id"]))
    fetched = item.get()
    fetched.comment = "late"
    updated = item.patch(fetched, if_match=fetched.odata_etag)

    request = graph.requests[-1]
    assert (request.method, request.status) == ("PATCH", 200)
    assert request.json() == {"comment": "late"}
    assert request.headers["if-match"] == stored["@odata.etag"]
    assert updated is not None and updated.comment == "late"
    assert updated.amount == Decimal("100.00")


def test_patch_of_a_fetched_payment_refuses_a_changed_read_only_property(
    graph: FakeGraph, client: GraphClient
) -> None:
    [stored] = seed(graph, "100.00")
    item = payments(client).by_customer_payment_id(UUID(stored["id"]))
    fetched = item.get()
    fetched.journal_display_name = "GENERAL"
    with pytest.raises(ValidationError) as info:
        item.patch(fetched)

    assert [error.path for error in info.value.errors] == ["/journalDisplayName"]
    assert [request.method for request in graph.requests] == ["GET"]


def test_patch_answered_204_returns_none(graph: FakeGraph, client: GraphClient) -> None:
    """Some Graph pages document 204 for update; that is success without a model."""
    graph.patch_returns_no_content = True
    [stored] = seed(graph, "1")
    item = payments(client).by_customer_payment_id(UUID(stored["id"]))

    assert item.patch(CustomerPayment(comment="late")) is None
    assert graph.requests[-1].status == 204
    assert "if-match" not in graph.requests[-1].headers
    assert graph.stored(stored["id"])["comment"] == "late"  # type: ignore[index]


def test_patch_with_stale_etag_raises_precondition_failed(
    graph: FakeGraph, client: GraphClient
) -> None:
    """A 412 is not retried and carries the service's code and request id."""
    created = payments(client).post(CustomerPayment(amount=Decimal("10.00")))
    item = payments(client).by_customer_payment_id(created.id)
    with pytest.raises(GraphError) as info:
        item.patch(CustomerPayment(comment="late"), if_match=STALE_ETAG)

    error = info.value
    assert (error.status_code, error.code) == (412, "PreconditionFailed")
    assert error.request_id == graph.requests[-1].request_id
    assert error.message
    assert statuses(graph) == [201, 412]
    assert "comment" not in graph.stored(created.id)  # type: ignore[operator]


def test_delete_then_get_raises_not_found(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Delete sends If-Match; the item is gone afterwards and get says 404."""
    created = payments(client).post(CustomerPayment(amount=Decimal("10.00")))
    item = payments(client).by_customer_payment_id(created.id)

    assert item.delete(if_match=created.odata_etag) is None
    delete = graph.requests[-1]
    assert (delete.method, delete.status) == ("DELETE", 204)
    assert delete.headers["if-match"] == created.odata_etag
    with pytest.raises(GraphError) as info:
        item.get()
    assert (info.value.status_code, info.value.code) == (404, "NotFound")
    assert info.value.request_id == graph.requests[-1].request_id
    assert graph.stored(created.id) is None


def test_journal_path_creates_lists_and_gets(
    graph: FakeGraph, client: GraphClient
) -> None:
    """The same builders under customerPaymentJournals/{id} address the journal's lines."""
    journal = journal_payments(client)
    created = journal.post(CustomerPayment(amount=Decimal(-2000)))
    listed = journal.get()
    fetched = journal.by_customer_payment_id(created.id).get()

    assert [r.path for r in graph.requests] == [
        JOURNAL_COLLECTION,
        JOURNAL_COLLECTION,
        f"{JOURNAL_COLLECTION}/{created.id}",
    ]
    assert statuses(graph) == [201, 200, 200]
    assert [p.id for p in listed.value] == [created.id]
    assert fetched.amount == Decimal(-2000)


def test_key_with_reserved_characters_stays_one_path_segment(
    graph: FakeGraph, client: GraphClient
) -> None:
    """`/`, `?` and `#` in a key must be percent-encoded, not change the URL's shape."""
    with pytest.raises(GraphError) as info:
        payments(client).by_customer_payment_id("a/b?c#d").get()

    assert info.value.status_code == 404
    [request] = graph.requests
    collection, _, key = request.path.rpartition("/")
    assert collection == COLLECTION
    assert unquote(key) == "a/b?c#d"
    assert request.raw_query == ""


# -- validation before sending ---------------------------------------------------------------


def test_post_with_read_only_id_raises_validation_error_and_sends_nothing(
    graph: FakeGraph, client: GraphClient
) -> None:
    """The server sets id; a client that sends it has a bug worth catching locally."""
    with pytest.raises(ValidationError) as info:
        payments(client).post(CustomerPayment(id=uuid4(), amount=Decimal(1)))

    assert "/id" in [error.path for error in info.value.errors]
    assert all(error.message for error in info.value.errors)
    assert graph.requests == []


def test_post_with_int32_out_of_range_raises_validation_error_and_sends_nothing(
    graph: FakeGraph, client: GraphClient
) -> None:
    """lineNumber is Int32 on the wire; 2**31 would be refused or truncated."""
    with pytest.raises(ValidationError) as info:
        model = CustomerPayment(amount=Decimal(1), line_number=2**31)
        payments(client).post(model)

    assert [error.path for error in info.value.errors] == ["/lineNumber"]
    assert info.value.errors[0].message
    assert graph.requests == []


# -- retries and failures --------------------------------------------------------------------


def test_429_waits_retry_after_seconds_then_succeeds(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Throttling is retried after the wait the service asked for, not sooner."""
    seed(graph, "1")
    graph.throttle(retry_after=1)
    started = time.monotonic()
    page = payments(client).get()

    assert time.monotonic() - started >= 0.9
    assert statuses(graph) == [429, 200]
    assert len(page.value) == 1


def test_429_with_retry_after_as_http_date_is_retried(
    graph: FakeGraph, client: GraphClient
) -> None:
    """Retry-After may be an HTTP date instead of seconds."""
    seed(graph, "1")
    graph.throttle(retry_after=1, as_http_date=True)
    page = payments(client).get()

    assert statuses(graph) == [429, 200]
    assert len(page.value) == 1


def test_503_twice_then_success_is_retried(
    graph: FakeGraph, client: GraphClient
) -> None:
    """A service that is briefly unavailable costs retries, not an error."""
    seed(graph, "1")
    graph.fail(503, times=2, retry_after=0)
    page = payments(client).get()

    assert statuses(graph) == [503, 503, 200]
    assert len(page.value) == 1


def test_504_without_retry_after_is_retried(graph: FakeGraph) -> None:
    """With no Retry-After the client backs off on its own, within max_retry_wait."""
    seed(graph, "1")
    graph.fail(504)
    with make_client(graph, max_retry_wait=1.0) as client:
        page = payments(client).get()

    assert statuses(graph) == [504, 200]
    assert len(page.value) == 1


def test_persistent_503_raises_after_bounded_attempts(
    graph: FakeGraph, client: GraphClient
) -> None:
    """max_retries=3 means the first attempt and three retries, then the error."""
    graph.fail(503, times=100, retry_after=0)
    with pytest.raises(GraphError) as info:
        payments(client).get()

    assert info.value.status_code == 503
    assert info.value.request_id == graph.requests[-1].request_id
    assert statuses(graph) == [503] * 4


def test_500_with_html_body_raises_graph_error(
    graph: FakeGraph, client: GraphClient
) -> None:
    """A body that is not JSON still becomes a GraphError, with the header's request id."""
    graph.fail_html(500)
    with pytest.raises(GraphError) as info:
        payments(client).get()

    assert info.value.status_code == 500
    assert info.value.request_id == graph.requests[0].request_id


# -- credentials -----------------------------------------------------------------------------


def test_credential_object_is_asked_for_the_base_urls_default_scope(
    graph: FakeGraph,
) -> None:
    """azure-identity credentials work as with the Graph SDK; the scope follows the base URL."""
    credential = RecordingCredential(TOKEN)
    client = GraphClient(credential, base_url=graph.base_url)
    try:
        payments(client).get()
    finally:
        client.close()

    assert set(credential.calls) == {(f"{graph.origin}/.default",)}
    assert graph.requests[0].headers["authorization"] == f"Bearer {TOKEN}"


def test_the_default_base_url_asks_for_the_graph_scope() -> None:
    """With no base_url the client talks to Microsoft Graph, so it asks for Graph's scope."""
    credential = RecordingCredential(TOKEN)
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"value": []})

    transport = httpx.Client(transport=httpx.MockTransport(answer))
    with GraphClient(credential, http_client=transport) as client:
        payments(client).get()
    assert set(credential.calls) == {(GRAPH_SCOPE,)}
    assert seen[0].url.host == "graph.microsoft.com"


def test_token_appears_neither_in_client_repr_nor_in_errors(graph: FakeGraph) -> None:
    """Reprs and error messages end up in logs; a bearer token must not."""
    secret = "secret-token-never-logged"
    with GraphClient(secret, base_url=graph.base_url) as client:
        assert secret not in repr(client)
        with pytest.raises(GraphError) as info:
            payments(client).get()

    error = info.value
    assert (error.status_code, error.code) == (401, "InvalidAuthenticationToken")
    assert secret not in str(error) and secret not in repr(error)
    assert graph.requests[0].headers["authorization"] == f"Bearer {secret}"


# -- asyncio ---------------------------------------------------------------------------------


def test_async_post_get_and_iterate(graph: FakeGraph) -> None:
    """The async builders send what the sync ones send and page the same way."""

    async def scenario() -> tuple[list[Any], Any, list[UUID]]:
        async with make_async_client(graph) as client:
            collection = payments(client)
            created = [
                await collection.post(CustomerPayment(amount=Decimal(amount)))
                for amount in ("1.10", "2.20", "3.30")
            ]
            page = await collection.get(top=2, count=True)
            ids = [payment.id for payment in await atake(collection.iterate(top=2))]
            return created, page, ids

    created, page, ids = asyncio.run(scenario())

    assert [str(payment.amount) for payment in created] == ["1.10", "2.20", "3.30"]
    posts = [r for r in graph.requests if r.method == "POST"]
    assert [r.json()["amount"] for r in posts] == [
        Decimal("1.10"),
        Decimal("2.20"),
        Decimal("3.30"),
    ]
    assert all(r.headers["authorization"] == f"Bearer {TOKEN}" for r in graph.requests)
    assert page.count == 3 and len(page.value) == 2 and page.next_link is not None
    assert ids == [payment.id for payment in created]
    assert statuses(graph) == [201, 201, 201, 200, 200, 200]


def test_async_patch_etag_and_delete(graph: FakeGraph) -> None:
    """Stale etag -> 412, current etag -> updated model, delete -> 404 afterwards."""

    async def scenario() -> tuple[Any, Any, GraphError, GraphError]:
        client = make_async_client(graph)
        try:
            collection = payments(client)
            created = await collection.post(CustomerPayment(amount=Decimal("7.00")))
            item = collection.by_customer_payment_id(created.id)
            with pytest.raises(GraphError) as stale:
                await item.patch(CustomerPayment(comment="late"), if_match=STALE_ETAG)
            updated = await item.patch(
                CustomerPayment(comment="late"), if_match=created.odata_etag
            )
            await item.delete(if_match=updated.odata_etag)
            with pytest.raises(GraphError) as gone:
                await item.get()
            return created, updated, stale.value, gone.value
        finally:
            await client.aclose()

    created, updated, stale, gone = asyncio.run(scenario())

    assert (stale.status_code, stale.code) == (412, "PreconditionFailed")
    assert updated.comment == "late" and updated.odata_etag != created.odata_etag
    assert wire_properties(graph.requests[2].json()) == {"comment": "late"}
    assert (gone.status_code, gone.code) == (404, "NotFound")
    assert statuses(graph) == [201, 412, 200, 204, 404]


def test_async_patch_of_a_fetched_payment_sends_only_what_changed(
    graph: FakeGraph,
) -> None:
    [stored] = seed(graph, "7.00")

    async def scenario() -> Any:
        async with make_async_client(graph) as client:
            item = payments(client).by_customer_payment_id(UUID(stored["id"]))
            fetched = await item.get()
            fetched.amount = Decimal("7.50")
            return await item.patch(fetched, if_match=fetched.odata_etag)

    updated = asyncio.run(scenario())

    assert graph.requests[-1].json() == {"amount": Decimal("7.50")}
    assert updated.amount == Decimal("7.50")


def test_async_429_waits_retry_after_then_succeeds(graph: FakeGraph) -> None:
    """The async client honours Retry-After without blocking the event loop's clock."""
    seed(graph, "1")
    graph.throttle(retry_after=1)

    async def scenario() -> Any:
        async with make_async_client(graph) as client:
            return await payments(client).get()

    started = time.monotonic()
    page = asyncio.run(scenario())

    assert time.monotonic() - started >= 0.9
    assert statuses(graph) == [429, 200]
    assert len(page.value) == 1


def test_async_post_invalid_model_sends_nothing(graph: FakeGraph) -> None:
    """Validation happens before the async request too."""

    async def scenario() -> ValidationError:
        async with make_async_client(graph) as client:
            with pytest.raises(ValidationError) as info:
                model = CustomerPayment(amount=Decimal(1), line_number=2**31)
                await payments(client).post(model)
            return info.value

    error = asyncio.run(scenario())

    assert [e.path for e in error.errors] == ["/lineNumber"]
    assert graph.requests == []


def test_async_next_link_to_another_host_is_refused(graph: FakeGraph) -> None:
    """Another host (here a second fake) must see no request and no token."""
    seed(graph, "1", "2", "3")

    async def scenario() -> BaseException:
        async with make_async_client(graph) as client:
            with pytest.raises((GraphError, ValueError)) as info:
                await atake(payments(client).iterate())
            return info.value

    with FakeGraph(token=TOKEN) as elsewhere:
        graph.foreign_next_link(elsewhere.origin.replace("127.0.0.1", "localhost"))
        error = asyncio.run(scenario())

    assert elsewhere.requests == []
    assert len(graph.requests) == 1
    assert TOKEN not in str(error)


# -- the README ------------------------------------------------------------------------------


def test_the_readme_client_sample_runs_as_written(
    graph: FakeGraph,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The sample, unchanged, against the fake: only the default base URL points here."""
    section = README.read_text(encoding="utf-8").split("## Use the generated client")[1]
    sample = section.split("```python\n", 1)[1].split("```", 1)[0]
    for client_class in (GraphClient, AsyncGraphClient):
        monkeypatch.setattr(client_class, "default_base_url", graph.base_url)
    exec(compile(sample, str(README), "exec"), {"__name__": "readme"})  # noqa: S102

    calls = [
        (r.method, "collection" if r.path == COLLECTION else "item", r.status)
        for r in graph.requests
    ]
    assert calls == [
        ("POST", "collection", 201),
        ("GET", "collection", 200),
        ("GET", "collection", 200),
        ("GET", "item", 200),
        ("PATCH", "item", 200),
        ("DELETE", "item", 204),
        ("POST", "collection", 201),
        ("GET", "collection", 200),
        ("DELETE", "item", 204),
    ]
    patch = graph.requests[4]
    assert patch.json() == {"comment": "late"}
    assert patch.headers["if-match"].startswith('W/"')
    assert len(capsys.readouterr().out.splitlines()) == 2
