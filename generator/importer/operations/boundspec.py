"""Bound actions, bound functions and media streams as spec entries: typed parameters, typed
results, where they bind; each one the builders cannot send is skipped (a located decision).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.importer.docs import inline
from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.operations import signature
from generator.importer.operations.classify import linked_pages
from generator.importer.operations.entries import status
from generator.importer.operations.linked import BOUND, Linked
from generator.importer.operations.opsmeta import declared, follow
from generator.importer.operations.opsmeta import needed as opsmeta_needed
from generator.importer.types.catalog import Catalog
from generator.importer.types.context import Context


def bound_operations(
    res: ResourcePage, qualified: str, linked: list[Linked], ctx: Context, log: Log
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The `actions` and `functions` sections, in the Methods table's order."""
    sections: dict[str, dict[str, Any]] = {"action": {}, "function": {}}
    for page in linked:
        if page.kind not in BOUND:
            continue
        section = sections[page.kind]
        at = f"{page.kind}s.{page.name}"
        if page.name in section:
            if section[page.name].get("docs") != page.file:
                log.decide(
                    res.page.file,
                    page.row.line,
                    at,
                    "listed again: the first one is kept",
                    rule="action.listed-twice",
                )
            continue
        entry = _entry(res, qualified, page, at, ctx, log)
        if entry is not None:
            section[page.name] = entry
            log.sent[at] = [_shape(p) for p in page.prefixes]
    return sections["action"], sections["function"]


def _entry(
    res: ResourcePage, qualified: str, page: Linked, at: str, ctx: Context, log: Log
) -> dict[str, Any] | None:
    function = page.kind == "function"
    read = signature.parameters(page.api, function, res.namespace, ctx.catalog, at, log)
    follows = ctx.catalog.service is not None and bool(
        declared(ctx.catalog.service, ctx.catalog, qualified, page.name, page.kind)
    )
    if isinstance(read, str) and not follows:
        log.decide(
            res.page.file,
            page.row.line,
            at,
            f"{page.row.title!r} skipped: {read}",
            rule="action.unreadable",
        )
        return None
    parameters, targets = read if not isinstance(read, str) else ({}, {})
    if function:
        _route_arguments(page, parameters, at, log)
    typed, line = signature.result(page.api, res.namespace, ctx.catalog)
    if page.name.lower() == "delta" and function:
        typed = _delta(typed, qualified, res, ctx.catalog, page, log)
        if typed is None:
            return None
    unknown = typed is not None and typed.spelled is None  # a result no page documents
    if unknown and not follows:
        assert typed is not None
        log.decide(
            res.page.file,
            page.row.line,
            at,
            f"{page.row.title!r} skipped: {typed.decision} ({page.file}:{line})",
            rule="action.result-undocumented",
        )
        return None
    if typed is not None and typed.decision and not unknown:
        log.decide(page.file, line, f"{at}.returns", typed.decision, rule=typed.rule)
    used = [*targets.values(), *([typed.target] if typed and typed.target else [])]
    # The closure imports every type a page names (`needed`); only the metadata's reading
    # may still replace one it names.
    assert follows or not _not_imported(used, ctx), f"{at}: {_not_imported(used, ctx)}"
    entry: dict[str, Any] = {}
    if not function:
        entry["method"] = "POST"
    if page.bound != "item":
        entry["bound"] = page.bound
    entry["status"] = status(page.kind, page.api, at, log)
    if parameters:
        entry["parameters"] = parameters
    if typed is not None and typed.spelled:
        entry["returns"] = typed.spelled
    if (
        function
        and page.api.query
        and (typed and typed.spelled or "").startswith("Collection(")
    ):
        entry["query"] = list(page.api.query)  # the options its page names
    description, _ = inline.without_todo(page.row.description)
    if description:
        entry["description"] = description
    entry["docs"] = page.file
    page_ok = not isinstance(read, str) and not unknown
    if not follow(res, qualified, page, entry, ctx, log, page_ok=page_ok):
        return None  # neither the metadata's types nor the page's can be written (a decision)
    return entry


