"""One type's page and its linked pages to a spec (as plain data), with every decision logged."""

from __future__ import annotations

from typing import Any

from generator.importer.docs import inline
from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.metadata import described, evolvable, metaprops
from generator.importer.operations import buildops, endpoints
from generator.importer.operations.classify import linked_pages
from generator.importer.operations.settle import settled
from generator.importer.specs.properties import properties, split_rows, todo_count
from generator.importer.specs.readonly import BodyRow
from generator.importer.specs.relationships import navigation
from generator.importer.types.context import Context


def build(qualified: str, ctx: Context) -> tuple[dict[str, Any], Log]:
    """The spec of one type, in the key order a reviewer reads."""
    log = Log()
    kind = ctx.kind(qualified)  # may read the page again as another kind
    res = ctx.catalog.resource(qualified)
    service = ctx.catalog.service
    if res.origin != "metadata":
        ctx.reader.page(res.page.file)  # its problems are reported
    log.used(res.page.file)
    missing = service.missing(qualified) if service else ""
    if missing:
        log.decide(
            res.page.file, res.block_line, "name", missing, rule="metadata.type-missing"
        )
    info = service.find(qualified) if service else None
    if res.origin == "metadata" and info is not None:
        docs = ctx.reader.root is not None
        described.type_notes(res, info, res.page.file, log, docs=docs)
    if res.origin == "built-in":
        log.decide(
            res.page.file,
            res.block_line,
            "name",
            "entity: no page of the docs documents it; the OData base type of Graph entities "
            "is written: abstract, key id (String, read-only)",
            rule="type.entity-built-in",
        )
    for line, at, decision, rule in res.readings:
        log.decide(res.page.file, line, at, decision, rule=rule)
    spec: dict[str, Any] = {"name": res.name, "kind": kind, "namespace": res.namespace}
    _description(res, spec, log)
    _base(qualified, res, spec, ctx, log)
    if kind == "enum":
        members, flags = evolvable.members_and_flags(
            res, qualified, _members(res, log), ctx.catalog.service, log
        )
        if flags:
            spec["flags"] = True
        spec["members"] = members
        spec["notes"] = log.notes
        return spec, log
    if not res.properties and res.origin == "page" and res.page.lines:
        section = res.page.section("Properties", "Property")
        log.decide(
            res.page.file,
            section.line if section else 1,
            "properties",
            "none of its own: the page lists none"
            + (
                f" (it inherits from {res.base.rsplit('.', 1)[-1]})" if res.base else ""
            ),
            rule="property.none",
        )
    if kind == "complex":
        for row in res.methods:
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: {res.name} is read as a complex type (no key, no "
                "entity base type, no route by key): a value has no request builders",
                rule="operation.complex-type",
            )
        if _open_type(qualified, res, ctx, log) or res.origin == "stand-in":
            spec["openType"] = True  # a stand-in keeps what its values carry, both ways
        rows, nav_rows = split_rows(res, ctx, log)
        spec["properties"] = properties(res, qualified, rows, [], False, ctx, log)
        spec["navigation"] = navigation(res, qualified, nav_rows, [], ctx, log)
        fences = [(res.page.file, res.representation)] if res.representation else []
        buildops.example(qualified, fences, spec, ctx, log)
    else:
        _entity(qualified, res, spec, ctx, log)
    spec["notes"] = log.notes
    return spec, log


def _base(
    qualified: str, res: ResourcePage, spec: dict[str, Any], ctx: Context, log: Log
) -> None:
    base = ctx.catalog.base(qualified)
    if base.decision:
        log.decide(res.page.file, base.line, "base", base.decision, rule=base.rule)
    if base.qualified:
        spec["base"] = ctx.catalog.spelled(base.qualified, res.namespace)
    abstract = res.abstract
    if ctx.catalog.service is not None:
        abstract, decision = ctx.catalog.service.abstract(qualified, res.abstract)
        if decision:
            log.decide(
                res.page.file,
                res.block_line,
                "abstract",
                decision,
                rule="metadata.abstract",
            )
    if abstract:
        spec["abstract"] = True


