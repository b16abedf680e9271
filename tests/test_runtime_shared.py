"""The runtime every resource shares, tested once: errors, paging, retries, the async path,
and the sans-IO steps themselves, driven by hand."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from generated import AsyncGraphClient, GraphClient, GraphError
from generated.models import CustomerPayment
from generated.runtime.calls import Page, PreparedCall, following, reads_nothing
from generated.runtime.http import Done, Send, Settings, exchange
from generated.runtime.testing import BASE_URL, TOKEN, Recorder, load

REPO = Path(__file__).resolve().parent.parent
COMPANY = "00000000-0000-0000-0000-000000000001"
PAYMENT = {"id": "5d115c9c-44e3-ea11-bb43-000d3a2feca1", "amount": 12}


def payments(client: Any) -> Any:
    return client.financials.companies.by_company_id(COMPANY).customer_payments


def test_an_error_answer_raises_graph_error() -> None:
    error = {"code": "NotFound", "message": "gone", "innerError": {"request-id": "r-1"}}
    recorder = Recorder(404, {"error": error})
    http = recorder.client()
    with (
        GraphClient(TOKEN, base_url=BASE_URL, http_client=http) as client,
        pytest.raises(GraphError) as caught,
    ):
        payments(client).by_customer_payment_id("p").get()
    raised = caught.value
    found = (raised.status_code, raised.code, raised.message, raised.request_id)
    assert found == (404, "NotFound", "gone", "r-1")
    assert TOKEN not in str(raised)


def test_iterate_async() -> None:
    recorder = Recorder(200, {"value": [PAYMENT]})

    async def run() -> list[Any]:
        http = recorder.async_client()
        async with AsyncGraphClient(TOKEN, base_url=BASE_URL, http_client=http) as c:
            return [p async for p in payments(c).iterate(top=1)]

    assert asyncio.run(run()) == [CustomerPayment.from_dict(PAYMENT)]
    assert recorder.only().url.params["$top"] == "1"


def page_call() -> PreparedCall[Any]:
    return PreparedCall(
        "GET", "/items", (200,), reads_nothing, (("$top", "2"),), {"A": "b"}
    )


def test_the_next_call_follows_the_link_with_the_same_headers() -> None:
    first = page_call()
    link = "https://graph.test/beta/items?$skiptoken=2"
    page: Page[Any] = Page([], link, None, "https://x/1")
    second = following(first, page)

    assert second is not None
    assert (second.path, second.params, second.headers) == (
        page.next_link,
        (),
        {"A": "b"},
    )
    assert following(second, Page([], None)) is None


@pytest.mark.parametrize("link", ["https://x/1", "https://x/2"])
def test_a_link_to_a_page_already_read_is_a_paging_loop(link: str) -> None:
    """The page itself, or any page before it."""
    second = following(page_call(), Page([], "https://x/2", None, "https://x/1"))
    assert second is not None
    with pytest.raises(GraphError) as caught:
        following(second, Page([], link, None, "https://x/2"))
    assert caught.value.code == "PagingLoop"


def settings(max_retries: int = 3) -> Settings:
    return Settings("https://graph.test/beta", "secret", max_retries, 60.0)


def answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers, request=httpx.Request("GET", "/"))


def test_a_throttled_call_is_a_wait_then_the_same_request_again() -> None:
    """The steps of one call, driven by hand: no I/O, no clock."""
    steps = exchange(
        settings(), PreparedCall("GET", "/items", (200,), lambda r: r.status_code)
    )
    sent = next(steps)
    assert isinstance(sent, Send) and sent.url == "https://graph.test/beta/items"
    assert sent.options["headers"]["Authorization"] == "Bearer secret"
    assert steps.send(answer(429, **{"Retry-After": "2"})) == 2.0
    assert steps.send(None) == sent
    assert steps.send(answer(200)) == Done(200)


def test_a_create_is_not_retried_after_a_503_and_throttling_ends() -> None:
    """After a 503 the create may have happened; retries stop at max_retries."""
    create = PreparedCall("POST", "/items", (201,), reads_nothing, body=b"{}")
    steps = exchange(settings(), create)
    next(steps)
    with pytest.raises(GraphError) as caught:
        steps.send(answer(503, **{"Retry-After": "0"}))
    assert caught.value.status_code == 503

    steps = exchange(
        settings(max_retries=0), PreparedCall("GET", "/", (200,), reads_nothing)
    )
    next(steps)
    with pytest.raises(GraphError):
        steps.send(answer(429))


def test_runtime_sources_are_laid_out_as_black_lays_out_the_output() -> None:
    """generated/runtime/*.py is its template with the header line, nothing reformatted."""
    templates = sorted((REPO / "templates" / "runtime").glob("*.py"))
    assert templates
    for template in templates:
        generated = (REPO / "generated" / "runtime" / template.name).read_text()
        header, _, body = generated.partition("\n")
        assert header.startswith("# Generated by graph-codegen")
        assert body == template.read_text(), template.name


def test_importing_a_model_does_not_import_the_http_stack() -> None:
    """httpx (and the request side of the runtime) loads when a client is built."""
    script = (
        "import sys\n"
        "import generated.models.customer_payment\n"
        "from generated import GraphError, Page, ValidationError\n"
        "assert 'httpx' not in sys.modules, 'a model import loaded httpx'\n"
        "assert 'generated.runtime.http' not in sys.modules\n"
        "from generated import GraphClient\n"
        "assert 'httpx' not in sys.modules, 'importing the client loaded httpx'\n"
        "GraphClient('token').close()\n"
        "assert 'httpx' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_a_repr_shows_only_the_properties_set() -> None:
    payment = CustomerPayment(comment="late", amount=Decimal("1.50"))
    assert repr(payment) == "CustomerPayment(amount=Decimal('1.50'), comment='late')"


def test_a_response_context_is_kept_apart_and_written_back() -> None:
    """A single GET's `@odata.context` decodes at msgspec's speed, as `odata_context`."""
    data = b'{"@odata.context":"https://graph.test/$metadata#x/$entity","comment":"a"}'
    payment = CustomerPayment.from_json(data)
    context = "https://graph.test/$metadata#x/$entity"
    assert (payment.odata_context, payment.additional_data) == (context, {})
    assert load(payment.to_json()) == load(data)
