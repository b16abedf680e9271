"""The API change report: one row per rule of what breaks a caller, through the real stages."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.check.reserved import reserved
from generator.check.schema import Schema
from generator.check.stage import check
from generator.emit.apidiff import Change, changes, render_json, render_text
from generator.emit.apisummary import summary
from generator.render.templates import TemplateSet
from generator.spec.folder import Loaded, load_specs
from generator.spec.load import load_spec

REPO = Path(__file__).resolve().parent.parent
DROP = object()  # an edit that removes the field

Spec = dict[str, Any]

PAYMENT: Spec = {
    "name": "customerPayment",
    "kind": "entity",
    "key": "id",
    "properties": {
        "id": {"type": "Guid", "readOnly": True, "nullable": False},
        "amount": {"type": "Decimal"},
        "lineNumber": {"type": "Int32"},
        "tags": {"type": "Collection(String)"},
    },
    "navigation": {"customer": {"type": "customer", "operations": ["get"]}},
    "paths": {
        "collection": ["/companies/{companyId}/customerPayments"],
        "item": "/{customerPaymentId}",
    },
    "parameters": {"companyId": "Guid", "customerPaymentId": "Guid"},
    "operations": {
        "list": {
            "method": "GET",
            "target": "collection",
            "status": [200],
            "query": ["filter", "top"],
            "headers": [
                {"name": "Authorization", "value": "Bearer {token}"},
                {"name": "ConsistencyLevel", "value": "eventual", "required": False},
            ],
        },
        "create": {"method": "POST", "target": "collection", "status": [201]},
        "get": {"method": "GET", "target": "item", "status": [200]},
        "update": {"method": "PATCH", "target": "item", "status": [200, 204]},
        "delete": {"method": "DELETE", "target": "item", "status": [204]},
    },
    "actions": {"post": {"method": "POST", "status": [204]}},
}
CUSTOMER: Spec = {
    "name": "customer",
    "kind": "entity",
    "key": "id",
    "properties": {"id": {"type": "Guid"}},
}
STATUS: Spec = {"name": "paymentStatus", "kind": "enum", "members": ["open", "paid"]}
BASE: Spec = {
    "name": "payment",
    "kind": "entity",
    "key": "id",
    "properties": {"id": {"type": "Guid", "readOnly": True, "nullable": False}},
}
DERIVED = {"base": "payment", "key": DROP, "properties.id": DROP}
GROUP: Spec = {
    "name": "group",
    "kind": "complex",
    "properties": {"x": {"type": "String"}},
}
TERM_GROUP = {**GROUP, "namespace": "microsoft.graph.termStore"}
SESSION: Spec = {**GROUP, "name": "session", "namespace": "microsoft.graph.callRecords"}


def edit(spec: Spec, edits: dict[str, Any]) -> Spec:
    """A copy of a spec with dotted fields set (or dropped with DROP)."""
    result = copy.deepcopy(spec)
    for dotted, value in edits.items():
        *parents, last = dotted.split(".")
        node = result
        for part in parents:
            node = node.setdefault(part, {})
        if value is DROP:
            del node[last]
        else:
            node[last] = value
    return result


def world(edits: dict[str, Any] | None = None, *others: Spec) -> list[Spec]:
    """The payment (edited) and its customer, with other specs beside them."""
    return [edit(PAYMENT, edits or {}), CUSTOMER, *others]


def schema_of(specs: list[Spec]) -> Schema:
    """The schema the generator would build from these specs."""
    loaded = [
        load_spec(yaml.safe_dump(spec, sort_keys=False), f"specs/{n}.yaml")
        for n, spec in enumerate(specs)
    ]
    return check(
        Loaded(loaded, [], frozenset()),
        reserved(TemplateSet.over_shipped(None).runtime()),
    )


def diff(old: list[Spec], new: list[Spec]) -> list[tuple[str, str, str, bool]]:
    found = changes(summary(schema_of(old)), summary(schema_of(new)))
    return [(c.resource, c.what, c.detail, c.breaking) for c in found]


PAY = "customerPayment"
SINGLE_ONLY = {
    "paths": {"single": ["/me/payment"]},
    "operations.list": DROP,
    "operations.create": DROP,
}

# fmt: off
CASES = [
    # types
    ("type added", world(), world({}, STATUS), [("paymentStatus", "type", "added", False)]),
    ("type removed", world({}, STATUS), world(), [("paymentStatus", "type", "removed", True)]),
    ("member added", world({}, STATUS), world({}, edit(STATUS, {"members": ["open", "paid", "void"]})), [("paymentStatus", "member void", "added", False)]),
    ("member removed", world({}, STATUS), world({}, edit(STATUS, {"members": ["open"]})), [("paymentStatus", "member paid", "removed", True)]),
    ("enum made flags", world({}, STATUS), world({}, edit(STATUS, {"flags": True})), [("paymentStatus", "values", "made flags", True)]),
    ("enum made single", world({}, edit(STATUS, {"flags": True})), world({}, STATUS), [("paymentStatus", "values", "made single members", True)]),
    ("enum made open", world({}, STATUS), world({}, edit(STATUS, {"open": True})), [("paymentStatus", "values", "made open: any string", False)]),
    ("enum made closed", world({}, edit(STATUS, {"open": True})), world({}, STATUS), [("paymentStatus", "values", "made closed: members only", True)]),
    ("kind changed", world({}, STATUS), world({}, {**GROUP, "name": "paymentStatus"}), [
        ("paymentStatus", "kind", "changed enum -> complex", True),
        ("paymentStatus", "member open", "removed", True),
        ("paymentStatus", "member paid", "removed", True),
        ("paymentStatus", "property x", "added", False),
    ]),
    ("class renamed", world({}, TERM_GROUP), world({}, TERM_GROUP, GROUP), [
        ("group", "type", "added", False),
        ("microsoft.graph.termStore.group", "class", "renamed Group -> TermStoreGroup", True),
    ]),
    ("class renamed back", world({}, TERM_GROUP, GROUP), world({}, TERM_GROUP), [
        ("group", "type", "removed", True),
        ("microsoft.graph.termStore.group", "class", "renamed TermStoreGroup -> Group", True),
    ]),
    ("base given, key and id moved to it", world(), world(DERIVED, BASE), [
        (PAY, "base", "changed none -> payment", True),
        ("payment", "type", "added", False),
    ]),
    ("base taken away", world(DERIVED, BASE), world(), [
        (PAY, "base", "changed payment -> none", True),
        ("payment", "type", "removed", True),
    ]),
    ("property moved up to the base", world(DERIVED, BASE), world({**DERIVED, "properties.amount": DROP}, edit(BASE, {"properties.amount": {"type": "Decimal"}})), [
        ("payment", "property amount", "added", False),
    ]),
    ("property moved down from the base", world({**DERIVED, "properties.amount": DROP}, edit(BASE, {"properties.amount": {"type": "Decimal"}})), world(DERIVED, BASE), [
        ("payment", "property amount", "removed", True),
    ]),
    ("made abstract", world(DERIVED, BASE), world(DERIVED, edit(BASE, {"abstract": True})), [("payment", "type", "made abstract", True)]),
    ("made concrete", world(DERIVED, edit(BASE, {"abstract": True})), world(DERIVED, BASE), [("payment", "type", "made concrete", False)]),
    ("key changed", world(), world({"key": "lineNumber"}), [(PAY, "key", "changed id -> lineNumber", True)]),
    # properties
    ("property added", world(), world({"properties.note": {"type": "String"}}), [(PAY, "property note", "added", False)]),
    ("property removed", world(), world({"properties.amount": DROP}), [(PAY, "property amount", "removed", True)]),
    ("property retyped", world(), world({"properties.amount.type": "Double"}), [(PAY, "property amount", "retyped Decimal -> Double", True)]),
    ("collection made single", world(), world({"properties.tags.type": "String"}), [(PAY, "property tags", "retyped Collection(String) -> String", True)]),
    ("single made collection", world(), world({"properties.amount.type": "Collection(Decimal)"}), [(PAY, "property amount", "retyped Decimal -> Collection(Decimal)", True)]),
    ("retyped to another namespace", world({}, SESSION), world({"properties.tags.type": "Collection(callRecords.session)"}, SESSION), [
        (PAY, "property tags", "retyped Collection(String) -> Collection(microsoft.graph.callRecords.session)", True),
    ]),
    ("made not nullable", world(), world({"properties.amount.nullable": False}), [(PAY, "property amount", "made not nullable", True)]),
    ("made nullable", world(), world({"properties.id.nullable": True}), [(PAY, "property id", "made nullable", False)]),
    ("made read-only", world(), world({"properties.amount.readOnly": True}), [(PAY, "property amount", "made read-only", True)]),
    ("made writable", world(), world({"properties.id.readOnly": False}), [(PAY, "property id", "made writable", False)]),
    ("attribute renamed", world(), world({"properties.line_number": {"type": "Int32"}}), [
        (PAY, "property lineNumber", "attribute renamed line_number -> line_number_2", True),
        (PAY, "property line_number", "added", False),
    ]),
    # navigation
    ("navigation added", world(), world({"navigation.payer": {"type": "customer"}}), [(PAY, "navigation payer", "added", False)]),
    ("navigation removed", world(), world({"navigation": DROP}), [(PAY, "navigation customer", "removed", True)]),
    ("navigation operation added", world(), world({"navigation.customer.operations": ["get", "update"]}), [(PAY, "navigation customer operation update", "added", False)]),
    ("navigation operation removed", world({"navigation.customer.operations": ["get", "update"]}), world(), [(PAY, "navigation customer operation update", "removed", True)]),
    ("navigation retyped", world(), world({"navigation.customer": {"type": "Collection(customer)"}}), [
        (PAY, "navigation customer", "retyped customer -> Collection(customer)", True),
        (PAY, "navigation customer operation get", "removed", True),
        (PAY, "navigation customer operation list", "added", False),
    ]),
    # operations
    ("operation added", world({"operations.delete": DROP}), world(), [(PAY, "operation delete", "added", False)]),
    ("operation removed", world(), world({"operations.delete": DROP}), [(PAY, "operation delete", "removed", True)]),
    ("method changed", world(), world({"operations.update.method": "PUT"}), [(PAY, "operation update", "method changed PATCH -> PUT", True)]),
    ("query option added", world(), world({"operations.list.query": ["filter", "select", "top"]}), [(PAY, "operation list query option select", "added", False)]),
    ("query option removed", world(), world({"operations.list.query": ["filter"]}), [(PAY, "operation list query option top", "removed", True)]),
    ("header argument added", world(), world({"operations.get.headers": [{"name": "Prefer", "value": "x"}]}), [(PAY, "operation get header argument Prefer", "added", False)]),
    ("header argument removed", world(), world({"operations.list.headers": []}), [(PAY, "operation list header argument ConsistencyLevel", "removed", True)]),
    ("client headers are no arguments", world(), world({"operations.update.headers": [{"name": "If-Match"}, {"name": "content-type"}]}), []),
    ("action added", world(), world({"actions.cancel": {"method": "POST", "status": [204]}}), [(PAY, "action cancel", "added", False)]),
    ("action removed", world(), world({"actions": DROP}), [(PAY, "action post", "removed", True)]),
    ("required parameter added", world(), world({"actions.post.parameters.date": {"type": "Date"}}), [(PAY, "action post parameter date", "added", True)]),
    ("optional parameter added", world(), world({"actions.post.parameters.date": {"type": "Date", "optional": True}}), [(PAY, "action post parameter date", "added", False)]),
    ("parameter removed", world({"actions.post.parameters.date": {"type": "Date", "optional": True}}), world(), [(PAY, "action post parameter date", "removed", True)]),
    ("parameter retyped", world({"actions.post.parameters.date": {"type": "Date"}}), world({"actions.post.parameters.date": {"type": "DateTimeOffset"}}), [(PAY, "action post parameter date", "retyped Date -> DateTimeOffset", True)]),
    ("parameter made required", world({"actions.post.parameters.date": {"type": "Date", "optional": True}}), world({"actions.post.parameters.date": {"type": "Date"}}), [(PAY, "action post parameter date", "made required", True)]),
    ("parameter made optional", world({"actions.post.parameters.date": {"type": "Date"}}), world({"actions.post.parameters.date": {"type": "Date", "optional": True}}), [(PAY, "action post parameter date", "made optional", False)]),
    ("parameter made not nullable", world({"actions.post.parameters.date": {"type": "Date", "nullable": True}}), world({"actions.post.parameters.date": {"type": "Date"}}), [(PAY, "action post parameter date", "made not nullable", True)]),
    ("action result retyped", world(), world({"actions.post.returns": "customer"}), [(PAY, "action post", "result retyped none -> customer", True)]),
    ("action bound elsewhere", world(), world({"actions.post.bound": "collection"}), [(PAY, "action post", "bound changed item -> collection", True)]),
    ("function added", world(), world({"functions.summary": {"returns": "Decimal"}}), [(PAY, "function summary", "added", False)]),
    ("function removed", world({"functions.summary": {"returns": "Decimal"}}), world(), [(PAY, "function summary", "removed", True)]),
    ("ref operation removed", world({"navigation.payers": {"type": "Collection(payment)", "ref": ["get", "delete"]}}, BASE), world({"navigation.payers": {"type": "Collection(payment)", "ref": ["get"]}}, BASE), [(PAY, "navigation payers ref operation delete", "removed", True)]),
    ("alternate key added", world(), world({"paths.alternateKeys": ["lineNumber"]}), [(PAY, "alternate key lineNumber", "added", False)]),
    ("alternate key removed", world({"paths.alternateKeys": ["lineNumber"]}), world(), [(PAY, "alternate key lineNumber", "removed", True)]),
    ("path addressing removed", world({"paths.byPath": True}), world(), [(PAY, "path addressing", "removed", True)]),
    ("stream added", world(), world({"streams": {"content": {"operations": ["get"]}}}), [(PAY, "stream content get", "added", False)]),
    ("stream operation removed", world({"streams": {"$value": {"operations": ["get", "put"]}}}), world({"streams": {"$value": {"operations": ["get"]}}}), [(PAY, "stream $value put", "removed", True)]),
    # paths
    ("collection path added", world(), world({"paths.collection": ["/companies/{companyId}/customerPayments", "/payments"]}), [(PAY, "collection path /payments", "added", False)]),
    ("collection path removed", world({"paths.collection": ["/companies/{companyId}/customerPayments", "/payments"]}), world(), [(PAY, "collection path /payments", "removed", True)]),
    ("item path changed", world(), world({"paths.item": "/{paymentId}", "parameters.paymentId": "Guid"}), [(PAY, "item path", "changed /{customerPaymentId} -> /{paymentId}", True)]),
    ("single path added", world(), world({"paths.single": ["/me/payment"]}), [(PAY, "single path /me/payment", "added", False)]),
    ("single path removed", world({"paths.single": ["/me/payment"]}), world(), [(PAY, "single path /me/payment", "removed", True)]),
    ("item path removed", world(), world(SINGLE_ONLY), [
        (PAY, "collection path /companies/{companyId}/customerPayments", "removed", True),
        (PAY, "item path", "changed /{customerPaymentId} -> none", True),
        (PAY, "operation create", "removed", True),
        (PAY, "operation list", "removed", True),
        (PAY, "single path /me/payment", "added", False),
    ]),
    ("item path added", world(SINGLE_ONLY), world(), [
        (PAY, "collection path /companies/{companyId}/customerPayments", "added", False),
        (PAY, "item path", "changed none -> /{customerPaymentId}", False),
        (PAY, "operation create", "added", False),
        (PAY, "operation list", "added", False),
        (PAY, "single path /me/payment", "removed", True),
    ]),
    ("nothing changed", world({}, STATUS, BASE), world({}, STATUS, BASE), []),
]
# fmt: on


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [pytest.param(old, new, expected, id=name) for name, old, new, expected in CASES],
)
def test_each_rule(
    old: list[Spec], new: list[Spec], expected: list[tuple[str, str, str, bool]]
) -> None:
    """Each change is found once, on the type that declares it, and judged by its rule."""
    assert diff(old, new) == expected


def test_a_summary_from_before_functions_were_recorded_is_read() -> None:
    """Actions as a list of names and no `functions`: an action removed is still found."""
    old = summary(schema_of(world()))
    entity = old["types"]["microsoft.graph.customerPayment"]
    entity["actions"] = sorted(entity["actions"])
    del entity["functions"]
    new = summary(schema_of(world({"actions": DROP})))
    found = [(c.what, c.detail, c.breaking) for c in changes(old, new)]
    assert found == [("action post", "removed", True)]


def test_no_recorded_summary_gives_no_report() -> None:
    """The first generate, or a manifest written before the report existed."""
    assert changes(None, summary(schema_of(world()))) == []


@pytest.mark.parametrize(
    "damage",
    [
        {"format": 0},
        {"types": []},
        {"types": {"microsoft.graph.customer": {"kind": "entity"}}},
        {"types": {"microsoft.graph.customer": "entity"}},
    ],
    ids=["other format", "types not a mapping", "type cut short", "type not a mapping"],
)
def test_an_unreadable_summary_gives_no_report(damage: dict[str, Any]) -> None:
    """A summary of another format, or edited by hand, is no baseline to compare with."""
    new = summary(schema_of(world()))
    assert changes({**new, **damage}, new) == []


def test_changes_are_sorted_by_resource_then_what() -> None:
    found = changes(
        summary(schema_of(world({}, STATUS))),
        summary(
            schema_of(world({"properties.note": {"type": "String"}, "actions": DROP}))
        ),
    )
    assert found == sorted(found)
    assert [(c.resource, c.what) for c in found] == [
        (PAY, "action post"),
        (PAY, "property note"),
        ("paymentStatus", "type"),
    ]


REPORT = [
    Change(PAY, "property amount", "retyped Decimal -> Double", True),
    Change("customer", "property note", "added", False),
    Change(PAY, "action post", "removed", True),
]


def test_render_text_one_line_per_change_grouped_by_resource() -> None:
    assert render_text(REPORT) == [
        "customer: property note added",
        "customerPayment: action post removed (breaking)",
        "customerPayment: property amount retyped Decimal -> Double (breaking)",
        "3 API change(s), 2 breaking.",
    ]


def test_render_text_of_no_change_is_the_count_line() -> None:
    assert render_text([]) == ["0 API change(s), 0 breaking."]


def test_render_text_escapes_what_a_terminal_would_act_on() -> None:
    """A wire name may hold a C1 control or a line separator; the report stays one line each."""
    found = diff(world(), world({"properties.a\u2028b\x9b": {"type": "String"}}))
    lines = render_text([Change(*row) for row in found])
    assert lines[0] == "customerPayment: property a\\u2028b\\x9b added"


def test_render_json_schema() -> None:
    # fmt: off
    assert json.loads(render_json(REPORT)) == {
        "changes": [
            {"resource": "customer", "what": "property note", "detail": "added", "breaking": False},
            {"resource": PAY, "what": "action post", "detail": "removed", "breaking": True},
            {"resource": PAY, "what": "property amount", "detail": "retyped Decimal -> Double", "breaking": True},
        ],
        "breaking": 2,
    }
    # fmt: on
    assert render_json([]) == '{\n  "changes": [],\n  "breaking": 0\n}'


def shipped() -> dict[str, Any]:
    return summary(
        check(
            load_specs(REPO / "specs"),
            reserved(TemplateSet.over_shipped(None).runtime()),
        )
    )


def test_summary_of_the_shipped_specs_is_small_sorted_json() -> None:
    """It is committed in every user's manifest: same bytes every run, keys sorted, compact."""
    first, second = json.dumps(shipped()), json.dumps(shipped())
    assert first == second
    assert first == json.dumps(json.loads(first), sort_keys=True)
    specs_size = sum(len(p.read_bytes()) for p in (REPO / "specs").glob("*.yaml"))
    assert len(first) < specs_size / 3
    assert changes(shipped(), shipped()) == []


def test_summary_describes_the_public_api() -> None:
    """One entity of the shipped specs, as a reviewer of the manifest reads it."""
    payment = shipped()["types"]["microsoft.graph.customerPayment"]
    assert payment["class"] == "CustomerPayment"
    assert payment["key"] == "id"
    properties = payment["properties"]
    assert properties["amount"] == {"attr": "amount", "type": "Decimal"}
    assert properties["id"] == {
        "attr": "id",
        "nullable": False,
        "read_only": True,
        "type": "Guid",
    }
    assert properties["customer"] == {
        "attr": "customer",
        "navigation": True,
        "operations": ["get"],
        "type": "microsoft.graph.customer",
    }
    assert payment["operations"]["list"]["method"] == "GET"
    assert "Authorization" not in payment["operations"]["list"]["headers"]
    assert payment["paths"]["item"] == "/{customerPaymentId}"
