"""The base type the docs give a type: the page's, else entity for a type with a key (Graph
entities derive from it), else none; financials entities keep their own key.

In: a type's page, the docs' index and how the run finds a type by name. Out: the `Base`, with
the decision taken to get it.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.importer.docs.index import GRAPH, Index
from generator.importer.docs.resolved import Base
from generator.importer.docs.resource import ResourcePage
from generator.importer.types.entities import financial, looks_like_entity

ENTITY = f"{GRAPH}.entity"
# How the run finds the qualified name a reference means: (name, namespace, link, page file).
Find = Callable[[str, str, str | None, str], str | None]


def docs_base(res: ResourcePage, qualified: str, index: Index, find: Find) -> Base:
    """The base type the pages give a type, or the entity a keyed type derives from, or none:
    each reading other than the page's own a decision (the metadata's is decided after).
    """
    if qualified.lower() == ENTITY.lower() or res.kind == "enum":
        return Base(None, 1)
    financials = financial(res, index)
    missing = ""
    if res.base:
        found = find(res.base, res.namespace, None, res.page.file)
        if found and found.lower() == ENTITY.lower() and financials:
            return Base(
                None,
                res.base_line,
                "base type entity not used: financials entities have their own key id "
                "(a Guid in the service metadata)",
                "type.financials-base",
            )
        if found and found.lower() != qualified.lower():
            return Base(found, res.base_line)
        missing = f"base type {res.base} is documented nowhere in the docs"
    line = res.base_line if res.base else res.block_line
    keyless = res.origin == "metadata" and res.kind == "entity" and not res.key
    if res.origin == "metadata" and not keyless:
        rule = "type.base-undocumented" if missing else ""
        return Base(
            None, line, missing, rule
        )  # its key is its own, as the metadata says
    entity = res.key == "id" or (res.key is None and looks_like_entity(res, index))
    if not (entity or keyless) or financials:
        return Base(
            None,
            line,
            f"{missing}: its properties are missing" if missing else "",
            "type.base-undocumented" if missing else "",
        )
    why = missing or (
        "the metadata gives it no base type and no key"
        if keyless
        else "the page names no base type"
    )
    return Base(
        ENTITY,
        line,
        f"entity: {why}; Graph entities derive from entity, which gives the key id",
        "type.entity-base",
    )
