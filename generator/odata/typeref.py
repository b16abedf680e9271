"""Type names as specs, CSDL and docs pages write them, read once: identifiers, `Collection(...)`,
namespaces, and structured references."""

from __future__ import annotations

import re
from collections.abc import Collection, Container
from dataclasses import dataclass
from typing import Literal

from generator.odata.types import CSDL_PREFIX, PRIMITIVES

DEFAULT_NAMESPACE = "microsoft.graph"
Kind = Literal["primitive", "complex", "enum", "entity"]

# An OData simple identifier (a property, type or parameter name) and a dotted qualified name.
IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
QUALIFIED = rf"{IDENTIFIER}(?:\.{IDENTIFIER})*"
_IDENTIFIER = re.compile(IDENTIFIER)
_QUALIFIED = re.compile(QUALIFIED)
# Only one level, never nested: a list of lists is no OData type.
_COLLECTION = re.compile(r"Collection\((?P<item>[^()]+)\)")
_PREFIX = re.compile(rf"(?:{re.escape(CSDL_PREFIX)}|{re.escape(DEFAULT_NAMESPACE)}\.)")


def is_identifier(text: str) -> bool:
    """Whether the text is one OData identifier, as names of properties and types are."""
    return _IDENTIFIER.fullmatch(text) is not None


def is_qualified(text: str) -> bool:
    """Whether the text is an identifier or several joined by dots (`callRecords.session`)."""
    return _QUALIFIED.fullmatch(text) is not None


def collection(text: str) -> str | None:
    """The item type of `Collection(T)` as written (stripped); None for a single value."""
    match = _COLLECTION.fullmatch(text.strip())
    return match["item"].strip() if match else None


def normalise(type_name: str) -> str:
    """Drop the one `Edm.` or `microsoft.graph.` prefix that CSDL and some pages write."""
    text = type_name.strip()
    match = _PREFIX.match(text)
    return text[match.end() :] if match else text


def collection_item(type_name: str) -> str | None:
    """The item type of `Collection(X)`, without its prefix; None for a single value."""
    item = collection(type_name)
    return normalise(item) if item is not None else None


@dataclass(frozen=True, order=True)
class TypeRef:
    """A resolved type: a primitive by its OData name, or a spec's type by its qualified name."""

    kind: Kind
    name: str
    collection: bool = False

    @property
    def item(self) -> TypeRef:
        """The single value of a collection (itself when it is not one)."""
        return TypeRef(self.kind, self.name) if self.collection else self

    @property
    def wire(self) -> str:
        """How the generated validation rules spell it: `Decimal`, `Collection(microsoft.graph.x)`."""
        return f"Collection({self.name})" if self.collection else self.name

    @property
    def is_model(self) -> bool:
        """Complex and entity values are objects with a generated model class."""
        return self.kind in ("complex", "entity")


@dataclass(frozen=True)
class Written:
    """A type name as written: its item name without `Edm.`, and whether it is a collection."""

    name: str
    collection: bool


def split(text: str) -> Written:
    """`Collection(Edm.String)` -> (`String`, collection); `microsoft.graph.x` stays qualified."""
    item = collection(text)
    return Written(
        (text.strip() if item is None else item).removeprefix(CSDL_PREFIX),
        item is not None,
    )


def qualify(name: str, namespace: str) -> str:
    """A type name in a namespace: `x` in `microsoft.graph` is `microsoft.graph.x`."""
    return f"{namespace}.{name}"


def candidates(name: str, namespace: str) -> list[str]:
    """The qualified names a written name may stand for, in the order they are tried.

    A bare name is looked up in the spec's own namespace, then in microsoft.graph; a dotted one
    is exact, or relative to microsoft.graph (`callRecords.session`).
    """
    if "." not in name:
        found = [qualify(name, namespace), qualify(name, DEFAULT_NAMESPACE)]
    elif name.startswith(f"{DEFAULT_NAMESPACE}."):
        found = [name]
    else:
        found = [name, qualify(name, DEFAULT_NAMESPACE)]
    return list(dict.fromkeys(found))


def resolve(text: str, namespace: str, kinds: dict[str, Kind]) -> TypeRef | None:
    """A written type to a reference; None when it names no primitive and no known type.

    `kinds` maps every known qualified type name to its kind.
    """
    written = split(text)
    if written.name in PRIMITIVES:
        return TypeRef("primitive", written.name, written.collection)
    for qualified in candidates(written.name, namespace):
        if qualified in kinds:
            return TypeRef(kinds[qualified], qualified, written.collection)
    return None


def short(qualified: str, namespace: str, known: Container[str] = ()) -> str:
    """The shortest spelling that resolves back to `qualified` from `namespace`."""
    space, _, name = qualified.rpartition(".")
    if space == namespace or (
        space == DEFAULT_NAMESPACE and qualify(name, namespace) not in known
    ):
        return name
    return qualified


def spec_type(ref: str, namespace: str, known: Collection[str]) -> str:
    """A spec's type reference as the metadata writes it: `Edm.Guid`, `ns.name`, `Collection(T)`.

    Names resolve as the generator resolves them (`candidates`); `known` holds the
    qualified names of the specs, and a name none of them has resolves to the last place looked.
    """
    written = split(ref)
    if written.name in PRIMITIVES or (collection(ref) or ref.strip()).startswith(
        CSDL_PREFIX
    ):
        name = f"{CSDL_PREFIX}{written.name}"
    else:
        places = candidates(written.name, namespace)
        name = next((p for p in places if p in known), places[-1])
    return f"Collection({name})" if written.collection else name
