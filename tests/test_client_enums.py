"""What the live service adds after the spec was written, against FakeGraph on 127.0.0.1:
enum members (a late one reaches only a client that asks), properties and derived types.

FakeGraph serves the chats of tests/fixtures/specs/enums (tests/packages.py) and hides
`systemEventMessage`, a chatMessageType member after `unknownFutureValue`, from a request that
does not ask for it, as Graph does (tests/fake_enums.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import packages
import pytest
from fake_enums import PREFERENCE, hide_late_members
from fake_graph import FakeGraph

TOKEN = "token-123"
enums = packages.enums()
models = enums.models
MESSAGES = "/chats/c1/messages"
NEW = {
    "subject": "Build started",
    "importance": "critical",  # no member of chatMessageImportance
    "messageType": "systemEventMessage",  # after unknownFutureValue
    "reactions": [{"reactionType": "\U0001f680"}],  # an open enum: any emoji
    "messageHistory": [
        {"actions": "reactionAdded,messagePinned"}
    ],  # flags, one unknown
}


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN, version="v1.0") as fake:
        hide_late_members(fake, {"messageType": {"systemEventMessage"}})
        fake.add_item(MESSAGES, subject="Hi", importance="high", messageType="message")
        fake.add_item(MESSAGES, **NEW)
        fake.add_item(MESSAGES, subject="Bye", importance="normal")
        yield fake


@pytest.fixture
def client(graph: FakeGraph) -> Iterator[Any]:
    with enums.GraphClient(TOKEN, base_url=graph.base_url) as graph_client:
        yield graph_client


def sent_prefer(graph: FakeGraph) -> list[str | None]:
    return [r.headers.get("prefer") for r in graph.requests]


def test_a_page_with_new_members_decodes_every_item(
    graph: FakeGraph, client: Any
) -> None:
    page = client.chats.by_chat_id("c1").messages.get()
    hi, new, bye = page.value
    assert (hi.importance, bye.importance) == ("high", "normal")
    assert new.message_type is models.ChatMessageType.SYSTEM_EVENT_MESSAGE
    assert type(new.importance) is enums.UnknownMember and new.importance == "critical"
    assert new.reactions[0].reaction_type == "\U0001f680"
    assert new.message_history[0].actions == {"reactionAdded", "messagePinned"}
    assert {k: v for k, v in new.to_dict().items() if k in NEW} == NEW
    assert sent_prefer(graph) == [PREFERENCE]


def test_without_the_preference_the_service_sends_the_sentinel(
    graph: FakeGraph,
) -> None:
    """What a client that does not ask gets: the sentinel, a member here too."""
    answer = httpx.get(
        f"{graph.base_url}{MESSAGES}", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    page = models.ChatMessage.from_dict(answer.json()["value"][1])
    assert page.message_type is models.ChatMessageType.UNKNOWN_FUTURE_VALUE


def test_get_edit_patch_keeps_what_the_service_added(
    graph: FakeGraph, client: Any
) -> None:
    new_id = client.chats.by_chat_id("c1").messages.get().value[1].id
    item = client.chats.by_chat_id("c1").messages.by_chat_message_id(new_id)
    message = item.get()
    message.subject = "Build finished"
    message.message_history[0].actions = enums.Flags(
        [
            *message.message_history[0].actions,
            models.ChatMessageActions.REACTION_REMOVED,
        ]
    )
    item.patch(message)
    body = graph.requests[-1].json()
    assert body == {
        "subject": "Build finished",
        "messageHistory": [{"actions": "reactionAdded,messagePinned,reactionRemoved"}],
    }
    stored = graph.entity(f"{MESSAGES}/{new_id}")
    assert (stored["importance"], stored["messageType"]) == (
        "critical",
        "systemEventMessage",
    )
    assert sent_prefer(graph)[1:] == [PREFERENCE, PREFERENCE]


def test_a_value_no_service_sent_is_refused_before_anything_is_sent(
    graph: FakeGraph, client: Any
) -> None:
    messages = client.chats.by_chat_id("c1").messages
    before = len(graph.requests)
    with pytest.raises(enums.ValidationError, match="normal, high, urgent"):
        messages.post(models.ChatMessage(importance=enums.UnknownMember("critical")))
    assert len(graph.requests) == before
    reaction = models.ChatMessageReaction(
        reaction_type=enums.UnknownMember("\U0001f44d")
    )
    created = messages.post(
        models.ChatMessage(reactions=[reaction]), prefer="return=representation"
    )
    assert created.reactions == [reaction]
    assert (
        graph.requests[-1].headers["prefer"] == f"return=representation, {PREFERENCE}"
    )


def test_a_preference_sent_with_a_prepared_call_joins_the_clients_own(
    graph: FakeGraph, client: Any
) -> None:
    """`Prefer: outlook.timezone=...` given to `client.send` keeps the late members coming."""
    messages = client.chats.by_chat_id("c1").messages
    mine = 'outlook.timezone="UTC"'
    answer = client.send(client.prepare(messages.get), headers={"Prefer": mine})
    assert answer.value.value[1].message_type == "systemEventMessage"
    assert sent_prefer(graph) == [f"{PREFERENCE}, {mine}"]


def test_calls_whose_types_hold_no_late_member_do_not_ask(
    graph: FakeGraph, client: Any
) -> None:
    graph.add_item("/chats", topic="Team", chatType="unknownFutureValue")
    graph.add_item(
        "/users",
        mailboxSettings={"workingHours": {"daysOfWeek": ["monday", "holiday"]}},
    )
    [chat] = client.chats.get().value
    [user] = client.users.get().value
    assert chat.chat_type is models.ChatType.UNKNOWN_FUTURE_VALUE
    assert user.mailbox_settings.working_hours.days_of_week == ["monday", "holiday"]
    assert sent_prefer(graph) == [None, None]


def test_the_async_client_decodes_the_same_page(graph: FakeGraph) -> None:
    async def read() -> list[Any]:
        async with enums.AsyncGraphClient(TOKEN, base_url=graph.base_url) as client:
            return [m async for m in client.chats.by_chat_id("c1").messages.iterate()]

    items = asyncio.run(read())
    assert [m.message_type for m in items] == [
        "message",
        "systemEventMessage",
        enums.UNSET,
    ]


def test_new_properties_and_derived_types_decode_as_the_nearest_known_class() -> None:
    """The other things the service adds: a property (kept in `additional_data` and sent
    back) and a derived type (read as the class asked for, its own properties kept too).
    """
    inheritance = packages.inheritance()
    attachments = "/me/messages/m1/attachments"
    with FakeGraph(token=TOKEN, version="v1.0") as fake:
        fake.add_item("/me/messages", id="m1", subject="Hi", importance="high")
        fake.add_item(
            attachments,
            **{"@odata.type": "#microsoft.graph.fileAttachment", "name": "a.txt"},
        )
        fake.add_item(
            attachments,
            **{
                "@odata.type": "#microsoft.graph.referenceAttachment",
                "name": "b",
                "sourceUrl": "https://example.com/b",
            },
        )
        with inheritance.GraphClient(TOKEN, base_url=fake.base_url) as client:
            message = client.me.messages.by_message_id("m1").get()
            page = client.me.messages.by_message_id("m1").attachments.get()
    assert message.additional_data["importance"] == "high"  # the store adds a date too
    assert message.to_dict()["importance"] == "high"
    attachment = inheritance.models.Attachment
    assert [type(a) for a in page.value] == [
        inheritance.models.FileAttachment,
        attachment,
    ]
    reference = page.value[1]
    assert reference.odata_type == "#microsoft.graph.referenceAttachment"
    assert reference.additional_data["sourceUrl"] == "https://example.com/b"
    assert reference.to_dict()["sourceUrl"] == "https://example.com/b"
