"""Fuzzing the spec loader and the pipeline: any input ends in output that parses, or in located problems.

Random text and mutated copies of real specs (lines deleted, duplicated, swapped or re-indented,
random characters inserted, types and values replaced by random strings) go through
`generator.spec.load.load_spec` and through `generator.emit.pipeline.produce`. The only acceptable
outcomes are success, where every produced `.py` file parses, and `InputError`, where every
problem names the file, a line that exists, and a message. Any other exception is a bug.

Bounded and deterministic: derandomized, no example database, a fixed number of examples.
"""

from __future__ import annotations

import ast
import itertools
import re
import tempfile
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import packages
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from generator.emit.pipeline import Options, produce
from generator.report.problems import InputError
from generator.spec.load import load_spec

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"
SPECS = REPO / "specs"
SPEC_FILE = SPECS / "customer_payment.yaml"
HOSTILE = Path(__file__).resolve().parent / "hostile"


def _folder(path: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.glob("*.yaml"))}


# Seeds: a spec folder, and which of its files get mutated. The project's specs (the mutations
# mostly hit customer_payment.yaml, which the others reference), and two small folders from
# tests/hostile with complex types, navigation and enums.
SEEDS: dict[str, tuple[dict[str, str], list[str]]] = {
    "customer_payment": (_folder(SPECS), [SPEC_FILE.name]),
    "specs": (_folder(SPECS), sorted(_folder(SPECS))),
    "self_reference": (
        _folder(HOSTILE / "self_reference"),
        sorted(_folder(HOSTILE / "self_reference")),
    ),
    "enum_name_collisions": (
        _folder(HOSTILE / "enum_name_collisions"),
        sorted(_folder(HOSTILE / "enum_name_collisions")),
    ),
}

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

T = TypeVar("T")

# Lines as PyYAML counts them: it also breaks lines at \r, NEL and the Unicode separators.
_YAML_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _line_count(text: str) -> int:
    return len(_YAML_BREAK.split(text))


def _located(error: InputError, texts: dict[str, str]) -> None:
    """Every problem names one of the input files, a line that exists in it (or 0, the file
    as a whole), and a message."""
    assert error.problems, "an InputError must carry at least one problem"
    for problem in error.problems:
        name = Path(problem.file).name
        assert name in texts, f"problem in an unknown file: {problem}"
        assert isinstance(problem.line, int) and not isinstance(
            problem.line, bool
        ), problem
        assert (
            0 <= problem.line <= _line_count(texts[name])
        ), f"{problem} (file has {_line_count(texts[name])} lines)"
        assert isinstance(problem.message, str) and problem.message.strip(), problem
        assert "\n" not in problem.message and "\r" not in problem.message, repr(
            problem.message
        )


def _outcome(run: Callable[[], T], texts: dict[str, str]) -> T | None:
    """Success, or located problems; anything else propagates and fails the test."""
    try:
        result = run()
    except InputError as error:
        _located(error, texts)
        _count("rejected")
        return None
    _count("accepted")
    return result


def _count(outcome: str) -> None:
    """Shown by `--hypothesis-show-statistics`: how many examples got through."""
    if currently_in_test_context():
        event(outcome)


# ------------------------------------------------------------------------------------------
# Strategies

# Characters that matter to YAML, to the escapers and to the templates, plus any character.
_YAML_ALPHABET = st.sampled_from(
    list(":-[]{}\"'#&*!|>%@`,?\\ \t\n\r") + ["\x00", "\x0b", "\x0c", "\x1b", "\x85", "\u2028", "\u2029", "\ufeff",
    "\u202e", "{{", "}}", "{%", "%}", '"""', "'''", "0x", ".nan", "1:30", "~", "null", "true", "é", "名"]
)  # fmt: skip
_ANY_CHAR = st.characters(codec="utf-8")
_SNIPPET = st.one_of(
    st.text(_ANY_CHAR, max_size=12),
    st.lists(_YAML_ALPHABET, max_size=6).map("".join),
    st.sampled_from(
        ["String", "Int32", "Decimal", "Collection(String)", "Collection(Collection(Int32))", "Edm.Guid",
         "customerPayment", "widget", "widgetPart", "widgetStatus", "Collection(widgetPart)", "None", "",
         "999999999999", "-1", "[]", "{}", "null", "~", "!!str x", "*a", "&a x", "|", ">-"]
    ),
)  # fmt: skip
_TYPE_LINE = re.compile(r"^(\s*type:\s*).*$")
_VALUE_LINE = re.compile(r"^(\s*(?:- )?[^\s:#][^:#]*:\s+)\S.*$")


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, str]:
    """One seed folder with one of its files mutated one to four times."""
    seed, mutable = SEEDS[draw(st.sampled_from(sorted(SEEDS)))]
    files = dict(seed)
    name = draw(st.sampled_from(mutable))
    lines = files[name].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "swap",
                    "insert",
                    "type",
                    "value",
                    "indent",
                    "newline",
                ]
            )
        )
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "insert":
            col = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + draw(_SNIPPET) + lines[i][col:]
        elif kind in ("type", "value"):
            # Replace the value of a `type:` line, or of any `key: value` line, by a snippet.
            pattern = _TYPE_LINE if kind == "type" else _VALUE_LINE
            candidates = [k for k, line in enumerate(lines) if pattern.match(line)] or [
                i
            ]
            k = draw(st.sampled_from(candidates))
            line = lines[k].rstrip("\n")
            found = pattern.match(line)
            value = draw(_SNIPPET).replace("\n", " ")
            lines[k] = (found.group(1) if found else line) + value + "\n"
        elif kind == "indent":
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip(" ")
        else:
            lines[i] = lines[i].replace(
                "\n", draw(st.sampled_from(["\r", "\r\n", "\n\n", "\x85", "\u2028"]))
            )
    files[name] = "".join(lines)
    return files


