"""The README's sample of actions, functions, delta queries, references and addressing, run as
written against FakeGraph on the client of tests/fixtures/specs/operations; and its `routes`
console sample, printed as the command prints it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import packages
import pytest
from fake_graph import FakeGraph, _Response
from fake_operations import Operations

from generator import cli

README = Path(__file__).resolve().parent.parent / "README.md"
SECTION = "### Actions, functions, delta queries, references and addressing"
REPO = README.parent


def section() -> str:
    return README.read_text(encoding="utf-8").split(SECTION)[1].split("\n## ")[0]


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token="token-123", version="v1.0", page_size=2) as fake:
        yield fake


def test_the_sample_runs_as_written(
    graph: FakeGraph,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    package = packages.operations()
    service = Operations(graph)
    service.action(
        "forward", required=("ToRecipients",), optional=("Comment",), status=202
    )
    service.function(
        "getEmailActivityCounts",
        required=("period",),
        respond=lambda call: _Response(200, b"a,b\n1,2\n", {}),
    )
    jobs = [{"printerName": name} for name in ("Hall", "Lab", "Desk")]
    service.function(
        "getGroupArchivedPrintJobs",
        required=("groupId", "startDateTime"),
        respond=lambda call: {"value": jobs},
    )
    graph.add_item(
        "/users", id="u1", displayName="Adele", userPrincipalName="AdeleV@contoso.com"
    )
    graph.add_item("/users", id="u2", displayName="Alex")
    graph.add_item("/groups", id="02bd9fd6")
    graph.add_item("/directoryObjects", id="48d31887")
    graph.add_single("/drives/b!-RIj2DuyvEyV1T4NlOaMHk/root", id="root")
    folder = {"path": "/drive/root:/Reports"}
    graph.add_item(
        "/drives/b!-RIj2DuyvEyV1T4NlOaMHk/items",
        id="x1",
        name="Q1 2024.xlsx",
        parentReference=folder,
    )
    sample = section().split("```python\n", 1)[1].split("```", 1)[0]
    sample = sample.replace("from generated", f"from {package.__name__}")
    for client_class in (package.GraphClient, package.AsyncGraphClient):
        monkeypatch.setattr(client_class, "default_base_url", graph.base_url)

    exec(compile(sample, str(README), "exec"), {"__name__": "readme"})  # noqa: S102

    assert capsys.readouterr().out.splitlines() == [
        "/NewReminderTime/dateTime",
        "8 ['Hall', 'Lab', 'Desk']",
        "['Adele', 'Alex']",
        "['48d31887']",
        "u1 x1",
        "Adele",
        "Alex",
    ]
    assert [c.arguments for c in service.calls][:2] == [
        {
            "ToRecipients": [{"emailAddress": {"address": "adele@contoso.com"}}],
            "Comment": "FYI",
        },
        {"period": "D7"},
    ]
    assert service.calls[2].arguments == {
        "groupId": "O'Neil",
        "startDateTime": "2024-01-31T00:00:00Z",
    }
    assert service.refs["/groups/02bd9fd6/members"] == []


def test_the_routes_sample_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    console = section().split("```console\n", 1)[1].split("```", 1)[0]
    command, *printed = console.splitlines()
    argv = command.removeprefix("$ graph-codegen ").split(" ", 3)
    monkeypatch.chdir(REPO)

    assert cli.main([*argv[:3], argv[3].strip('"')]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() + err.splitlines() == printed
