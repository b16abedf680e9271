"""The slice of the real Graph v1.0 docs: every type page imports alone and all of them in one
call, and what one call writes generates and passes its generated tests. Slow: run with -m slow.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pages_once import parsed_once
from spec_checks import bad_examples, dangling

import generator.render.format
from generator.cli import main
from generator.importer import import_docs, write_specs
from generator.importer.docs.index import Index
from generator.importer.docs.pages import Reader
from generator.report.problems import InputError
from generator.spec.load import Spec, load_spec

ROOT = Path(__file__).resolve().parents[1]
# The shared docs beside the repository; GRAPH_CODEGEN_SHARED points elsewhere (a worktree).
SHARED = Path(os.environ.get("GRAPH_CODEGEN_SHARED", ROOT / ".." / "shared"))
SLICE = SHARED / "graph-docs-v1"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not SLICE.is_dir(), reason="../shared/graph-docs-v1 is not there"
    ),
]


@pytest.fixture(scope="module", autouse=True)
def pages_parsed_once() -> Iterator[None]:
    """The slice does not change between its imports: each page is read and parsed once."""
    with parsed_once():
        yield


def _loaded(texts: dict[str, str]) -> dict[str, Spec]:
    return {(spec := load_spec(t, f)).name: spec for f, t in texts.items()}


@pytest.fixture(scope="module")
def type_pages() -> list[str]:
    return Index(Reader(SLICE)).type_pages()


@pytest.fixture(scope="module")
def one_call(type_pages: list[str]) -> dict[str, str]:
    return import_docs(SLICE, type_pages).specs


def test_the_index_finds_every_type_page(type_pages: list[str]) -> None:
    assert len(type_pages) == 294  # 295 pages; organization has two
    for name in (
        "managedDevice",
        "workbookChart",
        "onenoteResource",
        "alternativeSecurityId",
    ):
        assert f"microsoft.graph.{name}" in type_pages
    assert "microsoft.graph.callRecords.callRecord" in type_pages


def test_each_type_page_imports_alone_with_what_it_needs(type_pages: list[str]) -> None:
    failed: dict[str, list[str]] = {}
    for name in type_pages:
        try:
            specs = _loaded(import_docs(SLICE, [name]).specs)
        except InputError as error:
            failed[name] = [str(p) for p in error.problems]
            continue
        problems = dangling(specs) + [f"example of {n}" for n in bad_examples(specs)]
        if problems:
            failed[name] = problems
    assert failed == {}


def test_all_type_pages_import_in_one_call(one_call: dict[str, str]) -> None:
    specs = _loaded(one_call)
    assert dangling(specs) == []
    assert bad_examples(specs) == []


def test_what_one_call_writes_generates_and_passes_its_tests(
    one_call: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hundreds of files black has never seen: formatted on every core, as a user's run does.
    monkeypatch.setattr(generator.render.format, "PARALLEL_FROM", 0)
    write_specs(tmp_path / "specs", one_call)
    out = tmp_path / "generated"
    args = ["--specs", str(tmp_path / "specs"), "--out", str(out)]
    assert main(["generate", *args, "--templates", str(ROOT / "templates")]) == 0
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "generated"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_one_type_after_another_gives_what_one_call_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """todoTaskList alone skips its navigation to todoTask; importing todoTask next adds it,
    and the folder is then byte for byte what one call of both writes."""
    for folder, calls in (
        ("apart", [["todoTaskList"], ["todoTask"]]),
        ("together", [["todoTaskList", "todoTask"]]),
    ):
        (tmp_path / folder).mkdir()
        monkeypatch.chdir(tmp_path / folder)
        for names in calls:
            assert main(["import-docs", "--docs", str(SLICE), "-q", *names]) == 0
    apart, together = (
        {p.name: p.read_bytes() for p in (tmp_path / f / "specs").iterdir()}
        for f in ("apart", "together")
    )
    assert apart == together
    assert "tasks:" in apart["todo_task_list.yaml"].decode()
