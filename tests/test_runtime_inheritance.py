"""Inheritance and polymorphism as the Graph SDKs have them, and closed (non-open) types.

The classes below are written as the generator emits derived types: each subclasses its
base, its rules name the base, `@odata.type` picks the derived class on decode.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import httpx
import packages
import pytest
from msgspec import UNSET, UnsetType

from generated.runtime import (
    EntityModel,
    Int32,
    Model,
    Page,
    RequestAdapter,
    RequestBuilder,
    Rules,
    ValidationError,
    register,
)
from generated.runtime import model as runtime_model
from generated.runtime.http import Settings
from generated.runtime.testing import dump, load

GRAPH = "microsoft.graph"
# The rules the generator writes beside these classes: own fields, and the base's name.
for rules in (
    Rules(f"{GRAPH}.entity", fields={"id": "String"}, read_only=frozenset({"id"})),
    Rules(
        f"{GRAPH}.attachment",
        base=f"{GRAPH}.entity",
        fields={"name": "String", "size": "Int32"},
        abstract=True,
    ),
    Rules(
        f"{GRAPH}.fileAttachment",
        base=f"{GRAPH}.attachment",
        fields={"contentBytes": "Binary"},
        not_null=frozenset({"contentBytes"}),
    ),
    Rules(
        f"{GRAPH}.itemAttachment",
        base=f"{GRAPH}.attachment",
        fields={"item": f"{GRAPH}.itemBody"},
    ),
    Rules(f"{GRAPH}.itemBody", fields={"content": "String", "contentType": "String"}),
    Rules(
        f"{GRAPH}.message",
        base=f"{GRAPH}.entity",
        fields={
            "subject": "String",
            "attachments": f"Collection({GRAPH}.attachment)",
            "pinned": f"{GRAPH}.attachment",
        },
    ),
    Rules(
        f"{GRAPH}.openThing",
        base=f"{GRAPH}.entity",
        fields={"name": "String"},
        open_type=True,
    ),
):
    register(rules)


class Entity(EntityModel):
    _graph_type: ClassVar[str] = "microsoft.graph.entity"
    id: str | None | UnsetType = UNSET


class Attachment(Entity):
    _graph_type: ClassVar[str] = "microsoft.graph.attachment"
    name: str | None | UnsetType = UNSET
    size: Int32 | None | UnsetType = UNSET


class FileAttachment(Attachment, rename={"content_bytes": "contentBytes"}):
    _graph_type: ClassVar[str] = "microsoft.graph.fileAttachment"
    content_bytes: bytes | UnsetType = UNSET


class ItemBody(Model, rename={"content_type": "contentType"}):
    _graph_type: ClassVar[str] = "microsoft.graph.itemBody"
    content: str | None | UnsetType = UNSET
    content_type: str | None | UnsetType = UNSET


class ItemAttachment(Attachment):
    _graph_type: ClassVar[str] = "microsoft.graph.itemAttachment"
    item: ItemBody | None | UnsetType = UNSET


class Message(Entity):
    _graph_type: ClassVar[str] = "microsoft.graph.message"
    subject: str | None | UnsetType = UNSET
    attachments: list[Attachment] | None | UnsetType = UNSET
    pinned: Attachment | None | UnsetType = UNSET


class OpenThing(Entity):
    _graph_type: ClassVar[str] = "microsoft.graph.openThing"
    name: str | None | UnsetType = UNSET


FILE = {
    "@odata.type": "#microsoft.graph.fileAttachment",
    "id": "a-1",
    "name": "notes.txt",
    "size": 5,
    "contentBytes": "aGVsbG8=",
}
ITEM = {
    "@odata.type": "microsoft.graph.itemAttachment",
    "id": "a-2",
    "name": "forwarded",
    "item": {"content": "hi", "contentType": "text"},
}
UNKNOWN = {
    "@odata.type": "#microsoft.graph.referenceAttachment",
    "id": "a-3",
    "name": "link",
    "sourceUrl": "https://example.com/file",
}


def test_msgspec_alone_decodes_what_names_no_derived_class(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A class with derived ones decodes as fast as any, until `@odata.type` names one."""

    def refused(cls: Any, data: Any) -> Any:
        raise AssertionError("built in Python")

    monkeypatch.setattr(runtime_model, "_build", refused)
    plain = {"id": "m-1", "attachments": [{"id": "a-1", "name": "n"}], "pinned": None}
    assert type(Message.from_json(dump(plain)).attachments[0]) is Attachment
    own = {"@odata.type": "#microsoft.graph.attachment", "name": "n"}
    assert type(Attachment.from_json(dump(own))) is Attachment
    with pytest.raises(AssertionError, match="built in Python"):
        Message.from_json(dump({"id": "m-2", "attachments": [FILE]}))


