"""Navigation as the metadata declares it: a row's target type and collection-ness, the
navigation the page does not list, and what each offers (containment and capabilities).

Each difference with the page is a decision at the page's line naming the metadata's line; a
row the metadata does not declare is kept, as the page lists it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from generator.importer.docs import inline
from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.importer.log import Log
from generator.importer.metadata import fromcsdl
from generator.odata.edm import CAPABILITIES, Metadata, PropertyInfo

if TYPE_CHECKING:
    from generator.importer.types.catalog import Catalog

_INSERT = (f"{CAPABILITIES}.InsertRestrictions", "Insertable")
_UPDATE = (f"{CAPABILITIES}.UpdateRestrictions", "Updatable")
_GRAPH = "microsoft.graph."


def rows(
    catalog: Catalog, qualified: str, found: list[Member], log: Log | None
) -> list[Member]:
    """The navigation rows as the metadata has them, then the ones only it declares."""
    service = catalog.service
    info = service.type(qualified) if service else None
    if service is None or info is None:
        return found
    res = catalog.resource(qualified)
    kept: list[Member] = []
    for row in found:
        theirs = info.own(row.name)
        written = fromcsdl.cell(theirs.type) if theirs and theirs.navigation else None
        if theirs is None or written is None or res.origin == "metadata":
            if _undeclared(catalog, qualified, row, log):
                kept.append(row)
            continue
        ours = replace(row, type=written)
        if _type_of(catalog, row, res) != _type_of(catalog, ours, res):
            note = (
                f"{theirs.type.replace(_GRAPH, '')}, as the metadata says "
                f"({service.where(theirs.line)}); the page says {inline.plain(row.type)}"
            )
            _say(
                "metadata.navigation-type", log, res.page.file, row.line, row.name, note
            )
        kept.append(ours)
    return kept + _only_declared(catalog, qualified, res, log)


def _only_declared(
    catalog: Catalog, qualified: str, res: ResourcePage, log: Log | None
) -> list[Member]:
    """The navigation the metadata declares on the type that no page of it or its bases lists."""
    assert catalog.service is not None
    info = catalog.service.type(qualified)
    listed = {m.name for m in (*res.properties, *res.relationships)}
    listed |= set(catalog.inherited(qualified))
    found: list[Member] = []
    for nav in info.navigation if info else ():
        written = fromcsdl.cell(nav.type)
        if nav.name in listed or written is None:
            continue
        found.append(Member(nav.name, written, "", _line(res, nav)))
        if res.origin != "metadata":
            note = (
                f"{nav.type.replace(_GRAPH, '')}, added from the metadata "
                f"({catalog.service.where(nav.line)}): the page does not list it"
            )
            _say(
                "metadata.navigation-added",
                log,
                res.page.file,
                found[-1].line,
                nav.name,
                note,
            )
    return found


def operations(metadata: Metadata, owner: str, nav: PropertyInfo) -> list[str]:
    """What a navigation property's builder offers, from its containment and capabilities:
    a contained set lists and creates, another only lists; a contained object is read and
    updated, another only read."""
    target = f"{owner}/{nav.name}"

    def allowed(term: tuple[str, str]) -> bool:
        value = metadata.term(target, term[0])
        return not (isinstance(value, dict) and value.get(term[1]) is False)

    if nav.type.startswith("Collection("):
        return ["list", "create"] if nav.contained and allowed(_INSERT) else ["list"]
    return ["get", "update"] if nav.contained and allowed(_UPDATE) else ["get"]


def declared(catalog: Catalog, qualified: str, name: str) -> PropertyInfo | None:
    """The metadata's navigation property of that name on the type, if it has one."""
    info = catalog.service.type(qualified) if catalog.service else None
    found = info.own(name) if info else None
    return found if found is not None and found.navigation else None


def _undeclared(catalog: Catalog, qualified: str, row: Member, log: Log | None) -> bool:
    """Whether a row the metadata does not declare on the type stays: not when a base type
    declares it (its spec has it), else kept as the page lists it (a decision either way).
    """
    service = catalog.service
    info = service.type(qualified) if service else None
    if service is None or info is None or info.own(row.name) is not None:
        return True
    inherited = service.metadata.find_property(info.qualified_name, row.name)
    file = catalog.resource(qualified).page.file
    if inherited is None:
        where = service.where(info.line)
        note = f"not in the metadata type {info.qualified_name} ({where}): kept, as the page lists it"
        _say("metadata.navigation-undeclared", log, file, row.line, row.name, note)
        return True
    where = service.where(inherited.line)
    owner = catalog.documented(inherited.owner)
    chain = {c.lower() for c in catalog.chain(qualified)[1:]}
    if owner is not None and owner.lower() in chain:
        note = f"declared on {owner.rsplit('.', 1)[-1]} in the metadata ({where}): the base type's spec has it; dropped here"
        _say("metadata.navigation-on-base", log, file, row.line, row.name, note)
        return False
    note = f"declared on {inherited.owner} in the metadata ({where}), not on {info.name}: kept, as the page lists it"
    _say("metadata.navigation-declared-elsewhere", log, file, row.line, row.name, note)
    return True


def _type_of(
    catalog: Catalog, row: Member, res: ResourcePage
) -> tuple[str | None, bool]:
    """What a row's type cell resolves to: the target and whether it is a collection."""
    resolved = catalog.resolve(row, res, "navigation")
    collection = resolved.ref.collection if resolved.ref else False
    return (resolved.target or "").lower() or None, collection


def _line(res: ResourcePage, nav: PropertyInfo) -> int:
    """Where a decision about a navigation only the metadata has stands: its line in the
    metadata for a type written from it, else the page's Relationships section."""
    if res.origin == "metadata":
        return nav.line
    section = res.page.section("Relationships") or res.page.section("Properties")
    return section.line if section else res.block_line


def _say(
    rule: str, log: Log | None, file: str, line: int, name: str, decision: str
) -> None:
    if log is not None:
        log.decide(file, line, f"navigation.{name}", decision, rule=rule)
