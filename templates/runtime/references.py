"""`$ref`: the links a navigation property holds, read, added and removed without the
entities themselves (a group's members)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

import msgspec

from .calls import Page, expect_json
from .validation import Issue, ValidationError
from .wire import encode

if TYPE_CHECKING:
    import httpx


class Reference(msgspec.Struct, frozen=True):
    """One link of a `$ref`: the `@odata.id` of the entity it points to."""

    url: str = msgspec.field(name="@odata.id")

    @property
    def id(self) -> str:
        """The key the link ends with (`.../directoryObjects/{id}`), a type cast after it
        (`/Microsoft.DirectoryServices.User`) left out."""
        segments = [s for s in urlsplit(self.url).path.split("/") if s]
        while len(segments) > 1 and _cast(segments[-1]):
            segments.pop()
        last = unquote(segments[-1]) if segments else ""
        if last.endswith(")") and "(" in last:  # users('id') or users(id)
            last = last[last.index("(") + 1 : -1].strip("'").replace("''", "'")
        return last


class _WireReferences(msgspec.Struct):
    value: list[Reference]
    next_link: str | None = msgspec.field(default=None, name="@odata.nextLink")


def _cast(segment: str) -> bool:
    """`microsoft.graph.user`: a namespace-qualified type name, not a key."""
    parts = segment.split(".")
    return len(parts) > 2 and all(p.isidentifier() for p in parts)


def reads_references(response: httpx.Response) -> Page[Reference]:
    """GET `$ref` of a collection answers a page of links."""
    expect_json(response)
    try:
        wire = msgspec.json.decode(response.content, type=_WireReferences)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise ValidationError([Issue("/value", str(error))]) from None
    return Page(wire.value, wire.next_link, url=str(response.url))


def reads_reference(response: httpx.Response) -> Reference:
    """GET `$ref` of a single-valued navigation answers one link."""
    expect_json(response)
    try:
        return msgspec.json.decode(response.content, type=Reference)
    except (msgspec.ValidationError, msgspec.DecodeError) as error:
        raise ValidationError([Issue("/@odata.id", str(error))]) from None


def reference_body(base_url: str, entity_set: str, id_or_url: str) -> bytes:
    """`{"@odata.id": ...}`: a link as given, or an id as a link into the entity's set."""
    if "://" in id_or_url:
        link = id_or_url
    elif id_or_url.strip() in ("", ".", ".."):
        message = f"{id_or_url!r} is not an id: it would address another resource"
        raise ValueError(message)
    else:
        link = f"{base_url}{entity_set}/{quote(id_or_url, safe='')}"
    return encode({"@odata.id": link})
