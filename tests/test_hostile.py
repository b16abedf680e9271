"""Hostile specs: spec text must never become code, and must come back out exactly as it went in.

Every case in tests/hostile/ is a small entity spec (or a folder of specs) carrying one attack
vector seen in the CVEs of other code generators. Its header says what it tries and what must
happen: `# expect: rejected` (exit 2, located `file:line: message` lines, nothing written) or
`# expect: generated` (then the output parses and passes ruff's default rules, importing it and
running its generated tests never create the marker file, Jinja syntax stays text, no character
that could end a line or a comment, or reorder what a reviewer sees, reaches the source, and
wire names, enum values and descriptions round-trip exactly).

Payloads that would run try to create `HOSTILE_MARKER` in the working directory of the
subprocess, which is the case's own tmp folder.
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import escape

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


@dataclass
class Outcome:
    """Everything one case did, collected before the assertions run."""

    case: str
    root: Path
    generate: subprocess.CompletedProcess[str]
    specs: list[dict[str, Any]] = field(default_factory=list)
    marker_after: dict[str, bool] = field(default_factory=dict)
    probe: subprocess.CompletedProcess[str] | None = None
    pytest: subprocess.CompletedProcess[str] | None = None
    ruff: subprocess.CompletedProcess[str] | None = None

    @property
    def out(self) -> Path:
        return self.root / "generated"

    def sources(self) -> Iterator[tuple[str, str]]:
        for path in sorted(self.out.rglob("*.py")):
            if "__pycache__" not in path.parts:
                yield path.relative_to(self.root).as_posix(), path.read_bytes().decode(
                    "utf-8"
                )


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False,
        timeout=TIMEOUT,
    )  # fmt: skip


def _marker(root: Path) -> bool:
    return any(root.rglob(MARKER))


def _run_case(case: str, root: Path) -> Outcome:
    specs_dir = root / "specs"
    specs_dir.mkdir()
    for path in _spec_files(case):
        shutil.copyfile(path, specs_dir / path.name)
    generate = _run(
        [sys.executable, "-m", "generator", "generate", "--specs", "specs", "--templates", str(TEMPLATES),
         "--out", "generated"],
        root,
    )  # fmt: skip
    outcome = Outcome(case, root, generate)
    outcome.marker_after["generate"] = _marker(root)
    if generate.returncode != 0:
        return outcome
    outcome.specs = [
        yaml.safe_load(p.read_bytes().decode("utf-8")) for p in _spec_files(case)
    ]
    (root / "probe.json").write_text(
        json.dumps(_probe_input(outcome.specs)), encoding="utf-8"
    )
    outcome.probe = _run([sys.executable, "-c", _PROBE], root)
    outcome.marker_after["import"] = _marker(root)
    outcome.pytest = _run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "generated"],
        root,
    )
    outcome.marker_after["generated tests"] = _marker(root)
    if shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which(
        "ruff"
    ):
        outcome.ruff = _run(
            [sys.executable, "-m", "ruff", "check", "--isolated", "-q", "generated"],
            root,
        )
    return outcome


@pytest.fixture(scope="module")
def outcomes(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    """Every selected case runs once, a few at a time: the subprocesses dominate the runtime."""
    names = _selected_cases(request.session) or _case_names()
    roots = {name: tmp_path_factory.mktemp(name[:40]) for name in names}
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        done = pool.map(lambda name: _run_case(name, roots[name]), names)
        return {o.case: o for o in done}


def _selected_cases(session: pytest.Session) -> list[str]:
    """The cases the tests selected here (`-k`) need, so one case can be rerun quickly."""
    here = sys.modules[__name__]
    cases = set()
    for item in session.items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if getattr(item, "module", None) is here and "case" in params:
            cases.add(params["case"])
    return sorted(cases)


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


# Runs in the case's folder: imports every generated module, then round-trips the hostile names.
_PROBE = r"""
import importlib, json, pkgutil, sys
from decimal import Decimal
from enum import Enum
from pathlib import Path

import msgspec

import generated
import generated.models as models

for info in pkgutil.walk_packages(generated.__path__, "generated."):
    importlib.import_module(info.name)