def test_a_hand_built_base_naming_a_derived_type_is_refused() -> None:
    with pytest.raises(ValueError, match="is FileAttachment: use it"):
        Attachment(odata_type="#microsoft.graph.fileAttachment", name="n")


def test_the_derived_class_is_decoded_from_odata_type() -> None:
    """With or without `#`, from JSON and from a dict, and it round-trips exactly."""
    from_json = Attachment.from_json(dump(FILE))
    from_dict = Attachment.from_dict(ITEM)

    assert type(from_json) is FileAttachment and from_json.content_bytes == b"hello"
    assert (from_json.id, from_json.name, from_json.size) == ("a-1", "notes.txt", 5)
    assert type(from_dict) is ItemAttachment
    assert from_dict.item == ItemBody(content="hi", content_type="text")
    assert load(from_json.to_json()) == FILE
    assert from_dict.to_dict() == ITEM


def test_nested_values_and_collections_hold_derived_classes() -> None:
    payload = {"id": "m-1", "attachments": [FILE, ITEM, UNKNOWN], "pinned": ITEM}
    message = Message.from_json(dump(payload))

    assert message.attachments is not UNSET and message.attachments is not None
    kinds = [type(a) for a in message.attachments]
    assert kinds == [FileAttachment, ItemAttachment, Attachment]
    assert type(message.pinned) is ItemAttachment
    assert load(message.to_json()) == payload
    assert Message.from_dict(payload) == message


def test_an_unknown_or_unrelated_type_decodes_as_the_class_asked_for() -> None:
    """Its extra properties are kept in additional_data and written back."""
    unknown = Attachment.from_json(dump(UNKNOWN))
    unrelated = FileAttachment.from_dict({**ITEM, "contentBytes": "aGVsbG8="})

    assert type(unknown) is Attachment
    assert unknown.additional_data == {"sourceUrl": "https://example.com/file"}
    assert load(unknown.to_json()) == UNKNOWN
    assert type(unrelated) is FileAttachment
    assert unrelated.additional_data == {"item": ITEM["item"]}


def test_derived_rules_apply_with_their_bases() -> None:
    """A FileAttachment's payload is checked against its own fields and inherited ones."""
    with pytest.raises(ValidationError) as caught:
        Attachment.from_dict({**FILE, "size": 2**31, "contentBytes": None})
    assert [e.path for e in caught.value.errors] == ["/size", "/contentBytes"]

    with pytest.raises(ValidationError) as nested:
        Message.from_dict({"attachments": [{**FILE, "contentBytes": 42}]})
    assert [e.path for e in nested.value.errors] == ["/attachments/0/contentBytes"]


def test_a_page_of_a_base_type_yields_derived_instances() -> None:
    answers: list[httpx.Request] = []

    def serve(request: httpx.Request) -> httpx.Response:
        answers.append(request)
        return httpx.Response(200, json={"value": [FILE, ITEM, UNKNOWN]})

    page = builder(serve).get()

    assert [type(a) for a in page.value] == [FileAttachment, ItemAttachment, Attachment]
    assert answers[0].url.path == "/beta/attachments"


def test_writes_carry_odata_type_where_the_service_needs_it() -> None:
    """A derived type, or a base with derived types, says which it is; other types do not."""
    file = FileAttachment(name="a.txt", content_bytes=b"hi")
    thing = OpenThing(name="x")

    assert list(file.checked("create").items()) == [
        ("@odata.type", "#microsoft.graph.fileAttachment"),
        ("name", "a.txt"),
        ("contentBytes", "aGk="),
    ]
    assert thing.checked("create") == {"name": "x"}
    assert "@odata.type" not in file.to_dict()


