"""Bad specs, one data file each in tests/bad_specs/: exit 2, a located message, nothing written.

Each file starts with `# expect: <file>:<line>: <message>`; adding a case means adding a file.
The command runs in this process (`cli.main`, in a scratch folder that is the cwd); an exception
escaping it fails the test with its traceback. tests/test_end_to_end.py runs one bad spec
through `python -m generator` as users do.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import cli

CASES = Path(__file__).resolve().parent / "bad_specs"
TEMPLATES = CASES.parent.parent / "templates"
COMMANDS = ("check", "generate")


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


Runner = Callable[..., Result]


def expected_message(case: Path) -> str:
    """The message a case promises, from its first line (read as bytes: some are not UTF-8)."""
    first = case.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# expect: "), f"{case.name} has no `# expect:` line"
    return first.removeprefix("# expect: ")


@pytest.fixture
def run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Runner:
    """`graph-codegen <command>` over copies of the given specs, in tmp_path as the cwd."""
    monkeypatch.chdir(tmp_path)

    def run(command: str, *cases: Path) -> Result:
        (tmp_path / "specs").mkdir(parents=True)
        for case in cases:
            shutil.copy(case, tmp_path / "specs" / case.name)
        argv = [command, "--specs", "specs", "--out", "out"]
        code = cli.main([*argv, "--templates", str(TEMPLATES)])
        return Result(code, *capsys.readouterr())

    return run


def assert_reported(result: Result, project: Path, *messages: str) -> None:
    """Exit 2, each message on a stderr line of its own, no traceback, --out never created."""
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output
    lines = result.stderr.splitlines()
    for message in messages:
        assert any(line.startswith(f"specs/{message}") for line in lines), (
            message,
            output,
        )
    assert not (project / "out").exists()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_spec_is_reported_with_its_location(
    run: Runner, tmp_path: Path, case: Path, command: str
) -> None:
    """Every problem is `file:line: message` on stderr, exit 2, and --out stays untouched."""
    assert_reported(run(command, case), tmp_path, expected_message(case))


def test_every_bad_spec_in_a_folder_is_reported_at_once(
    run: Runner, tmp_path: Path
) -> None:
    """A user fixes all their specs in one pass instead of one error per run."""
    cases = [CASES / "unknown_field.yaml", CASES / "duplicate_key.yaml"]
    result = run("generate", *cases)
    assert_reported(result, tmp_path, *(expected_message(c) for c in cases))
    assert "2 problem(s)" in result.stderr


def test_two_specs_that_would_share_a_class_name_are_refused(
    run: Runner, tmp_path: Path
) -> None:
    """`v1_0` and `v10` get different modules but the same class V10: one would shadow the other."""
    specs = tmp_path / "cases"
    specs.mkdir()
    for file, name in (("a.yaml", "v1_0"), ("b.yaml", "v10")):
        (specs / file).write_text(f"name: {name}\nkind: complex\n", encoding="utf-8")
    result = run("generate", specs / "a.yaml", specs / "b.yaml")
    assert_reported(result, tmp_path, "b.yaml:1: name: 'v10' clashes with specs/a.yaml")
