"""Importing again without losing review, one type after another, and what an import says.

The docs are copies of tests/fixtures/docs and tests/fixtures/conflicts made in a temporary
project, so a test can change a page between two imports as the docs change between releases.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.importer.output.record import FILE
from generator.spec.load import load_spec

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project with copies of the widget and hub docs, the working folder."""
    shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    shutil.copytree(FIXTURES / "conflicts", tmp_path / "hubs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _properties(path: Path) -> dict[str, tuple[str, str]]:
    spec = load_spec(path.read_text(encoding="utf-8"), str(path))
    return {p.wire: (p.type, p.description) for p in spec.properties}


def _reviewed(project: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """widget imported, then a reviewer's edits, then the docs change under them."""
    assert run(capsys, "import-docs", "--docs", "docs", "widget")[0] == 0
    spec = project / "specs" / "widget.yaml"
    _edit(spec, "description: How many there are.", "description: How many, counted.")
    _edit(spec, "  shelf:\n    type: Int16", "  shelf:\n    type: Int32")
    _edit(
        spec,
        "notes:\n",
        "notes:\n  - {at: weight, decision: checked by hand, source: me}\n",
    )
    page = project / "docs" / "resources" / "widget.md"
    _edit(
        page,
        "|weight|Double|The weight in grams.|",
        "|weight|Double|The weight, in grams.|",
    )
    _edit(page, "|shelf|Int16|", "|shelf|Int64|")
    return spec


def test_a_reimport_keeps_review_updates_the_rest_and_names_each_conflict(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _reviewed(project, capsys)
    code, _, err = run(capsys, "import-docs", "--docs", "docs", "--force", "widget")
    assert code == 0, err
    props = _properties(spec)
    assert props["count"][1] == "How many, counted."  # the reviewer's, kept
    assert props["weight"][1] == "The weight, in grams."  # the docs', updated
    assert props["shelf"][0] == "Int32"  # both changed it: the reviewer's is kept
    assert (
        "specs/widget.yaml: /properties/shelf/type: you and the import both changed it: "
        "yours Int32 is kept; the import's is Int64" in err
    )
    assert "checked by hand" in spec.read_text(encoding="utf-8")


def test_a_dry_run_says_what_would_change_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _reviewed(project, capsys)
    before = spec.read_bytes(), (project / "specs" / FILE).read_bytes()
    code, out, _ = run(
        capsys, "import-docs", "--docs", "docs", "--force", "--dry-run", "widget"
    )
    assert code == 0
    assert (spec.read_bytes(), (project / "specs" / FILE).read_bytes()) == before
    assert "graph-codegen: updated specs/widget.yaml" in out
    assert (
        "    /properties/weight/description: The weight in grams. -> The weight, in grams."
        in out.splitlines()
    )
    assert "    /properties/count/description: your edit is kept" in out.splitlines()
    assert "graph-codegen: --dry-run: nothing was written." in out


def test_quiet_by_default_complete_on_request(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "import-docs", "--docs", "hubs", "hub", "note")
    assert code == 0
    assert ": warning: " not in out
    assert out.splitlines()[0] == "graph-codegen: 3 spec(s): 3 new"
    assert "decision(s): " in out.splitlines()[-1]
    assert err.splitlines()[:2] == [
        "graph-codegen: act on these first:",
        (
            "  resources/note.md:17: warning: operations: 'List pings' skipped: its routes "
            "address /hubs/{id}/ping (ping, which is no set), not note"
        ),
    ]
    code, out, err = run(
        capsys, "import-docs", "--docs", "hubs", "-v", "--force", "hub"
    )
    assert "resources/hub.md:22: warning: id: inherited from entity" in err
    code, out, _ = run(
        capsys, "import-docs", "--docs", "hubs", "--report", "json", "--force", "hub"
    )
    report = json.loads(out)
    assert {s["file"]: s["action"] for s in report["specs"]}["hub.yaml"] == "unchanged"
    assert {d["kind"] for d in report["decisions"]} >= {"operations", "properties"}
    assert {d["rule"] for d in report["decisions"]} >= {
        "operation.authorization-added",
        "route.placeholders-renamed",
    }


def test_one_type_after_another_gives_what_one_call_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """hub's navigation to spoke is skipped alone, and added when spoke comes."""
    docs = str(FIXTURES / "conflicts")
    for folder, calls in (
        ("apart", [["hub"], ["spoke"]]),
        ("together", [["hub", "spoke"]]),
    ):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        for names in calls:
            assert run(capsys, "import-docs", "--docs", docs, *names)[0] == 0
    apart, together = (
        {p.name: p.read_bytes() for p in (tmp_path / f / "specs").iterdir()}
        for f in ("apart", "together")
    )
    assert apart == together
    assert "spokes:" in apart["hub.yaml"].decode()


def test_navigation_to_a_spec_already_there_is_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spec the import did not write (no record of it) is linked, and left as it is."""
    assert run(capsys, "import-docs", "--docs", "hubs", "spoke")[0] == 0
    (project / "specs" / FILE).unlink()
    code, out, _ = run(capsys, "import-docs", "--docs", "hubs", "hub")
    assert code == 0
    assert "graph-codegen: 2 spec(s): 1 new, 1 kept" in out  # hub; entity was there
    assert "spokes:" in (project / "specs" / "hub.yaml").read_text(encoding="utf-8")


def test_a_spec_from_another_source_is_named_for_re_import(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported from another docs folder, hub is not imported again: the import says so."""
    shutil.copytree(project / "hubs", project / "more")
    assert run(capsys, "import-docs", "--docs", "hubs", "hub")[0] == 0
    code, _, err = run(capsys, "import-docs", "--docs", "more", "spoke")
    assert code == 0
    assert (
        "  specs/hub.yaml: navigation.spokes was skipped for lack of spoke, which this "
        "import wrote: re-import that spec's type to add it" in err.splitlines()
    )


def test_a_record_that_cannot_be_read_is_a_located_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "specs").mkdir()
    (project / "specs" / FILE).write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "import-docs", "--docs", "hubs", "hub")
    assert (code, out) == (2, "")
    assert err.startswith(f"specs/{FILE}: not a record of graph-codegen imports")
