"""What a unit of the model reads of the schema, and the keys made of those reads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.check.reserved import reserved
from generator.check.schema import Schema
from generator.check.stage import check
from generator.model.digests import Digests
from generator.model.reads import ALL, LOOKED_UP, SPEC, WHOLE, recording
from generator.render.templates import TemplateSet
from generator.spec.folder import load_specs

REPO = Path(__file__).resolve().parent.parent
PAYMENT = "microsoft.graph.customerPayment"
CUSTOMER = "microsoft.graph.customer"


def _schema() -> tuple[Schema, dict[str, str]]:
    loaded = load_specs(REPO / "specs")
    runtime = TemplateSet.over_shipped(None).runtime()
    return check(loaded, reserved(runtime)), dict(loaded.keys)


def test_lookups_attributes_and_spec_fields_are_noted() -> None:
    schema, _ = _schema()
    view, seen = recording(schema)
    payment = view[PAYMENT]
    assert payment.class_name == "CustomerPayment"
    assert payment.spec.item_path == "/{customerPaymentId}"
    assert view.of(payment.props[0].type) is None  # a primitive: nothing looked up
    assert "microsoft.graph.nothing" not in view.types
    assert seen == {
        (PAYMENT, LOOKED_UP),
        (PAYMENT, "class_name"),
        (PAYMENT, f"{SPEC}.item_path"),
        (PAYMENT, "props"),
        ("microsoft.graph.nothing", LOOKED_UP),
    }


def test_a_method_call_reads_the_whole_and_a_listing_reads_every_name() -> None:
    schema, _ = _schema()
    view, seen = recording(schema)
    view[PAYMENT].spec.problem(("name",), "x")
    assert (PAYMENT, SPEC) in seen
    assert sum(1 for _ in view) == len(schema.types)
    assert (ALL, LOOKED_UP) in seen


def test_a_key_changes_with_what_was_read_and_only_with_that() -> None:
    schema, keys = _schema()
    reads = [(PAYMENT, "class_name"), (CUSTOMER, f"{SPEC}.item_path")]
    key = Digests(schema, keys, "salt").key("unit", reads)
    payment = schema[PAYMENT]
    described = replace(payment, spec=replace(payment.spec, description="Other."))
    renamed = replace(payment, class_name="Payment")
    for changed, same in ((described, True), (renamed, False)):
        other = Schema({**schema.types, PAYMENT: changed}, schema.base_url)
        assert (Digests(other, keys, "salt").key("unit", reads) == key) is same
    gone = Schema({k: v for k, v in schema.types.items() if k != CUSTOMER}, "x")
    assert Digests(gone, keys, "salt").key("unit", reads) != key
    assert Digests(schema, keys, "other salt").key("unit", reads) != key
    assert Digests(schema, keys, "salt").key("unit", reads, values=1) != key


def test_a_whole_type_is_read_through_its_spec_as_loaded() -> None:
    """The whole of a type names its spec by the key of the file it was loaded from."""
    schema, keys = _schema()
    reads = [(PAYMENT, WHOLE)]
    key = Digests(schema, keys, "salt").key("unit", reads)
    file = schema[PAYMENT].spec.file
    assert Digests(schema, {**keys, file: "edited"}, "salt").key("unit", reads) != key
    assert Digests(schema, {}, "salt").key("unit", reads) != key  # the spec, encoded
