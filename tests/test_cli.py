"""The command line in-process on a scratch copy of the project: generate, check, diff, safety."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import black
import pytest

from generator import cli

REPO = Path(__file__).resolve().parent.parent

OUT = Path("generated")
MODEL = OUT / "models" / "customer_payment.py"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI as `graph-codegen argv...`; returns (exit code, stdout, stderr)."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def tree(root: Path) -> dict[str, bytes | str]:
    """Everything below `root`, hidden files included: bytes, link targets and folders."""
    found: dict[str, bytes | str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[key] = f"-> {os.readlink(path)}"
            elif path.is_file():
                found[key] = path.read_bytes()
            else:
                found[key + "/"] = "a folder"
    return found


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_property(spec: Path) -> None:
    """A spec change that touches the model, validation and tests of the resource."""
    edit(spec, "\n  postingDate:\n", "\n  note:\n    type: String\n  postingDate:\n")


@pytest.fixture(scope="module")
def generated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The output of one successful `generate` of the project, the original of every copy."""
    root = tmp_path_factory.mktemp("generated_once")
    for folder in ("specs", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(output):
        patch.chdir(root)
        code = cli.main(["generate"])
    assert code == 0 and "written" in output.getvalue(), output.getvalue()
    return root / OUT


@pytest.fixture
def generated(project: Path, generated_once: Path) -> Path:
    """The scratch project after one successful `generate` (a copy of its output)."""
    shutil.copytree(generated_once, project / OUT)
    return project


def test_generate_then_check_is_current(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The promise CI relies on: right after generate, check exits 0."""
    assert (generated / MODEL).is_file()
    code, out, _ = run(capsys, "check")
    assert code == 0, out
    assert "is current" in out


def test_generate_twice_writes_nothing(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unchanged project leaves every file alone, so timestamps and editors are undisturbed."""
    before = {p: p.stat().st_mtime_ns for p in (generated / OUT).rglob("*.py")}
    code, out, _ = run(capsys, "generate")
    assert code == 0 and "0 file(s) written or removed" in out
    assert before == {p: p.stat().st_mtime_ns for p in (generated / OUT).rglob("*.py")}


def test_hand_edit_is_reported_changed(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand edit to generated code is drift, named as `changed`."""
    with (generated / MODEL).open("a", encoding="utf-8") as file:
        file.write("# my local fix\n")
    code, out, err = run(capsys, "check")
    assert code == 1
    assert f"{MODEL}: changed" in out.splitlines()
    assert "run `graph-codegen generate`" in err


def test_deleted_file_is_reported_missing(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file the specs produce but the disk lacks is drift, named as `missing`."""
    (generated / OUT / "tests" / "test_customer_payment.py").unlink()
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert f"{OUT}/tests/test_customer_payment.py: missing" in out.splitlines()


def test_stray_file_is_reported_with_advice_that_works(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file the generator never wrote is drift that only its owner can settle: say how."""
    (generated / OUT / "models" / "leftover.py").write_text("x = 1\n", encoding="utf-8")
    code, out, err = run(capsys, "check")
    assert code == 1
    assert f"{OUT}/models/leftover.py: extra (not generated)" in out.splitlines()
    assert "move them out, or name them in `keep`" in err
    assert "run `graph-codegen generate`" not in err


def test_a_kept_file_is_not_drift(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`keep` globs name the user's own files in the output folder; check accepts them."""
    (generated / OUT / "models" / "leftover.py").write_text("x = 1\n", encoding="utf-8")
    (generated / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nkeep = ["models/leftover.py"]\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, "check")
    assert (code, out.splitlines()[-1]) == (0, f"graph-codegen: {OUT}/ is current.")


def test_every_kind_of_drift_is_listed_sorted(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Changed, missing and extra together, one line each, in path order."""
    (generated / OUT / "client.py").write_text("changed\n", encoding="utf-8")
    (generated / OUT / "py.typed").unlink()
    (generated / OUT / "aaa.txt").write_text("stray\n", encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 1
    drift = [line for line in out.splitlines() if line.startswith(f"{OUT}/")]
    assert drift == [
        f"{OUT}/aaa.txt: extra (not generated)",
        f"{OUT}/client.py: changed",
        f"{OUT}/py.typed: missing",
    ]


def test_diff_prints_a_unified_diff(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check --diff` shows what generate would change, from the disk to the render."""
    edit(generated / MODEL, "    posting_date: date", "    posting_dait: date")
    code, out, _ = run(capsys, "check", "--diff")
    assert code == 1
    assert f"--- a/{MODEL}\n+++ b/{MODEL}\n" in out
    assert "\n-    posting_dait: date | None | UnsetType = UNSET\n" in out
    assert "\n+    posting_date: date | None | UnsetType = UNSET\n" in out
    assert f"{MODEL}: changed" in out.splitlines()


def test_changed_template_is_drift(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Editing a template invalidates the manifest; the full render names the files it changes."""
    edit(
        generated / "templates" / "model.py.j2",
        "\n",
        "\n# a new line from the template\n",
    )
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert f"{MODEL}: changed" in out.splitlines()
    assert f"{OUT}/tests/test_customer_payment.py: changed" not in out.splitlines()


def test_changed_spec_is_drift(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The everyday case: a new property in the spec, generated/ not regenerated yet."""
    add_property(generated / "specs" / "customer_payment.yaml")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert f"{MODEL}: changed" in out.splitlines()


def add_vendor_payment(project: Path) -> Path:
    """A second entity spec beside customerPayment, with its own paths and names."""
    text = (project / "specs" / "customer_payment.yaml").read_text(encoding="utf-8")
    second = project / "specs" / "vendor_payment.yaml"
    second.write_text(
        text.replace("customerPayment", "vendorPayment"), encoding="utf-8"
    )
    return second


def test_removed_spec_removes_its_files_but_not_user_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generate owns what it wrote: a spec's files go with the spec; a kept file stays."""
    second = add_vendor_payment(project)
    assert run(capsys, "generate")[0] == 0
    vendor = sorted(
        p.relative_to(project).as_posix()
        for p in (project / OUT).rglob("*vendor_payment*")
    )
    assert vendor == [
        "generated/builders/vendor_payment.py",
        "generated/models/vendor_payment.py",
        "generated/tests/test_vendor_payment.py",
    ]
    user_files = {
        OUT / "NOTES.md": b"mine\n",
        OUT / "models" / "extra_helpers.py": b"x = 1\n",
    }
    for path, data in user_files.items():
        (project / path).write_bytes(data)
    (project / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nkeep = ["NOTES.md", "models/extra_*.py"]\n',
        encoding="utf-8",
    )

    second.unlink()
    code, out, _ = run(capsys, "generate")
    assert code == 0
    assert not list((project / OUT).rglob("*vendor_payment*"))
    assert (project / MODEL).is_file()
    assert all(
        (project / path).read_bytes() == data for path, data in user_files.items()
    )
    code, out, _ = run(capsys, "check")
    assert (code, out.splitlines()[-1]) == (0, f"graph-codegen: {OUT}/ is current.")


def test_a_file_of_the_user_in_the_output_is_refused_before_anything_is_written(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generate owns its folder: a file it did not write and no `keep` names stops it."""
    add_property(generated / "specs" / "customer_payment.yaml")
    (generated / OUT / "NOTES.md").write_bytes(b"mine\n")
    before = tree(generated / OUT)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.splitlines() == [
        (
            f"{OUT}/NOTES.md: was not written by graph-codegen and no `keep` names it; "
            f"generate owns {OUT}/: move the file out, or name it in `keep` under "
            "[tool.graph-codegen]"
        ),
        "graph-codegen: 1 problem(s); nothing was written.",
    ]
    assert tree(generated / OUT) == before


def test_generate_refuses_to_overwrite_a_file_it_did_not_write(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand-written client.py in the way is the user's; exit 2 and leave everything as it was."""
    (project / OUT).mkdir()
    (project / OUT / "client.py").write_text("# mine\n", encoding="utf-8")
    before = tree(project / OUT)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert f"{OUT}/client.py: was not written by graph-codegen and no `keep`" in err
    assert tree(project / OUT) == before


def plant_link(project: Path, link: Path, outside: Path) -> None:
    """Replace a generated file or folder by a symlink to a look-alike outside the output."""
    if (project / link).is_dir():
        shutil.copytree(project / link, outside)
        shutil.rmtree(project / link)
    else:
        outside.write_text("# outside\n", encoding="utf-8")
        (project / link).unlink()
    (project / link).symlink_to(outside, target_is_directory=outside.is_dir())


@pytest.mark.parametrize("link", [MODEL, OUT / "models"], ids=["file", "folder"])
def test_symlink_in_the_output_is_never_written_through(
    generated: Path, capsys: pytest.CaptureFixture[str], link: Path
) -> None:
    """A planted link must not let generate write outside the output folder."""
    add_property(generated / "specs" / "customer_payment.yaml")
    outside = generated / "outside"
    plant_link(generated, link, outside)
    before_out, before_outside = tree(generated / OUT), (
        tree(outside) if outside.is_dir() else outside.read_bytes()
    )
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert (
        f"{MODEL}: is a symbolic link or leads outside the output folder; refusing to write"
        in err
    )
    assert (
        tree(outside) if outside.is_dir() else outside.read_bytes()
    ) == before_outside
    assert tree(generated / OUT) == before_out


def test_template_error_leaves_the_output_untouched(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken template is reported at its line, like a bad spec; nothing is written."""
    add_property(generated / "specs" / "customer_payment.yaml")
    edit(
        generated / "templates" / "test_resource.py.j2", "\n", "\n{{ no_such_name }}\n"
    )
    before = tree(generated / OUT)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert (
        "templates/test_resource.py.j2:2: UndefinedError: 'no_such_name' is undefined"
        in err
    )
    assert tree(generated / OUT) == before


def test_template_syntax_error_is_located(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Jinja syntax error names the template file and line, even in an included template."""
    edit(generated / "templates" / "builder_class.j2", "\n", "\n{% if %}\n")
    before = tree(generated / OUT)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert "templates/builder_class.j2:2: " in err
    assert tree(generated / OUT) == before


def test_black_failure_leaves_the_output_untouched(
    generated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """black refusing one file means no file is written, and the message names file and template."""
    add_property(generated / "specs" / "customer_payment.yaml")
    real = black.format_str

    def refuse_tests(source: str, *, mode: Any) -> str:
        if "Tests of customerPayment" in source:
            raise ValueError("Cannot parse: 1:1")
        formatted: str = real(source, mode=mode)
        return formatted

    monkeypatch.setattr(black, "format_str", refuse_tests)
    before = tree(generated / OUT)
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert "tests/test_customer_payment.py (from template test_resource.py.j2)" in err
    assert "nothing was written" in err
    assert tree(generated / OUT) == before


def fail_on_call(n: int, real: Callable[..., Any]) -> Callable[..., Any]:
    """A stand-in for os.replace that raises on its n-th call, as a full disk or a crash would."""
    calls = 0

    def replace(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == n:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    return replace


def test_interrupted_write_rolls_back_exactly(
    generated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the swap fails half-way, the files already swapped go back: the tree is as before."""
    add_property(generated / "specs" / "customer_payment.yaml")
    (generated / OUT / "NOTES.md").write_bytes(b"mine\n")
    (generated / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nkeep = ["NOTES.md"]\n', encoding="utf-8"
    )
    before = tree(generated / OUT)
    with (
        monkeypatch.context() as patch
    ):  # not monkeypatch.undo(): that would undo the chdir
        patch.setattr(os, "replace", fail_on_call(3, os.replace))
        code, _, err = run(capsys, "generate")
    assert code == 2
    assert "No space left on device" in err
    assert tree(generated / OUT) == before
    code, out, _ = run(capsys, "generate")
    assert code == 0 and "2 file(s) written or removed" in out


def test_failure_while_removing_stale_files_restores_them(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stale files removed before a failure come back with everything else."""
    second = add_vendor_payment(project)
    assert run(capsys, "generate")[0] == 0
    second.unlink()
    add_property(project / "specs" / "customer_payment.yaml")
    before = tree(project / OUT)
    real_unlink, removed = os.unlink, []

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        if str(path).endswith("vendor_payment.py"):
            removed.append(path)
            if len(removed) == 2:
                raise OSError(5, "Input/output error")
        real_unlink(path, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(os, "unlink", unlink)
        code, _, err = run(capsys, "generate")
    assert code == 2 and "Input/output error" in err
    assert tree(project / OUT) == before


def test_pyproject_settings_change_the_default_folders(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`[tool.graph-codegen]` in ./pyproject.toml is where a repository keeps its folders."""
    (project / "specs").rename(project / "api_specs")
    (project / "templates").rename(project / "my_templates")
    (project / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nspecs = "api_specs"\ntemplates = "my_templates"\nout = "client_pkg"\n',
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "generate")
    assert code == 0, out
    assert (project / "client_pkg" / "models" / "customer_payment.py").is_file()
    assert not (project / OUT).exists()
    assert "api_specs/" in (project / "client_pkg" / "client.py").read_text(
        encoding="utf-8"
    )
    assert run(capsys, "check")[0] == 0
    code, _, err = run(capsys, "check", "--specs", "nowhere")
    assert code == 2
    assert (
        "graph-codegen: --specs nowhere: the specs folder nowhere/ does not exist"
        in err
    )


def test_invalid_pyproject_is_a_located_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken pyproject.toml is bad input like any other: exit 2, no traceback."""
    (project / "pyproject.toml").write_text("[tool.graph-codegen\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith("pyproject.toml:1: invalid TOML")


def test_a_stale_file_edited_by_hand_is_kept(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Generate deletes a file no spec makes only while it is still what generate wrote."""
    second = add_vendor_payment(project)
    assert run(capsys, "generate")[0] == 0
    edited = project / OUT / "models" / "vendor_payment.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "# kept by hand\n")
    second.unlink()
    assert run(capsys, "generate")[0] == 0
    assert edited.read_text(encoding="utf-8").endswith("# kept by hand\n")
    assert not (project / OUT / "builders" / "vendor_payment.py").exists()


def test_a_manifest_entry_outside_the_output_is_never_deleted(
    generated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest is committed, so it is input too: `../victim` must not be deleted."""
    victim = generated / "victim.txt"
    victim.write_text("keep me\n")
    manifest_path = generated / OUT / ".graph-codegen.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    manifest["files"]["../victim.txt"] = digest
    manifest["files"][str(victim)] = digest
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert run(capsys, "generate")[0] == 0
    assert victim.read_text(encoding="utf-8") == "keep me\n"
