"""Hostile specs: spec text must never become code, and must come back out exactly as it went in.

Every case in tests/hostile/ is a small entity spec (or a folder of specs) carrying one attack
vector seen in the CVEs of other code generators. Its header says what it tries and what must
happen: `# expect: rejected` (exit 2, located `file:line: message` lines, nothing written) or
`# expect: generated` (then the output parses and passes ruff's default rules, importing it and
running its generated tests never create the marker file, Jinja syntax stays text, no character
that could end a line or a comment, or reorder what a reviewer sees, reaches the source, and
wire names, enum values and descriptions round-trip exactly).

Each case runs in this process: `graph-codegen generate` through `cli.main`, its package written
to `pkg_<case>/` and imported under that name, its generated tests called directly. Payloads
that would run try to create `HOSTILE_MARKER` in the working directory, which is the case's own
tmp folder while it is generated, imported and tested. ruff runs once over every case's output.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import io
import json
import re
import subprocess
import sys
import tokenize
import traceback
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

import msgspec
import packages
import pytest
import yaml

from generator import cli

HERE = Path(__file__).resolve().parent
CASES = HERE / "hostile"
TEMPLATES = HERE.parent / "templates"
MARKER = "HOSTILE_MARKER"
TIMEOUT = 300

# Characters that end a line or a `#` comment for some reader of the file (Python's tokenizer,
# str.splitlines, editors, terminals), or that reorder what a reviewer sees (Trojan Source,
# CVE-2021-42574). None of them may appear raw anywhere in generated source.
_RAW_FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff]"
)
# Jinja's delimiters: a spec text holding one would be evaluated if it reached a template as code.
_JINJA = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")

# One wire value per OData primitive, chosen so that decode then encode gives the same JSON.
_SAMPLES: dict[str, Any] = {
    "Binary": "aGVsbG8=",
    "Boolean": True,
    "Byte": 255,
    "Date": "2024-01-31",
    "DateTimeOffset": "2024-01-31T10:15:00Z",
    "Decimal": "DECIMAL",  # replaced by a JSON number with every digit, see _payload_json
    "Double": 1.5,
    "Duration": "PT5400S",
    "Guid": "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
    "Int16": -32768,
    "Int32": 2147483647,
    "Int64": -9223372036854775808,
    "SByte": -128,
    "Single": 0.5,
    "Stream": "aGVsbG8=",
    "String": "text",
    "TimeOfDay": "10:30:00",
}
_DECIMAL = "12345678901234567890.000000001"


def _case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir() or p.suffix == ".yaml")


def _spec_files(case: str) -> list[Path]:
    path = CASES / case
    return sorted(path.glob("*.yaml")) if path.is_dir() else [path]


def _expectation(case: str) -> str:
    head = _spec_files(case)[0].read_bytes().decode("utf-8").split("\n", 3)
    found = [
        m.group(1)
        for line in head
        if (m := re.fullmatch(r"# expect: (generated|rejected)", line))
    ]
    assert found, f"{case}: the first spec file must say `# expect: generated|rejected`"
    return found[0]


def _package_name(case: str) -> str:
    return "pkg_" + re.sub(r"\W", "_", case.removesuffix(".yaml"))


@dataclass(repr=False)
class Outcome:
    """Everything one case did, collected before the assertions run."""

    case: str
    root: Path
    code: int
    stdout: str
    stderr: str
    specs: list[dict[str, Any]] = field(default_factory=list)
    marker_after: dict[str, bool] = field(default_factory=dict)
    package: ModuleType | None = None
    probe: list[str] = field(default_factory=list)
    tests_run: int = 0
    test_failures: list[str] = field(default_factory=list)

    def __repr__(self) -> str:  # pytest shows the fixture's dict in every failure
        return f"<Outcome of {self.case}>"

    @property
    def out(self) -> Path:
        return self.root / _package_name(self.case)

    def sources(self) -> Iterator[tuple[str, str]]:
        for path in sorted(self.out.rglob("*.py")):
            if "__pycache__" not in path.parts:
                yield path.relative_to(self.root).as_posix(), path.read_bytes().decode(
                    "utf-8"
                )


def _marker(root: Path) -> bool:
    return any(root.rglob(MARKER))


def _generate(out: str) -> tuple[int, str, str]:
    """`graph-codegen generate` in the cwd; an exception is printed as the command would."""
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["generate", "--specs", "specs", "--templates", str(TEMPLATES), "--out", out]
    with redirect_stdout(stdout), redirect_stderr(stderr):
        try:
            code = cli.main(argv)
        except (Exception, SystemExit):  # noqa: BLE001 - printed as the CLI would
            traceback.print_exc()
            code = 1
    return code, stdout.getvalue(), stderr.getvalue()


def _run_case(case: str, root: Path) -> Outcome:
    specs_dir = root / "specs"
    specs_dir.mkdir(parents=True)
    for path in _spec_files(case):
        specs_dir.joinpath(path.name).write_bytes(path.read_bytes())
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        outcome = Outcome(case, root, *_generate(_package_name(case)))
        outcome.marker_after["generate"] = _marker(root)
        if outcome.code != 0:
            return outcome
        outcome.specs = [
            yaml.safe_load(p.read_bytes().decode("utf-8")) for p in _spec_files(case)
        ]
        try:
            outcome.package = packages.load(root, _package_name(case))
            outcome.probe = _probe(outcome.package, outcome.specs)
        except Exception:  # noqa: BLE001 - a failure of this case, reported by its test
            outcome.probe = [traceback.format_exc()]
        outcome.marker_after["import"] = _marker(root)
        if outcome.package is not None:
            outcome.tests_run, outcome.test_failures = packages.run_generated_tests(
                outcome.package
            )
        outcome.marker_after["generated tests"] = _marker(root)
    return outcome


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Outcome]]:
    """Every selected case runs once; the tests below only read what it did."""
    names = _selected_cases(request.session) or _case_names()
    base = tmp_path_factory.mktemp("hostile")
    try:
        yield {name: _run_case(name, base / name) for name in names}
    finally:
        for name in names:
            packages.unload(_package_name(name))


def _selected_cases(session: pytest.Session) -> list[str]:
    """The cases the tests selected here (`-k`) need, so one case can be rerun quickly."""
    here = sys.modules[__name__]
    cases = set()
    for item in session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if getattr(item, "module", None) is here and "case" in params:
            cases.add(params["case"])
    return sorted(cases)


@pytest.fixture(scope="module")
def ruff_findings(outcomes: dict[str, Outcome]) -> dict[str, list[str]]:
    """ruff once over every case's output (default rules, no configuration), findings by case."""
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed")
    made = [o for o in outcomes.values() if o.code == 0]
    argv = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache"]
    argv += ["--output-format", "json", *(str(o.out) for o in made)]
    result = subprocess.run(
        argv, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False,
        timeout=TIMEOUT,
    )  # fmt: skip
    if result.returncode not in (0, 1):
        return {o.case: [result.stdout + result.stderr] for o in made}
    found: dict[str, list[str]] = {o.case: [] for o in made}
    for finding in json.loads(result.stdout):
        path = Path(finding["filename"])
        where = f"{path}:{finding['location']['row']}: {finding['code']} {finding['message']}"
        owners = [o.case for o in made if path.is_relative_to(o.out)] or list(found)
        for case in owners:
            found[case].append(where)
    return found


