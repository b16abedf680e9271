"""An import brings every type its operations name, so what it writes generates: the trinket's
pages (tests/fixtures/docs_v1) name, in their operations only, an entity (`appraise` returns a
trinketBuyer), a complex type (`estimate` takes a trinketRange) and a type no page documents
(`polish` returns a trinketShine, which tests/fixtures/metadata/trinket.xml describes).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import packages
import pytest
import yaml
from spec_checks import decided

from generator.emit.pipeline import Options, produce
from generator.importer import ImportResult, import_docs, write_specs
from generator.importer.output.summary import added_by_reason
from generator.odata import csdl

FIXTURES = Path(__file__).resolve().parent / "fixtures"
V1 = FIXTURES / "docs_v1"
METADATA = "metadata/trinket.xml"


def _data(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {yaml.safe_load(t)["name"]: yaml.safe_load(t) for t in result.specs.values()}


@pytest.fixture(scope="module")
def trinket() -> ImportResult:
    return import_docs(V1, ["trinket"])


@pytest.fixture(scope="module")
def described() -> ImportResult:
    metadata = csdl.load(FIXTURES / METADATA, f"tests/fixtures/{METADATA}")
    return import_docs(V1, ["trinket"], metadata=metadata)


def test_an_entity_only_an_action_returns_comes_as_a_type(
    trinket: ImportResult,
) -> None:
    data = _data(trinket)
    assert data["trinket"]["actions"]["appraise"]["returns"] == "trinketBuyer"
    assert "added trinketBuyer (operation type of trinket.appraise)" in trinket.added
    assert data["trinketBuyer"]["kind"] == "entity"
    assert "offer" in data["trinketBuyer"]["properties"]


def test_the_entity_comes_without_its_navigation_unless_asked(
    trinket: ImportResult,
) -> None:
    assert "gizmo" not in _data(trinket)
    assert (
        "resources/trinketbuyer.md:23: navigation.not-imported: navigation.favourite"
        in decided(trinket.decisions)
    )
    navigated = _data(import_docs(V1, ["trinket"], with_navigation=True))
    assert navigated["trinketBuyer"]["navigation"]["favourite"]["type"] == "gizmo"
    assert "gizmo" in navigated


def test_a_complex_type_a_function_takes_comes_with_the_import(
    trinket: ImportResult,
) -> None:
    data = _data(trinket)
    estimate = data["trinket"]["functions"]["estimate"]
    assert estimate["parameters"]["range"]["type"] == "trinketRange"
    assert data["trinketRange"]["kind"] == "complex"
    assert "added trinketRange (operation type of trinket.estimate.range)" in (
        trinket.added
    )


def test_the_types_added_are_counted_as_operation_types(
    trinket: ImportResult,
) -> None:
    assert added_by_reason(trinket.added) == {"operation type": 2, "base type": 1}


def test_an_operation_whose_result_no_page_documents_is_dropped_with_why(
    trinket: ImportResult,
) -> None:
    assert "polish" not in _data(trinket)["trinket"]["actions"]
    (polish,) = [d for d in trinket.decisions if d.rule == "action.result-undocumented"]
    assert (polish.file, polish.line, polish.at) == (
        "resources/trinket.md",
        20,
        "actions.polish",
    )
    assert polish.text == (
        "'polish' skipped: its result, trinketShine, is documented nowhere "
        "(api/trinket-polish.md:29)"
    )


def test_the_metadata_describes_what_no_page_does(described: ImportResult) -> None:
    data = _data(described)
    assert data["trinket"]["actions"]["polish"]["returns"] == "trinketShine"
    assert data["trinketShine"]["properties"]["gloss"]["type"] == "Int32"
    assert "added trinketShine (operation type of trinket.polish)" in described.added
    assert not [
        d for d in described.decisions if d.rule == "action.result-undocumented"
    ]


@pytest.mark.parametrize("source", ["pages", "pages and metadata"])
def test_what_the_import_writes_generates_and_passes_its_tests(
    source: str, trinket: ImportResult, described: ImportResult, tmp_path: Path
) -> None:
    imported = trinket if source == "pages" else described
    name = "pkg_closure"
    write_specs(tmp_path / "specs", imported.specs)
    files = produce(Options(tmp_path / "specs", packages.TEMPLATES, tmp_path / name))
    assert "models/trinket_buyer.py" in files and "models/trinket_range.py" in files
    packages.write(files, tmp_path / name)
    package = packages.load(tmp_path, name)
    try:
        ran, failures = packages.run_generated_tests(package)
    finally:
        packages.unload(name)
        shutil.rmtree(tmp_path / name)
    assert failures == [], "\n".join(failures)[-4000:]
    assert ran > 5
