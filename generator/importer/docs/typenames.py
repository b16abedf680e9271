"""Type cells as the pages write them (`[customer](...) collection`, `Edm.Int32`) to spec type names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from generator.importer.docs import inline
from generator.odata.typeref import is_qualified, normalise
from generator.odata.types import PRIMITIVES

_BY_LOWER = {name.lower(): name for name in PRIMITIVES}
# Spellings the pages use that are not OData names; mapping them is a decision worth reporting.
ALIASES = {a: p.name for p in PRIMITIVES.values() for a in p.docs}
# Spellings that name a primitive only when written bare: `[timeStamp](timestamp.md)` is a type.
BARE_ALIASES = {a: p.name for p in PRIMITIVES.values() for a in p.docs_bare}
_COLLECTION = re.compile(
    r"^(?:collection\s*\(\s*(?P<a>.+?)\s*\)|collection\s+of\s+(?P<b>.+?)|(?P<c>.+?)\s+collection)$",
    re.IGNORECASE,
)
# `String (url)`, `String (identifier)`, `[itemAnalytics][] resource`: a type with a remark.
_REMARK = re.compile(
    r"^(?P<type>.+?)\s*(?:\((?P<note>[^()]*)\)|\s(?:resource|object|type))$"
)
_UNION = re.compile(r"\s+or\s+", re.IGNORECASE)
_SENTENCE = re.compile(r"\.\s+[A-Z]")


@dataclass(frozen=True)
class TypeRef:
    name: str
    collection: bool
    link: str | None
    written: str
    alias: bool = False
    primitive: bool = False
    alternatives: tuple[TypeRef, ...] = ()

    @property
    def spelled(self) -> str:
        return f"Collection({self.name})" if self.collection else self.name


def written(cell: str) -> str:
    """The cell as text: no link markup, emphasis or code marks."""
    return inline.plain(cell).replace("`", "").replace("*", "").strip()


def parse_type(cell: str, references: Mapping[str, str] = {}) -> TypeRef | None:
    """A type cell to a reference; None when it is not a type name at all."""
    parts = [p for p in _UNION.split(cell.strip()) if written(p).lower() != "null"]
    if len(parts) == 1:
        return _single(parts[0], references)
    if len(parts) > 1:
        refs = [parse_type(part, references) for part in parts]
        if any(r is None for r in refs):
            return None
        found = tuple(r for r in refs if r is not None)
        return TypeRef(
            found[0].name,
            found[0].collection,
            found[0].link,
            written(cell),
            primitive=found[0].primitive,
            alternatives=found,
        )
    return _single(cell, references)


def _single(cell: str, references: Mapping[str, str]) -> TypeRef | None:
    found = inline.links(cell, references)
    link = found[0][1] if found else None
    text = written(cell)
    text = text[: m.start()] if (m := _SENTENCE.search(text)) else text
    item, collection, remark = _shape(text.rstrip(". "))
    item = normalise(item)
    alias = remark or (item != text and not collection and item.lower() != text.lower())
    if item.lower() in _BY_LOWER:
        return TypeRef(
            _BY_LOWER[item.lower()],
            collection,
            link,
            text,
            alias=remark,
            primitive=True,
        )
    aliases = ALIASES if link else {**ALIASES, **BARE_ALIASES}
    if item.lower() in aliases:
        return TypeRef(
            aliases[item.lower()], collection, link, text, alias=True, primitive=True
        )
    if not is_qualified(item):
        return None
    return TypeRef(item, collection, link, text, alias=bool(alias and remark))


def _shape(text: str) -> tuple[str, bool, bool]:
    """(item type, is a collection, had a remark) of a cell's text."""
    remark = False
    for _ in range(3):
        collection = _COLLECTION.match(text)
        if collection:
            inner = next(g for g in collection.groups() if g)
            item, _, more = _shape(inner)
            return item, True, remark or more
        match = _REMARK.match(text)
        if not match or not is_qualified(normalise(match.group("type"))):
            break
        text, remark = match.group("type"), True
    return text.strip(), False, remark
