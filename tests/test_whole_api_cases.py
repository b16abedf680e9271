"""Cases the whole v1.0 API met, reproduced on tests/fixtures/specs/wholeapi: an action
with a Double argument (its generated test writes `Decimal`), a flags enum argument, and
actions bound to a set inherited by a type that has only a single path
(`authorizationPolicy` from `directoryObject`), and operations whose types hold an enum
member sent only to a client that asks. Its generated tests run, and the client sends each
call to FakeGraph on 127.0.0.1."""

from __future__ import annotations

import asyncio
import inspect
import typing
from collections.abc import Iterator
from decimal import Decimal
from importlib import import_module
from typing import Any

import httpx
import packages
import pytest
from fake_enums import asks, hide_late_members
from fake_graph import FakeGraph, _Response
from fake_operations import Operations
from fake_transport import FakeFiles

api = packages.whole_api()
runtime = import_module(f"{api.__name__}.runtime")
TOKEN = "token-123"
ACTIONS = "::test_actions_and_functions_send_their_arguments_and_read_their_result"


def test_the_generated_tests_pass_and_send_every_action_their_routes_reach() -> None:
    names = [name for name, _ in packages.generated_tests(api)]
    ran, failures = packages.run_generated_tests(api)

    assert failures == []
    assert ran == len(names)
    tested = sorted(n.split("::")[0].rsplit(".", 1)[1] for n in names if ACTIONS in n)
    assert tested == [
        "test_authorization_policy",
        "test_chat",
        "test_chat_message",
        "test_directory_object",
        "test_drive_item",
        "test_user",
    ]


def test_a_singleton_is_tested_with_the_actions_of_an_item_only() -> None:
    tests = import_module(f"{api.__name__}.tests.test_authorization_policy")
    case = tests.TestAuthorizationPolicy
    assert set(case.actions) == {"check_member_groups"}
    assert not any(
        issubclass(case, getattr(runtime.testing, name))
        for name in ("ListContract", "CreateContract")
    )
    user = import_module(f"{api.__name__}.tests.test_user").TestUser
    assert set(user.actions) >= {"find_meeting_times", "get_mail_tips", "get_by_ids"}


def test_a_builder_with_no_set_offers_no_action_bound_to_a_set() -> None:
    with api.GraphClient(TOKEN) as client:
        policy = client.policies.authorization_policy
        users = client.users
        assert hasattr(policy, "check_member_groups")
        assert not hasattr(policy, "get_by_ids")
        assert hasattr(users, "get_by_ids")
        assert not hasattr(users.by_user_id("u1"), "get_by_ids")


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_flags_and_a_double_argument_go_out_in_their_wire_form(mode: str) -> None:
    flags = runtime.Flags(
        [
            api.models.MailTipsType.AUTOMATIC_REPLIES,
            api.models.MailTipsType.CUSTOM_MAIL_TIP,
        ]
    )

    async def scenario(client: Any) -> None:
        user = client.users.by_user_id("u1")
        tips = user.get_mail_tips(email_addresses=["a@b.c"], mail_tips_options=flags)
        times = user.find_meeting_times(minimum_attendee_percentage=Decimal("50.5"))
        for call in (tips, times):
            page = await call if inspect.isawaitable(call) else call
            assert page.value == ["ok"]

    with FakeGraph(token=TOKEN, version="v1.0") as graph:
        service = Operations(graph)
        answer = {"value": ["ok"]}
        service.action(
            "getMailTips",
            required=("EmailAddresses", "MailTipsOptions"),
            status=200,
            respond=lambda call: answer,
        )
        service.action(
            "findMeetingTimes",
            optional=("attendees", "minimumAttendeePercentage"),
            status=200,
            respond=lambda call: answer,
        )

        async def main() -> None:
            if mode == "sync":
                with api.GraphClient(TOKEN, base_url=graph.base_url) as client:
                    await scenario(client)
            else:
                async with api.AsyncGraphClient(
                    TOKEN, base_url=graph.base_url
                ) as client:
                    await scenario(client)

        asyncio.run(main())

    assert [c.arguments for c in service.calls] == [
        {
            "EmailAddresses": ["a@b.c"],
            "MailTipsOptions": "automaticReplies,customMailTip",
        },
        {"minimumAttendeePercentage": Decimal("50.5")},
    ]


# -- Prefer: include-unknown-enum-members ------------------------------------------------

LATE = {"messageType": {"systemEventMessage"}}
MESSAGE = "/chats/c1/messages/m1"


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN, version="v1.0") as fake:
        hide_late_members(fake, LATE)
        yield fake


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_actions_functions_and_uploads_ask_for_late_members_as_crud_does(
    graph: FakeGraph, mode: str
) -> None:
    """The message's messageType has a member after unknownFutureValue: every call whose
    parameters or result can hold it asks for it; the chat's own action does not."""
    late = {"subject": "Build", "messageType": "systemEventMessage"}
    service = Operations(graph)
    service.action("pin", status=200, respond=lambda call: {"id": "m1", **late})
    service.action("retype", required=("messageType",))
    service.action("sendActivityNotification", required=("topic",))
    graph.add_item("/chats/c1/messages", id="m1", **late)

    async def scenario(client: Any) -> list[Any]:
        chat = client.chats.by_chat_id("c1")
        message = chat.messages.by_chat_message_id("m1")
        kind = api.models.ChatMessageType.SYSTEM_EVENT_MESSAGE
        return [
            await value(message.pin()),
            await value(message.retype(message_type=kind)),
            await items(chat.messages.delta()),
            await value(message.content.put(b"text")),
            await value(chat.send_activity_notification(topic="Hi")),
        ]

    with FakeFiles(graph):
        pinned, _, [changed], uploaded, _ = run(mode, graph, scenario)

    assert pinned.message_type == changed.message_type == "systemEventMessage"
    assert uploaded.message_type == "systemEventMessage"
    assert [(r.method, r.path.rsplit("/", 1)[1]) for r in graph.requests] == [
        ("POST", "pin"),
        ("POST", "retype"),
        ("GET", "delta()"),
        ("PUT", "content"),
        ("POST", "sendActivityNotification"),
    ]
    assert [asks(r) for r in graph.requests] == [True] * 4 + [False]


