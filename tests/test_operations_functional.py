"""Operations beyond CRUD, sync and async, against FakeGraph on 127.0.0.1: actions with
typed parameters and results, functions with OData literals, delta rounds, `$ref`,
alternate keys and path addressing. The package is generated from
tests/fixtures/specs/operations; every test asserts on what went over the wire."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Coroutine, Iterator
from datetime import datetime, timedelta, timezone
from importlib import import_module
from typing import Any

import packages
import pytest
from fake_graph import FakeGraph, _Response
from fake_operations import CAST, Operations

ops = packages.operations()
models = ops.models
Removed = import_module(f"{ops.__name__}.runtime").Removed
TOKEN = "token-123"
MODES = ("sync", "async")
Scenario = Callable[[Any], Coroutine[Any, Any, None]]


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN, version="v1.0", page_size=2) as fake:
        yield fake


@pytest.fixture
def service(graph: FakeGraph) -> Operations:
    return Operations(graph)


def run(graph: FakeGraph, mode: str, scenario: Scenario) -> None:
    """The scenario with a sync or an async client: `value` and `items` read either."""

    async def main() -> None:
        if mode == "sync":
            with ops.GraphClient(TOKEN, base_url=graph.base_url) as client:
                await scenario(client)
        else:
            async with ops.AsyncGraphClient(TOKEN, base_url=graph.base_url) as client:
                await scenario(client)

    asyncio.run(main())


async def value(result: Any) -> Any:
    """What a builder method answers, awaited on the async client."""
    return await result if inspect.isawaitable(result) else result


async def items(result: Any) -> list[Any]:
    """Every item of an iterator or a Paged, `async for` on the async client."""
    if hasattr(result, "__aiter__"):
        return [x async for x in result]
    return list(result)


def raw(graph: FakeGraph) -> list[tuple[str, str]]:
    """Method and request target (path and query, as sent) of every request."""
    return [(r.method, r.target) for r in graph.requests]


def recipient(address: str) -> Any:
    return models.Recipient(email_address=models.EmailAddress(address=address))


# -- actions -----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_action_sends_its_parameters_as_json_and_leaves_out_what_is_not_given(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_item("/me/events", id="e1", subject="Review")
    service.action(
        "forward", required=("ToRecipients",), optional=("Comment",), status=202
    )
    service.action("snoozeReminder", required=("NewReminderTime",), status=200)

    async def scenario(client: Any) -> None:
        event = client.me.events.by_event_id("e1")
        results = [
            await value(
                event.forward(to_recipients=[recipient("a@b.c")], comment="FYI")
            ),
            await value(event.forward(to_recipients=[recipient("d@e.f")])),
            await value(event.forward(to_recipients=[], comment=None)),
        ]
        when = models.DateTimeTimeZone(date_time="2024-01-31T10:00:00", time_zone="UTC")
        results.append(await value(event.snooze_reminder(new_reminder_time=when)))
        assert results == [None] * 4

    run(graph, mode, scenario)

    assert [c.arguments for c in service.calls] == [
        {"ToRecipients": [{"emailAddress": {"address": "a@b.c"}}], "Comment": "FYI"},
        {"ToRecipients": [{"emailAddress": {"address": "d@e.f"}}]},
        {"ToRecipients": [], "Comment": None},
        {"NewReminderTime": {"dateTime": "2024-01-31T10:00:00", "timeZone": "UTC"}},
    ]
    assert raw(graph)[0] == ("POST", "/v1.0/me/events/e1/forward")
    assert graph.requests[0].headers["content-type"] == "application/json"


@pytest.mark.parametrize("mode", MODES)
def test_a_bad_argument_is_refused_before_anything_is_sent(
    graph: FakeGraph, mode: str
) -> None:
    async def scenario(client: Any) -> None:
        event = client.me.events.by_event_id("e1")
        bad = models.Recipient(email_address=models.EmailAddress(address=42))
        with pytest.raises(ops.ValidationError) as refused:
            await value(event.forward(to_recipients=[recipient("a@b.c"), bad]))
        assert [(e.path, e.message) for e in refused.value.errors] == [
            ("/ToRecipients/1/emailAddress/address", "expected a string, got int")
        ]
        with pytest.raises(ops.ValidationError) as null:
            await value(event.forward(to_recipients=None))
        assert [e.path for e in null.value.errors] == ["/ToRecipients"]

    run(graph, mode, scenario)

    assert graph.requests == []


@pytest.mark.parametrize("mode", MODES)
def test_actions_bound_to_a_set_or_inherited_return_typed_results(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    for key, name in (("u1", "Ada"), ("u2", "Grace")):
        graph.add_item("/users", id=key, displayName=name)
    graph.add_item("/directoryObjects", id="u1", displayName="Ada")

    def by_ids(call: Any) -> Any:
        found = [
            {"@odata.type": "#microsoft.graph.user", "id": k}
            for k in call.arguments["ids"]
        ]
        return {"value": found}

    service.action(
        "getByIds", required=("ids",), optional=("types",), respond=by_ids, status=200
    )
    service.action(
        "checkMemberGroups",
        required=("groupIds",),
        respond=lambda call: {"value": call.arguments["groupIds"][:1]},
        status=200,
    )

    async def scenario(client: Any) -> None:
        page = await value(client.directory_objects.get_by_ids(ids=["u1", "u2"]))
        assert [(type(o).__name__, o.id) for o in page.value] == [
            ("User", "u1"),
            ("User", "u2"),
        ]
        user = client.users.by_user_id("u1")
        groups = await value(user.check_member_groups(group_ids=["g1", "g2"]))
        assert groups.value == ["g1"]

    run(graph, mode, scenario)

    assert raw(graph) == [
        ("POST", "/v1.0/directoryObjects/getByIds"),
        ("POST", "/v1.0/users/u1/checkMemberGroups"),
    ]
    assert service.calls[0].arguments == {"ids": ["u1", "u2"]}


# -- functions ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_function_writes_its_parameters_as_odata_literals(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    """Quotes doubled, everything else that could end the segment percent-encoded; an
    optional parameter not given is left out; the collection result pages."""
    jobs = [{"id": str(n), "printerName": "P", "pageCount": n} for n in range(3)]
    service.function(
        "getGroupArchivedPrintJobs",
        required=("groupId", "startDateTime"),
        optional=("endDateTime",),
        respond=lambda call: {"value": jobs},
    )
    service.function("getEmailActivityCounts", required=("period",), respond=_csv)
    start = datetime(2024, 1, 31, 10, 15, tzinfo=timezone(timedelta(hours=2)))

    async def scenario(client: Any) -> None:
        found = client.reports.get_group_archived_print_jobs(
            group_id="O'Neil / R&D #1", start_date_time=start
        )
        assert [j.page_count for j in await items(found)] == [0, 1, 2]
        report = await value(client.reports.get_email_activity_counts(period="D7"))
        assert report == b"Report Refresh Date,Send Count\n2024-01-31,42\n"

    run(graph, mode, scenario)

    assert [c.arguments for c in service.calls] == [
        {"groupId": "O'Neil / R&D #1", "startDateTime": "2024-01-31T10:15:00+02:00"},
        {"period": "D7"},
    ]
    jobs_url = (
        "/v1.0/reports/getGroupArchivedPrintJobs(groupId='O''Neil%20%2F%20R%26D%20%231',"
        "startDateTime=2024-01-31T10%3A15%3A00%2B02%3A00)"
    )
    assert [(m, t.split("?")[0]) for m, t in raw(graph)] == [
        ("GET", jobs_url),
        ("GET", jobs_url),  # the nextLink to the second page
        ("GET", "/v1.0/reports/getEmailActivityCounts(period='D7')"),
    ]


def _csv(call: Any) -> Any:
    content = b"Report Refresh Date,Send Count\n2024-01-31,42\n"
    return _Response(200, content, {"Content-Type": "application/octet-stream"})


@pytest.mark.parametrize("mode", MODES)
def test_a_function_returning_a_collection_reads_every_page(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_single("/drives/d1/root", id="root", name="root")
    for n in range(5):
        graph.add_item("/drives/d1/items", id=f"i{n}", name=f"report {n}.txt")

    def search(call: Any) -> Any:
        found = [
            e
            for e in service.items("/drives/d1/items")
            if call.arguments["q"] in e["name"]
        ]
        return {"value": found}

    service.function("search", required=("q",), respond=search)

    async def scenario(client: Any) -> None:
        drive = client.drives.by_drive_id("d1")
        hits = await items(drive.root.search(q="report"))
        assert [h.id for h in hits] == [f"i{n}" for n in range(5)]
        pages = drive.root.search(q="it's 100%").pages()
        assert [p.value for p in await items(pages)] == [[]]

    run(graph, mode, scenario)

    search_url = "/v1.0/drives/d1/root/search(q='report')"
    assert [target.split("$skiptoken")[0] for _, target in raw(graph)] == [
        search_url,
        search_url + "?",
        search_url + "?",
        "/v1.0/drives/d1/root/search(q='it''s%20100%25')",
    ]


# -- delta ---------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_delta_round_reads_every_page_then_resumes_from_its_link(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    for key, name in (("u1", "Ada"), ("u2", "Grace"), ("u3", "Alan")):
        graph.add_item("/users", id=key, displayName=name, mail=f"{key}@x.test")

    async def scenario(client: Any) -> None:
        round_ = client.users.delta(select=["displayName"])
        assert round_.delta_link is None
        first = await items(round_)
        assert [(u.id, u.display_name, u.mail, u.removed) for u in first] == [
            ("u1", "Ada", ops.UNSET, None),
            ("u2", "Grace", ops.UNSET, None),
            ("u3", "Alan", ops.UNSET, None),
        ]
        saved = round_.delta_link
        assert saved is not None and "$deltatoken=" in saved

        await value(client.users.by_user_id("u2").get())  # nothing changes
        graph.add_item("/users", id="u2", displayName="Grace Hopper")
        service.remove("/users/u3")
        changes = await items(client.users.delta(delta_link=saved))
        assert [(u.id, u.display_name, u.removed) for u in changes] == [
            ("u2", "Grace Hopper", None),
            ("u3", ops.UNSET, Removed("deleted")),
        ]
        with pytest.raises(ValueError, match="delta link"):
            client.users.delta(delta_link=saved, select=["mail"])

    run(graph, mode, scenario)

    first, second = graph.requests[:2]
    assert first.target == "/v1.0/users/delta()?%24select=displayName"
    assert "$skiptoken=" in second.target and "select" not in second.target


@pytest.mark.parametrize("mode", MODES)
def test_a_delta_link_back_to_a_page_already_read_stops_the_round(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    for n in range(3):
        graph.add_item("/users", id=f"u{n}")
    service.looping = True

    async def scenario(client: Any) -> None:
        with pytest.raises(ops.GraphError) as looped:
            await items(client.users.delta())
        assert looped.value.code == "PagingLoop"

    run(graph, mode, scenario)

    assert len(graph.requests) == 1


@pytest.mark.parametrize("mode", MODES)
def test_a_delta_bound_to_an_item_reads_the_drive(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_single("/drives/d1/root", id="root", name="root")
    graph.add_item("/drives/d1/items", id="f1", name="a.txt")

    async def scenario(client: Any) -> None:
        round_ = client.drives.by_drive_id("d1").root.delta(select=["name"])
        assert [f.name for f in await items(round_)] == ["a.txt"]
        assert round_.delta_link is not None

    run(graph, mode, scenario)

    assert graph.requests[0].path == "/v1.0/drives/d1/root/delta()"


# -- $ref ----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_references_are_added_listed_and_removed(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_item("/groups", id="g1", displayName="Team")
    for key, name in (("u1", "Ada"), ("u2", "Grace")):
        graph.add_item("/directoryObjects", id=key, displayName=name)

    async def scenario(client: Any) -> None:
        members = client.groups.by_group_id("g1").members
        await value(members.ref.post("u1"))
        await value(members.ref.post(f"{graph.base_url}/directoryObjects/u2"))
        links = await value(members.ref.get())
        assert [(r.id, r.url) for r in links.value] == [
            ("u1", f"{graph.base_url}/directoryObjects/u1/{CAST}"),
            ("u2", f"{graph.base_url}/directoryObjects/u2/{CAST}"),
        ]
        assert [r.id for r in await items(members.ref.iterate())] == ["u1", "u2"]
        assert [m.id for m in await items(members.iterate())] == ["u1", "u2"]
        await value(members.by_directory_object_id("u1").ref.delete())
        assert [r.id for r in (await value(members.ref.get())).value] == ["u2"]

    run(graph, mode, scenario)

    posted = [r for r in graph.requests if r.method == "POST"]
    assert [(r.path, r.json()) for r in posted] == [
        (
            "/v1.0/groups/g1/members/$ref",
            {"@odata.id": f"{graph.base_url}/directoryObjects/u1"},
        ),
        (
            "/v1.0/groups/g1/members/$ref",
            {"@odata.id": f"{graph.base_url}/directoryObjects/u2"},
        ),
    ]
    deleted = [r.path for r in graph.requests if r.method == "DELETE"]
    assert deleted == ["/v1.0/groups/g1/members/u1/$ref"]


@pytest.mark.parametrize("mode", MODES)
def test_a_single_valued_reference_is_set_read_and_removed(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_single("/me", id="me", displayName="Me")
    graph.add_item("/directoryObjects", id="boss", displayName="Boss")

    async def scenario(client: Any) -> None:
        manager = client.me.manager
        await value(manager.ref.put("boss"))
        assert (await value(manager.ref.get())).id == "boss"
        assert (await value(manager.get())).id == "boss"
        await value(manager.ref.delete())
        with pytest.raises(ops.GraphError):
            await value(manager.get())

    run(graph, mode, scenario)

    assert [(r.method, r.path) for r in graph.requests][:2] == [
        ("PUT", "/v1.0/me/manager/$ref"),
        ("GET", "/v1.0/me/manager/$ref"),
    ]


def test_ref_offers_only_what_the_spec_declares() -> None:
    """group.owners declares `ref: [post]`: no get there; an item of a set has no ref."""
    with ops.GraphClient(TOKEN) as client:
        owners = client.groups.by_group_id("g1").owners
        assert hasattr(owners.ref, "post") and not hasattr(owners.ref, "get")
        assert not hasattr(client.directory_objects.by_directory_object_id("x"), "ref")
        assert not hasattr(client.directory_objects, "ref")
        with pytest.raises(ValueError, match="not an id"):
            client.groups.by_group_id("g1").members.ref.post("..")


# -- addressing ----------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_alternate_key_addresses_an_item(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_item("/users", id="u1", userPrincipalName="o'neil@contoso.com")
    service.action(
        "checkMemberGroups",
        required=("groupIds",),
        respond=lambda c: {"value": []},
        status=200,
    )

    async def scenario(client: Any) -> None:
        user = client.users.by_user_principal_name("o'neil@contoso.com")
        assert (await value(user.get())).id == "u1"
        assert (await value(user.check_member_groups(group_ids=["g"]))).value == []

    run(graph, mode, scenario)

    address = "/v1.0/users(userPrincipalName='o''neil%40contoso.com')"
    assert [r.path for r in graph.requests] == [address, f"{address}/checkMemberGroups"]


@pytest.mark.parametrize("mode", MODES)
def test_an_item_is_addressed_by_its_path_segment_by_segment(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_single("/drives/d1/root", id="root", name="root")
    folder = {"path": "/drive/root:"}
    graph.add_item("/drives/d1/items", id="f1", name="Q1 #2", parentReference=folder)
    inside = {"path": "/drive/root:/Q1 #2"}
    graph.add_item(
        "/drives/d1/items", id="f2", name="50% off?.txt", parentReference=inside
    )
    graph.add_item("/drives/d1/items/f1/children", id="f2", name="50% off?.txt")

    async def scenario(client: Any) -> None:
        root = client.drives.by_drive_id("d1").root
        file = root.item_by_path("Q1 #2/50% off?.txt")
        assert (await value(file.get())).id == "f2"
        folder = root.item_by_path("/Q1 #2/")
        assert [c.id for c in await items(folder.children.iterate())] == ["f2"]
        again = folder.item_by_path("50% off?.txt")
        assert (await value(again.get())).id == "f2"
        for wrong in ("a/../b", "", "a//b", "./a"):
            with pytest.raises(ValueError, match="not a path"):
                root.item_by_path(wrong)

    run(graph, mode, scenario)

    assert [r.path for r in graph.requests] == [
        "/v1.0/drives/d1/root:/Q1%20%232/50%25%20off%3F.txt:",
        "/v1.0/drives/d1/root:/Q1%20%232:/children",
        "/v1.0/drives/d1/root:/Q1%20%232/50%25%20off%3F.txt:",
    ]


def test_item_by_path_returns_the_item_builder_of_the_type() -> None:
    """With every child and method of an item: children, delta, search, patch."""
    with ops.GraphClient(TOKEN) as client:
        by_path = client.drives.by_drive_id("d").root.item_by_path("a.txt")
        by_id = client.drives.by_drive_id("d").items.by_drive_item_id("x")
        assert type(by_path).__name__ == "DriveItemItemRequestBuilder"
        assert {"children", "delta", "search", "patch", "item_by_path"} <= set(
            dir(by_path)
        )
        assert type(by_id) is type(by_path)


def test_the_generated_tests_pass_every_action_and_function_among_them() -> None:
    """Each resource's ActionContract sends each of its actions and functions."""
    names = [name for name, _ in packages.generated_tests(ops)]
    bound = "::test_actions_and_functions_send_their_arguments_and_read_their_result"
    with_actions = sorted(
        n.split("::")[0].rsplit(".", 1)[1] for n in names if n.endswith(bound)
    )
    ran, failures = packages.run_generated_tests(ops)

    assert failures == []
    assert ran == len(names)
    assert with_actions == [
        f"test_{m}"
        for m in (
            "calendar",
            "directory_object",
            "drive",
            "drive_item",
            "event",
            "group",
            "report_root",
            "user",
        )
    ]


@pytest.mark.parametrize("mode", MODES)
def test_a_collection_of_enum_members_keeps_one_the_service_added(
    graph: FakeGraph, service: Operations, mode: str
) -> None:
    graph.add_single("/me/calendar", id="c1", name="Calendar")
    roles = ["freeBusyRead", "read", "coOwner"]
    service.function(
        "allowedCalendarSharingRoles",
        required=("User",),
        respond=lambda call: {"value": roles},
    )

    async def scenario(client: Any) -> None:
        found = await items(
            client.me.calendar.allowed_calendar_sharing_roles(user="adele@contoso.com")
        )
        role = models.CalendarRoleType
        assert found == [role.FREE_BUSY_READ, role.READ, "coOwner"]
        assert type(found[2]).__name__ == "UnknownMember"

    run(graph, mode, scenario)

    assert service.calls[0].arguments == {"User": "adele@contoso.com"}
