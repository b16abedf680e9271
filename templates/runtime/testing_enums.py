"""For the generated tests: enums as the service evolves them, written once as contracts.

Lenient on what the service sends: a member the spec lacks decodes, in a model, a list, a flags
set or a page, and goes back exactly as it came. Strict on what a client sends: members only,
unless the enum is open, or the value is the one the service sent there.
"""

from __future__ import annotations

from typing import Any, ClassVar

import msgspec
import pytest

from .enums import (
    INCLUDE_UNKNOWN_MEMBERS,
    UNKNOWN_FUTURE_VALUE,
    Flags,
    GraphEnum,
    UnknownMember,
    decode_hook,
)
from .model import Model, encode, track
from .testing_clients import ClientContract, Recorder
from .testing_models import dump, load
from .validation import ValidationError, rules_of

CHANGED = (
    "changedLater"  # a value no service sent: a client may not send it to a closed enum
)


def lacking(members: tuple[str, ...]) -> str:
    """A wire value that is no member."""
    return "addedLater" + "_" * max(map(len, members), default=0)


class EnumContract:
    """Every member is its wire value, both ways; a value the enum lacks is kept as it came."""

    enum: ClassVar[type[GraphEnum]]
    members: ClassVar[tuple[str, ...]]  # the wire values, in the spec's order

    def test_every_member_is_its_wire_value(self) -> None:
        assert [member.value for member in self.enum] == list(self.members)
        for wire in self.members:
            assert msgspec.json.decode(dump(wire), type=self.enum) is self.enum(wire)
            assert encode(self.enum(wire)) == dump(wire)

    def test_a_value_it_lacks_is_kept_and_sent_back_unchanged(self) -> None:
        wire = lacking(self.members)
        value = msgspec.json.decode(dump(wire), type=self.enum)
        assert isinstance(value, UnknownMember) and not isinstance(value, self.enum)
        assert value == wire and encode(value) == dump(wire)
        with pytest.raises(ValueError):  # calling the enum takes members only
            self.enum(wire)

    def test_unknown_future_value_decodes(self) -> None:
        value = msgspec.json.decode(dump(UNKNOWN_FUTURE_VALUE), type=self.enum)
        assert value == UNKNOWN_FUTURE_VALUE
        assert isinstance(value, self.enum) == (UNKNOWN_FUTURE_VALUE in self.members)


class FlagsContract:
    """A flags enum's value is a set of members, written `"a,b"`; an unknown one is kept."""

    enum: ClassVar[type[GraphEnum]]
    members: ClassVar[tuple[str, ...]]

    def test_flags_are_sets_in_the_comma_separated_form(self) -> None:
        known, wire = self.members[:2], lacking(self.members)
        text = ",".join([*known, wire])
        kind: Any = Flags
        value = msgspec.json.decode(
            dump(text), type=kind[self.enum], dec_hook=decode_hook
        )
        assert value == {*(self.enum(m) for m in known), wire}
        assert [type(m) for m in value] == [self.enum] * len(known) + [UnknownMember]
        assert encode(value) == dump(text)
        empty = msgspec.json.decode(b'""', type=kind[self.enum], dec_hook=decode_hook)
        assert empty == set() and encode(empty) == b'""'


class NewMembersContract:
    """The model's enum properties holding members its spec lacks: kept, and sent back."""

    model: ClassVar[type[Model]]
    samples: ClassVar[dict[str, Any]]
    new_members: ClassVar[
        dict[str, Any]
    ]  # wire name -> a value with a member unknown here

    def payload(self) -> dict[str, Any]:
        return {**self.samples, **self.new_members}

    def test_members_the_spec_lacks_are_kept_exactly(self) -> None:
        payload = self.payload()
        model = self.model.from_json(dump(payload))
        assert self.model.from_dict(payload) == model
        assert load(model.to_json()) == payload
        assert load(dump(model.to_dict())) == payload
        for wire, value in self.new_members.items():
            held = getattr(model, _attributes(self.model)[wire])
            assert load(encode(held)) == value
            assert _unknown(held), f"{wire}: {held!r} holds no UnknownMember"

    def test_what_the_service_sent_goes_back_unchanged(self) -> None:
        model = track(self.model.from_json(dump(self.payload())))
        assert {k: v for k, v in model.checked("update").items() if k[:1] != "@"} == {}
        replaced = model.checked("replace")
        for wire, value in self.new_members.items():
            assert replaced.get(wire, value) == value

    def test_a_value_no_service_sent_is_refused_unless_open(self) -> None:
        rules = rules_of(self.model._graph_type)
        model = track(self.model.from_json(dump(self.payload())))
        for wire in self.new_members.keys() - rules.read_only:
            attr = _attributes(self.model)[wire]
            held = getattr(model, attr)
            setattr(model, attr, _changed(held))
            enum = rules_of(rules.fields[wire].removeprefix("Collection(").rstrip(")"))
            at = f"/{wire}" + ("/0" if isinstance(held, list) else "")
            if enum.open:
                model.checked("update")
            else:
                with pytest.raises(ValidationError) as refused:
                    model.checked("update")
                errors = [
                    e for e in refused.value.errors if e.path.startswith(f"/{wire}")
                ]
                assert [e.path for e in errors] == [at]
                assert CHANGED in errors[0].message
                assert enum.members[0] in errors[0].message
            setattr(model, attr, held)


class NewMembersPageContract(ClientContract):
    """A page in which one item holds members the spec lacks decodes whole; a list asks the
    service for such members when the model's types can hold some."""

    new_members: ClassVar[dict[str, Any]]

    def test_a_page_with_new_members_decodes_every_item(self) -> None:
        items = [self.samples, {**self.samples, **self.new_members}, self.samples]
        recorder = Recorder(self.statuses["list"][0], {"value": items})
        with self.client(recorder) as client:
            page = self.collection(client).get()
        assert page.value == [self.model.from_dict(item) for item in items]
        assert [load(item.to_json()) for item in page.value] == items
        prefer = recorder.only().headers.get("Prefer", "")
        asks = rules_of(self.model._graph_type).prefer_unknown_members
        assert (INCLUDE_UNKNOWN_MEMBERS in prefer) == asks


def _attributes(model: type[Model]) -> dict[str, str]:
    """The attribute of each wire name."""
    return {f.encode_name: f.name for f in msgspec.structs.fields(model)}


def _unknown(value: Any) -> bool:
    """Whether a value holds an UnknownMember: itself, or in a list or a flags set."""
    if isinstance(value, list | Flags):
        return any(_unknown(v) for v in value)
    return isinstance(value, UnknownMember)


def _changed(value: Any) -> Any:
    """The same shape of value, holding a member no service sent."""
    if isinstance(value, list):
        return [_changed(value[-1])]
    if isinstance(value, Flags):
        return Flags([UnknownMember(CHANGED)])
    return UnknownMember(CHANGED)