# ------------------------------------------------------------------------------------------
# The loader alone: cheap, so it sees the most examples.


@FUZZ
@given(st.text(_ANY_CHAR, max_size=400))
def test_load_spec_on_random_text(text: str) -> None:
    _outcome(lambda: load_spec(text, "spec.yaml"), {"spec.yaml": text})


@FUZZ
@given(st.lists(_SNIPPET, max_size=60).map("".join))
def test_load_spec_on_yaml_shaped_text(text: str) -> None:
    _outcome(lambda: load_spec(text, "spec.yaml"), {"spec.yaml": text})


# Every text of every seed: the files a mutation left alone, which the loader need not see again.
_UNCHANGED = {text for files, _ in SEEDS.values() for text in files.values()}


@FUZZ
@given(mutated())
def test_load_spec_on_mutated_specs(files: dict[str, str]) -> None:
    for name, text in files.items():
        if text not in _UNCHANGED:
            _outcome(partial(load_spec, text, name), {name: text})


# ------------------------------------------------------------------------------------------
# The whole pipeline: load, cross-check, render, format.


def _produce(files: dict[str, str]) -> dict[str, bytes] | None:
    with tempfile.TemporaryDirectory() as tmp:
        specs = Path(tmp) / "specs"
        specs.mkdir()
        for name, text in files.items():
            (specs / name).write_bytes(text.encode("utf-8"))
        return _outcome(
            lambda: produce(Options(specs, TEMPLATES, Path(tmp) / "generated")), files
        )


def _all_parse(produced: dict[str, bytes]) -> None:
    assert any(path.startswith("models/") for path in produced)
    for path, data in produced.items():
        if path.endswith(".py"):
            ast.parse(data.decode("utf-8"), filename=path)


# Two in three mutations are refused by the loader, which test_load_spec_on_mutated_specs already
# tries 200 times; each example here costs loading the whole folder, so fewer of them.
@settings(FUZZ, max_examples=100)
@given(files=mutated())
def test_pipeline_on_mutated_specs(files: dict[str, str]) -> None:
    produced = _produce(files)
    if produced is not None:
        _all_parse(produced)


def test_the_seeds_themselves_generate() -> None:
    for name, (files, _) in SEEDS.items():
        produced = _produce(files)
        assert produced is not None, name
        _all_parse(produced)


# ------------------------------------------------------------------------------------------
# Well-formed specs with random names, descriptions, types and members: they get past the
# loader, so they reach naming, escaping, the templates and black, then the generated models
# are imported and must round-trip a payload that uses every random wire name.

_PRIMITIVES = [
    "String",
    "Int32",
    "Int64",
    "Boolean",
    "Decimal",
    "Guid",
    "Date",
    "DateTimeOffset",
    "Double",
]
_WIRE_SAMPLES: dict[str, Any] = {
    "String": "text", "Int32": 7, "Int64": -7, "Boolean": True, "Decimal": Decimal("1500.25"),
    "Guid": "5d115c9c-44e3-ea11-bb43-000d3a2feca1", "Date": "2024-01-31",
    "DateTimeOffset": "2024-01-31T10:15:00Z", "Double": 1.5,
}  # fmt: skip
_NAME = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,15}", fullmatch=True)
# Spec names that snake_case oddly or whose class would shadow a name the generated code imports.
_SPEC_NAME = _NAME | st.sampled_from(
    ["decimal", "entity", "classVar", "session", "graphError", "models", "runtime", "_", "None", "class",
     "int32", "any", "__init__", "HTTPSURLs2X"]
)  # fmt: skip
# A wire name msgspec can rename to (no backslash, double quote or C0 control): the generator
# refuses the others, which tests/hostile covers; here they would only waste examples.
_RENAMABLE = st.characters(
    codec="utf-8", exclude_characters='\\"' + "".join(map(chr, range(32)))
)
_WIRE = st.one_of(
    _NAME,
    st.text(_RENAMABLE, min_size=1, max_size=16).filter(lambda w: not w.startswith("@")),
    st.sampled_from(["class", "match", "type", "_", "None", "str", "date", "list", "to_dict", "odataType",
                     "lineNumber", "line_number", "1st", "{{ 7*7 }}", "a'b", "x\u2028y", "\u202eevil"]),
)  # fmt: skip
_TEXT = st.text(_ANY_CHAR, max_size=80) | st.lists(_YAML_ALPHABET, max_size=10).map(
    "".join
)


