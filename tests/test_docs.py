"""The spec format reference (docs/spec-format.md) stays in step with the schema it documents."""

from __future__ import annotations

import re
from pathlib import Path

from generator.odata.types import PRIMITIVES
from generator.spec.load import load_spec
from generator.spec.specschema import schema

DOC = Path(__file__).resolve().parent.parent / "docs" / "spec-format.md"
TEXT = DOC.read_text(encoding="utf-8")
_ROW = re.compile(r"^\| `([A-Za-z]+)`", re.MULTILINE)


def _section(title: str) -> str:
    start = TEXT.index(f"## {title}\n")
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start : end if end != -1 else len(TEXT)]


def _documented(title: str) -> set[str]:
    return set(_ROW.findall(_section(title)))


def _fields(node: dict[str, object]) -> set[str]:
    properties = node.get("properties")
    assert isinstance(properties, dict)
    return set(properties)


def test_every_field_is_documented_and_every_documented_field_exists() -> None:
    spec_schema = schema()
    defs = spec_schema["$defs"]
    paths = spec_schema["properties"]["paths"]
    for title, node in (
        ("Top-level fields", spec_schema),
        ("A property", defs["property"]),
        ("A navigation property", defs["navigation"]),
        ("Paths and parameters", paths),
        ("An operation", defs["operation"]),
        ("A parameter", defs["operationParameter"]),
        ("A stream", defs["stream"]),
    ):
        assert _documented(title) == _fields(node), title
    bound = _fields(defs["action"]) | _fields(defs["function"])
    assert _documented("Actions and functions") == bound


def test_every_header_field_is_named() -> None:
    for field in _fields(schema()["$defs"]["header"]):
        assert f"`{field}`" in _section("An operation")


def test_every_primitive_type_is_in_the_table() -> None:
    table = _section("Types")
    for name in PRIMITIVES:
        assert f"`{name}`" in table, name


def test_the_example_is_a_valid_spec() -> None:
    example = _section("A small complete example")
    yaml_text = example.split("```yaml\n", 1)[1].split("```", 1)[0]
    spec = load_spec(yaml_text, "todo_task.yaml")
    assert (spec.name, spec.base, spec.kind) == ("todoTask", "entity", "entity")
    assert spec.operations["list"].query == (
        "filter", "select", "top", "skip", "orderby", "count"
    )  # fmt: skip
