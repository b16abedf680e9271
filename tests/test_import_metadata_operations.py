"""import-metadata: the operations the metadata binds to a type, read through the same code as
import-docs --metadata (tests/fixtures/csdl/operations.xml: widgets with an action that takes
parameters and returns a complex value, a function with an optional parameter, a delta
function, an action bound to the set, one whose parameter the generator cannot write, a
namesake bound to another type, a `content` stream property). The spec data first, then the generated package's builders
against FakeGraph on 127.0.0.1."""

from __future__ import annotations

import inspect
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import packages
import pytest
from fake_graph import FakeGraph
from fake_operations import Operations
from spec_checks import decided

from generator.emit.pipeline import Options, produce
from generator.importer import ImportResult, import_metadata, write_specs
from generator.odata import csdl
from generator.spec.load import Spec, load_spec

CSDL = Path(__file__).resolve().parent / "fixtures" / "csdl" / "operations.xml"
TOKEN = "token-123"


@pytest.fixture(scope="module")
def imported() -> ImportResult:
    return import_metadata(csdl.load(CSDL, "operations.xml"), ["widget"])


@pytest.fixture(scope="module")
def widget(imported: ImportResult) -> Spec:
    return load_spec(imported.specs["widget.yaml"], "widget.yaml")


@pytest.fixture(scope="module")
def package(
    imported: ImportResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("metaops")
    write_specs(root / "specs", imported.specs)
    target = root / "widgets_from_metadata"
    packages.write(produce(Options(root / "specs", packages.TEMPLATES, target)), target)
    yield packages.load(root, "widgets_from_metadata")
    packages.unload("widgets_from_metadata")
    shutil.rmtree(target)


def _signature(spec: Spec, name: str) -> tuple[Any, ...]:
    [op] = [a for a in (*spec.actions, *spec.functions) if a.name == name]
    parameters = [(p.wire, p.type, p.optional) for p in op.parameters]
    return (op.kind, op.bound, tuple(op.status), parameters, op.returns)


def test_an_action_takes_typed_parameters_and_returns_its_result(widget: Spec) -> None:
    """A nullable action parameter may be left out of the body (OData): it is optional."""
    assert _signature(widget, "resize") == (
        "action",
        "item",
        (200,),
        [("factor", "Double", False), ("finish", "finish", True)],
        "measure",
    )


def test_a_function_takes_its_parameters_optional_as_the_metadata_says(
    widget: Spec,
) -> None:
    assert _signature(widget, "quote") == (
        "function",
        "item",
        (200,),
        [("currency", "String", False), ("on", "Date", True)],
        "measure",
    )


def test_delta_is_the_delta_query_of_the_set(widget: Spec) -> None:
    [delta] = [f for f in widget.functions if f.name == "delta"]
    assert (delta.bound, delta.returns, delta.parameters) == (
        "collection",
        "Collection(widget)",
        (),
    )
    assert "select" in delta.query and "filter" in delta.query


def test_an_action_bound_to_the_set_is_a_method_of_the_collection(widget: Spec) -> None:
    assert _signature(widget, "archiveAll") == (
        "action",
        "collection",
        (200,),
        [("olderThan", "DateTimeOffset", False)],
        "Int32",
    )


def test_an_action_without_result_accepts_what_graph_answers(widget: Spec) -> None:
    """200, 204, or 202 when it runs on: the metadata cannot say which."""
    assert _signature(widget, "polish") == (
        "action",
        "item",
        (200, 202, 204),
        [("note", "String", True)],
        None,
    )


def test_each_operation_is_a_decision_and_what_cannot_be_written_is_skipped(
    imported: ImportResult, widget: Spec
) -> None:
    said = decided(imported.decisions)
    assert {
        "operations.xml:25: metadata.bound-action: actions.resize",
        "operations.xml:31: metadata.bound-function: functions.quote",
        "operations.xml:39: metadata.bound-function: functions.delta",
        "operations.xml:43: metadata.bound-action: actions.archiveAll",
        "operations.xml:48: metadata.operation-unwritable: actions.place",
        "operations.xml:56: metadata.operation-overload: actions.polish",
    } <= set(said)
    assert [a.name for a in widget.actions] == ["resize", "archiveAll", "polish"]
    polish = next(a for a in widget.actions if a.name == "polish")
    assert [p.wire for p in polish.parameters] == [
        "note"
    ]  # the first, bound to an item


def test_a_stream_property_named_content_is_the_entitys_stream(
    imported: ImportResult, widget: Spec
) -> None:
    [stream] = widget.streams
    assert (stream.segment, stream.operations, stream.returns) == (
        "content",
        ("get", "put"),
        None,
    )
    said = decided(imported.decisions)
    assert "operations.xml:15: metadata.stream-property: streams.content" in said


def test_the_types_operations_use_come_with_the_import(imported: ImportResult) -> None:
    """measure is only a result, finish only a parameter; gizmo's namesake action is not
    widget's."""
    assert sorted(imported.specs) == ["finish.yaml", "measure.yaml", "widget.yaml"]


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN, version="v1.0", page_size=2) as fake:
        yield fake