@st.composite
def well_formed(draw: st.DrawFn) -> dict[str, str]:
    """An entity, a complex type and an enum that reference each other, with random contents."""
    part, status = draw(
        st.lists(_SPEC_NAME, min_size=2, max_size=2, unique_by=str.lower)
    )
    types = [
        *_PRIMITIVES,
        part,
        status,
        f"Collection({part})",
        f"Collection({status})",
        "Collection(String)",
    ]

    def properties() -> dict[str, Any]:
        wires = draw(st.lists(_WIRE, max_size=6, unique=True))
        return {
            w: {
                "type": draw(st.sampled_from(types)),
                "description": draw(_TEXT),
                "readOnly": draw(st.booleans()),
                "nullable": draw(st.booleans()),
            }
            for w in wires
        }

    entity_props = properties()
    entity_props.pop("id", None)
    entity = {
        "name": "widget",
        "kind": "entity",
        "description": draw(_TEXT),
        "key": "id",
        "properties": {"id": {"type": "Guid", "readOnly": True}, **entity_props},
        "paths": {"collection": ["/widgets"], "item": "/{widgetId}"},
        "parameters": {"widgetId": "Guid"},
        "operations": {
            "list": {"method": "GET", "target": "collection", "status": [200]},
            "create": {"method": "POST", "target": "collection", "status": [201]},
            "get": {"method": "GET", "target": "item", "status": [200]},
            "update": {"method": "PATCH", "target": "item", "status": [200, 204]},
            "delete": {"method": "DELETE", "target": "item", "status": [204]},
        },
    }
    complex_type = {
        "name": part,
        "kind": "complex",
        "description": draw(_TEXT),
        "properties": properties(),
    }
    members = draw(
        st.lists(_WIRE | _TEXT.filter(bool), min_size=1, max_size=5, unique=True)
    )
    enum = {
        "name": status,
        "kind": "enum",
        "description": draw(_TEXT),
        "members": members,
    }
    return {
        f"{name}.yaml": yaml.safe_dump(
            spec, allow_unicode=draw(st.booleans()), sort_keys=False
        )
        for name, spec in (("widget", entity), ("part", complex_type), ("status", enum))
    }


def _wire_sample(type_name: str, specs: dict[str, dict[str, Any]]) -> Any:
    if type_name.startswith("Collection("):
        return [_wire_sample(type_name[len("Collection(") : -1], specs)]
    if type_name in _WIRE_SAMPLES:
        return _WIRE_SAMPLES[type_name]
    target = specs[type_name]
    return target["members"][0] if target["kind"] == "enum" else {}


_PACKAGES = itertools.count()


def _import_and_round_trip(produced: dict[str, bytes], files: dict[str, str]) -> None:
    """Import the generated package in this process and round-trip every declared wire name."""
    specs = {s["name"]: s for s in (yaml.safe_load(text) for text in files.values())}
    name = f"pkg_fuzz_{next(_PACKAGES)}"
    with tempfile.TemporaryDirectory() as tmp:
        packages.write(produced, Path(tmp) / name)
        try:
            models = packages.load(Path(tmp), name).models
            classes = [c for c in vars(models).values() if isinstance(c, type)]
            for spec_name, spec in specs.items():
                if spec["kind"] == "enum":
                    assert any(
                        [m.value for m in c] == spec["members"]
                        for c in classes
                        if issubclass(c, Enum)
                    )
                    continue
                (cls,) = [
                    c
                    for c in classes
                    if getattr(c, "_graph_type", None) == f"microsoft.graph.{spec_name}"
                ]
                model: Any = cls
                payload = {
                    w: _wire_sample(p["type"], specs)
                    for w, p in spec["properties"].items()
                }
                assert model.from_dict(payload).to_dict() == payload
                assert (
                    model.from_json(model.from_dict(payload).to_json()).to_dict()
                    == payload
                )
        finally:
            packages.unload(name)


@settings(FUZZ, max_examples=50)
@given(files=well_formed())
def test_pipeline_on_well_formed_random_specs(files: dict[str, str]) -> None:
    produced = _produce(files)
    if produced is not None:
        _all_parse(produced)
        _import_and_round_trip(produced, files)
