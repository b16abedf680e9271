"""The commands as users run them: `python -m generator` in a fresh folder, each in a subprocess.

An exception that escaped the command would show here as the traceback a user would see. Every
behaviour below is also tested in-process, case by case (test_cli.py, test_spec_errors.py,
test_hostile.py); these few runs prove the installed entry point, the shipped templates and the
generated tests under pytest's own collection. Marked `slow`: each run is a Python start-up.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
DOCS = HERE / "fixtures" / "docs"
BAD_SPECS = HERE / "bad_specs"
WIDGETS = ["widget", "widgetStatus", "widgetSize", "widgetPart"]


def graph_codegen(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator argv...` in `cwd`, as a user's shell would run it."""
    return python("-m", "generator", *argv, cwd=cwd)


def python(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [sys.executable, *argv], cwd=cwd, env=env, capture_output=True, text=True, check=False,
        timeout=300,
    )  # fmt: skip
    assert "Traceback" not in result.stdout + result.stderr, result.stderr[-3000:]
    return result


def test_import_generate_test_and_check_in_a_fresh_folder(tmp_path: Path) -> None:
    """The README's path for a new resource: import its pages, generate, run its tests, check."""
    imported = graph_codegen("import-docs", "--docs", str(DOCS), *WIDGETS, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    wrote = sorted(p.name for p in (tmp_path / "specs").glob("*.yaml"))
    assert wrote == [
        "entity.yaml",  # the base of every entity, imported with it
        "widget.yaml",
        "widget_part.yaml",
        "widget_size.yaml",
        "widget_status.yaml",
    ]
    assert "graph-codegen: 5 spec(s): 5 new" in imported.stdout, imported.stdout
    assert (
        tmp_path / "specs" / ".graph-codegen-import.json"
    ).is_file()  # what it wrote
    assert not (tmp_path / "templates").exists()  # the templates shipped with the tool

    generated = graph_codegen("generate", cwd=tmp_path)
    assert generated.returncode == 0, generated.stderr
    assert (tmp_path / "generated" / "models" / "widget_part.py").is_file()

    tests = python(
        "-m", "pytest", "-q", "-p", "no:cacheprovider", "generated", cwd=tmp_path
    )
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert " passed" in tests.stdout and " failed" not in tests.stdout

    current = graph_codegen("check", cwd=tmp_path)
    assert current.returncode == 0, current.stdout + current.stderr
    assert "graph-codegen: generated/ is current." in current.stdout

    spec = tmp_path / "specs" / "widget.yaml"
    text = spec.read_text(encoding="utf-8")
    old = "description: Whether the widget is shiny."
    assert old in text
    spec.write_text(text.replace(old, "description: Whether the widget shines."))
    drift = graph_codegen("check", "--diff", cwd=tmp_path)
    assert drift.returncode == 1, drift.stdout + drift.stderr
    model = "generated/models/widget.py"
    assert f"--- a/{model}\n+++ b/{model}\n" in drift.stdout
    assert any(
        line.startswith("+") and "shines" in line for line in drift.stdout.splitlines()
    )
    assert f"{model}: changed" in drift.stdout.splitlines()
    assert "run `graph-codegen generate`" in drift.stderr


def test_bad_specs_are_reported_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    """Every problem of every spec as `file:line: message`, exit 2, no output folder."""
    (tmp_path / "specs").mkdir()
    cases = [BAD_SPECS / "unknown_field.yaml", BAD_SPECS / "duplicate_key.yaml"]
    for case in cases:
        shutil.copy(case, tmp_path / "specs" / case.name)
    result = graph_codegen("generate", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    for case in cases:
        expected = case.read_text(encoding="utf-8").split("\n", 1)[0]
        assert f"specs/{expected.removeprefix('# expect: ')}" in lines, lines
    assert lines[-1] == "graph-codegen: 2 problem(s); nothing was written."
    assert not (tmp_path / "generated").exists()
