"""A project starts cleanly: `init`, the shipped reference pages and templates, an empty folder.

`init` writes what is missing and never changes what is there (but to append its table); the
example spec it writes generates a package whose tests pass. `docs` and `templates` give what
an installed tool has no repository around it for.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import packages
import pytest

from generator import cli
from generator.commands import docs, init

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _shipped() -> list[str]:
    return sorted(
        p.relative_to(TEMPLATES).as_posix()
        for p in TEMPLATES.rglob("*")
        if p.suffix in (".j2", ".py") and "__pycache__" not in p.parts
    )


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_init_starts_a_project_that_generates_and_passes_its_tests(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert out.splitlines()[:3] == [
        "graph-codegen: wrote pyproject.toml with a [tool.graph-codegen] table",
        "graph-codegen: wrote specs/todo_task_list.yaml, an example spec to start from",
        "",
    ]
    assert "  graph-codegen generate " in out and "python -m pytest generated" in out
    assert (empty / "pyproject.toml").read_text(encoding="utf-8") == init.TABLE
    assert run(capsys, "generate")[0] == 0
    assert run(capsys, "check")[:2] == (0, "graph-codegen: generated/ is current.\n")
    shutil.move(empty / "generated", empty / "init_pkg")
    package = packages.load(empty, "init_pkg")
    try:
        ran, failures = packages.run_generated_tests(package)
    finally:
        packages.unload("init_pkg")
    assert ran > 5 and failures == []


def test_init_adds_its_table_to_a_pyproject_and_changes_nothing_else(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = '[project]\nname = "mine"\nversion = "1"'  # no final line break
    (empty / "pyproject.toml").write_text(mine, encoding="utf-8")
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert out.splitlines()[0] == (
        "graph-codegen: added a [tool.graph-codegen] table at the end of pyproject.toml"
    )
    text = (empty / "pyproject.toml").read_text(encoding="utf-8")
    assert text == f"{mine}\n\n{init.TABLE}"


@pytest.mark.parametrize(
    ("pyproject", "expected"),
    [
        (
            '[tool.graph-codegen]\nspecs = "api"\n',
            "graph-codegen: kept the [tool.graph-codegen] table of pyproject.toml",
        ),
        (
            "[tool.graph_codegen]\n",
            (
                "pyproject.toml:1: [tool.graph_codegen] is not read: the table is "
                "[tool.graph-codegen]"
            ),
        ),
        (
            "[project\n",
            (
                "pyproject.toml: cannot be read as TOML (Expected ']' at the end of a table "
                "declaration (at line 1, column 9)); fix it, then run init again"
            ),
        ),
    ],
    ids=["kept", "misspelt", "invalid"],
)
def test_init_never_rewrites_a_pyproject(
    empty: Path, capsys: pytest.CaptureFixture[str], pyproject: str, expected: str
) -> None:
    (empty / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    _, out, err = run(capsys, "init")
    assert expected in (out + err).splitlines()
    assert (empty / "pyproject.toml").read_text(encoding="utf-8") == pyproject


def test_init_adds_no_example_to_a_folder_of_specs(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (empty / "specs").mkdir()
    (empty / "specs" / "mine.yaml").write_text("name: mine\n", encoding="utf-8")
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert "graph-codegen: kept specs/: it holds specs (no example added)" in out
    assert [p.name for p in (empty / "specs").iterdir()] == ["mine.yaml"]


@pytest.mark.parametrize("command", ["generate", "check"])
def test_an_empty_specs_folder_says_how_to_start(
    empty: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    (empty / "specs").mkdir()
    code, _, err = run(capsys, command)
    assert code == 2
    assert err.splitlines()[0] == (
        "graph-codegen: the specs folder specs/ holds no spec (*.yaml): `graph-codegen "
        "init` starts a project with an example spec, and `graph-codegen docs "
        "spec-format` describes the format"
    )
    assert not (empty / "generated").exists()


@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_folder_with_no_project_names_init(
    empty: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, _, err = run(capsys, command)
    assert (code, err.splitlines()[0]) == (
        2,
        (
            "graph-codegen: the specs folder specs/ does not exist; `graph-codegen init` "
            "starts a project here"
        ),
    )


def test_docs_prints_the_pages_that_ship_with_the_tool(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "docs")
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == list(
        docs.TOPICS
    )
    for topic in docs.TOPICS:
        page = REPO / "docs" / f"{topic}.md"
        assert run(capsys, "docs", topic) == (0, page.read_text(encoding="utf-8"), "")
        assert run(capsys, "docs", topic, "--path")[1] == f"{page}\n"
    code, _, err = run(capsys, "docs", "spec-fromat")
    assert (code, err.splitlines()[0]) == (
        2,
        (
            "graph-codegen: no page 'spec-fromat' (did you mean 'spec-format'?); the pages: "
            "spec-format, templates"
        ),
    )


def test_help_names_the_installed_spec_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "`graph-codegen docs spec-format`" in capsys.readouterr().out


def test_templates_are_listed_and_copied(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "templates", "--list")
    assert (code, out.splitlines()[:-1]) == (0, _shipped())
    assert out.splitlines()[-1].startswith(
        "(validation.py.j2, validation_init.py.j2: no more; validation rules live in each "
        "model's module now (model.py.j2)"
    )
    code, out, _ = run(capsys, "templates", "--copy", "runtime/client.py", "mine")
    assert code == 0
    assert out.splitlines() == [
        "graph-codegen: copied runtime/client.py to mine/runtime/client.py",
        (
            'graph-codegen: set templates = "mine" under [tool.graph-codegen] (or pass '
            "--templates) so generate uses it"
        ),
    ]
    copied = empty / "mine" / "runtime" / "client.py"
    assert copied.read_bytes() == (TEMPLATES / "runtime" / "client.py").read_bytes()
    (empty / "pyproject.toml").write_text(
        '[tool.graph-codegen]\ntemplates = "mine"\n', encoding="utf-8"
    )
    out = run(capsys, "templates", "--list")[1]
    assert "runtime/client.py  (overridden by mine/runtime/client.py)" in out


def test_a_copy_into_the_default_templates_folder_needs_no_setting(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "templates", "--copy", "model.py.j2", "templates")
    assert (code, out.splitlines()) == (
        0,
        ["graph-codegen: copied model.py.j2 to templates/model.py.j2"],
    )
    out = run(capsys, "templates", "--list")[1]
    assert "model.py.j2  (overridden by templates/model.py.j2)" in out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "modle.py.j2",
            (
                "graph-codegen: no shipped template is named 'modle.py.j2' (did you mean "
                "'model.py.j2'?); `graph-codegen templates --list` names them"
            ),
        ),
        (
            "model.py.j2",
            (
                "templates/model.py.j2: exists already; it is left as it is (remove it to "
                "copy the shipped one)"
            ),
        ),
    ],
)
def test_a_copy_never_overwrites_and_names_the_templates(
    empty: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str
) -> None:
    (empty / "templates").mkdir()
    (empty / "templates" / "model.py.j2").write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "templates", "--copy", name, "templates")
    assert (code, err.splitlines()[0]) == (2, expected)
    assert (empty / "templates" / "model.py.j2").read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("name", ["validation.py.j2", "validation_init.py.j2"])
def test_an_override_of_a_retired_template_says_where_its_output_went(
    empty: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    where = "validation rules live in each model's module now (model.py.j2)"
    code, _, err = run(capsys, "templates", "--copy", name, "templates")
    assert code == 2
    assert err.startswith(f"graph-codegen: {name} is no template any more: {where}")
    run(capsys, "init")
    (empty / "templates").mkdir(exist_ok=True)
    (empty / "templates" / name).write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "generate", "--templates", "templates")
    assert code == 2
    assert err.startswith(
        f"templates/{name}: {name} is no template any more, so it replaces nothing: {where}"
    )
    assert not (empty / "generated").exists()


@pytest.mark.slow
def test_the_wheel_ships_the_reference_pages_and_the_templates(tmp_path: Path) -> None:
    """What `docs` and `templates` read is inside the package a user installs."""
    source = tmp_path / "source"
    listed = subprocess.run(
        ["git", "ls-files", "pyproject.toml", "README.md", "LICENSE", "docs"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in listed:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, source / name)
    for folder in ("generator", "templates"):
        shutil.copytree(
            REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", "dist", "."],
        cwd=source,
        check=True,
    )
    (wheel,) = (source / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for topic in docs.TOPICS:
        assert f"generator/docs/{topic}.md" in names
    assert {f"generator/templates/{n}" for n in _shipped()} <= names