def _probe_input(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_name = {s["name"]: s for s in specs}
    resources = []
    for spec in specs:
        entry = {
            "name": spec["name"],
            "kind": spec["kind"],
            "description": spec.get("description"),
        }
        if spec["kind"] == "enum":
            entry["members"] = spec.get("members", [])
        else:
            entry["payload"] = _payload_json(spec, by_name)
        resources.append(entry)
    return resources


def _payload_json(spec: dict[str, Any], by_name: dict[str, dict[str, Any]]) -> str:
    """A payload with every (hostile) wire name of the spec, as JSON text."""
    payload: dict[str, Any] = {}
    for wire, prop in (spec.get("properties") or {}).items():
        value = _sample(prop["type"], by_name)
        if value is not _SKIP:
            payload[wire] = value
    return json.dumps(payload).replace('"DECIMAL"', _DECIMAL)


_SKIP = object()


def _sample(type_name: str, by_name: dict[str, dict[str, Any]]) -> Any:
    match = re.fullmatch(r"Collection\((.+)\)", type_name)
    if match:
        item = _sample(match.group(1), by_name)
        return _SKIP if item is _SKIP else [item]
    if type_name in _SAMPLES:
        return _SAMPLES[type_name]
    target = by_name.get(type_name)
    if target is None:
        return _SKIP
    if target["kind"] == "enum":
        members = target.get("members") or []
        return members[0] if members else _SKIP
    return {}


def _classes_for(package: ModuleType, spec: dict[str, Any]) -> list[type]:
    """The model classes generated for a spec: an enum by its values, a model by its Graph name."""
    classes = [c for c in vars(package.models).values() if isinstance(c, type)]
    if spec["kind"] == "enum":
        members = spec.get("members") or []
        return [
            c
            for c in classes
            if issubclass(c, Enum) and [m.value for m in c] == members
        ]
    name = f"{spec.get('namespace', 'microsoft.graph')}.{spec['name']}"
    return [c for c in classes if getattr(c, "_graph_type", None) == name]


def _probe(package: ModuleType, specs: list[dict[str, Any]]) -> list[str]:
    """Round-trip every hostile wire name and compare enum values and docstrings exactly."""
    decode = msgspec.json.Decoder(float_hook=Decimal).decode
    failures = []
    for spec, r in zip(specs, _probe_input(specs), strict=True):
        name, found = r["name"], _classes_for(package, spec)
        if r["kind"] == "enum" and not r["members"]:  # any member-less enum will do
            if not found:
                continue
            found = found[:1]
        if len(found) != 1:
            failures.append(f"{name!r}: no single model class for it: {found}")
            continue
        cls: Any = found[0]
        if r["kind"] != "enum":  # an exception here is reported with its traceback
            payload = decode(r["payload"])
            model = cls.from_dict(payload)
            if model.to_dict() != payload:
                failures.append(
                    f"{name!r}: from_dict/to_dict changed {payload!r} to {model.to_dict()!r}"
                )
            again = cls.from_json(model.to_json())
            if decode(again.to_json()) != payload:
                failures.append(f"{name!r}: from_json/to_json changed the payload")
            if set(decode(model.to_json())) != set(
                payload
            ):  # JSON key order carries no meaning
                failures.append(
                    f"{name!r}: wire keys {sorted(decode(model.to_json()))!r} != {sorted(payload)!r}"
                )
        if r["description"] and cls.__doc__ != r["description"].strip():
            failures.append(f"{name!r}: docstring {cls.__doc__!r:.200} != description {r['description'].strip()!r:.200}")  # fmt: skip
    return failures


# -------------------------------------------------------------------------------------------
CASE_NAMES = _case_names()


def test_every_case_says_what_it_tries_and_what_must_happen() -> None:
    assert len(CASE_NAMES) >= 30
    for case in CASE_NAMES:
        head = _spec_files(case)[0].read_bytes().decode("utf-8")
        assert head.startswith("# hostile: "), case
        _expectation(case)


@pytest.mark.parametrize("case", CASE_NAMES)
def test_outcome_is_the_expected_one(case: str, outcomes: dict[str, Outcome]) -> None:
    o = outcomes[case]
    assert "Traceback" not in o.stderr, o.stderr[-3000:]
    if _expectation(case) == "generated":
        assert o.code == 0, o.stderr[-3000:]
        return
    assert o.code == 2, (o.code, o.stderr[-3000:])
    assert not o.out.exists(), "a rejected spec must leave nothing written"
    lines = o.stderr.splitlines()
    assert (
        lines[-1].startswith("graph-codegen: ") and "nothing was written" in lines[-1]
    )
    assert lines[:-1], "at least one located problem"
    for line in lines[:-1]:
        found = re.fullmatch(r"(?P<file>[^:]+):(?P<line>\d+): (?P<message>.+)", line)
        assert found, f"not a `file:line: message` line: {line!r}"
        spec = o.root / found["file"]
        assert spec.is_file() and spec.parent.name == "specs", line
        assert 1 <= int(found["line"]) <= spec.read_bytes().count(b"\n") + 1, line


@pytest.mark.parametrize("case", CASE_NAMES)
def test_messages_carry_no_control_characters(
    case: str, outcomes: dict[str, Outcome]
) -> None:
    """Problem messages quote spec text; a raw ESC or line break in them would forge or hide lines."""
    o = outcomes[case]
    for stream in (o.stdout, o.stderr):
        assert not _RAW_FORBIDDEN.findall(stream.replace("\n", "")), stream[-2000:]


def _generated(case: str, outcomes: dict[str, Outcome]) -> Outcome:
    o = outcomes[case]
    if o.code != 0:
        pytest.skip(f"{case} is rejected")
    return o


@pytest.mark.parametrize("case", CASE_NAMES)
def test_nothing_ever_runs(case: str, outcomes: dict[str, Outcome]) -> None:
    o = outcomes[case]
    assert o.marker_after and not any(o.marker_after.values()), o.marker_after


@pytest.mark.parametrize("case", CASE_NAMES)
def test_every_output_parses_and_holds_no_raw_line_break(
    case: str, outcomes: dict[str, Outcome]
) -> None:
    o = _generated(case, outcomes)
    sources = dict(o.sources())
    assert sources
    for path, text in sources.items():
        ast.parse(text, filename=path)
        bad = sorted({hex(ord(c)) for c in _RAW_FORBIDDEN.findall(text)})
        assert not bad, f"{path}: raw {bad}"
        assert "\r" not in text
        physical = text.split("\n")
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                row, col = token.end
                assert col == len(
                    physical[row - 1]
                ), f"{path}:{row}: a comment ends before its line"


@pytest.mark.parametrize("case", CASE_NAMES)
def test_import_and_round_trip(case: str, outcomes: dict[str, Outcome]) -> None:
    o = _generated(case, outcomes)
    assert o.package is not None, o.probe
    assert o.probe == []


@pytest.mark.parametrize("case", CASE_NAMES)
def test_generated_tests_pass(case: str, outcomes: dict[str, Outcome]) -> None:
    o = _generated(case, outcomes)
    assert o.package is not None, o.probe
    assert o.tests_run > 0, "the generated package holds no tests"
    assert o.test_failures == [], "\n".join(o.test_failures)[-4000:]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_NAMES)
