"""Relationships to navigation, kept only toward resources that are imported too."""

from __future__ import annotations

import re
from typing import Any

from generator.importer.docs import inline
from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.importer.log import Log
from generator.importer.operations.entries import operation
from generator.importer.operations.linked import Linked
from generator.importer.types import metanav
from generator.importer.types.context import Context

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def navigation(
    res: ResourcePage,
    qualified: str,
    rows: list[Member],
    linked: list[Linked],
    ctx: Context,
    log: Log,
) -> dict[str, Any]:
    """The navigation rows, with the operations their pages document; kept toward imported types."""
    result: dict[str, Any] = {}
    inherited = ctx.inherited(qualified)
    for rel in metanav.rows(ctx.catalog, qualified, rows, log):
        if rel.name in inherited:
            log.decide(
                res.page.file,
                rel.line,
                f"navigation.{rel.name}",
                f"inherited from {inherited[rel.name]}: the base type's spec has it; dropped here",
                rule="navigation.inherited",
            )
            continue
        pages = [p for p in linked if p.kind == "navigation" and p.name == rel.name]
        refs = [p for p in linked if p.kind == "ref" and p.name == rel.name]
        entry = _entry(res, rel, pages, refs, ctx, log)
        declared = metanav.declared(ctx.catalog, qualified, rel.name)
        held = (
            ctx.kind(qualified) != "entity"
        )  # a complex type's is read with its value
        if (
            entry is not None
            and not pages
            and declared
            and ctx.catalog.service
            and not held
        ):
            metadata = ctx.catalog.service.metadata
            owner = ctx.catalog.service.type(qualified)
            assert owner is not None
            entry["operations"] = metanav.operations(
                metadata, owner.qualified_name, declared
            )
        if entry is not None:
            result[rel.name] = entry
            items = [p for p in linked if p.kind == "item" and p.name == rel.name]
            _items(res, rel, items, ctx, log)
    _unwritten(res, linked, result, log)
    return result


def _unwritten(
    res: ResourcePage, linked: list[Linked], written: dict[str, Any], log: Log
) -> None:
    """A Methods row of a navigation property the spec does not write is skipped with it."""
    for page in linked:
        if page.kind in ("navigation", "ref", "item") and page.name not in written:
            log.decide(
                res.page.file,
                page.row.line,
                f"navigation.{page.name}",
                f"{page.row.title!r} skipped: the spec writes no navigation property "
                f"{page.name} (see its row's decision)",
                rule="navigation.page-skipped",
            )


def _entry(
    res: ResourcePage,
    rel: Member,
    pages: list[Linked],
    refs: list[Linked],
    ctx: Context,
    log: Log,
) -> dict[str, Any] | None:
    file = res.page.file
    resolved = ctx.catalog.resolve(rel, res, "navigation")
    ref = resolved.ref
    if not _NAME.match(rel.name) or ref is None or ref.primitive:
        log.decide(
            file,
            rel.line,
            "navigation",
            f"row {rel.name[:60]!r} skipped: {inline.plain(rel.type)[:60]!r} is not a resource",
            rule="navigation.not-resource",
        )
        return None
    target = resolved.target
    if target is None or not ctx.is_imported(target):
        log.decide(
            file,
            rel.line,
            f"navigation.{rel.name}",
            f"navigation {rel.name} skipped: resource {ref.name.rsplit('.', 1)[-1]} not imported",
            says_where=True,
            rule="navigation.not-imported",
        )
        return None
    if resolved.decision:
        log.decide(
            file,
            rel.line,
            f"navigation.{rel.name}",
            resolved.decision,
            rule=resolved.rule,
        )
    entry: dict[str, Any] = {"type": resolved.spelled(ctx.catalog, res.namespace)}
    description, _ = inline.without_todo(rel.description)
    if description:
        entry["description"] = description
    operations = _operations(res, rel, ref.collection, pages, ctx, log)
    if operations:
        entry["operations"] = operations
    references = _references(res, rel, ref.collection, refs, log)
    if references:
        entry["ref"] = references
    return entry


def _references(
    res: ResourcePage, rel: Member, many: bool, pages: list[Linked], log: Log
) -> list[str]:
    """`$ref` of the navigation property: get, post and delete on a collection; get, put and
    delete on a single value; another is skipped (a decision)."""
    allowed = ("get", "post", "delete") if many else ("get", "put", "delete")
    found: list[str] = []
    for linked in pages:
        log.used(linked.file)
        if linked.op not in allowed:
            log.decide(
                res.page.file,
                linked.row.line,
                f"navigation.{rel.name}.ref",
                f"{linked.row.title!r} skipped: {linked.method} of $ref on a "
                f"{'collection' if many else 'single-valued'} navigation property",
                rule="navigation.ref-method",
            )
        elif linked.op not in found:
            found.append(linked.op)
    return found


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
        verb = linked.method
        if verb == "POST" and not many:
            log.decide(
                res.page.file,
                linked.row.line,
                f"navigation.{rel.name}",
                f"create skipped: {linked.file} POSTs to a single-valued navigation, which holds one "
                "object; create it in its own collection",
                rule="navigation.create-single",
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
                rule="navigation.single-valued",
            )
        if op not in found:
            found.append(op)
    return found


def _items(
    res: ResourcePage, rel: Member, pages: list[Linked], ctx: Context, log: Log
) -> None:
    """Operations on the navigation property's items are its target type's: handed on to that
    type's spec (`importer.carried`), which decides whether it takes them."""
    target = ctx.catalog.resolve(rel, res, "navigation").target
    for page in pages:
        log.used(page.file)
        entry = operation(page.op, page.api, page.method, log)
        if target is not None:
            log.items.append((target, page.op, entry, res.page.file, page.row.line))