decode = msgspec.json.Decoder(float_hook=Decimal).decode
failures = []
classes = [c for c in vars(models).values() if isinstance(c, type)]
for r in json.loads(Path("probe.json").read_text(encoding="utf-8")):
    name = r["name"]
    if r["kind"] == "enum":
        found = [c for c in classes if issubclass(c, Enum) and [m.value for m in c] == r["members"]]
        if r["members"] and len(found) != 1:
            failures.append(f"{name!r}: enum values {r['members']!r} not found exactly once: {found}")
            continue
        cls = found[0] if found else None
    else:
        found = [c for c in classes if getattr(c, "_graph_type", None) == "microsoft.graph." + name]
        if len(found) != 1:
            failures.append(f"{name!r}: no single model class for it: {found}")
            continue
        cls = found[0]
        payload = decode(r["payload"])
        try:
            model = cls.from_dict(payload)
            if model.to_dict() != payload:
                failures.append(f"{name!r}: from_dict/to_dict changed {payload!r} to {model.to_dict()!r}")
            again = cls.from_json(model.to_json())
            if decode(again.to_json()) != payload:
                failures.append(f"{name!r}: from_json/to_json changed the payload")
            if set(decode(model.to_json())) != set(payload):  # JSON key order carries no meaning
                failures.append(f"{name!r}: wire keys {sorted(decode(model.to_json()))!r} != {sorted(payload)!r}")
        except Exception as error:
            failures.append(f"{name!r}: round trip raised {error!r}")
    if cls is not None and r["description"] and cls.__doc__ != r["description"].strip():
        failures.append(f"{name!r}: docstring {cls.__doc__!r:.200} != description {r['description'].strip()!r:.200}")
print(json.dumps(failures))
"""


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
    assert "Traceback" not in o.generate.stderr, o.generate.stderr[-3000:]
    if _expectation(case) == "generated":
        assert o.generate.returncode == 0, o.generate.stderr[-3000:]
        return
    assert o.generate.returncode == 2, (
        o.generate.returncode,
        o.generate.stderr[-3000:],
    )
    assert not o.out.exists(), "a rejected spec must leave nothing written"
    lines = o.generate.stderr.splitlines()
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
    for stream in (o.generate.stdout, o.generate.stderr):
        assert not _RAW_FORBIDDEN.findall(stream.replace("\n", "")), stream[-2000:]


def _generated(case: str, outcomes: dict[str, Outcome]) -> Outcome:
    o = outcomes[case]
    if o.generate.returncode != 0:
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
    assert o.probe is not None
    assert o.probe.returncode == 0, o.probe.stderr[-3000:]
    assert json.loads(o.probe.stdout.splitlines()[-1]) == []


@pytest.mark.parametrize("case", CASE_NAMES)
def test_generated_tests_pass(case: str, outcomes: dict[str, Outcome]) -> None:
    o = _generated(case, outcomes)
    assert o.pytest is not None
    assert o.pytest.returncode == 0, (o.pytest.stdout + o.pytest.stderr)[-4000:]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_ruff_default_rules_pass(case: str, outcomes: dict[str, Outcome]) -> None:
    """Odd names must not produce code that ruff (default rules, no configuration) flags."""
    o = _generated(case, outcomes)
    if o.ruff is None:
        pytest.skip("ruff is not installed")
    assert o.ruff.returncode == 0, (o.ruff.stdout + o.ruff.stderr)[-3000:]


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


@pytest.mark.parametrize("case", CASE_NAMES)
def test_jinja_syntax_stays_text(case: str, outcomes: dict[str, Outcome]) -> None:
    o = _generated(case, outcomes)
    if not any("{{ 7*7 }}" in t for t in _spec_texts(o)):
        pytest.skip("no Jinja expression in this case")
    everything = "".join(text for _, text in o.sources())
    assert "49" not in everything
    assert "{{ 7*7 }}" in everything


def _visible(text: str) -> str:
    """What a reader sees of a text, whatever way it was wrapped or flattened."""
    return "".join(c for c in text if c.isprintable() and not c.isspace())


def _as_written(comment: str) -> str:
    """The description text of a comment line: `(#)` and a directive's "- " undone."""
    if comment.startswith("- ") and escape._DIRECTIVE.match(comment[2:]):
        comment = comment[2:]
    return comment.replace("(#)", "#")


@pytest.mark.parametrize("case", CASE_NAMES)
def test_descriptions_are_kept_in_comments(
    case: str, outcomes: dict[str, Outcome]
) -> None:
    o = _generated(case, outcomes)
    comments = []
    for path, text in o.sources():
        if path.startswith("generated/models/"):
            tokens = tokenize.generate_tokens(io.StringIO(text).readline)
            comments += [
                _as_written(t.string.removeprefix("# "))
                for t in tokens
                if t.type == tokenize.COMMENT
            ]
    seen = _visible(" ".join(comments))
    for spec in o.specs:
        for wire, prop in (spec.get("properties") or {}).items():
            wanted = _visible(prop.get("description", ""))
            assert (
                wanted in seen
            ), f"{wire!r}: description {wanted[:200]!r} not in the comments"
