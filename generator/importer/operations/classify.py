"""The Methods table's pages, read and classified: an own operation, navigation, a bound action
or function, a media stream or a reference."""

from __future__ import annotations

import re

from generator.importer.docs.api import ApiPage, read_api
from generator.importer.docs.markdown import Page
from generator.importer.docs.pages import link_target
from generator.importer.docs.resource import Method, ResourcePage
from generator.importer.log import Log
from generator.importer.operations import bound, kinds, subject, tails
from generator.importer.operations.linked import Linked, Skip
from generator.importer.operations.opsmeta import declared
from generator.importer.operations.routes import is_param, names
from generator.importer.operations.tails import Address
from generator.importer.types.context import Context
from generator.odata.naming import singular
from generator.report.problems import Problem

# `|**Calendar**| | |`: a row that only names a group of the rows below it.
_HEADING = re.compile(r"^\s*\*\*[^*]+\*\*\s*$")


def linked_pages(res: ResourcePage, ctx: Context, log: Log) -> list[Linked]:
    """Every page the Methods table links, read and classified; a missing page is a skipped operation."""
    found: list[Linked] = []
    for row in res.methods:
        path = link_target(row.link, "resources") if row.link else None
        if row.link is None and _HEADING.match(row.title):
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"row {row.title!r}: a heading of the table, not an operation",
                rule="operation.heading-row",
            )
        elif path is None or not path.startswith("api/"):
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: it links no API page in the docs",
                rule="operation.no-api-page",
            )
        elif not ctx.reader.exists(path):
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: {path} is missing",
                rule="operation.api-page-missing",
            )
        else:
            page = ctx.reader.page(path, used=False)
            api = read_api(page) if page is not None else None
            problem = _unreadable(ctx, path, page)
            if problem is not None:
                log.decide(
                    problem.file,
                    problem.line,
                    "operations",
                    f"{row.title!r} skipped: {problem.message} (linked from "
                    f"{res.page.file}:{row.line})",
                    rule="operation.api-page-unreadable",
                )
            elif api is not None:
                linked = _classify(res, row, api, ctx, log)
                found.extend([linked] if linked else [])
    return found


def _unreadable(ctx: Context, path: str, page: Page | None) -> Problem | None:
    """The first problem of an API page that cannot be read whole: it costs only its operation."""
    if page is None:
        return ctx.reader.errors.get(path, Problem(path, 1, "cannot read the page"))
    return min(page.problems) if page.problems else None


def _classify(
    res: ResourcePage, row: Method, api: ApiPage, ctx: Context, log: Log
) -> Linked | None:
    file = api.page.file
    if api.routes_note:
        log.decide(
            file,
            api.routes_note[0],
            "operations",
            api.routes_note[1],
            rule="operation.routes-outside-section",
        )

    def skip(rule: str, why: str) -> None:
        log.decide(
            res.page.file,
            row.line,
            "operations",
            f"{row.title!r} skipped: {why}",
            rule=rule,
        )

    verb = _verb(row, api, log)
    found = [tails.address(r.path) for r in api.routes if r.method == verb]
    usable = [a for a in found if a.parts is not None]
    if verb is None or not usable:
        ctx.reader.page(file)  # its problems are reported
        if verb is not None:
            why = next((a.why for a in found if a.why), "")
            skip(
                "operation.no-usable-route",
                f"{file} has no route the builders can express"
                + (f" ({why})" if why else ""),
            )
        return None
    usable = kinds.alternate(usable, res, ctx)
    plain = [a for a in usable if not a.tail and a.parts and names(a.parts, res.name)]
    tail = "" if plain else usable[0].tail  # the routes to the type itself come first
    same = [a for a in usable if a.tail == tail]
    first = same[0]
    if first.tail == tails.REF:
        return kinds.reference(res, row, api, verb, same, ctx, skip)
    if bound.is_stream(first, verb, kinds.cells(res)):
        return kinds.stream(res, row, api, verb, same, ctx, skip)
    if first.tail == tails.CALL or (
        verb == "GET" and kinds.function_like(res, row, api, same, ctx)
    ):
        return kinds.function(res, row, api, verb, same, ctx, skip)
    return _plain(res, row, api, verb, same, ctx, skip)


