"""An expanded navigation property (`$expand`): decoded as its model when a payload holds it,
that model's module imported only then; what it holds is validated, kept and sent back as
any nested model is. The payments come from FakeGraph through the client; derived types, and
what a payload imports, are tested in test_lazy_models.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import msgspec
import pytest
from fake_graph import FakeGraph

from generated import GraphClient, ValidationError
from generated.models import Customer, CustomerPayment, Picture

TOKEN = "token-123"
COMPANY_ID = UUID("2c15e59d-e59d-2c15-9de5-152c9de5152c")
CUSTOMER = {
    "id": "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
    "displayName": "Adatum Corporation",
    "address": {"city": "Atlanta", "state": "GA"},
    "picture": [
        {"id": "6a7e7af1-8ae3-ea11-bb43-000d3a2feca1", "width": 64, "height": 64},
        {"id": "7a5e7e3b-8ae3-ea11-bb43-000d3a2feca1", "contentType": "image/png"},
    ],
}


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def client(graph: FakeGraph) -> Iterator[GraphClient]:
    with GraphClient(TOKEN, base_url=graph.base_url) as graph_client:
        yield graph_client


def fetched(graph: FakeGraph, client: GraphClient, **props: Any) -> CustomerPayment:
    """A payment the service holds with `props`, read back through the client (the fake
    answers with what it holds, as the service does for `$expand=customer`)."""
    stored = graph.add_payment(COMPANY_ID, amount="100.00", **props)
    companies = client.financials.companies.by_company_id(COMPANY_ID)
    item = companies.customer_payments.by_customer_payment_id(UUID(stored["id"]))
    return item.get()


def test_an_expanded_single_value_is_its_model(
    graph: FakeGraph, client: GraphClient
) -> None:
    payment = fetched(graph, client, customer=CUSTOMER)

    assert isinstance(payment.customer, Customer)
    assert payment.customer.display_name == "Adatum Corporation"
    assert payment.customer.id == UUID(CUSTOMER["id"])
    assert payment.customer.address.city == "Atlanta"  # type: ignore[union-attr]


def test_an_expanded_collection_holds_its_models(
    graph: FakeGraph, client: GraphClient
) -> None:
    payment = fetched(graph, client, customer=CUSTOMER)

    assert isinstance(payment.customer, Customer)
    pictures = payment.customer.picture
    assert isinstance(pictures, list)
    assert [type(p) for p in pictures] == [Picture, Picture]
    assert (pictures[0].width, pictures[1].content_type) == (64, "image/png")
    assert pictures[1].width is msgspec.UNSET


def test_a_null_or_absent_navigation_value_stays_apart(
    graph: FakeGraph, client: GraphClient
) -> None:
    assert fetched(graph, client, customer=None).customer is None
    assert fetched(graph, client).customer is msgspec.UNSET
    empty = fetched(graph, client, customer={**CUSTOMER, "picture": []})
    assert isinstance(empty.customer, Customer) and empty.customer.picture == []


def test_an_expanded_value_goes_back_as_it_came_with_its_unknown_properties(
    graph: FakeGraph, client: GraphClient
) -> None:
    customer = {**CUSTOMER, "balanceDue": 12.5}
    payment = fetched(graph, client, customer=customer)

    assert isinstance(payment.customer, Customer)
    assert payment.customer.additional_data == {"balanceDue": 12.5}
    assert payment.to_dict()["customer"] == customer
    assert msgspec.json.decode(payment.to_json())["customer"] == customer


def test_a_patch_after_an_expanded_get_sends_only_what_changed(
    graph: FakeGraph, client: GraphClient
) -> None:
    payment = fetched(graph, client, customer=CUSTOMER)
    payment.comment = "late"
    companies = client.financials.companies.by_company_id(COMPANY_ID)
    item = companies.customer_payments.by_customer_payment_id(payment.id)
    item.patch(payment, if_match=payment.odata_etag)

    assert graph.requests[-1].json() == {"comment": "late"}


@pytest.mark.parametrize(
    ("customer", "path"),
    [
        ({**CUSTOMER, "displayName": 5}, "/customer/displayName"),
        ({"picture": [{"width": 1}, {"width": "wide"}]}, "/customer/picture/1/width"),
        ("Adatum", "/customer"),
    ],
)
def test_a_bad_value_inside_an_expanded_property_names_its_path(
    customer: object, path: str
) -> None:
    payload = msgspec.json.encode({"amount": 1, "customer": customer})
    with pytest.raises(ValidationError) as caught:
        CustomerPayment.from_json(payload)
    assert [e.path for e in caught.value.errors] == [path]
