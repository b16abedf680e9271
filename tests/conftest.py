"""Fixtures shared by the generator's own tests: the repository root, a scratch project, and
a fake Graph with the client of a generated package."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import packages
import pytest
from fake_graph import FakeGraph

REPO = Path(__file__).resolve().parent.parent
TODO_TOKEN = "token-123"


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
