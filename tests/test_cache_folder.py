"""The cache folder appears complete or not at all, and every run repairs an incomplete one.

A kill is emulated exactly: a forked child runs the write and ends with `os._exit` (no
`finally`, no handler runs) at its n-th call into C, for every n until the write finishes; the
parent then looks at what is left, as the next run would find it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from generator import cli
from generator.spec.cachefolder import IGNORE, NAME, CacheFolder

FINISHED = 3  # the child's exit code when the write ran to its end


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git work tree with one committed file: what `git status` shows is what a run left."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "README.md").write_text("project\n", encoding="utf-8")
    _git(root, "add", "README.md")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    return root


def _killed_at(n: int, root: Path, files: dict[str, bytes]) -> int:
    """Run a cache write in a child killed at its n-th C call; the child's exit code."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        calls = 0

        def profile(frame: FrameType, event: str, arg: Any) -> None:
            nonlocal calls
            if event == "c_call":
                calls += 1
                if calls == n:
                    os._exit(9)

        sys.setprofile(profile)
        CacheFolder(root / NAME).write(files)
        sys.setprofile(None)
        os._exit(FINISHED)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _complete_or_absent(root: Path) -> bool:
    folder = root / NAME
    if not folder.exists():
        return True
    ignore = folder / ".gitignore"
    return ignore.is_file() and ignore.read_bytes() == IGNORE


@pytest.mark.slow
@pytest.mark.parametrize("existing", [False, True], ids=["new", "replaced"])
def test_a_kill_at_any_moment_leaves_no_incomplete_folder(
    repository: Path, existing: bool
) -> None:
    """At every point a write can be killed, the folder is complete or absent, and what
    else is left (a staging folder) is gone after the next run's repair: git sees nothing.
    """
    files = {"specs.msgpack": b"x" * 100_000}
    n = 0
    while True:
        n += 1
        if existing:
            CacheFolder(repository / NAME).write({"specs.msgpack": b"old"})
        code = _killed_at(n, repository, files)
        assert _complete_or_absent(repository), n
        CacheFolder(repository / NAME).repair()
        assert _git(repository, "status", "--porcelain", "--untracked-files=all") == ""
        assert not [p for p in repository.iterdir() if p.name.startswith(f"{NAME}.")]
        if code == FINISHED:
            break
        assert code == 9
        shutil.rmtree(repository / NAME, ignore_errors=True)
    assert n > 20, n  # the write was killed at every one of its steps
    assert (repository / NAME / "specs.msgpack").read_bytes() == files["specs.msgpack"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "damage",
    ["no .gitignore", "empty .gitignore", "half a .gitignore", "a staging folder"],
)
def test_every_run_repairs_an_incomplete_folder(
    repository: Path,
    damage: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What an older version or a kill left is made complete by the next run, even a
    `check` that has nothing to render."""
    shutil.copytree(
        Path(__file__).parent / "fixtures" / "specs" / "todo", repository / "specs"
    )
    (repository / "pyproject.toml").write_text(
        '[tool.graph-codegen]\nspecs = "specs"\n', encoding="utf-8"
    )
    monkeypatch.chdir(repository)
    assert cli.main(["generate", "--quiet"]) == 0
    _git(repository, "add", "specs", "generated", "pyproject.toml")
    _git(repository, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "g")
    ignore = repository / NAME / ".gitignore"
    if damage == "no .gitignore":
        ignore.unlink()
    elif damage == "empty .gitignore":
        ignore.write_bytes(b"")
    elif damage == "half a .gitignore":
        ignore.write_bytes(IGNORE[:20])
    else:
        staging = repository / f"{NAME}.staging-x1y2"
        staging.mkdir()
        (staging / ".gitignore").write_bytes(IGNORE[:10])
    assert _git(repository, "status", "--porcelain", "--untracked-files=all") != ""
    assert cli.main(["check", "--quiet"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert _git(repository, "status", "--porcelain", "--untracked-files=all") == ""
    assert ignore.read_bytes() == IGNORE


def test_a_cache_folder_that_is_a_link_is_never_written_through(
    repository: Path, tmp_path: Path
) -> None:
    """A repository may commit `.graph-codegen-cache` as a link to a folder of the user's."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".gitignore").write_bytes(b"mine\n")
    (repository / NAME).symlink_to(elsewhere, target_is_directory=True)
    folder = CacheFolder(repository / NAME)
    folder.repair()
    folder.write({"specs.msgpack": b"data"})
    assert sorted(p.name for p in elsewhere.iterdir()) == [".gitignore"]
    assert (elsewhere / ".gitignore").read_bytes() == b"mine\n"
