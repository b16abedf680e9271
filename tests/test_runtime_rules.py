"""Validation reads each type's rules from its generated class, once: the Graph type of each
property from its hint, the rest from what the class says beside it.

Every fixture package's rules are what its specs say (as the validation modules the generator
wrote before said it), and the validation they drive reports what it did. Through
tests/fixtures/specs/derive (tests/packages.py): each primitive, alone and in a collection, an
abstract open base and a type derived from it, flags and open enums, a self-nesting complex
type, navigation properties.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any, ClassVar

import packages
import pytest
from msgspec import UNSET, UnsetType

from generated.runtime import Model, Rules
from generated.runtime.rules import derive
from generator.check.schema import Schema, TypeDef
from generator.emit.manifest import Manifest
from generator.emit.pipeline import Options, build
from generator.model.evolvable import prefer_unknown_members

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["derive", "todo", "files", "inheritance", "operations", "wholeapi", "enums"]
package = packages.derive()
models = package.models
ValidationError = package.ValidationError
GAUGE = {"@odata.type": "#microsoft.graph.thermometer", "unit": "kelvin"}


def schema_of(specs: Path, tmp: Path) -> Schema:
    return build(Options(specs, packages.TEMPLATES, tmp / "out"), Manifest()).schema


def expected(
    rules: type[Rules], t: TypeDef, schema: Schema, asking: frozenset[str]
) -> Rules:
    """The rules the specs say of a type, inherited properties included."""
    if t.kind == "enum":
        spec = t.spec
        return rules(
            t.qualified, members=spec.members, flags=spec.flags, open=spec.open_enum
        )
    chain = [t]
    while chain[-1].base:
        chain.append(schema[chain[-1].base])
    return rules(
        t.qualified,
        base=chain[1].qualified if len(chain) > 1 else None,
        fields={p.wire: p.type.wire for p in t.props},
        read_only=frozenset(p.wire for p in t.props if p.read_only),
        not_null=frozenset(p.wire for p in t.props if not p.nullable),
        abstract=t.abstract,
        open_type=any(c.spec.open_type for c in chain),
        prefer_unknown_members=t.qualified in asking,
    )


def generated(name: str) -> tuple[ModuleType, Path]:
    if name == "shipped":
        import generated as shipped

        return shipped, ROOT / "specs"
    return (
        getattr(packages, name.replace("wholeapi", "whole_api"))(),
        packages.SPECS / name,
    )


@pytest.mark.parametrize("name", [*PACKAGES, "shipped"])
def test_the_rules_read_from_each_class_are_those_its_spec_says(
    name: str, tmp_path: Path
) -> None:
    found, specs = generated(name)
    schema = schema_of(specs, tmp_path)
    asking = prefer_unknown_members(schema)
    importlib.import_module(f"{found.__name__}.models")  # declares the package's types
    rules_of = found.runtime.validation.rules_of
    for t in schema:
        rules = expected(found.runtime.Rules, t, schema, asking)
        assert rules_of(t.qualified) == rules, t.qualified


def test_a_type_is_read_once_and_only_when_first_validated() -> None:
    validation = package.runtime.validation
    models.Calibration.from_dict({"offset": 1})
    cls = models.Calibration
    assert cls in validation._DERIVED
    before = validation._DERIVED[cls]
    validation.rules_of.__globals__["_MERGED"].clear()
    assert validation.rules_of("microsoft.graph.calibration") is before


def problems(name: str, data: dict[str, Any], mode: str | None = None) -> Any:
    """What validation reports of a payload (`mode` None: decoding it)."""
    issues = package.runtime.validate(f"microsoft.graph.{name}", data, mode=mode)
    return [(e.path, e.message) for e in issues]


def test_each_primitive_is_checked_as_its_graph_type_says() -> None:
    bad = {
        "binary": 1,
        "stream": 1,
        "byte": 256,
        "sbyte": -129,
        "int16": 2**15,
        "int32": 2**31,
        "int64": 2**63,
        "single": "x",
        "double": True,
        "decimal": 1.5,
        "date": "2024-13-01",
        "dateTimeOffset": "2024-01-31T10:15:00",
        "duration": "90 minutes",
        "timeOfDay": "25:00:00",
        "string": 5,
        "guids": ["not-a-guid"],
        "streams": [2],
        "singles": [[]],
        "durations": ["PT1H", 3],
        "boolean": None,
        "int64s": None,
    }
    assert problems("thermometer", {**GAUGE, **bad}) == [
        ("/binary", "expected a Binary string, got int"),
        ("/stream", "expected a Stream string, got int"),
        ("/byte", "256 is out of range for Byte (0..255)"),
        ("/sbyte", "-129 is out of range for SByte (-128..127)"),
        ("/int16", "32768 is out of range for Int16 (-32768..32767)"),
        ("/int32", "2147483648 is out of range for Int32 (-2147483648..2147483647)"),
        (
            "/int64",
            (
                "9223372036854775808 is out of range for Int64"
                " (-9223372036854775808..9223372036854775807)"
            ),
        ),
        ("/single", "expected a number, got a string"),
        ("/double", "expected a number, got a boolean"),
        ("/decimal", "expected a decimal number, got float"),
        ("/date", "'2024-13-01' is not a valid Date (expected e.g. '2024-01-31')"),
        (
            "/dateTimeOffset",
            (
                "'2024-01-31T10:15:00' is not a valid DateTimeOffset"
                " (expected e.g. '2024-01-31T10:15:00Z')"
            ),
        ),
        ("/duration", "'90 minutes' is not a valid Duration (expected e.g. 'PT1H30M')"),
        (
            "/timeOfDay",
            "'25:00:00' is not a valid TimeOfDay (expected e.g. '10:30:00')",
        ),
        ("/string", "expected a string, got int"),
        (
            "/guids/0",
            (
                "'not-a-guid' is not a valid Guid"
                " (expected e.g. '5d115c9c-44e3-ea11-bb43-000d3a2feca1')"
            ),
        ),
        ("/streams/0", "expected a Stream string, got int"),
        ("/singles/0", "expected a number, got an array"),
        ("/durations/1", "expected a Duration string, got int"),
        ("/boolean", "must not be null"),
        ("/int64s", "must not be null"),
    ]


def test_enums_are_checked_by_their_members_flags_and_openness() -> None:
    data = {
        "unit": "rankine",
        "units": ["kelvin", 3],
        "alerts": "low,wobbly",
        "alertSets": ["high", "stuck,odd"],
        "label": "purple",  # an open enum takes any string
    }
    wrong = ("/units/1", "expected a microsoft.graph.temperatureUnit string, got int")
    assert problems("thermometer", data) == [wrong]
    assert problems("thermometer", data, "create") == [
        (
            "/unit",
            (
                "'rankine' is not a microsoft.graph.temperatureUnit member"
                " (celsius, fahrenheit, unknownFutureValue, kelvin)"
            ),
        ),
        wrong,
        (
            "/alerts",
            "'wobbly' is not a microsoft.graph.gaugeAlerts member (low, high, stuck)",
        ),
        (
            "/alertSets/1",
            "'odd' is not a microsoft.graph.gaugeAlerts member (low, high, stuck)",
        ),
    ]


def test_nested_types_and_navigation_are_checked_as_their_own() -> None:
    data = {
        "calibration": {"offset": None, "previous": {"at": "noon"}},
        "history": [{"previous": {"previous": {"offset": 1.5}}}],
        "twin": {"unit": None, "twin": {"int64s": None}},
        "neighbours": [GAUGE, {**GAUGE, "unit": 1}, {"int64": "1"}],
    }
    assert problems("thermometer", data) == [
        ("/calibration/offset", "must not be null"),
        (
            "/calibration/previous/at",
            "'noon' is not a valid DateTimeOffset (expected e.g. '2024-01-31T10:15:00Z')",
        ),
        ("/history/0/previous/previous/offset", "expected a decimal number, got float"),
        ("/twin/unit", "must not be null"),
        ("/twin/twin/int64s", "must not be null"),
        (
            "/neighbours/1/unit",
            "expected a microsoft.graph.temperatureUnit string, got int",
        ),
        ("/neighbours/2/int64", "expected an integer (Int64), got a string"),
    ]


def test_what_may_be_sent_follows_what_each_class_says() -> None:
    assert problems("gauge", {}, "create") == [
        (
            "",
            "microsoft.graph.gauge is abstract: send one of (microsoft.graph.thermometer)",
        )
    ]
    sent = {"stream": "aGVsbG8=", "calibration": {}, "anything": 1}  # open: inherited
    assert problems("thermometer", sent, "create") == [
        ("/stream", "is read-only: the server sets it"),
        ("/calibration", "is read-only: the server sets it"),
    ]
    assert problems("calibration", {"offset": 1, "anything": 1}, "create") == [
        ("/anything", "not a property of microsoft.graph.calibration")
    ]
    body = models.Thermometer(unit=models.TemperatureUnit.KELVIN).checked("create")
    assert body == {"@odata.type": "#microsoft.graph.thermometer", "unit": "kelvin"}


class Odd(Model):
    """A class no generator wrote: a hint no Graph type reads from."""

    _graph_type: ClassVar[str] = "microsoft.graph.odd"
    count: int | UnsetType = UNSET


class Named(Odd):
    """The same hint, its Graph type named."""

    _graph_type: ClassVar[str] = "microsoft.graph.named"
    _graph_types: ClassVar[dict[str, str]] = {"count": "Int64"}


def test_a_hint_no_graph_type_reads_from_must_be_named() -> None:
    with pytest.raises(TypeError, match=r"Odd\.count: .*name it in `_graph_types`"):
        derive("microsoft.graph.odd", Odd)
    rules = derive("microsoft.graph.named", Named)
    assert rules.fields == {"count": "Int64"}
    assert rules.base == "microsoft.graph.odd"
    assert rules.not_null == {"count"}


def test_rules_read_lazily_read_each_hint_when_first_asked_for() -> None:
    """Validation reads a hint only when a payload holds its property: a bad one raises
    then, and lazily read rules equal those read at once."""
    rules = derive("microsoft.graph.odd", Odd, lazily=True)
    assert "count" in rules.not_null and list(rules.fields) == ["count"]
    assert rules.not_null | {"other"} == {"count", "other"}
    with pytest.raises(TypeError, match=r"Odd\.count: .*name it in `_graph_types`"):
        _ = rules.fields["count"]
    assert derive("microsoft.graph.named", Named, lazily=True) == derive(
        "microsoft.graph.named", Named
    )
    calibration = models.Calibration
    assert derive("c", calibration, lazily=True) == derive("c", calibration)
