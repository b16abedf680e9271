"""import-docs with the service's CSDL metadata: made-up pages and documents, one rule per case.

tests/fixtures/metadata/docs/ holds the pages (a sprocket, its size, enums, a base type);
each cases/NAME.xml is agree.xml changed in one way, its first comment names the rule, and
NAME.expected says what to import, the decisions the metadata causes (exactly, each as
`page:line: rule: field`), what the specs hold (`null`: absent), the types added, and what
`drift` still finds in the imported specs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from spec_checks import bad_examples, dangling, decided

from generator import cli
from generator.check.drift import compare
from generator.check.reserved import reserved
from generator.check.stage import check
from generator.importer import ImportResult, import_docs
from generator.odata import csdl, edm
from generator.render.templates import TemplateSet
from generator.spec.folder import Loaded
from generator.spec.load import Spec, load_spec

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOCS = FIXTURES / "metadata" / "docs"
CASES = sorted((FIXTURES / "metadata" / "cases").glob("*.xml"))
BAD = sorted((FIXTURES / "csdl" / "bad").glob("*.xml"))


def _imported(case: Path, names: list[str]) -> tuple[ImportResult, edm.Metadata]:
    metadata = csdl.load(case, "metadata.xml")
    return import_docs(DOCS, names, metadata=metadata), metadata


def _within(expected: Any, actual: Any, where: str) -> None:
    """Every key the expectation names has its value in `actual`; None means absent."""
    if not isinstance(expected, dict):
        assert actual == expected, where
        return
    assert isinstance(actual, dict), where
    for key, value in expected.items():
        if value is None:
            assert key not in actual, f"{where}.{key}"
        else:
            assert key in actual, f"{where}.{key}"
            _within(value, actual[key], f"{where}.{key}")


def _hold_together(result: ImportResult) -> list[Spec]:
    """The specs of an import, checked as `generate` checks them, and by the importer's rules."""
    specs = [load_spec(text, f"specs/{file}") for file, text in result.specs.items()]
    by_name = {spec.name: spec for spec in specs}
    assert (dangling(by_name), bad_examples(by_name)) == ([], [])
    check(
        Loaded(specs, [], frozenset()),
        reserved(TemplateSet.over_shipped(None).runtime()),
    )
    return specs


def _notes(result: ImportResult) -> set[str]:
    """Every note of every spec as the tests name a decision: `page:line: rule: at`."""
    found = set()
    for text in result.specs.values():
        for note in yaml.safe_load(text).get("notes", []):
            found.add(f"{note['source']}: {note['rule']}: {note['at']}")
    return found


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_each_rule(case: Path) -> None:
    expected = yaml.safe_load(case.with_suffix(".expected").read_text("utf-8"))
    result, metadata = _imported(case, expected.get("import", ["sprocket"]))
    decisions = decided(d for d in result.decisions if d.rule.startswith("metadata."))
    assert decisions == expected["decisions"]
    assert set(decisions) <= _notes(result)
    data = {file: yaml.safe_load(text) for file, text in result.specs.items()}
    _within(expected.get("specs", {}), data, case.stem)
    if "added" in expected:
        assert result.added == expected["added"]
    specs = _hold_together(result)
    assert [str(p) for p in compare(specs, metadata)] == expected["drift"]