def _plain(
    res: ResourcePage,
    row: Method,
    api: ApiPage,
    verb: str,
    found: list[Address],
    ctx: Context,
    skip: Skip,
) -> Linked | None:
    """A route to the type, its set, a navigation property of it, or an action it binds."""
    parsed = [a.parts for a in found if a.parts]
    by_path = any(a.by_path for a in found)
    # Only a call has no segment before it (`/users(id='x')`), and calls are functions.
    assert parsed, f"{api.page.file}: a plain route with no segment"
    last = parsed[0][-1]
    if last in {m.name for m in res.relationships} and verb in ("GET", "POST"):
        owners = kinds.own(res, [p[:-1] for p in parsed if len(p) > 1], ctx, skip)
        if owners is None:
            return None
        return Linked(
            row, api, "navigation", last, verb, prefixes=owners, by_path=by_path
        )
    kind = {"PATCH": "update", "PUT": "update", "DELETE": "delete"}.get(verb, "")
    if verb == "GET":
        kind = "get" if any(is_param(p[-1]) for p in parsed) else "list"
        kind = "get" if kind == "list" and subject.says_one(row, api) else kind
    elif verb == "POST":
        kind = _post_kind(row, parsed, res.name)
        qualified = f"{res.namespace}.{res.name}"
        name = bound.operation_name(parsed[0][-1])
        if declared(ctx.catalog.service, ctx.catalog, qualified, name, "action"):
            kind = "action"  # the metadata declares an action of that name bound to it
    if kind == "action":
        return kinds.action(res, row, api, parsed, ctx, skip)
    found = [
        a for a in found if not (a.by_path and a.after)
    ]  # `:/path:/x` is the item's x
    parsed = [a.parts for a in found if a.parts]
    if not parsed:
        skip("route.by-path-then-more", tails.BY_PATH_THEN_MORE)
        return None
    item = _navigation_item(res, parsed) if kind in ("get", "update", "delete") else ""
    if item:
        owners = kinds.own(res, [p[:-2] for p in parsed if len(p) > 2], ctx, skip)
        if owners is None:
            return None
        return Linked(row, api, "item", item, verb, prefixes=owners, op=kind)
    other = subject.returns_other(res, row, api, ctx)
    if not other and kind in ("get", "list"):
        other = subject.returns_text(res, row)
    if other and kind != "delete":
        skip("operation.returns-other-type", f"it returns {other}, not {res.name}")
        return None
    addressed = subject.addresses(res, parsed, ctx)
    if addressed:
        skip(
            "operation.addresses-other-type",
            f"its routes address {addressed}, not {res.name}",
        )
        return None
    alternate = tuple(dict.fromkeys(k for a in found for k in a.arguments))
    routes = tuple(tuple(p) for p in parsed)
    return Linked(
        row, api, kind, "", verb, prefixes=routes, alternate=alternate, by_path=by_path
    )


def _verb(row: Method, api: ApiPage, log: Log) -> str | None:
    """The one method of the page; of a page that documents two, the one its title names (a decision)."""
    verbs = list(dict.fromkeys(r.method for r in api.routes))
    if len(verbs) <= 1:
        return verbs[0] if verbs else None
    title = row.title.lower()
    wanted = [v for v, words in _TITLE_VERBS if any(w in title for w in words)]
    chosen = next((v for v in wanted if v in verbs), None)
    if chosen is None:
        counts = {v: sum(r.method == v for r in api.routes) for v in verbs}
        chosen = max(verbs, key=lambda v: counts[v])
    log.decide(
        api.page.file,
        api.routes[0].line,
        "operations",
        f"the page documents {' and '.join(verbs)}; {chosen} is used, with its routes",
        rule="operation.two-methods",
    )
    return chosen


# Which method a Methods row's title names; PATCH before PUT: an update by either is a PATCH.
_TITLE_VERBS = (
    ("PATCH", ("update", "patch", "upsert")),
    ("PUT", ("update", "replace", "put", "upload")),
    ("POST", ("create", "add", "post", "new")),
    ("DELETE", ("delete", "remove")),
    ("GET", ("get", "list", "read")),
)


def _post_kind(row: Method, parsed: list[list[str]], name: str) -> str:
    """A POST creates when it goes to a set of the type (or its row says create and it goes to
    no name after a key); otherwise it is an action: after a key (`/users/{id}/sendMail`), on a
    set of the type (`POST .../tables/add`), or on a singleton (`/search/query`).
    """
    parts = parsed[0]
    on_set = (
        len(parts) > 1
        and not is_param(parts[-1])
        and not is_param(parts[-2])
        and names(parts[:-1], name)
        and not names(parts, name)
    )
    after_key = any(
        len(p) > 1 and is_param(p[-2]) and p[-1] == parts[-1] for p in parsed
    )
    says_create = row.title.lower().startswith(("create", "add")) or (
        row.link or ""
    ).endswith(("-create.md", "-post.md"))
    plural = singular(parts[-1]) != parts[-1]
    if on_set or "." in parts[-1]:
        return "action"
    if plural and (names(parts, name) or says_create):
        return "create"  # a set, not a name ending like the type (copyNotebook)
    if singular(parts[-1]).lower() == name.lower():
        return "create"  # the type's own name: a single-valued navigation (`/hubs/{id}/panel`)
    if after_key:
        return "action"
    return "create" if says_create else "action"


def _navigation_item(res: ResourcePage, parsed: list[list[str]]) -> str:
    """The navigation property whose items the routes read, update or delete
    (`DELETE /groups/{id}/appRoleAssignments/{id}` on the group page), else nothing."""
    route = parsed[0]
    navigation = {m.name for m in res.relationships}
    if len(route) > 2 and is_param(route[-1]) and route[-2] in navigation:
        return route[-2]
    return ""
