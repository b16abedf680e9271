"""Bad specs, one data file each in tests/bad_specs/: exit 2, a located message, nothing written.

Each file starts with `# expect: <file>:<line>: <message>`; adding a case means adding a file.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "bad_specs"
TEMPLATES = CASES.parent.parent / "templates"
COMMANDS = ("check", "generate")

Result = subprocess.CompletedProcess[str]


def expected_message(case: Path) -> str:
    """The message a case promises, from its first line (read as bytes: some are not UTF-8)."""
    first = case.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# expect: "), f"{case.name} has no `# expect:` line"
    return first.removeprefix("# expect: ")


def run(command: str, project: Path, *cases: Path) -> Result:
    """The CLI as users run it, in a subprocess so that a traceback would show."""
    (project / "specs").mkdir(parents=True)
    for case in cases:
        shutil.copy(case, project / "specs" / case.name)
    argv = [
        sys.executable,
        "-m",
        "generator",
        command,
        "--specs",
        "specs",
        "--out",
        "out",
    ]
    argv += ["--templates", str(TEMPLATES)]
    return subprocess.run(
        argv, check=False, cwd=project, capture_output=True, text=True, timeout=120
    )


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


@pytest.fixture(scope="module")
def results(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str], tuple[Result, Path]]:
    """Every case under every command, run in parallel: each run costs a Python start-up."""
    jobs = [
        (case, command) for case in sorted(CASES.glob("*.yaml")) for command in COMMANDS
    ]
    projects = [
        tmp_path_factory.mktemp(f"{case.stem}-{command}") for case, command in jobs
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        ran = pool.map(lambda job, p: run(job[1], p, job[0]), jobs, projects)
        return {(c.name, cmd): (r, p) for (c, cmd), r, p in zip(jobs, ran, projects)}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_spec_is_reported_with_its_location(
    results: dict[tuple[str, str], tuple[Result, Path]], case: Path, command: str
) -> None:
    """Every problem is `file:line: message` on stderr, exit 2, and --out stays untouched."""
    result, project = results[(case.name, command)]
    assert_reported(result, project, expected_message(case))


def test_every_bad_spec_in_a_folder_is_reported_at_once(tmp_path: Path) -> None:
    """A user fixes all their specs in one pass instead of one error per run."""
    cases = [CASES / "unknown_field.yaml", CASES / "duplicate_key.yaml"]
    result = run("generate", tmp_path, *cases)
    assert_reported(result, tmp_path, *(expected_message(c) for c in cases))
    assert "2 problem(s)" in result.stderr


def test_two_specs_that_would_share_a_class_name_are_refused(tmp_path: Path) -> None:
    """`v1_0` and `v10` get different modules but the same class V10: one would shadow the other."""
    specs = tmp_path / "cases"
    specs.mkdir()
    for file, name in (("a.yaml", "v1_0"), ("b.yaml", "v10")):
        (specs / file).write_text(f"name: {name}\nkind: complex\n", encoding="utf-8")
    result = run("generate", tmp_path, specs / "a.yaml", specs / "b.yaml")
    assert_reported(result, tmp_path, "b.yaml:1: name: 'v10' clashes with specs/a.yaml")