def test_posting_an_abstract_type_is_refused_naming_the_derived_types() -> None:
    sent: list[httpx.Request] = []

    def serve(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, json=FILE)

    with pytest.raises(ValidationError) as caught:
        builder(serve).post(Attachment(name="a.txt"))

    [issue] = caught.value.errors
    assert issue.path == ""
    assert "microsoft.graph.attachment is abstract" in issue.message
    assert "microsoft.graph.fileAttachment" in issue.message
    assert "microsoft.graph.itemAttachment" in issue.message
    assert sent == []


def test_a_posted_derived_instance_comes_back_as_its_class() -> None:
    sent: list[httpx.Request] = []

    def serve(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(201, json=FILE)

    created = builder(serve).post(FileAttachment(name="notes.txt", content_bytes=b"x"))

    assert load(sent[0].content)["@odata.type"] == "#microsoft.graph.fileAttachment"
    assert type(created) is FileAttachment


def test_a_closed_type_refuses_undeclared_properties_on_write() -> None:
    """additional_data survives a round trip, but a closed type cannot send it."""
    message = Message.from_dict({"subject": "hi", "importance": "high"})
    opened = OpenThing.from_dict({"name": "x", "colour": "blue"})

    with pytest.raises(ValidationError) as caught:
        message.checked("create")
    assert [str(e) for e in caught.value.errors] == [
        "/importance: not a property of microsoft.graph.message"
    ]
    nested = Message(pinned=FileAttachment(content_bytes=b"x"))
    nested.pinned.additional_data["colour"] = "blue"  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as inner:
        nested.checked("update")
    assert [e.path for e in inner.value.errors] == ["/pinned/colour"]
    assert opened.checked("update") == {"name": "x", "colour": "blue"}


class Attachments(RequestBuilder[RequestAdapter]):
    """A builder as the generator writes one, for the tests above."""

    def get(self) -> Page[Attachment]:
        return self._session.send(self._list(Attachment, (200,)))

    def post(self, body: Attachment) -> Attachment:
        return self._session.send(self._create(Attachment, body, (201,)))


def builder(serve: Any) -> Attachments:
    http = httpx.Client(transport=httpx.MockTransport(serve))
    settings = Settings("https://graph.test/beta", "token", 0, 0.0)
    return Attachments(RequestAdapter(settings, http), "/attachments")


def test_generated_derived_types_behave_as_these() -> None:
    """The classes generated from tests/fixtures/specs/inheritance, through their builders."""
    package = packages.inheritance()
    models = package.models
    sent: list[httpx.Request] = []

    def serve(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.method == "POST":
            return httpx.Response(201, content=request.content)
        return httpx.Response(200, json={"value": [FILE, ITEM, UNKNOWN]})

    http = httpx.Client(transport=httpx.MockTransport(serve))
    with package.GraphClient(
        "token", base_url="https://graph.test/v1.0", http_client=http
    ) as client:
        attachments = client.me.messages.by_message_id("m-1").attachments
        page = attachments.get()
        created = attachments.post(models.FileAttachment(name="a", content_bytes=b"x"))
        with pytest.raises(package.ValidationError) as caught:
            attachments.post(models.Attachment(name="b"))

    kinds = [type(a) for a in page.value]
    assert kinds == [models.FileAttachment, models.ItemAttachment, models.Attachment]
    assert page.value[2].additional_data == {"sourceUrl": "https://example.com/file"}
    assert type(created) is models.FileAttachment
    assert next(iter(load(sent[1].content))) == "@odata.type"
    assert "microsoft.graph.fileAttachment" in caught.value.errors[0].message
    assert [r.method for r in sent] == ["GET", "POST"]


def test_the_generated_tests_of_derived_types_and_enums_pass() -> None:
    """Every type gets generated tests, an enum too (its members, both ways, and a value it
    lacks kept)."""
    package = packages.inheritance()
    names = [name for name, _ in packages.generated_tests(package)]
    assert any("test_body_type::TestBodyType::test_every_member" in n for n in names)
    assert any("TestModality::test_a_value_it_lacks_is_kept" in n for n in names)
    ran, failures = packages.run_generated_tests(package)
    assert ran == len(names) and failures == []


def test_the_generated_package_passes_ruff() -> None:
    """Types with no property of their own, enums and `__all__` lists as ruff wants them."""
    package = packages.inheritance()
    folder = Path(package.__path__[0])
    assert (folder / "models" / "event_attachment.py").exists()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--no-cache",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