def _open_type(qualified: str, res: ResourcePage, ctx: Context, log: Log) -> bool:
    """The page's openType flag, the metadata's where it has one (a decision when they differ)."""
    if ctx.catalog.service is None or res.origin == "metadata":
        return res.open_type
    value, decision = ctx.catalog.service.open_type(qualified, res.open_type)
    if decision:
        log.decide(
            res.page.file,
            res.block_line,
            "openType",
            decision,
            rule="metadata.open-type",
        )
    return value


def _description(res: ResourcePage, spec: dict[str, Any], log: Log) -> None:
    count, line = todo_count(res)
    if count:
        log.decide(
            res.page.file,
            line,
            "description",
            f"{count} **TODO: Add Description** placeholder(s) dropped",
            rule="type.todo-dropped",
        )
    text, _ = inline.without_todo(res.description)
    if text:
        spec["description"] = text


def _members(res: ResourcePage, log: Log) -> list[str]:
    names: list[str] = []
    for member in res.members:
        if not member.name or member.name in names:
            log.decide(
                res.page.file,
                member.line,
                "members",
                f"member {member.name[:60]!r} skipped: empty or listed twice",
                rule="type.member-skipped",
            )
        else:
            names.append(member.name)
    if res.members and not names:
        log.error(res.page.file, res.block_line, "the enum has no members")
    return names


def _entity(
    qualified: str, res: ResourcePage, spec: dict[str, Any], ctx: Context, log: Log
) -> None:
    linked = settled(res, linked_pages(res, ctx, log), ctx, log)
    own = [page for page in linked if page.kind not in ("navigation", "ref", "item")]
    for page in own:
        ctx.reader.page(page.file)
        log.used(page.file)
    found = endpoints.paths(res, linked, log)
    log.guessed = list(found.guessed)
    own = endpoints.rebound(own, found)
    financial = any(p.startswith("/financials/") for p in found.collection)
    spec["baseUrl"] = endpoints.base_url(res, own, log)
    inherited_key = _inherited_key(qualified, ctx)
    if inherited_key is None or res.key not in (None, inherited_key):
        added = metaprops.added(ctx.catalog, qualified)
        spec["key"] = _key(res, [a.info.name for a in added if a.kept], log)
    spec["openType"] = _open_type(qualified, res, ctx, log)
    body: list[BodyRow] = [
        (page.file, row)
        for page in own
        if page.kind in ("create", "update")
        for row in page.api.body
    ]
    rows, nav_rows = split_rows(res, ctx, log)
    spec["properties"] = properties(res, qualified, rows, body, financial, ctx, log)
    _key_not_null(spec)
    spec["navigation"] = navigation(res, qualified, nav_rows, linked, ctx, log)
    spec["paths"] = found.spec()
    if spec["paths"]:
        first_route = own[0].api.routes[0].line if own and own[0].api.routes else 1
        spec["parameters"] = endpoints.parameters(
            found.all(),
            financial,
            log,
            own[0].file if own else res.page.file,
            first_route,
        )
    buildops.operations(qualified, own, found, spec, ctx, log)
    if ctx.routes is not None and res.origin == "metadata":
        buildops.described_routes(qualified, spec, ctx.routes, ctx, log)


def _key_not_null(spec: dict[str, Any]) -> None:
    """A key is never null in OData, whatever the pages say (nothing to decide)."""
    props = spec["properties"]
    entry = props.get(spec.get("key") or "")
    if entry is not None:
        head = {k: entry[k] for k in ("type", "readOnly") if k in entry}
        rest = {k: v for k, v in entry.items() if k not in (*head, "nullable")}
        props[spec["key"]] = {**head, "nullable": False, **rest}


def _inherited_key(qualified: str, ctx: Context) -> str | None:
    for base in ctx.catalog.chain(qualified)[1:]:
        res = ctx.catalog.resource(base)
        if res.key:
            return res.key
    return None


def _key(res: ResourcePage, added: list[str], log: Log) -> str | None:
    """The key the page names, among its rows or the properties only the metadata has."""
    names = [m.name for m in res.properties] + added
    if res.key in names:
        return res.key
    if res.key is None and "id" in names:
        log.decide(
            res.page.file,
            res.block_line,
            "key",
            "id: the page names no keyProperty; id is the key of every entity",
            rule="type.key-id",
        )
        return "id"
    log.error(
        res.page.file,
        res.block_line,
        (
            f"the key {res.key!r} is not a property of the page"
            if res.key
            else "no keyProperty"
        ),
    )
    return None
