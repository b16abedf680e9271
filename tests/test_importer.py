"""The docs importer: real Graph pages, made-up fixture pages, bad pages, determinism and safe YAML."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spec_checks import decided

from generator import cli
from generator.importer import import_docs, write_specs
from generator.importer.output.specyaml import emit
from generator.odata import csdl
from generator.odata.types import PRIMITIVES
from generator.report.problems import InputError
from generator.spec.load import Spec, load_spec

ROOT = Path(__file__).resolve().parents[1]
# The shared docs beside the repository; GRAPH_CODEGEN_SHARED points elsewhere (a worktree).
SHARED = Path(os.environ.get("GRAPH_CODEGEN_SHARED", ROOT / ".." / "shared"))
GRAPH_DOCS = SHARED / "graph-docs"
FIXTURES = ROOT / "tests" / "fixtures"
BAD = sorted(p for p in (FIXTURES / "bad_docs").iterdir() if p.is_dir())
FINANCIALS = [
    "customerPayment",
    "customer",
    "customerPaymentJournal",
    "postalAddressType",
]
WIDGETS = ["widget", "widgetStatus", "widgetSize", "widgetPart"]

needs_graph_docs = pytest.mark.skipif(
    not GRAPH_DOCS.is_dir(), reason="../shared/graph-docs is not there"
)


def _specs(docs: Path, names: list[str]) -> tuple[dict[str, Spec], list[str]]:
    result = import_docs(docs, names)
    specs = {file: load_spec(text, file) for file, text in result.specs.items()}
    return specs, decided(result.decisions)


def _props(spec: Spec) -> dict[str, tuple[str, bool]]:
    return {p.wire: (p.type, p.read_only) for p in spec.properties}


def _ops(spec: Spec) -> dict[str, tuple[str, str, tuple[int, ...]]]:
    return {k: (o.method, o.target, o.status) for k, o in spec.operations.items()}


@pytest.fixture(scope="module")
def financials() -> tuple[dict[str, Spec], list[str]]:
    return _specs(GRAPH_DOCS, FINANCIALS)


@needs_graph_docs
def test_customer_payment_from_the_graph_pages(
    financials: tuple[dict[str, Spec], list[str]],
) -> None:
    specs, decisions = financials
    spec = specs["customer_payment.yaml"]
    assert (spec.name, spec.kind, spec.key, spec.base_url) == (
        "customerPayment",
        "entity",
        "id",
        "https://graph.microsoft.com/beta",
    )
    assert _props(spec)["amount"] == ("Decimal", False)
    assert _props(spec)["id"] == ("Guid", True)
    assert _props(spec)["lastModifiedDateTime"] == ("DateTimeOffset", True)
    assert _props(spec)["lineNumber"] == ("Int32", False)
    assert _props(spec)["postingDate"] == ("Date", False)
    assert spec.collection_paths == (
        "/financials/companies/{companyId}/customerPayments",
        "/financials/companies/{companyId}/customerPaymentJournals/{customerPaymentJournalId}/customerPayments",
    )
    assert spec.item_path == "/{customerPaymentId}"
    assert _ops(spec) == {
        "list": ("GET", "collection", (200,)),
        "create": ("POST", "collection", (201,)),
        "get": ("GET", "item", (200,)),
        "update": ("PATCH", "item", (200, 204)),
        "delete": ("DELETE", "item", (204,)),
    }
    [customer] = spec.navigation
    assert (customer.name, customer.type, customer.operations) == (
        "customer",
        "customer",
        ("get",),
    )
    assert (
        "resources/customerpayment.md:30: navigation.create-single: navigation.customer"
        in decisions
    )
    assert (
        "resources/customerpayment.md:29: navigation.single-valued: navigation.customer"
        in decisions
    )
    assert (
        "resources/customerpayment.md:45: property.financials-key-guid: id" in decisions
    )
    assert "api/customerpayment-create.md:50: property.server-set: id" in decisions
    assert {
        "api/customerpayment-update.md:70: operation.update-status: operations.update",
        "api/customerpayment-update.md:38: operation.if-match-added: operations.update",
        "api/customerpayment-get.md:73: example.values-replaced: example",
    } <= set(decisions)


@needs_graph_docs
def test_customer_and_its_journal_from_the_graph_pages(
    financials: tuple[dict[str, Spec], list[str]],
) -> None:
    specs, decisions = financials
    customer = specs["customer.yaml"]
    assert _props(customer)["address"] == ("postalAddressType", False)
    assert _props(customer)["taxLiable"] == ("Boolean", False)
    assert customer.collection_paths == ("/financials/companies/{companyId}/customers",)
    assert customer.single_paths[0] == (
        "/financials/companies/{companyId}/salesOrders/{salesOrderId}/customer"
    )
    assert len(customer.single_paths) == 5
    assert {k: customer.parameters[k] for k in ("companyId", "customerId")} == {
        "companyId": "Guid",
        "customerId": "Guid",
    }
    assert set(customer.parameters.values()) == {"Guid"}
    assert customer.navigation == ()
    assert (
        "resources/customer.md:69: navigation.not-imported: navigation.picture"
        in decisions
    )
    journal = specs["customer_payment_journal.yaml"]
    [payments] = journal.navigation
    assert (payments.name, payments.type, payments.operations) == (
        "customerPayments",
        "Collection(customerPayment)",
        ("list", "create"),
    )
    assert journal.item_path == "/{customerPaymentJournalId}"
    assert (
        "resources/customerpaymentjournal.md:47: navigation.not-imported: navigation.account"
        in decisions
    )
    address = specs["postal_address_type.yaml"]
    assert (address.kind, address.operations, address.collection_paths) == (
        "complex",
        {},
        (),
    )
    assert _props(address) == {
        n: ("String", False)
        for n in ("city", "countryLetterCode", "postalCode", "state", "street")
    }


# Fields of specs/customer_payment.yaml that a person decided otherwise than the pages say.
DECIDED_BY_A_PERSON = {
    "description",
    "properties.*.description",
    "properties.journalDisplayName.readOnly",
    "example",
}


def _differences(ours: Spec, theirs: Spec) -> set[str]:
    """The dotted names of the fields that differ, with property descriptions folded into one name."""
    found: set[str] = set()
    for field in dataclasses.fields(Spec):
        if field.name in ("file", "lines", "properties"):
            continue
        if _unlined(getattr(ours, field.name)) != _unlined(getattr(theirs, field.name)):
            found.add({"base_url": "baseUrl"}.get(field.name, field.name))
    mine, reviewed = {p.wire: p for p in ours.properties}, {
        p.wire: p for p in theirs.properties
    }
    if mine.keys() != reviewed.keys():
        found.add("properties")
    for wire in mine.keys() & reviewed.keys():
        for attribute, shown in (
            ("type", "type"),
            ("read_only", "readOnly"),
            ("nullable", "nullable"),
        ):
            if getattr(mine[wire], attribute) != getattr(reviewed[wire], attribute):
                found.add(f"properties.{wire}.{shown}")
        if mine[wire].description != reviewed[wire].description:
            found.add("properties.*.description")
    return found


def _unlined(value: Any) -> Any:
    """A spec field without the lines its parts stand on, which differ between any two files."""
    if (
        dataclasses.is_dataclass(value)
        and not isinstance(value, type)
        and hasattr(value, "line")
    ):
        return dataclasses.replace(value, line=0)
    if isinstance(value, tuple):
        return tuple(_unlined(v) for v in value)
    if isinstance(value, dict):
        return {k: _unlined(v) for k, v in value.items()}
    return value


@needs_graph_docs
def test_customer_payment_differs_from_the_reviewed_spec_only_where_a_person_decided() -> (
    None
):
    """As specs/ holds it: imported beside customer, so the customer navigation is kept."""
    result = import_docs(GRAPH_DOCS, ["customerPayment", "customer"])
    ours = load_spec(result.specs["customer_payment.yaml"], "customer_payment.yaml")
    reviewed_path = ROOT / "specs" / "customer_payment.yaml"
    theirs = load_spec(
        reviewed_path.read_text(encoding="utf-8"), "specs/customer_payment.yaml"
    )
    assert _differences(ours, theirs) == DECIDED_BY_A_PERSON


@needs_graph_docs
def test_with_the_service_metadata_what_drift_found_is_decided_too() -> None:
    """The metadata gives what a person took from it: the id is a Guid and never null."""
    metadata = csdl.load(FIXTURES / "csdl" / "agree.xml", "metadata.xml")
    result = import_docs(GRAPH_DOCS, ["customerPayment", "customer"], metadata=metadata)
    ours = load_spec(result.specs["customer_payment.yaml"], "customer_payment.yaml")
    reviewed = (ROOT / "specs" / "customer_payment.yaml").read_text(encoding="utf-8")
    theirs = load_spec(reviewed, "specs/customer_payment.yaml")
    assert _differences(ours, theirs) == DECIDED_BY_A_PERSON
    assert "resources/customerpayment.md:45: metadata.property-type: id" in decided(
        result.decisions
    )


@needs_graph_docs
def test_navigation_to_a_resource_not_imported_is_skipped_and_reported() -> None:
    result = import_docs(GRAPH_DOCS, ["customerPayment"])
    spec = load_spec(result.specs["customer_payment.yaml"], "customer_payment.yaml")
    assert spec.navigation == ()
    assert (
        "resources/customerpayment.md:54: navigation.not-imported: navigation.customer"
        in decided(result.decisions)
    )


@pytest.fixture(scope="module")
def widgets() -> tuple[dict[str, Spec], list[str]]:
    return _specs(FIXTURES / "docs", WIDGETS)


def test_every_primitive_and_collection_type(
    widgets: tuple[dict[str, Spec], list[str]],
) -> None:
    specs, decisions = widgets
    types = {p.type for p in specs["widget.yaml"].properties}
    assert set(PRIMITIVES) <= types
    props = _props(specs["widget.yaml"])
    assert props["tags"] == props["aliases"] == ("Collection(String)", False)
    assert props["bigCount"] == ("Int64", False)
    assert props["manual"] == ("Stream", True)
    assert props["rank"] == ("Int32", False)
    assert "resources/widget.md:51: cell.alias: rank" in decisions
    assert props["status"] == ("widgetStatus", False)
    assert props["history"] == ("Collection(widgetSize)", False)


def test_enum_complex_navigation_and_action(
    widgets: tuple[dict[str, Spec], list[str]],
) -> None:
    specs, _ = widgets
    status = specs["widget_status.yaml"]
    assert (status.kind, status.members) == (
        "enum",
        ("draft", "published", "archived", "unknownFutureValue"),
    )
    size = specs["widget_size.yaml"]
    assert size.kind == "complex" and size.example == {
        "width": Decimal("1500.25"),
        "height": Decimal("12.50"),
        "unit": "text",
    }
    widget = specs["widget.yaml"]
    [parts] = widget.navigation
    assert (parts.type, parts.operations) == (
        "Collection(widgetPart)",
        ("list", "create"),
    )
    [publish] = widget.actions
    assert (publish.name, publish.status) == ("publish", (204,))
    assert widget.open_type is True


def test_hand_written_variations(widgets: tuple[dict[str, Spec], list[str]]) -> None:
    specs, decisions = widgets
    widget = specs["widget.yaml"]
    assert widget.collection_paths == ("/me/widgets", "/users/{userId}/widgets")
    assert widget.item_path == "/{widgetId}"
    assert widget.parameters == {"userId": "String", "widgetId": "String"}
    assert widget.operations["create"].status == (201,)
    headers = {
        h.name: (h.value, h.required) for h in widget.operations["create"].headers
    }
    assert headers == {
        "Authorization": ("Bearer {token}", True),
        "Content-Type": ("application/json", True),
        "Prefer": ("return=minimal", False),
    }
    update = {
        h.name: (h.value, h.required) for h in widget.operations["update"].headers
    }
    assert update["If-Match"] == ("{etag}", True)
    assert widget.example is not None and widget.example["price"] == Decimal("19.99")
    assert widget.example["size"] == {
        "width": Decimal("1500.25"),
        "height": Decimal("3.5"),
        "unit": "cm",
    }
    assert "extra" not in widget.example and widget.example["status"] == "draft"
    for expected in (
        "api/widget-get.md:45: example.trailing-commas: example",
        ("api/widget-get.md:15: route.placeholders-renamed: operations.get"),
        "api/widget-list.md:38: route.beta: baseUrl",
        "resources/widget.md:24: operation.api-page-missing: operations",
        ("api/widget-delete.md:11: operation.authorization-added: operations.delete"),
    ):
        assert expected in decisions


@pytest.mark.parametrize("case", BAD, ids=[p.name for p in BAD])
def test_bad_docs(case: Path) -> None:
    """Each folder holds one bad case; expected.txt names what to import and the exact messages."""
    first, *expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    names = first.removeprefix("import: ").split()
    if all(": warning: " in line for line in expected):
        decisions = [str(d) for d in import_docs(case, names).decisions]
        assert set(expected) <= set(decisions)
        return
    with pytest.raises(InputError) as raised:
        import_docs(case, names)
    assert [str(p) for p in raised.value.problems] == expected


def test_a_missing_docs_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        import_docs(tmp_path / "nowhere", ["widget"])
    assert [str(p) for p in raised.value.problems] == [
        f"graph-codegen: --docs {tmp_path / 'nowhere'} is not a folder"
    ]


def test_a_symlink_out_of_the_docs_folder_is_not_a_page(tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text(
        (FIXTURES / "docs" / "resources" / "widgetsize.md").read_text(encoding="utf-8")
    )
    (tmp_path / "docs" / "resources").mkdir(parents=True)
    (tmp_path / "docs" / "resources" / "widgetsize.md").symlink_to(outside)
    with pytest.raises(InputError) as raised:
        import_docs(tmp_path / "docs", ["widgetSize"])
    assert [str(p) for p in raised.value.problems] == [
        "graph-codegen: no page of the docs documents a type 'widgetSize'"
    ]


@pytest.mark.slow
def test_the_same_pages_give_the_same_bytes_whatever_the_hash_seed() -> None:
    script = (
        "import sys; from pathlib import Path; from generator.importer import import_docs; "
        "r = import_docs(Path(sys.argv[1]), sys.argv[2:]); "
        "sys.stdout.write(''.join(k + chr(10) + v for k, v in r.specs.items()) + ''.join(map(str, r.decisions)))"
    )
    outputs = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, str(FIXTURES / "docs"), *WIDGETS],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert (
        import_docs(FIXTURES / "docs", WIDGETS).specs
        == import_docs(FIXTURES / "docs", WIDGETS).specs
    )


def test_specs_are_written_inside_the_specs_folder_only(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("keep me", encoding="utf-8")
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "widget_size.yaml").symlink_to(outside)
    result = import_docs(FIXTURES / "docs", ["widgetSize", "widgetStatus"])
    assert write_specs(specs, result.specs) == [
        "widget_size.yaml",
        "widget_status.yaml",
    ]
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert not (specs / "widget_size.yaml").is_symlink()
    assert (specs / "widget_size.yaml").read_text(encoding="utf-8") == result.specs[
        "widget_size.yaml"
    ]
    assert sorted(p.name for p in specs.iterdir()) == [
        "widget_size.yaml",
        "widget_status.yaml",
    ]


def test_windows_line_ends_change_nothing(tmp_path: Path) -> None:
    for source in (FIXTURES / "docs").rglob("*.md"):
        target = tmp_path / source.relative_to(FIXTURES / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    assert import_docs(tmp_path, WIDGETS) == import_docs(FIXTURES / "docs", WIDGETS)


def test_the_spec_names_its_schema_and_pages() -> None:
    text = import_docs(FIXTURES / "docs", ["widgetSize"]).specs["widget_size.yaml"]
    assert text.startswith(
        "# yaml-language-server: $schema=../generated/spec.schema.json\n"
    )
    assert "resources/widgetsize.md" in text.split("\nname:", 1)[0]


def test_the_schema_line_leads_to_where_generate_writes_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a project whose package is elsewhere, editors still find the spec format."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nspecs = "api/specs"\nout = "src/client"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert (
        cli.main(["import-docs", "--docs", str(FIXTURES / "docs"), "widgetSize"]) == 0
    )
    text = (tmp_path / "api" / "specs" / "widget_size.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../src/client/spec.schema.json\n"
    )


def test_hostile_page_text_reaches_the_spec_intact(tmp_path: Path) -> None:
    page = (FIXTURES / "docs" / "resources" / "widgetsize.md").read_text(
        encoding="utf-8"
    )
    hostile = "Say \"hi\" and 'bye' {{ config }} {% raw %} \x07 \\ # not a comment: [x]"
    page = page.replace("The size of a widget, in centimetres.", hostile)
    page = page.replace(
        "|width|Decimal|The width.|", "|width|Decimal|A \\| pipe, {{ x }} and \x00.|"
    )
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "widgetsize.md").write_text(page, encoding="utf-8")
    text = import_docs(tmp_path, ["widgetSize"]).specs["widget_size.yaml"]
    spec = load_spec(text, "widget_size.yaml")
    assert spec.description == hostile
    assert spec.properties[0].description == "A | pipe, {{ x }} and \x00."


HOSTILE = st.text(st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    description=HOSTILE,
    wire=HOSTILE.filter(lambda s: s and not s.startswith("@")),
    value=HOSTILE,
)
def test_hostile_strings_survive_the_round_trip(
    description: str, wire: str, value: str
) -> None:
    spec: dict[str, Any] = {
        "name": "thing",
        "kind": "complex",
        "namespace": "microsoft.graph",
        "description": description,
        "docs": ["resources/thing.md"],
        "properties": {wire: {"type": "String", "description": description}},
        "example": {wire: value, "n": Decimal("-2000.00")},
        "notes": [
            {"at": wire, "decision": description, "source": "resources/thing.md:1"}
        ],
    }
    loaded = load_spec(emit(spec), "thing.yaml")
    assert loaded.description == description
    assert [(p.wire, p.description) for p in loaded.properties] == [(wire, description)]
    assert loaded.example == {wire: value, "n": Decimal("-2000.00")}


def _mutations() -> st.SearchStrategy[list[tuple[int, str]]]:
    return st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["", "|", "```", "# x", "<!--", "{", "|a|b|"]),
        ),
        max_size=6,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    page=st.sampled_from(
        [
            "resources/widget.md",
            "api/widget-get.md",
            "api/widget-create.md",
            "resources/widgetstatus.md",
            "api/widget-update.md",
        ]
    ),
    edits=_mutations(),
)
def test_damaged_pages_never_crash_the_importer(
    page: str, edits: list[tuple[int, str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder)
        for source in (FIXTURES / "docs").rglob("*.md"):
            target = docs / source.relative_to(FIXTURES / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        lines = (docs / page).read_text(encoding="utf-8").split("\n")
        for position, text in edits:
            lines[position % len(lines)] = text
        (docs / page).write_text("\n".join(lines), encoding="utf-8")
        try:
            import_docs(docs, WIDGETS)
        except InputError as error:
            assert all(p.line >= 0 for p in error.problems)  # 0: the file as a whole


def test_a_type_no_page_documents_is_one_stand_in_however_rows_spell_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[EmailAddress]` and `[emailAddress]` link one missing page: one type, named as Graph
    names it, that both properties use, so the specs generate."""
    case = FIXTURES / "bad_docs" / "undocumented_type_cased"
    specs = import_docs(case, ["thing"]).specs
    assert sorted(specs) == ["email_address.yaml", "thing.yaml"]
    thing = load_spec(specs["thing.yaml"], "thing.yaml")
    assert [p.type for p in thing.properties] == [
        "emailAddress",
        "Collection(emailAddress)",
    ]
    write_specs(tmp_path / "specs", specs)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["generate", "--quiet"]) == 0
