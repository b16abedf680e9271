"""The README's samples of raw answers, batches, files and long-running operations, run as
written against FakeGraph and FakeFiles: only the clients' default base URL points here.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_graph import FakeGraph
from fake_transport import FakeFiles
from packages import files as files_package

from generated import AsyncGraphClient, GraphClient

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "### Raw answers, batches, files and long-running operations"
ITEM = "/me/drive/items/01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K"


def samples() -> list[str]:
    text = README.read_text(encoding="utf-8").split(SECTION)[1]
    text = text.split("\n## ")[0].split("\n### ")[0]
    return [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token="token-123") as fake:
        yield fake


@pytest.fixture
def files(graph: FakeGraph) -> Iterator[FakeFiles]:
    with FakeFiles(graph, redirect_downloads=True) as fake:
        yield fake


def run(sample: str, monkeypatch: pytest.MonkeyPatch, *clients: Any, url: str) -> None:
    for client_class in clients:
        monkeypatch.setattr(client_class, "default_base_url", url)
    exec(compile(sample, str(README), "exec"), {"__name__": "readme"})  # noqa: S102


def test_the_section_has_its_two_samples() -> None:
    assert len(samples()) == 2


def test_the_raw_answer_and_batch_sample_runs(
    graph: FakeGraph,
    files: FakeFiles,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(samples()[0], monkeypatch, GraphClient, AsyncGraphClient, url=graph.base_url)
    first, batch = graph.requests
    assert first.headers["client-request-id"] == "my-id"
    assert capsys.readouterr().out == f"200 {first.request_id} 0\n"
    assert [(r["method"], r.get("dependsOn")) for r in files.batches[0]] == [
        ("POST", None),
        ("GET", ["0"]),
    ]
    assert batch.path.endswith("/$batch")


def test_the_files_sample_runs_on_the_drive_item_client(
    graph: FakeGraph,
    files: FakeFiles,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    package = files_package()
    files.put_file(ITEM, b"%PDF" * 1000)
    monkeypatch.chdir(tmp_path)
    sample = samples()[1].replace("from generated", f"from {package.__name__}")
    clients = (package.GraphClient, package.AsyncGraphClient)
    run(sample, monkeypatch, *clients, url=graph.base_url)
    assert (tmp_path / "report-copy.pdf").read_bytes() == b"%PDF" * 1000
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "video.mp4 1000000",
        "completed 01BYE5RZ6QN3ZWBTUFOFD3GSPGOHDJD36K-copy",
    ]
    assert out[2:] == ["4000"]
    ranges = [r.headers["content-range"] for r in files.requests if r.method == "PUT"]
    assert len(ranges) == 4  # 1,000,000 bytes in ranges of 320 KiB
    assert all("authorization" not in r.headers for r in files.requests)


@pytest.mark.slow
def test_prepared_calls_and_batches_are_typed_exactly(tmp_path: Path) -> None:
    """mypy --strict on the first sample tells each call's type from its builder method."""
    checks = """
reveal_type(first_page)
reveal_type(answer.value)
reveal_type(created)
"""
    script = Path(__file__).resolve().parent.parent / f"_readme_types_{os.getpid()}.py"
    script.write_text(samples()[0] + checks, encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", script.name],
            cwd=script.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        script.unlink()
    revealed = re.findall(r'Revealed type is "(.*)"', done.stdout)
    page = "generated.runtime.calls.Page[generated.models.customer_payment.CustomerPayment]"
    error = "generated.runtime.errors.GraphError"
    assert revealed == [
        f"generated.runtime.calls.PreparedCall[{page}]",
        page,
        "generated.models.customer_payment.CustomerPayment | " + error,
    ], done.stdout
    assert done.returncode == 0, done.stdout
