"""Type cells as the pages write them (`[customer](...) collection`, `Edm.Int32`) to spec type names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer import inline
from generator.types import PRIMITIVES, collection_item, normalise

_BY_LOWER = {name.lower(): name for name in PRIMITIVES}
# Spellings the pages use that are not OData names; mapping them is a decision worth reporting.
ALIASES = {
    "integer": "Int32",
    "int": "Int32",
    "bool": "Boolean",
    "datetime": "DateTimeOffset",
    "float": "Double",
}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SUFFIX = re.compile(r"^(?P<item>.+?)\s+collection$", re.IGNORECASE)


@dataclass(frozen=True)
class TypeRef:
    name: str
    collection: bool
    link: str | None
    written: str
    alias: bool = False
    primitive: bool = False

    @property
    def spelled(self) -> str:
        return f"Collection({self.name})" if self.collection else self.name


def parse_type(cell: str) -> TypeRef | None:
    """A type cell to a reference; None when it is not a type name at all."""
    found = inline.links(cell)
    link = found[0][1] if found else None
    written = inline.plain(cell).replace("`", "").replace("*", "").strip()
    collection, item = False, written
    inner = collection_item(written)
    suffix = _SUFFIX.match(written)
    if inner is not None:
        collection, item = True, inner
    elif suffix:
        collection, item = True, suffix.group("item")
    item = normalise(item.strip())
    if item.lower() in _BY_LOWER:
        return TypeRef(
            _BY_LOWER[item.lower()], collection, link, written, primitive=True
        )
    if item.lower() in ALIASES:
        return TypeRef(
            ALIASES[item.lower()], collection, link, written, alias=True, primitive=True
        )
    if not _NAME.match(item):
        return None
    return TypeRef(item, collection, link, written)
