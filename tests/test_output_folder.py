"""User files are never lost: the output folder is guarded, `keep` is checked, diffs never
delete a user's file, and a changed `out` names the folder it left behind.

Each file of tests/bad_config/ is a pyproject.toml with one configuration mistake, its first
line `# expect: <the first line printed>`; `generate` must exit 2 with it and write nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cli

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "bad_config").glob("*.toml"))
SPECS = HERE / "fixtures" / "specs" / "todo"
TEMPLATES = HERE.parent / "templates"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".graph-codegen-cache" not in p.parts
    }


@pytest.fixture
def todo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project of the To Do specs (and a copy of the templates), as the cwd."""
    shutil.copytree(SPECS, tmp_path / "specs")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_a_configuration_mistake_is_reported_and_nothing_is_written(
    case: Path, todo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = case.read_text(encoding="utf-8")
    expected = text.splitlines()[0].removeprefix("# expect: ")
    (todo / "pyproject.toml").write_text(text, encoding="utf-8")
    before = _tree(todo.parent)
    code, _, err = run(capsys, "generate")
    assert (code, err.splitlines()[0]) == (2, expected), err
    assert err.splitlines()[-1].endswith("; nothing was written.")
    assert _tree(todo.parent) == before


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["--out", "."],
            (
                "graph-codegen: --out .: the output folder . is the project folder or "
                "holds it; generate owns every file of its output folder: name a folder "
                "of its own (default: generated)"
            ),
        ),
        (
            ["--out", "specs"],
            (
                "graph-codegen: --out specs: the output folder specs/ is the specs folder; "
                "generate owns every file of its output folder: name a folder of its own "
                "(default: generated)"
            ),
        ),
        (
            ["--specs", "nowhere"],
            "graph-codegen: --specs nowhere: the specs folder nowhere/ does not exist",
        ),
    ],
    ids=["out_is_the_project", "out_is_the_specs", "no_specs"],
)
@pytest.mark.parametrize("command", ["generate", "check"])
def test_a_folder_given_on_the_command_line_is_checked_too(
    todo: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    argv: list[str],
    expected: str,
) -> None:
    """Read-only commands do not say that nothing was written: they never write."""
    before = _tree(todo)
    code, _, err = run(capsys, command, *argv)
    ending = "; nothing was written." if command == "generate" else "."
    assert (code, err.splitlines()) == (
        2,
        [expected, f"graph-codegen: 1 problem(s){ending}"],
    )
    assert _tree(todo) == before


def test_a_diff_never_deletes_a_file_generate_did_not_write(
    todo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`git apply` of `check --diff` must not remove what generate itself would keep."""
    assert run(capsys, "generate")[0] == 0
    (todo / "generated" / "NOTES.md").write_text("mine\n", encoding="utf-8")
    client = todo / "generated" / "client.py"
    client.write_text(client.read_text(encoding="utf-8") + "# edited\n")
    code, out, _ = run(capsys, "check", "--diff")
    assert code == 1
    assert "generated/NOTES.md: extra (not generated)" in out.splitlines()
    assert "NOTES.md" not in "".join(
        line
        for line in out.splitlines(keepends=True)
        if line.startswith(("---", "+++"))
    )
    assert "--- a/generated/client.py" in out


def test_a_stale_file_edited_since_is_kept_and_named(
    todo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file no spec makes now is removed only while it is what generate wrote; an edited
    one stays, said so, and counts as the user's from then on."""
    extra = todo / "specs" / "sticker.yaml"
    extra.write_text(
        "name: sticker\nkind: complex\nproperties:\n  label: {type: String}\n",
        encoding="utf-8",
    )
    assert run(capsys, "generate")[0] == 0
    model = todo / "generated" / "models" / "sticker.py"
    model.write_text(model.read_text(encoding="utf-8") + "# mine now\n")
    extra.unlink()
    code, out, err = run(capsys, "generate")
    assert code == 0, err
    assert err.splitlines() == [
        (
            "note: generated/models/sticker.py kept: no spec makes it now, and it was "
            "edited since it was generated; move it out, or name it in `keep`"
        )
    ]
    assert model.read_text(encoding="utf-8").endswith("# mine now\n")
    assert not (todo / "generated" / "validation" / "sticker.py").exists()
    code, out, _ = run(capsys, "check")
    assert (code, out.splitlines()) == (
        1,
        ["generated/models/sticker.py: extra (not generated)"],
    )


def test_a_changed_out_names_the_folder_left_behind(
    todo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate")[0] == 0
    (todo / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nout = "src/client"\n', encoding="utf-8"
    )
    code, _, err = run(capsys, "generate")
    assert code == 0
    assert err.splitlines() == [
        (
            "note: generated/ holds what graph-codegen generated before from specs/ (its "
            "manifest says so), and the output folder is now src/client/; once nothing "
            "imports it, remove it: git rm -r generated (or rm -r generated)"
        )
    ]
    assert run(capsys, "generate")[2] == ""  # said once, when the new folder is made


def test_an_out_given_for_one_run_says_nothing_of_the_configured_folder(
    todo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate")[0] == 0
    code, _, err = run(capsys, "generate", "--out", str(tmp_path / "trial"))
    assert (code, err) == (0, "")
    assert (todo / "generated" / ".graph-codegen.json").is_file()


@pytest.mark.parametrize(
    "case", sorted((HERE / "bad_templates").glob("*.j2")), ids=lambda p: p.name
)
@pytest.mark.parametrize("command", ["generate", "check"])
def test_an_override_that_replaces_nothing_is_an_error(
    case: Path, command: str, todo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A misspelt override would do nothing at all, an outdated one would drop validation:
    exit 2, nothing written."""
    shutil.rmtree(todo / "templates")
    (todo / "templates").mkdir()
    shutil.copy(case, todo / "templates" / case.name)
    first = case.read_text(encoding="utf-8").splitlines()[0]
    shipped = ", ".join(
        p.relative_to(TEMPLATES).as_posix()
        for p in sorted(TEMPLATES.rglob("*"))
        if p.suffix in (".j2", ".py") and "__pycache__" not in p.parts
    )
    expected = first.removeprefix("{# expect: ").removesuffix(" #}")
    code, _, err = run(capsys, command)
    assert (code, err.splitlines()[0]) == (2, expected.replace("{shipped}", shipped))
    assert not (todo / "generated").exists()


def test_a_template_of_the_user_that_an_override_includes_is_no_mistake(
    todo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(todo / "templates")
    (todo / "templates").mkdir()
    model = (TEMPLATES / "model.py.j2").read_text(encoding="utf-8")
    (todo / "templates" / "model.py.j2").write_text(
        model + '{% include "house_style.j2" %}\n', encoding="utf-8"
    )
    (todo / "templates" / "house_style.j2").write_text("# house style\n")
    assert run(capsys, "generate")[0] == 0
    text = (todo / "generated" / "models" / "todo_task.py").read_text(encoding="utf-8")
    assert text.endswith("# house style\n")