def test_metadata_that_agrees_changes_nothing() -> None:
    """The same specs and decisions as without it: the docs-only import is untouched."""
    result, _ = _imported(FIXTURES / "metadata" / "cases" / "agree.xml", ["sprocket"])
    assert result == import_docs(DOCS, ["sprocket"])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`graph-codegen argv...` in-process; returns (exit code, stdout, stderr)."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder, the working folder, with the guid case's metadata in it."""
    shutil.copy(FIXTURES / "metadata" / "cases" / "guid.xml", tmp_path / "metadata.xml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


GUID = (
    "resources/sprocket.md:24: warning: serial: Guid, as the metadata says "
    "(metadata.xml:26); the page says String"
)


def test_the_command_follows_the_metadata_and_says_so(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "import-docs",
        "--docs",
        str(DOCS),
        "--metadata",
        "metadata.xml",
        "--verbose",
        "sprocket",
    )
    assert code == 0, err
    assert GUID in err.splitlines()
    spec = load_spec((scratch / "specs" / "sprocket.yaml").read_text("utf-8"), "x")
    assert {p.wire: p.type for p in spec.properties}["serial"] == "Guid"
    assert "graph-codegen: wrote specs/sprocket.yaml" in out.splitlines()


@pytest.mark.parametrize("case", BAD, ids=[case.stem for case in BAD])
def test_a_bad_metadata_file_is_a_located_error(
    case: Path, scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """drift's bad documents, each with its message: exit 2, and no spec written."""
    first = case.read_bytes().split(b"\n", 1)[0].decode("ascii")
    expected = first.removeprefix("<!-- expect: ").removesuffix(" -->")
    shutil.copy(case, scratch / case.name)
    argv = ["import-docs", "--docs", str(DOCS), "--metadata", case.name, "sprocket"]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert expected in err.splitlines()
    assert not (scratch / "specs").exists()


def test_a_missing_metadata_file_and_bad_names_are_reported_together(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["import-docs", "--docs", str(DOCS), "--metadata", "absent.xml", "sprockt"]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert err.splitlines()[:2] == [
        "graph-codegen: no page of the docs documents a type 'sprockt' (did you mean 'sprocket'?)",
        "absent.xml: cannot read the metadata file: No such file or directory",
    ]
    assert not (scratch / "specs").exists()


def test_the_configured_metadata_is_the_default_of_import_and_drift(
    scratch: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`[tool.graph-codegen] metadata`, relative to the pyproject.toml, from a subfolder too;
    the notes name it from the project's root wherever the import runs."""
    (scratch / "service").mkdir()
    (scratch / "metadata.xml").rename(scratch / "service" / "beta.xml")
    (scratch / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nmetadata = "service/beta.xml"\n', encoding="utf-8"
    )
    (scratch / "deep").mkdir()
    monkeypatch.chdir(scratch / "deep")
    code, _, err = run(capsys, "import-docs", "--docs", str(DOCS), "-v", "sprocket")
    assert code == 0, err
    assert GUID.replace("metadata.xml", "service/beta.xml") in err.splitlines()
    code, out, _ = run(capsys, "drift")
    assert (code, out) == (
        0,
        "graph-codegen: 3 spec(s) in ../specs/ agree with ../service/beta.xml.\n",
    )


def test_drift_without_a_metadata_file_says_how_to_name_one(
    scratch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (scratch / "specs").mkdir()
    code, out, err = run(capsys, "drift")
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == (
        "graph-codegen: no metadata file to compare with: pass --metadata FILE, "
        'or name one in [tool.graph-codegen] (metadata = "metadata.xml")'
    )


TYPES = st.sampled_from(
    [
        "Edm.String",
        "Edm.Guid",
        "Edm.Untyped",
        "Edm.Geography",
        "Collection(Edm.Int64)",
        "graph.sprocketState",
        "Collection(graph.sprocketSize)",
        "graph.finishType",
        "graph.sprocket",
        "graph.gear",
        "graph.nowhere",
        "microsoft.graph.cog",
        "Collection(graph.machinePart)",
    ]
)


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(
    rows=st.dictionaries(
        st.sampled_from(["serial", "tags", "state", "size", "weight", "id", "extra"]),
        st.tuples(TYPES, st.booleans()),
        max_size=5,
    ),
    base=st.sampled_from(
        ["graph.entity", "graph.machinePart", "graph.sprocket", "graph.nowhere", None]
    ),
    abstract=st.booleans(),
)
def test_any_metadata_of_the_type_gives_specs_that_hold_together(
    rows: dict[str, tuple[str, bool]], base: str | None, abstract: bool
) -> None:
    """Whatever the metadata says of a sprocket (itself as base, entities as properties, types
    no page documents), the import follows what it can and its specs generate."""
    properties = "".join(
        f'<Property Name="{name}" Type="{kind}" Nullable="{str(null).lower()}" />'
        for name, (kind, null) in rows.items()
    )
    derived = f' BaseType="{base}"' if base else ""
    agree = (FIXTURES / "metadata" / "cases" / "agree.xml").read_text("utf-8")
    start = agree.index('      <EntityType Name="sprocket"')
    end = agree.index("</EntityType>", start) + len("</EntityType>")
    sprocket = (
        f'      <EntityType Name="sprocket"{derived} Abstract="{str(abstract).lower()}">'
        f"{properties}</EntityType>"
    )
    document = (agree[:start] + sprocket + agree[end:]).encode()
    metadata = csdl.parse(document, "metadata.xml")
    _hold_together(import_docs(DOCS, ["sprocket"], metadata=metadata))
