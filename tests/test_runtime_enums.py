"""Enums as the service evolves them, in the runtime: lenient decoding, strict sending.

Through the package generated from tests/fixtures/specs/enums (tests/packages.py): chats, their
messages, reactions (an open enum), history items (a flags enum), users' working days (a list of
enum values). No I/O here; tests/test_client_enums.py runs the same against FakeGraph.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import msgspec
import packages
import pytest

enums = packages.enums()
models = enums.models
runtime = enums.runtime
UnknownMember, Flags = runtime.UnknownMember, runtime.Flags
MESSAGE = {
    "id": "m1",
    "subject": "Lunch?",
    "importance": "critical",
    "messageType": "systemEventMessage",
    "reactions": [{"reactionType": "\U0001f389"}, {"reactionType": "like"}],
    "messageHistory": [
        {"actions": "reactionAdded,messagePinned", "reaction": {"reactionType": "sad"}}
    ],
}


def dump(value: Any) -> bytes:
    return msgspec.json.encode(value)


def fetched(payload: dict[str, Any]) -> Any:
    """A message as the service sent it: it remembers what it was sent."""
    return runtime.model.track(models.ChatMessage.from_json(dump(payload)))


def test_the_generated_tests_of_enums_and_their_holders_pass() -> None:
    names = [name for name, _ in packages.generated_tests(enums)]
    for wanted in (
        "TestChatMessageActions::test_flags_are_sets_in_the_comma_separated_form",
        "TestChatType::test_a_value_it_lacks_is_kept_and_sent_back_unchanged",
        "TestChatMessage::test_a_page_with_new_members_decodes_every_item",
        "TestChatMessage::test_a_value_no_service_sent_is_refused_unless_open",
        "TestWorkingHours::test_members_the_spec_lacks_are_kept_exactly",
    ):
        assert any(wanted in n for n in names), wanted
    ran, failures = packages.run_generated_tests(enums)
    assert ran == len(names) and failures == []


def test_known_members_decode_as_members_and_others_are_kept_exactly() -> None:
    message = models.ChatMessage.from_json(dump(MESSAGE))
    assert message.message_type is models.ChatMessageType.SYSTEM_EVENT_MESSAGE
    assert type(message.importance) is UnknownMember
    assert message.importance == "critical"
    emoji, like = (r.reaction_type for r in message.reactions)
    assert (type(emoji), like) == (UnknownMember, models.ReactionType.LIKE)
    actions = message.message_history[0].actions
    assert actions == {models.ChatMessageActions.REACTION_ADDED, "messagePinned"}
    assert [type(a) for a in actions] == [models.ChatMessageActions, UnknownMember]
    assert msgspec.json.decode(message.to_json()) == MESSAGE
    assert models.ChatMessage.from_dict(MESSAGE) == message
    assert message.to_dict() == MESSAGE


def test_a_collection_of_enum_values_keeps_an_unknown_one_in_place() -> None:
    payload = {"workingHours": {"daysOfWeek": ["monday", "holiday", "friday"]}}
    settings = models.MailboxSettings.from_json(dump(payload))
    days = settings.working_hours.days_of_week
    assert days == ["monday", "holiday", "friday"]
    assert [type(d) for d in days] == [
        models.DayOfWeek,
        UnknownMember,
        models.DayOfWeek,
    ]
    assert msgspec.json.decode(settings.to_json()) == payload


def test_unknown_future_value_is_a_member_of_evolvable_enums_only() -> None:
    payload = {"chatType": "unknownFutureValue"}
    chat = models.Chat.from_json(dump(payload))
    assert chat.chat_type is models.ChatType.UNKNOWN_FUTURE_VALUE
    hours = models.WorkingHours.from_json(b'{"daysOfWeek": ["unknownFutureValue"]}')
    assert hours.days_of_week == ["unknownFutureValue"]
    assert type(hours.days_of_week[0]) is UnknownMember


def test_calling_an_enum_with_a_value_it_lacks_still_raises() -> None:
    """Only decoding is lenient: `DayOfWeek("holiday")` raises the ValueError any enum
    raises, so code that parses input with `except ValueError` keeps working."""
    for wrong in ("holiday", 3, None, ["monday"]):
        with pytest.raises(ValueError, match=r"is not a valid DayOfWeek") as caught:
            models.DayOfWeek(wrong)
        assert type(caught.value) is ValueError
    assert models.DayOfWeek("monday") is models.DayOfWeek.MONDAY
    day = models.WorkingHours.from_json(b'{"daysOfWeek": ["monday"]}').days_of_week[0]
    assert models.DayOfWeek(day) is day is models.DayOfWeek.MONDAY


def test_flags_are_ordered_sets_written_comma_separated() -> None:
    actions = models.ChatMessageActions
    flags = Flags(
        [actions.REACTION_REMOVED, UnknownMember("pinned"), actions.REACTION_REMOVED]
    )
    assert list(flags) == [actions.REACTION_REMOVED, "pinned"]
    assert flags == {"pinned", actions.REACTION_REMOVED} and len(flags) == 2
    assert "reactionRemoved" in flags and actions.REACTION_ADDED not in flags
    assert str(flags) == "reactionRemoved,pinned"
    assert hash(flags) == hash(Flags(["reactionRemoved", "pinned"]))
    item = models.ChatMessageHistoryItem(actions=flags | {actions.REACTION_ADDED})
    assert item.to_dict() == {"actions": "reactionRemoved,pinned,reactionAdded"}
    assert models.ChatMessageHistoryItem(actions=Flags()).to_json() == b'{"actions":""}'


def test_flags_read_the_names_around_spaces_as_services_write_them() -> None:
    """OData services built on .NET write a flags value as `"a, b"`."""
    actions = models.ChatMessageActions
    item = models.ChatMessageHistoryItem.from_json(
        b'{"actions": "reactionAdded, reactionRemoved ,messagePinned"}'
    )
    assert list(item.actions) == [
        actions.REACTION_ADDED,
        actions.REACTION_REMOVED,
        "messagePinned",
    ]
    assert actions.REACTION_REMOVED in item.actions
    assert item.to_dict() == {"actions": "reactionAdded,reactionRemoved,messagePinned"}
    assert models.ChatMessageHistoryItem.from_json(b'{"actions": " "}').actions == set()


def test_set_operations_on_flags_give_flags_in_order() -> None:
    actions = models.ChatMessageActions
    added, removed = actions.REACTION_ADDED, actions.REACTION_REMOVED
    flags = Flags([added, UnknownMember("pinned")])
    for result, members in (
        (flags | {removed}, [added, "pinned", removed]),
        (flags - {added}, ["pinned"]),
        (flags & Flags([removed, "pinned"]), ["pinned"]),
        (flags ^ {added, removed}, ["pinned", removed]),
    ):
        assert type(result) is Flags and list(result) == members
    with pytest.raises(TypeError):
        flags | [removed]  # sets only, as with set


@pytest.mark.slow
def test_set_operations_on_flags_are_typed_as_flags() -> None:
    """mypy --strict takes `item.actions = item.actions | {member}` without a cast."""
    script = Path(__file__).resolve().parent.parent / f"_flags_types_{os.getpid()}.py"
    script.write_text(
        """from generated.runtime import Flags, GraphEnum