def run(mode: str, graph: FakeGraph, scenario: Any) -> Any:
    """The scenario's result with a sync or an async client."""

    async def main() -> Any:
        if mode == "sync":
            with api.GraphClient(TOKEN, base_url=graph.base_url) as client:
                return await scenario(client)
        async with api.AsyncGraphClient(TOKEN, base_url=graph.base_url) as client:
            return await scenario(client)

    return asyncio.run(main())


async def value(result: Any) -> Any:
    return await result if inspect.isawaitable(result) else result


async def items(result: Any) -> list[Any]:
    if hasattr(result, "__aiter__"):
        return [x async for x in result]
    return list(result)


# -- an action that may run long ---------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_an_action_with_a_result_gives_it_or_its_monitor_url(
    graph: FakeGraph, mode: str
) -> None:
    """`copy` answers the copy (200) or accepts (202, `Location` relative to the request's
    URL): `DriveItem | Accepted`; `Accepted.of` reads the same from a raw answer."""
    service = Operations(graph)
    answers = iter(
        [
            {"id": "2", "name": "copied.txt"},
            _Response(202, headers={"Location": "../../monitor/7", "Retry-After": "3"}),
            _Response(202, headers={"Location": "/monitor/8"}),
        ]
    )
    service.action(
        "copy", optional=("name",), status=200, respond=lambda c: next(answers)
    )

    async def scenario(client: Any) -> list[Any]:
        item = client.drives.by_drive_id("d1").items.by_drive_item_id("1")
        done = await value(item.copy(name="copied.txt"))
        accepted = await value(item.copy())
        raw = await value(client.send(client.prepare(item.copy)))
        return [done, accepted, runtime.Accepted.of(raw)]

    done, accepted, of_raw = run(mode, graph, scenario)

    hints = typing.get_type_hints(
        api.builders.drive_item.DriveItemItemRequestBuilder.copy
    )
    assert hints["return"] == api.models.DriveItem | runtime.Accepted
    assert done == api.models.DriveItem(id="2", name="copied.txt")
    base = graph.base_url  # .../v1.0
    assert accepted == runtime.Accepted(f"{base}/drives/d1/monitor/7", 3.0)
    assert of_raw == runtime.Accepted(f"{graph.origin}/monitor/8")


def test_accepted_of_an_absolute_location_keeps_it() -> None:
    headers = httpx.Headers({"Location": "https://monitor.example/op/1"})
    answer = runtime.Response(202, headers, None, "https://graph.test/v1.0/x/copy")
    assert runtime.Accepted.of(answer).location == "https://monitor.example/op/1"
    with pytest.raises(api.GraphError):
        runtime.Accepted.of(runtime.Response(200, headers, None))


# -- keys and ETags read from models -------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_key_or_etag_the_service_did_not_send_is_refused_before_sending(
    graph: FakeGraph, mode: str
) -> None:
    """`by_<key>` and `if_match` take what a model holds, UNSET too (mypy --strict passes
    `created.id` and `fetched.odata_etag`); UNSET is a ValueError, and nothing is sent.
    """
    fetched = api.models.AuthorizationPolicy.from_dict({"displayName": "Default"})
    assert fetched.id is runtime.UNSET and fetched.odata_etag is runtime.UNSET

    async def scenario(client: Any) -> None:
        with pytest.raises(ValueError, match="^key is unset"):
            client.users.by_user_id(fetched.id)
        policy = client.policies.authorization_policy
        with pytest.raises(ValueError, match="^if_match is unset"):
            await value(policy.patch(fetched, if_match=fetched.odata_etag))

    run(mode, graph, scenario)
    assert graph.requests == []


def test_a_batched_action_accepted_with_a_relative_location_gets_its_full_url() -> None:
    """In a `$batch` too, `Location` is resolved against the item's own URL."""

    def service(request: httpx.Request) -> httpx.Response:
        accepted = {"id": "0", "status": 202, "headers": {"Location": "monitor/7"}}
        return httpx.Response(200, json={"responses": [accepted]})

    http = httpx.Client(transport=httpx.MockTransport(service))
    base = "https://graph.test/v1.0"
    with api.GraphClient(TOKEN, http_client=http, base_url=base) as client:
        item = client.drives.by_drive_id("d1").items.by_drive_item_id("1")
        [result] = client.batch([client.prepare(item.copy)])
    assert result == runtime.Accepted(f"{base}/drives/d1/items/1/monitor/7")
