"""`graph-codegen routes`: every request the generated client can send, with the call that
sends it; each listed call is walked on a generated client to the path it names."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import packages
import pytest

from generator import cli

SPECS = packages.SPECS / "operations"
REPO = Path(__file__).resolve().parent.parent


def routes(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["routes", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, Any]]:
    code, out, _ = routes(capsys, "--specs", str(SPECS), "--json", *argv)
    assert code == 0
    found: list[dict[str, Any]] = json.loads(out)
    return found


def test_a_docs_page_request_finds_its_call(capsys: pytest.CaptureFixture[str]) -> None:
    """`POST /me/events/{id}/forward`, as a docs page writes it, and what sends it."""
    [forward] = [r for r in listed(capsys, "forward") if r["path"].startswith("/me/")]

    assert forward == {
        "method": "POST",
        "path": "/me/events/{eventId}/forward",
        "call": "client.me.events.by_event_id(event_id).forward(...)",
        "async_call": "await client.me.events.by_event_id(event_id).forward(...)",
        "spec": forward["spec"],
        "docs": "api/event-forward.md",
    }
    assert Path(forward["spec"]).resolve() == SPECS / "event.yaml"


def test_every_kind_of_request_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {(r["method"], r["path"]): r for r in listed(capsys)}

    def call(method: str, path: str) -> str:
        found: str = rows[(method, path)]["call"]
        return found

    assert call("GET", "/users/delta()") == "client.users.delta(...)"
    assert rows[("GET", "/users/delta()")]["async_call"] == (
        "async for item in client.users.delta(...)"
    )
    assert call("GET", "/reports/getEmailActivityCounts(period='{period}')") == (
        "client.reports.get_email_activity_counts(...)"
    )
    members = "client.groups.by_group_id(group_id).members"
    assert call("POST", "/groups/{groupId}/members/$ref") == (
        f"{members}.ref.post(id_or_url)"
    )
    assert call("DELETE", "/groups/{groupId}/members/{directoryObjectId}/$ref") == (
        f"{members}.by_directory_object_id(directory_object_id).ref.delete()"
    )
    assert call("GET", "/users(userPrincipalName='{userPrincipalName}')") == (
        "client.users.by_user_principal_name(user_principal_name).get(...)"
    )
    assert call("GET", "/drives/{driveId}/root:/{path}:") == (
        "client.drives.by_drive_id(drive_id).root.item_by_path(path).get()"
    )
    checks = rows[("POST", "/users/{userId}/checkMemberGroups")]
    assert Path(checks["spec"]).resolve() == SPECS / "directory_object.yaml"  # a base's


def test_every_listed_call_reaches_its_path(capsys: pytest.CaptureFixture[str]) -> None:
    """Walked on a client of the package: the builder each call names stands at the path."""
    rows = listed(capsys)
    with packages.operations().GraphClient("token") as client:
        values = _Values(client=client)
        for row in rows:
            called = re.fullmatch(r"(.*)\.(\w+)\([^()]*\)", row["call"])
            assert called is not None, row
            chain, method = called.groups()
            builder = eval(chain, {}, values)
            assert hasattr(builder, method), row
            path = re.sub(r"\{[A-Za-z0-9]+\}", "v", row["path"])
            assert path.startswith(builder._path), row
    assert len(rows) > 100


def test_a_route_names_each_of_its_parameters_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A child keyed as its parent is (a drive item's children) is numbered, as the Graph
    SDKs do, and so is the argument of its call."""
    rows = listed(capsys)
    for row in rows:
        names = re.findall(r"\{(\w+)\}", row["path"])
        assert len(names) == len(set(names)), row["path"]
    children = "/drives/{driveId}/items/{driveItemId}/children/{driveItemId1}"
    [get] = [r for r in rows if r["path"] == children and r["method"] == "GET"]
    assert get["call"] == (
        "client.drives.by_drive_id(drive_id).items.by_drive_item_id(drive_item_id)"
        ".children.by_drive_item_id(drive_item_id1).get()"
    )


class _Values(dict[str, Any]):
    """Every name a call's arguments use (`event_id`, `path`) stands for `v`."""

    def __missing__(self, key: str) -> Any:
        return "v"


def test_a_filter_keeps_the_requests_it_matches_in_any_case(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = routes(capsys, "--specs", str(SPECS), "SNOOZE")
    lines = out.splitlines()

    assert code == 0
    assert [line.split()[:2] for line in lines] == [
        ["POST", "/me/events/{eventId}/snoozeReminder"],
        ["POST", "/users/{userId}/events/{eventId}/snoozeReminder"],
    ]
    assert lines[0].endswith(
        "client.me.events.by_event_id(event_id).snooze_reminder(...)"
    )
    assert err == "graph-codegen: 2 request(s).\n"


def test_the_shipped_specs_are_listed_from_the_project(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = routes(capsys, "customerPayments/{customerPaymentId}")

    assert code == 0
    journal = "customerPaymentJournals/{customerPaymentJournalId}"
    path = f"/financials/companies/{{companyId}}/{journal}/customerPayments/{{customerPaymentId}}"
    journals = "customer_payment_journals.by_customer_payment_journal_id"
    payments = "customer_payments.by_customer_payment_id"
    call = (
        f"client.financials.companies.by_company_id(company_id).{journals}("
        f"customer_payment_journal_id).{payments}(customer_payment_id).get(...)"
    )
    assert out.splitlines()[0].split() == ["GET", path, call]


def test_a_bad_spec_is_reported_as_generate_reports_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copytree(SPECS, tmp_path / "specs")
    event = tmp_path / "specs" / "event.yaml"
    event.write_text(event.read_text().replace("Collection(recipient)", "recipents"))

    code, out, err = routes(capsys, "--specs", str(tmp_path / "specs"))

    assert (code, out) == (2, "")
    assert (
        "event.yaml:22: actions.forward.parameters.ToRecipients.type: unknown type"
        in err
    )
