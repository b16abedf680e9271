"""Client edge cases that need no server: keys, credentials, headers, retries of a create."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any, NamedTuple

import httpx
import pytest

from generated import AsyncGraphClient, GraphClient, GraphError
from generated.models import CustomerPayment

COMPANY = "00000000-0000-0000-0000-000000000001"
BASE = "https://graph.test/beta"


class Token(NamedTuple):
    token: str
    expires_on: int


class Answers:
    """A mock transport answering with a list of (status, headers) in turn, recording requests."""

    def __init__(self, *answers: tuple[int, dict[str, str]]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status, headers = self.answers.pop(0) if self.answers else (200, {})
        body = (
            b'{"value": []}'
            if status == 200
            else b'{"error": {"code": "X", "message": "m"}}'
        )
        raw = {"Content-Type": "application/json", **headers}
        latin1 = [(k.encode(), v.encode("latin-1")) for k, v in raw.items()]
        return httpx.Response(status, content=body, headers=latin1)


def client(answers: Answers, credential: Any = "secret-token") -> GraphClient:
    http = httpx.Client(transport=httpx.MockTransport(answers))
    return GraphClient(credential, base_url=BASE, http_client=http, max_retry_wait=5)


def payments(graph: Any) -> Any:
    return graph.financials.companies.by_company_id(COMPANY).customer_payments


@pytest.mark.parametrize("key", ["", ".", ".."])
def test_a_key_that_would_address_another_resource_is_refused(key: str) -> None:
    """`by_customer_payment_id("..").delete()` must never become DELETE on the company."""
    answers = Answers()
    with client(answers) as graph, pytest.raises(ValueError):
        payments(graph).by_customer_payment_id(key).delete()
    assert answers.requests == []


def test_a_create_is_not_retried_after_a_503() -> None:
    """After a 503 or 504 the payment may exist: sending it again could pay twice."""
    answers = Answers((503, {"Retry-After": "0"}), (201, {}))
    with client(answers) as graph, pytest.raises(GraphError) as caught:
        payments(graph).post(CustomerPayment(amount=Decimal("1.00")))
    assert caught.value.status_code == 503
    assert len(answers.requests) == 1


def test_a_throttled_create_is_retried() -> None:
    """429 means the service did not take the request: retrying a create is safe."""
    answers = Answers((429, {"Retry-After": "0"}), (503, {}))
    with client(answers) as graph, pytest.raises(GraphError) as caught:
        payments(graph).post(CustomerPayment(amount=Decimal("1.00")))
    assert caught.value.status_code == 503
    assert [r.method for r in answers.requests] == ["POST", "POST"]


@pytest.mark.parametrize(
    "value", ["\u00b2", "1e3", "-1", "soon", "99999999999999999999"]
)
def test_a_strange_retry_after_falls_back_to_backoff(value: str) -> None:
    """A Retry-After that is not whole seconds nor a date must not crash the client."""
    answers = Answers((429, {"Retry-After": value}), (200, {}))
    with client(answers) as graph:
        assert payments(graph).get().value == []
    assert len(answers.requests) == 2


def test_a_token_with_a_line_break_is_refused_without_showing_it() -> None:
    """A broken credential must not smuggle a header, nor print the secret in the error."""
    answers = Answers()
    with (
        client(answers, "secret\r\nX-Evil: 1") as graph,
        pytest.raises(ValueError) as caught,
    ):
        payments(graph).get()
    assert "secret" not in str(caught.value)
    assert answers.requests == []


def test_an_asyncio_credential_works_with_the_async_client() -> None:
    """azure.identity.aio credentials have `async def get_token`."""

    class AsyncCredential:
        def __init__(self) -> None:
            self.scopes: list[tuple[str, ...]] = []

        async def get_token(self, *scopes: str) -> Token:
            self.scopes.append(scopes)
            return Token("async-token", 0)

    answers = Answers()
    credential = AsyncCredential()

    async def run() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(answers))
        async with AsyncGraphClient(
            credential, base_url=BASE, http_client=http
        ) as graph:
            await payments(graph).get()

    asyncio.run(run())
    assert answers.requests[0].headers["Authorization"] == "Bearer async-token"
    assert credential.scopes == [("https://graph.test/.default",)]


def test_an_asyncio_credential_in_the_sync_client_is_a_clear_error() -> None:
    class AsyncCredential:
        async def get_token(self, *scopes: str) -> Token:
            return Token("never", 0)

    answers = Answers()
    with (
        client(answers, AsyncCredential()) as graph,
        pytest.raises(TypeError, match="AsyncGraphClient"),
    ):
        payments(graph).get()
    assert answers.requests == []
