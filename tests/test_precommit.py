"""The pre-commit hooks as another repository uses them, through `pre-commit try-repo`.

pre-commit installs this repository in an environment of its own (from PyPI), which is also
how a project keeps the black version graph-codegen pins away from its own tools.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _try_repo(project: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook]
    return subprocess.run(
        [*command, "--all-files"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_check_hook_passes_then_catches_a_hand_edit_and_its_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = tmp_path / "project"
    shutil.copytree(REPO / "specs", project / "specs")
    monkeypatch.chdir(project)
    assert cli.main(["generate", "--quiet"]) == 0
    _git(project, "init", "-q")
    _git(project, "add", ".")
    _git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init")

    passed = _try_repo(project, "graph-codegen-check", tmp_path / "pre-commit")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "generated code is current" in passed.stdout

    # A hand edit with its hash edited in the manifest too: the hook trusts no record.
    model = project / "generated" / "models" / "customer_payment.py"
    before = model.read_bytes()
    model.write_bytes(before + b"# edited\n")
    record = project / "generated" / ".graph-codegen.json"
    text = record.read_text(encoding="utf-8")
    old, new = (hashlib.sha256(d).hexdigest() for d in (before, model.read_bytes()))
    record.write_text(text.replace(old, new), encoding="utf-8")
    failed = _try_repo(project, "graph-codegen-check", tmp_path / "pre-commit")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "generated/models/customer_payment.py: changed" in failed.stdout
