"""Cases the whole v1.0 API met, reproduced on tests/fixtures/specs/wholeapi: an action
with a Double argument (its generated test writes `Decimal`), a flags enum argument, and
actions bound to a set inherited by a type that has only a single path
(`authorizationPolicy` from `directoryObject`). Its generated tests run, and the client
sends each call to FakeGraph on 127.0.0.1."""

from __future__ import annotations

import asyncio
import inspect
from decimal import Decimal
from importlib import import_module
from typing import Any

import packages
import pytest
from fake_graph import FakeGraph
from fake_operations import Operations

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
        "test_directory_object",
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