def test_ruff_default_rules_pass(
    case: str, outcomes: dict[str, Outcome], ruff_findings: dict[str, list[str]]
) -> None:
    """Odd names must not produce code that ruff (default rules, no configuration) flags."""
    _generated(case, outcomes)
    assert ruff_findings[case] == [], "\n".join(ruff_findings[case])[-3000:]


def _spec_texts(o: Outcome) -> list[str]:
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(o.specs)
    return texts


def _visible(text: str) -> str:
    """What a reader sees of a text, whatever way it was wrapped or flattened."""
    return "".join(c for c in text if c.isprintable() and not c.isspace())


def _attribute_docs(o: Outcome) -> Iterator[str]:
    """The docstring under each attribute of the generated models, its lines joined back
    into the one text they were wrapped from."""
    for path, text in o.sources():
        if not path.startswith(f"{_package_name(o.case)}/models/"):
            continue
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.ClassDef):
                continue
            for before, after in zip(node.body, node.body[1:]):
                if (
                    isinstance(before, ast.AnnAssign)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    yield " ".join(inspect.cleandoc(after.value.value).split("\n"))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_jinja_syntax_stays_text(case: str, outcomes: dict[str, Outcome]) -> None:
    """Template syntax in a spec comes back character for character: a description as the
    class docstring or the docstring under its attribute, a wire name as the field's JSON name,
    an enum member as its value; `{{ 7*7 }}` never becomes 49."""
    o = _generated(case, outcomes)
    if not any(_JINJA.search(t) for t in _spec_texts(o)):
        pytest.skip("no Jinja syntax in this case")
    everything = "".join(text for _, text in o.sources())
    assert "49" not in everything
    assert o.package is not None, o.probe
    blocks, checked = list(_attribute_docs(o)), 0
    for spec in o.specs:
        cls: Any
        [cls] = _classes_for(o.package, spec)
        if _JINJA.search(spec.get("description", "")):
            assert cls.__doc__ == spec["description"].strip()
            checked += 1
        members = [m for m in spec.get("members", []) if _JINJA.search(m)]
        assert all(m in [e.value for e in cls] for m in members), members
        checked += len(members)
        for wire, prop in (spec.get("properties") or {}).items():
            if _JINJA.search(wire):
                assert wire in [f.encode_name for f in msgspec.structs.fields(cls)]
                checked += 1
            if _JINJA.search(prop.get("description", "")):
                wanted = " ".join(prop["description"].split())
                assert wanted in blocks, (wanted, blocks)
                checked += 1
    assert checked


@pytest.mark.parametrize("case", CASE_NAMES)
def test_descriptions_are_kept_in_attribute_docstrings(
    case: str, outcomes: dict[str, Outcome]
) -> None:
    o = _generated(case, outcomes)
    seen = _visible(" ".join(_attribute_docs(o)))
    for spec in o.specs:
        for wire, prop in (spec.get("properties") or {}).items():
            wanted = _visible(prop.get("description", ""))
            assert (
                wanted in seen
            ), f"{wire!r}: description {wanted[:200]!r} not in the docstrings"
