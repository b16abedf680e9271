"""The Methods table's pages, read and classified: own operation, navigation or bound action."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer import inline
from generator.importer.api import ApiPage, read_api
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.markdown import Page
from generator.importer.pages import link_target
from generator.importer.resource import Method, ResourcePage
from generator.importer.routes import is_param, join, names, segments
from generator.odata.naming import singular
from generator.report.problems import Problem

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TYPE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
# `|**Calendar**| | |`: a row that only names a group of the rows below it.
_HEADING = re.compile(r"^\s*\*\*[^*]+\*\*\s*$")


@dataclass(frozen=True)
class Linked:
    row: Method
    api: ApiPage
    kind: str
    name: str
    method: str

    @property
    def file(self) -> str:
        return self.api.page.file


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
            )
        elif path is None or not path.startswith("api/"):
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: it links no API page in the docs",
            )
        elif not ctx.reader.exists(path):
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: {path} is missing",
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
        log.decide(file, api.routes_note[0], "operations", api.routes_note[1])
    verb = _verb(row, api, log)
    parsed = [
        p for p in (segments(r.path) for r in api.routes if r.method == verb) if p
    ]
    if verb is None or not parsed:
        ctx.reader.page(file)  # its problems are reported
        if verb is not None:
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: {file} has no route the builders can express",
            )
        return None
    last = parsed[0][-1]
    if last in {m.name for m in res.relationships} and verb in ("GET", "POST"):
        return Linked(row, api, "navigation", last, verb)
    kind = {"PATCH": "update", "PUT": "update", "DELETE": "delete"}.get(verb, "")
    if verb == "GET":
        kind = "get" if any(is_param(p[-1]) for p in parsed) else "list"
        kind = "get" if kind == "list" and _says_one(row, api) else kind
    elif verb == "POST":
        kind = _post_kind(row, api, parsed, res.name)
        if kind in ("", "foreign"):
            what = (
                "an action on a set, which the builders cannot express"
                if not kind
                else f"an action of the type whose item it follows, not of {res.name}"
            )
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: a POST to {join(parsed[0])}, {what}",
            )
            return None
    other = _returns_other(res, row, api, ctx) if kind != "action" else ""
    if not other and kind in ("get", "list"):
        other = _returns_text(res, row)
    if other and kind != "delete":
        log.decide(
            res.page.file,
            row.line,
            "operations",
            f"{row.title!r} skipped: it returns {other}, not {res.name}",
        )
        return None
    addressed = _addresses(res, parsed, ctx) if kind != "action" else ""
    if addressed:
        log.decide(
            res.page.file,
            row.line,
            "operations",
            f"{row.title!r} skipped: its routes address {addressed}, not {res.name}",
        )
        return None
    name = last.rsplit(".", 1)[-1] if kind == "action" else ""
    if kind == "action" and not _NAME.match(name):
        log.decide(
            res.page.file,
            row.line,
            "actions",
            f"{row.title!r} skipped: {name!r} is not an action name",
        )
        return None
    return Linked(row, api, kind, name, verb)


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


def _returns_other(res: ResourcePage, row: Method, api: ApiPage, ctx: Context) -> str:
    """The types a Methods row says it returns, when it names types and none of them is this one."""
    names = {n.lower() for n in _names_of(res, ctx)}
    found = [
        text.strip("*` ")
        for text, _ in inline.links(row.returns, res.page.references)
        if _TYPE.match(text.strip("*` "))
    ] or [t for t in api.returns if _TYPE.match(t)]
    if not found or any(n.rsplit(".", 1)[-1].lower() in names for n in found):
        return ""
    return ", ".join(dict.fromkeys(found))


def _addresses(res: ResourcePage, parsed: list[list[str]], ctx: Context) -> str:
    """What a page's routes address when it is not the type: one of its properties (a content
    stream), one of its navigation properties, or, on a route through a set of the type,
    another entity their last set names (`.../items/{id}/permissions/{id}` on a driveItem).
    """
    own = [n.lower() for n in _names_of(res, ctx)]
    if any(names(p, n) for p in parsed for n in own):
        return ""
    route = parsed[0]
    at = max((i for i, s in enumerate(route) if not is_param(s)), default=None)
    if at is None:
        return ""
    last = route[at]
    if last in {m.name for m in (*res.properties, *res.relationships)}:
        if last not in _property_names(res, ctx):
            return f"its {last} navigation"
        if not is_param(route[-1]):
            return f"its {last} property"
    if not any(names(route[:at], n) for n in own):
        return ""  # a derived type's page may document its base type's set
    for word in dict.fromkeys((singular(last), last)):
        for found in ctx.catalog.index.find(word, res.namespace):
            if (
                found.name.lower() == word.lower()
                and ctx.kind(found.qualified) == "entity"
            ):
                return f"{found.name} (the type its last set names)"
    return ""


def _property_names(res: ResourcePage, ctx: Context) -> set[str]:
    """The names of the type's rows that are values, not navigation."""
    return {
        m.name
        for m in res.properties
        if not ctx.catalog.is_navigation(
            ctx.catalog.resolve(m, res, "property"), "property"
        )
    }


def _returns_text(res: ResourcePage, row: Method) -> str:
    """A Methods row that says in words what it returns (`download Url`), not naming the type."""
    text = inline.plain(row.returns).strip()
    if not text or inline.links(row.returns, res.page.references):
        return ""
    if text.lower() in ("none", "no content") or res.name.lower() in text.lower():
        return ""
    return repr(text[:40])


def _names_of(res: ResourcePage, ctx: Context) -> list[str]:
    qualified = f"{res.namespace}.{res.name}"
    return [q.rsplit(".", 1)[-1] for q in ctx.catalog.chain(qualified)] + [res.name]


def _says_one(row: Method, api: ApiPage) -> bool:
    """A GET without a key that returns one object: a singleton or a single-valued navigation."""
    returns = inline.plain(row.returns).lower()
    listed = row.title.lower().startswith("list") or "collection" in returns
    return bool(returns) and not listed and not api.says_collection


def _post_kind(row: Method, api: ApiPage, parsed: list[list[str]], name: str) -> str:
    """A POST creates, unless it goes to a name after an item key in one of its routes (or a
    namespaced name): a bound action (`/me/sendMail` and `/users/{id}/sendMail`); a POST to a
    set that does not name the type is an action on the set: none.
    """
    parts = parsed[0]
    on_set = (
        len(parts) > 1
        and not is_param(parts[-1])
        and not is_param(parts[-2])
        and names(parts[:-1], name)
        and not names(parts, name)
    )
    if on_set:  # `POST .../tables/add`: an action on the type's set, not a set of it
        return ""
    after_key = [
        p for p in parsed if len(p) > 1 and is_param(p[-2]) and p[-1] == parts[-1]
    ]
    if row.title.lower().startswith(("create", "add")) or (row.link or "").endswith(
        ("-create.md", "-post.md")
    ):
        if after_key and _verb_after_key(parts, api, name):
            # `Add` POSTs to `/drive/items/{id}/invite` on the permission page: an action of
            # the type whose item it follows, this type's own when the set before names it
            own = any(names(p[:-2], name) for p in after_key)
            return "action" if own else "foreign"
        return "create"
    if after_key or "." in parts[-1]:
        return "action"
    return "create" if names(parts, name) else ""


def _verb_after_key(parts: list[str], api: ApiPage, name: str) -> bool:
    """A name after an item key that is no set (`invite`, `reply`: singular, not the type's)
    and answers no 201 Created: an action, whatever the Methods row calls it."""
    last = parts[-1]
    return singular(last) == last and not names(parts, name) and 201 not in api.status