class Day(GraphEnum):
    MON = "mon"
    TUE = "tue"


days: Flags[Day] = Flags([Day.MON])
days = days | {Day.TUE}
days = days - {Day.MON}
days = days & {Day.TUE}
days = days ^ {Day.MON}
reveal_type(days | {Day.TUE})
""",
        encoding="utf-8",
    )
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
    assert done.returncode == 0, done.stdout
    assert 'Revealed type is "generated.runtime.enums.Flags[' in done.stdout


def test_a_fetched_model_sends_back_what_the_service_sent_unchanged() -> None:
    message = fetched(MESSAGE)
    message.subject = "Dinner?"
    assert message.checked("update") == {"subject": "Dinner?"}
    message.reactions[1].reaction_type = models.ReactionType.HEART
    sent = message.checked(
        "update"
    )  # the list is sent whole: its unknown emoji unchanged
    assert sent["reactions"] == [
        {"reactionType": "\U0001f389"},
        {"reactionType": "heart"},
    ]
    replaced = message.checked("replace")
    assert (replaced["importance"], replaced["messageHistory"]) == (
        "critical",
        MESSAGE["messageHistory"],
    )


def test_a_value_that_is_no_member_is_refused_before_sending() -> None:
    message = fetched(MESSAGE)
    message.importance = UnknownMember("critical!")
    with pytest.raises(enums.ValidationError) as caught:
        message.checked("update")
    [issue] = caught.value.errors
    assert issue.path == "/importance"
    assert "'critical!'" in issue.message
    assert "normal, high, urgent, unknownFutureValue" in issue.message


def test_a_flags_value_may_keep_an_unknown_member_the_service_sent() -> None:
    message = fetched(MESSAGE)
    item = message.message_history[0]
    item.actions = Flags([*item.actions, models.ChatMessageActions.REACTION_REMOVED])
    sent = message.checked("update")
    assert sent["messageHistory"][0]["actions"] == (
        "reactionAdded,messagePinned,reactionRemoved"
    )
    item.actions = Flags([UnknownMember("messageStarred")])
    with pytest.raises(enums.ValidationError) as caught:
        message.checked("update")
    assert [e.path for e in caught.value.errors] == ["/messageHistory/0/actions"]


def test_an_unknown_value_may_move_in_the_collection_the_service_sent_it_in() -> None:
    """Sorting the working days, or adding one before the service's new day, sends back
    the day it sent; a day no service sent is still refused."""
    days = models.DayOfWeek
    payload = {"workingHours": {"daysOfWeek": ["monday", "holiday"]}}
    settings = runtime.model.track(models.MailboxSettings.from_json(dump(payload)))
    settings.working_hours.days_of_week.insert(0, days.SUNDAY)
    assert settings.checked("update") == {
        "workingHours": {"daysOfWeek": ["sunday", "monday", "holiday"]}
    }
    settings.working_hours.days_of_week.sort()
    assert settings.checked("update")["workingHours"]["daysOfWeek"] == [
        "holiday",
        "monday",
        "sunday",
    ]
    settings.working_hours.days_of_week.append(UnknownMember("weekend"))
    with pytest.raises(enums.ValidationError) as caught:
        settings.checked("update")
    assert [e.path for e in caught.value.errors] == ["/workingHours/daysOfWeek/3"]


def test_a_model_built_here_sends_members_only_unless_the_enum_is_open() -> None:
    built = models.ChatMessage(importance=UnknownMember("critical"))
    with pytest.raises(enums.ValidationError):
        built.checked("create")
    reaction = models.ChatMessageReaction(reaction_type=UnknownMember("\U0001f44d"))
    opened = models.ChatMessage(reactions=[reaction])
    assert opened.checked("create") == {"reactions": [{"reactionType": "\U0001f44d"}]}


def test_a_value_of_the_wrong_kind_is_still_refused_when_decoding() -> None:
    for payload in ({"importance": 3}, {"messageHistory": [{"actions": ["a"]}]}):
        with pytest.raises(enums.ValidationError) as from_json:
            models.ChatMessage.from_json(dump(payload))
        with pytest.raises(enums.ValidationError) as from_dict:
            models.ChatMessage.from_dict(payload)
        assert from_json.value.errors == from_dict.value.errors
        assert "string" in from_json.value.errors[0].message


@pytest.mark.parametrize(
    ("model", "asks"),
    [("ChatMessage", True), ("ChatMessageReaction", False), ("Chat", False)],
)
def test_types_that_can_hold_a_late_member_ask_for_them(model: str, asks: bool) -> None:
    """Decided when generating: a chat message's type has a member after the sentinel."""
    name = getattr(models, model)._graph_type
    assert runtime.validation.rules_of(name).prefer_unknown_members is asks


def test_the_preference_joins_the_callers_own() -> None:
    # The runtime exports lazily: the module is imported here, whatever ran before.
    calls = importlib.import_module(f"{runtime.__name__}.calls")
    message = models.ChatMessage
    assert calls.preferring(message, None) == {"Prefer": "include-unknown-enum-members"}
    assert calls.preferring(message, {"prefer": "return=minimal"}) == {
        "prefer": "return=minimal, include-unknown-enum-members"
    }
    twice = {"Prefer": "include-unknown-enum-members"}
    assert calls.preferring(message, twice) == twice
    assert calls.preferring(models.Chat, {"Prefer": None}) == {"Prefer": None}