def _delta(
    typed: signature.Typed | None,
    qualified: str,
    res: ResourcePage,
    catalog: Catalog,
    page: Linked,
    log: Log,
) -> signature.Typed | None:
    """A delta function returns a collection of its type; one whose page says it returns another
    type is that type's (skipped here, a decision)."""
    name = catalog.spelled(qualified, res.namespace)
    wanted = f"Collection({name})"
    chain = {q.lower() for q in catalog.chain(qualified)}
    if typed is not None and typed.target and typed.target.lower() not in chain:
        log.decide(
            res.page.file,
            page.row.line,
            f"functions.{page.name}",
            f"{page.row.title!r} skipped: it returns {typed.spelled}, not {name}",
            rule="action.delta-other-type",
        )
        return None
    if typed is None or typed.spelled != wanted:
        said = typed.spelled if typed and typed.spelled else "nothing"
        log.decide(
            page.file,
            page.api.status_line,
            f"functions.{page.name}.returns",
            f"{wanted}: a delta query returns changed items of its type; the page says {said}",
            rule="action.delta-returns",
        )
    return signature.Typed(wanted, qualified)


def _route_arguments(
    page: Linked, parameters: dict[str, Any], at: str, log: Log
) -> None:
    """Arguments the routes write (`getEmailActivityCounts(period='{period}')`) that no table
    types: String parameters (a decision)."""
    for name in page.arguments:
        if name not in parameters:
            parameters[name] = {"type": "String"}
            log.decide(
                page.file,
                page.api.routes[0].line,
                f"{at}.parameters.{name}",
                "String: the route names the parameter, no table gives its type",
                rule="action.route-parameter",
            )


def _not_imported(targets: list[str], ctx: Context) -> str:
    return ", ".join(
        t.rsplit(".", 1)[-1] for t in dict.fromkeys(targets) if not ctx.is_imported(t)
    )


def streams(
    res: ResourcePage, linked: list[Linked], ctx: Context, log: Log
) -> dict[str, Any]:
    """The entity's media stream: `content` or `$value`, with what a PUT of it answers."""
    found: dict[str, Any] = {}
    for page in (p for p in linked if p.kind == "stream"):
        at = f"streams.{page.name}"
        if found and page.name not in found:
            log.decide(
                res.page.file,
                page.row.line,
                at,
                f"{page.row.title!r} skipped: the type has one media stream, "
                f"{next(iter(found))}",
                rule="action.one-stream",
            )
            continue
        entry = found.setdefault(page.name, {"operations": []})
        if page.op not in entry["operations"]:
            entry["operations"].append(page.op)
        if page.op == "put":
            typed, _ = signature.result(page.api, res.namespace, ctx.catalog)
            if typed is not None and typed.target and ctx.is_imported(typed.target):
                entry["returns"] = typed.spelled
        description, _ = inline.without_todo(page.row.description)
        if description and "description" not in entry:
            entry["description"] = description
        entry.setdefault("docs", page.file)
    return found


def needed(catalog: Catalog, qualified: str) -> Iterator[tuple[str, str]]:
    """(operation.parameter, qualified type) of every documented type the type's actions and
    functions take or return, and its stream's PUT answers with: they come with the import as
    the types of properties do, so every operation the spec keeps names imported types.
    """
    res = catalog.resource(qualified)
    if not res.methods:
        return
    ctx = Context(catalog.index.reader, catalog, {})
    linked = linked_pages(res, ctx, Log())
    bound = [p for p in linked if p.kind in BOUND]
    for page in (p for p in linked if p.kind == "stream" and p.op == "put"):
        typed, _ = signature.result(page.api, res.namespace, catalog)
        if typed is not None and typed.target:
            yield f"{page.name}", typed.target
    for page in bound:
        function = page.kind == "function"
        read = signature.parameters(
            page.api, function, res.namespace, catalog, "", Log()
        )
        for name, target in (read[1] if not isinstance(read, str) else {}).items():
            yield f"{page.name}.{name}", target
        typed, _ = signature.result(page.api, res.namespace, catalog)
        if typed is not None and typed.target:
            yield f"{page.name}", typed.target
    yield from opsmeta_needed(catalog, qualified, bound)


def _shape(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("{}" if p.startswith("{") else p for p in path)
