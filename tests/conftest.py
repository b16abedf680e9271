"""Fixtures shared by the generator's own tests: the repository root, a scratch project, and
a fake Graph with the client of a generated package."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import black
import packages
import pytest
from fake_graph import FakeGraph

import generator.render.format

REPO = Path(__file__).resolve().parent.parent
TODO_TOKEN = "token-123"


@pytest.fixture(scope="session", autouse=True)
def format_in_process() -> Iterator[None]:
    """Generated sources are formatted in the test process, each distinct one once.

    Most of an in-process run is black reformatting the same runtime modules for every scratch
    project; black is deterministic, so a repeat is answered from the cache. A source seen for
    the first time, and every error, still goes through black. The generator's pool of forked
    formatters is kept for the commands run in subprocesses (the slow tests): forking the test
    process costs more than it saves, and a forked worker's results never reach the cache.
    Tests that patch `black.format_str` themselves patch over this one.
    """
    real = black.format_str

    @lru_cache(maxsize=4096)
    def format_once(source: str, mode: black.Mode) -> str:
        formatted: str = real(source, mode=mode)
        return formatted

    def format_str(source: str, *, mode: black.Mode) -> str:
        return format_once(source, mode)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(black, "format_str", format_str)
        patch.setattr(generator.render.format, "PARALLEL_FROM", sys.maxsize)
        yield


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of specs/ and templates/ in a tmp folder that is the cwd, as a user's checkout."""
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def todo_graph() -> Iterator[FakeGraph]:
    """FakeGraph at a v1.0 root, for the To Do package of tests/packages.py."""
    with FakeGraph(token=TODO_TOKEN, version="v1.0") as fake:
        yield fake


@pytest.fixture
def todo_client(todo_graph: FakeGraph) -> Iterator[Any]:
    """The To Do package's GraphClient, talking to `todo_graph`."""
    client_class = packages.todo().GraphClient
    with client_class(TODO_TOKEN, base_url=todo_graph.base_url) as client:
        yield client
