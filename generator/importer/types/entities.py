"""What makes a type an entity when its page says less: an id that is a key or has operations,
the financials API's own keys, and the OData base of Graph entities for docs that lack it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.importer.docs.api import read_api
from generator.importer.docs.index import GRAPH, Index
from generator.importer.docs.markdown import Page
from generator.importer.docs.pages import link_target
from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.importer.types.addressing import addressed_by_key


def looks_like_entity(res: ResourcePage, index: Index) -> bool:
    """No key and no base, but an id that is a key or has operations of its own, or operations
    that address it by key: an entity whose page says less (navigation alone is not enough:
    complex types have it too)."""
    if res.kind != "complex":
        return False
    ids = [m for m in res.properties if m.name == "id"]
    operations = any(
        m.link and "api/" in (link_target(m.link) or "") for m in res.methods
    )
    keyed = any(re.search(r"\bkey\b", m.description, re.IGNORECASE) for m in ids)
    return (bool(ids) and (operations or keyed)) or addressed_by_key(res, index.reader)


def financial(res: ResourcePage, index: Index) -> bool:
    """An entity of the financials API: its pages route it under /financials/."""
    for method in res.methods:
        target = link_target(method.link, "resources") if method.link else None
        page = index.reader.page(target, used=False) if target else None
        if page is not None and target and target.startswith("api/"):
            routes = read_api(_quiet(page)).routes
            return any(r.path.startswith("/financials/") for r in routes)
    return False


def _quiet(page: Page) -> Page:
    """The page, its problems kept to itself: this look only decides a base type."""
    return replace(page, problems=[])


def builtin_entity(file: str, line: int) -> ResourcePage:
    """The OData base of Graph entities, for docs folders that have no page for it: its decisions
    stand at the line of the first page that derives from it."""
    page = Page(file, [], {}, [], [], [])
    row = Member(
        "id", "String", "The unique identifier of the entity. Read-only.", line
    )
    return ResourcePage(
        page=page,
        name="entity",
        kind="entity",
        namespace=GRAPH,
        description="The base type of Graph entities: it gives them the key id.",
        description_line=line,
        base=None,
        base_line=line,
        key="id",
        block_line=line,
        open_type=False,
        abstract=True,
        methods=(),
        properties=(row,),
        relationships=(),
        members=(),
        representation=None,
        origin="built-in",
    )
