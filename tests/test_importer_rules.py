"""Every importer rule in the registry (generator/importer/rules) is shown by its fixture page:
the imports below, of the fixture folders, decide it there. A rule no import reaches, or whose
fixture is missing, fails here; a newcomer adds a rule with one entry and one fixture.

A decision is shown by the page it is taken at, and by the metadata document of an import that
reads one (the rule is about what that document says)."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.importer import ImportResult, import_docs, import_metadata
from generator.importer.rules import RULES, Rule
from generator.odata import csdl
from generator.report.problems import InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BETA = "https://graph.microsoft.com/beta"


@dataclass(frozen=True)
class Import:
    """One import of a fixture folder: what it names, how, and the metadata it reads."""

    docs: str  # a folder under tests/fixtures, or "" for import-metadata
    names: tuple[str, ...]
    navigation: bool = False
    metadata: str = ""  # a CSDL document under tests/fixtures
    base_url: str | None = None
    present: tuple[str, ...] = ()  # the specs already in the folder, by qualified name

    def run(self) -> ImportResult:
        metadata = (
            csdl.load(FIXTURES / self.metadata, self.metadata)
            if self.metadata
            else None
        )
        if not self.docs:
            assert metadata is not None
            return import_metadata(metadata, self.names)
        return import_docs(
            FIXTURES / self.docs,
            self.names,
            with_navigation=self.navigation,
            metadata=metadata,
            base_url=self.base_url,
            present=self.present,
        )


IMPORTS = (
    Import("docs", ("widget", "widgetStatus", "widgetSize", "widgetPart")),
    Import(
        "docs_v1",
        ("gizmo", "gizmoSettings", "tuple_2OfGizmo", "cablePower", "gadget"),
        navigation=True,
    ),
    Import("docs_v1", ("doohickey",), navigation=True),
    Import("docs_v1", ("doohickey",), metadata="metadata/operations.xml"),
    Import("docs_v1", ("gizmoManual",)),
    Import("docs_v1", ("gizmoTag",)),
    Import("docs_v1", ("trinket",)),
    Import("docs_v1", ("lightSignal",)),
    Import("docs_v1", ("turboGizmo",)),
    Import("docs_v1", ("gizmoFeature", "gizmoColor")),
    Import("docs_v1", ("gizmoSettings",), base_url=BETA),
    Import("conflicts", ("hub", "spoke", "panel", "note", "smallTray", "lamp")),
    Import("conflicts", ("rack", "plate", "brassPlate"), metadata="metadata/plate.xml"),
    Import("financials", ("financials",)),
    Import("", ("gadget", "dial"), metadata="csdl/service.xml"),
    Import("", ("widget",), metadata="csdl/operations.xml"),
    Import("rules", ("knob",)),
    Import("rules", ("knob",), navigation=True),
    Import("rules", ("knob",), present=("microsoft.graph.dial",)),
    Import("rules", ("knob", "fancyKnob", "bigDial", "knobFace"), navigation=True),
    Import("rules", ("knob", "knobLight"), navigation=True),
    Import("rules", ("knob", "knobTuner")),
    Import("rules", ("dial", "gauge", "gaugeColor", "needleState", "meter")),
    Import("rules", ("ledger", "ledgerLine")),
    Import("rules", ("fancyKnob",), navigation=True),
    Import(
        "rules", ("knob", "fancyKnob"), navigation=True, metadata="metadata/knob.xml"
    ),
    Import("", ("knob",), metadata="metadata/knob.xml"),
    Import("rules", ("twinKnob",), metadata="metadata/knob.xml"),
)


def _cases() -> list[Import]:
    """The one-rule cases: each bad_docs folder, each metadata case with the pages it changes."""
    found = []
    for case in sorted((FIXTURES / "bad_docs").iterdir()):
        first = (case / "expected.txt").read_text("utf-8").splitlines()[0]
        names = tuple(first.removeprefix("import: ").split())
        found.append(Import(str(case.relative_to(FIXTURES)), names))
    for case in sorted((FIXTURES / "metadata" / "cases").glob("*.xml")):
        expected = yaml.safe_load(case.with_suffix(".expected").read_text("utf-8"))
        names = tuple(expected.get("import", ["sprocket"]))
        metadata = str(case.relative_to(FIXTURES))
        found.append(Import("metadata/docs", names, metadata=metadata))
    return found


@functools.cache
def shown() -> dict[str, set[str]]:
    """Each rule the imports decide, with the fixtures that show it (paths under tests/fixtures)."""
    found: dict[str, set[str]] = defaultdict(set)
    for one in (*IMPORTS, *_cases()):
        try:
            result = one.run()
        except InputError:
            continue  # a bad case that is an error, not a decision
        for decision in result.decisions:
            if one.docs:
                found[decision.rule].add(f"{one.docs}/{decision.file}")
            if one.metadata:
                found[decision.rule].add(one.metadata)
    return found


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_each_rule_is_shown_by_its_fixture(rule: Rule) -> None:
    assert (FIXTURES / rule.fixture).is_file(), f"{rule.id}: no fixture {rule.fixture}"
    assert rule.fixture in shown().get(rule.id, set()), (
        f"{rule.id}: no import of the fixtures decides it at {rule.fixture}; "
        f"it is decided at {sorted(shown().get(rule.id, ()))}"
    )


def test_every_decision_names_a_rule_of_the_registry() -> None:
    assert set(shown()) <= set(RULES)
