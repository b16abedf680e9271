"""The runtime's pure pieces of operations beyond CRUD, without I/O: OData literals, a
function's segment and aliases, arguments checked like properties, delta links, `$ref` links
and path addressing. Through the package of tests/fixtures/specs/operations."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from importlib import import_module
from typing import Any
from uuid import UUID

import httpx
import packages
import pytest

ops = packages.operations()
models = ops.models  # declares every type of the package, as a client's builders do
runtime = import_module(f"{ops.__name__}.runtime")
odata = import_module(f"{ops.__name__}.runtime.odata")
operations = import_module(f"{ops.__name__}.runtime.operations")
references = import_module(f"{ops.__name__}.runtime.references")
paging = import_module(f"{ops.__name__}.runtime.paging")
calls = import_module(f"{ops.__name__}.runtime.calls")


@pytest.mark.parametrize(
    ("type_name", "value", "literal"),
    [
        ("String", "O'Neil", "'O''Neil'"),
        ("String", "a/b?c#d e%", "'a%2Fb%3Fc%23d%20e%25'"),
        ("String", "é", "'%C3%A9'"),
        ("String", "", "''"),
        (
            "Guid",
            "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
            "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
        ),
        ("Date", "2024-01-31", "2024-01-31"),
        (
            "DateTimeOffset",
            "2024-01-31T10:15:00+02:00",
            "2024-01-31T10%3A15%3A00%2B02%3A00",
        ),
        ("TimeOfDay", "10:30:00", "10%3A30%3A00"),
        ("Duration", "PT1H30M", "duration'PT1H30M'"),
        ("Int32", -7, "-7"),
        ("Int64", 9007199254740993, "9007199254740993"),
        ("Decimal", Decimal("1500.25"), "1500.25"),
        ("Double", 0.5, "0.5"),
        ("Double", float("nan"), "NaN"),
        ("Double", float("-inf"), "-INF"),
        ("Boolean", True, "true"),
        ("Boolean", False, "false"),
        ("Binary", "aGk/+w==", "binary'aGk_-w%3D%3D'"),
        ("microsoft.graph.importance", "high", "'high'"),
        ("String", None, "null"),
        ("Collection(String)", ["a"], None),
        ("microsoft.graph.emailAddress", {"address": "a@b.c"}, None),
    ],
)
def test_a_value_is_written_as_the_service_parses_it(
    type_name: str, value: Any, literal: str | None
) -> None:
    assert odata.literal(type_name, value) == literal


def test_a_function_writes_values_inline_and_json_through_aliases() -> None:
    function = operations.BoundOperation(
        "microsoft.graph.widget",
        "find",
        (200,),
        calls.reads_nothing,
        fields={
            "text": "String",
            "since": "Date",
            "tags": "Collection(String)",
            "from": "microsoft.graph.emailAddress",
        },
        optional=frozenset({"since"}),
        function=True,
    )
    data = function.arguments(
        {
            "text": "it's",
            "since": None,
            "tags": ["a", "b,c"],
            "from": models.EmailAddress(address="a@b.c"),
        }
    )
    segment, aliases = function.call(data)

    assert segment == "find(text='it''s',tags=@tags,from=@from)"
    assert [(name, json.loads(value)) for name, value in aliases] == [
        ("@tags", ["a", "b,c"]),
        ("@from", {"address": "a@b.c"}),
    ]


def test_arguments_are_checked_like_properties_and_left_out_when_not_given() -> None:
    action = operations.BoundOperation(
        "microsoft.graph.widget",
        "stamp",
        (204,),
        calls.reads_nothing,
        fields={
            "at": "DateTimeOffset",
            "day": "Date",
            "for": "Duration",
            "count": "Int32",
            "id": "Guid",
            "when": "TimeOfDay",
            "note": "String",
        },
        optional=frozenset({"note"}),
        nullable=frozenset({"when"}),
    )
    sent = action.arguments(
        {
            "at": datetime(2024, 1, 31, 10, 15, tzinfo=UTC),
            "day": date(2024, 1, 31),
            "for": timedelta(minutes=90),
            "count": 3,
            "id": UUID("5d115c9c-44e3-ea11-bb43-000d3a2feca1"),
            "when": None,
            "note": None,
        }
    )
    assert sent == {
        "at": "2024-01-31T10:15:00Z",
        "day": "2024-01-31",
        "for": "PT5400S",
        "count": 3,
        "id": "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
        "when": None,
    }
    with pytest.raises(runtime.ValidationError) as refused:
        action.arguments(
            {"at": "soon", "count": 2**31, "when": time(25 % 24), "id": None}
        )
    assert [(e.path, e.message.split(" (")[0]) for e in refused.value.errors] == [
        ("/at", "'soon' is not a valid DateTimeOffset"),
        ("/count", "2147483648 is out of range for Int32"),
        ("/id", "must not be null"),
    ]


def test_a_reference_id_is_the_key_its_link_ends_with() -> None:
    link = references.Reference
    base = "https://graph.microsoft.com/v2/tenant"
    assert (
        link(f"{base}/directoryObjects/abc/Microsoft.DirectoryServices.User").id
        == "abc"
    )
    assert link(f"{base}/users/a%40b.c").id == "a@b.c"
    assert link(f"{base}/users('o''neil')").id == "o'neil"
    assert link(f"{base}/groups/x.y").id == "x.y"


def test_an_id_becomes_a_link_into_its_set_and_a_url_is_sent_as_it_is() -> None:
    body = references.reference_body
    base = "https://graph.microsoft.com/v1.0"
    assert json.loads(body(base, "/directoryObjects", "a/b")) == {
        "@odata.id": f"{base}/directoryObjects/a%2Fb"
    }
    url = "https://graph.microsoft.com/v1.0/users/x"
    assert json.loads(body(base, "/directoryObjects", url)) == {"@odata.id": url}
    with pytest.raises(ValueError, match="not an id"):
        body(base, "/directoryObjects", "..")


def test_a_delta_link_resumes_alone() -> None:
    call = calls.PreparedCall("GET", "/users/delta()", (200,), calls.reads_nothing)
    link = "https://graph.microsoft.com/v1.0/users/delta()?$deltatoken=x"
    assert paging.resumed(call, None) is call
    assert paging.resumed(call, link).path == link
    with pytest.raises(ValueError, match="delta link"):
        paging.resumed(
            calls.PreparedCall(
                "GET",
                "/users/delta()",
                (200,),
                calls.reads_nothing,
                (("$select", "a"),),
            ),
            link,
        )


def test_a_delta_page_holds_its_link_and_removed_items_say_why() -> None:
    body = {
        "value": [{"id": "1"}, {"id": "2", "@removed": {"reason": "changed"}}],
        "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta()?$deltatoken=t",
    }
    response = httpx.Response(
        200,
        json=body,
        request=httpx.Request("GET", "https://graph.microsoft.com/v1.0/users/delta()"),
    )
    page = calls.reads_page(models.User)(response)

    assert page.delta_link == body["@odata.deltaLink"]
    assert page.next_link is None
    assert [(u.id, u.removed) for u in page.value] == [
        ("1", None),
        ("2", runtime.Removed("changed")),
    ]


def test_path_addressing_escapes_each_segment_and_refuses_dot_segments() -> None:
    with ops.GraphClient("token") as client:
        root = client.drives.by_drive_id("d").root
        assert (
            root.item_by_path("/a b/c#?.txt")._path
            == "/drives/d/root:/a%20b/c%23%3F.txt:"
        )
        nested = root.item_by_path("a").item_by_path("b/c")
        assert nested._path == "/drives/d/root:/a/b/c:"
        for wrong in ("a/../b", "..", "a/./b", "a//b", "/"):
            with pytest.raises(ValueError, match="not a path"):
                root.item_by_path(wrong)


def test_an_alternate_key_is_a_literal_in_parentheses() -> None:
    with ops.GraphClient("token") as client:
        user = client.users.by_user_principal_name("o'neil@contoso.com/x")
        assert user._path == "/users(userPrincipalName='o''neil%40contoso.com%2Fx')"
