"""`--docs` that names no docs folder says so, and names the folder that was meant."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import cli

DOCS = Path(__file__).resolve().parent / "fixtures" / "docs"


def _import(capsys: pytest.CaptureFixture[str], docs: Path) -> list[str]:
    code = cli.main(["import-docs", "--docs", str(docs), "widget"])
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in out + err
    return err.splitlines()


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A clone of the docs repository: the docs folder is api-reference/v1.0 below it."""
    shutil.copytree(DOCS, tmp_path / "docs" / "api-reference" / "v1.0")
    (tmp_path / "docs" / "api-reference" / "beta").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path / "docs"


def test_one_level_too_deep(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    resources = Path("docs/api-reference/v1.0/resources")
    assert _import(capsys, resources) == [
        (
            f"graph-codegen: --docs {resources} is not a docs folder: it has no resources/ "
            "and api/ (it is the resources/ folder of one: --docs docs/api-reference/v1.0)"
        ),
        "graph-codegen: 1 problem(s); nothing was written.",
    ]


def test_the_repository_instead_of_its_docs_folder(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(capsys, Path("docs"))[0] == (
        "graph-codegen: --docs docs is not a docs folder: it has no resources/ and api/ "
        "(docs folders below it: --docs docs/api-reference/v1.0)"
    )


def test_a_folder_with_nothing_of_the_docs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _import(capsys, tmp_path)[0] == (
        f"graph-codegen: --docs {tmp_path} is not a docs folder: it has no resources/ "
        "and api/"
    )


def test_no_folder_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "widget.md"
    page.write_text("# widget\n", encoding="utf-8")
    assert _import(capsys, page)[0] == f"graph-codegen: --docs {page} is not a folder"