def test_the_generated_tests_pass(package: ModuleType) -> None:
    ran, failures = packages.run_generated_tests(package)
    assert failures == [], "\n".join(failures)[-4000:]
    assert ran > 10


def test_the_builders_take_the_typed_keyword_arguments(
    package: ModuleType, graph: FakeGraph
) -> None:
    service = Operations(graph)
    models = package.models
    for key in ("w1", "w2", "w3"):
        graph.add_item("/widgets", id=key, name=key.upper())
    service.action(
        "resize",
        required=("factor",),
        optional=("finish",),
        status=200,
        respond=lambda call: {"amount": call.arguments["factor"] * 2, "unit": "cm"},
    )
    service.function(
        "quote",
        required=("currency",),
        optional=("on",),
        respond=lambda call: {"amount": 9.5, "unit": call.arguments["currency"]},
    )
    service.action(
        "archiveAll",
        required=("olderThan",),
        status=200,
        respond=lambda c: {"value": 2},
    )
    service.action("polish", optional=("note",), status=202)
    older = datetime(2024, 1, 31, 10, 0, tzinfo=UTC)

    with package.GraphClient(TOKEN, base_url=graph.base_url) as client:
        item = client.widgets.by_widget_id("w1")
        assert item.resize(factor=1.5) == models.Measure(amount=3.0, unit="cm")
        item.resize(factor=2.0, finish=models.Finish.GLOSSY)
        assert item.quote(currency="EUR").unit == "EUR"
        item.quote(currency="USD", on=date(2024, 2, 1))
        assert client.widgets.archive_all(older_than=older) == 2
        assert item.polish() is None  # a 202 naming no monitor: nothing to watch
        assert [w.name for w in client.widgets.delta(select=["name"])] == [
            "W1",
            "W2",
            "W3",
        ]

    assert [c.arguments for c in service.calls] == [
        {"factor": 1.5},
        {"factor": 2.0, "finish": "glossy"},
        {"currency": "EUR"},
        {"currency": "USD", "on": "2024-02-01"},
        {"olderThan": "2024-01-31T10:00:00Z"},
        {},
    ]
    targets = [(r.method, r.target) for r in graph.requests]
    assert targets[:5] == [
        ("POST", "/v1.0/widgets/w1/resize"),
        ("POST", "/v1.0/widgets/w1/resize"),
        ("GET", "/v1.0/widgets/w1/quote(currency='EUR')"),
        ("GET", "/v1.0/widgets/w1/quote(currency='USD',on=2024-02-01)"),
        ("POST", "/v1.0/widgets/archiveAll"),
    ]
    assert targets[5:7] == [
        ("POST", "/v1.0/widgets/w1/polish"),
        ("GET", "/v1.0/widgets/delta()?%24select=name"),
    ]


def test_the_signatures_are_typed(package: ModuleType) -> None:
    """What mypy --strict checks a caller against: keyword-only arguments of their types, the
    optional one defaulted."""
    item = package.builders.widget.WidgetItemRequestBuilder
    resize = inspect.signature(item.resize).parameters
    assert [(n, p.kind.name) for n, p in resize.items()] == [
        ("self", "POSITIONAL_OR_KEYWORD"),
        ("factor", "KEYWORD_ONLY"),
        ("finish", "KEYWORD_ONLY"),
    ]
    assert resize["factor"].annotation == "float"
    assert "Finish" in resize["finish"].annotation
    assert resize["finish"].default is package.UNSET
    collection = package.builders.widget.WidgetCollectionRequestBuilder
    archive = inspect.signature(collection.archive_all)
    assert (archive.parameters["older_than"].annotation, archive.return_annotation) == (
        "datetime",
        "int",
    )
