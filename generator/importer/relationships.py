"""Relationships to navigation, kept only toward resources that are imported too."""

from __future__ import annotations

import re
from typing import Any

from generator.importer import inline
from generator.importer.classify import Linked
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.pages import resource_path
from generator.importer.resource import ResourcePage
from generator.importer.tables import Member
from generator.importer.typenames import parse_type

# The one switch: keep navigation toward a resource that has a page in the docs but is not imported.
KEEP_NAVIGATION_TO_UNIMPORTED = False
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def navigation(
    res: ResourcePage, linked: list[Linked], ctx: Context, log: Log
) -> dict[str, Any]:
    """The Relationships table as navigation, with the operations its pages document."""
    result: dict[str, Any] = {}
    for rel in res.relationships:
        entry = _entry(
            res,
            rel,
            [p for p in linked if p.kind == "navigation" and p.name == rel.name],
            ctx,
            log,
        )
        if entry is not None:
            result[rel.name] = entry
    return result


def _entry(
    res: ResourcePage, rel: Member, pages: list[Linked], ctx: Context, log: Log
) -> dict[str, Any] | None:
    file = res.page.file
    ref = parse_type(rel.type)
    if not _NAME.match(rel.name) or ref is None or ref.primitive:
        log.error(
            file,
            rel.line,
            f"relationship {rel.name[:60]!r}: {inline.plain(rel.type)[:60]!r} is not a resource",
        )
        return None
    target = ctx.imported.get(ref.name.lower())
    keep = KEEP_NAVIGATION_TO_UNIMPORTED and ctx.reader.exists(resource_path(ref.name))
    if target is None and not keep:
        log.decide(
            file,
            rel.line,
            f"navigation.{rel.name}",
            f"navigation {rel.name} skipped: resource {ref.name} not imported",
            says_where=True,
        )
        return None
    name = target.name if target else ref.name
    entry: dict[str, Any] = {"type": f"Collection({name})" if ref.collection else name}
    description, _ = inline.without_todo(rel.description)
    if description:
        entry["description"] = description
    operations = _operations(res, rel, ref.collection, pages, ctx, log)
    if operations:
        entry["operations"] = operations
    return entry


def _operations(
    res: ResourcePage,
    rel: Member,
    many: bool,
    pages: list[Linked],
    ctx: Context,
    log: Log,
) -> list[str]:
    """GET is list (get when single-valued, a decision if its page says collection); POST is create."""
    found: list[str] = []
    for linked in pages:
        ctx.reader.page(linked.file)
        log.used(linked.file)
        verb = linked.api.routes[0].method
        if verb == "POST" and not many:
            log.decide(
                res.page.file,
                linked.row.line,
                f"navigation.{rel.name}",
                f"create skipped: {linked.file} POSTs to a single-valued navigation, which holds one "
                "object; create it in its own collection",
            )
            continue
        op = "create" if verb == "POST" else "list" if many else "get"
        says = linked.api.says_collection or "collection" in linked.row.returns.lower()
        if op == "get" and says:
            log.decide(
                res.page.file,
                linked.row.line,
                f"navigation.{rel.name}",
                f"single-valued, as the Relationships table says (line {rel.line}); {linked.file} says it "
                "returns a collection: GET returns one object",
            )
        if op not in found:
            found.append(op)
    return found
