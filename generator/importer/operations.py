"""The Methods table's pages, classified (own operation, navigation, bound action) and turned into operations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.importer.api import ApiPage, read_api
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.pages import link_target
from generator.importer.resource import Method, ResourcePage
from generator.importer.routes import is_param, segments

OWN = ("list", "create", "get", "update", "delete")
QUERY = {
    "list": ["filter", "select", "expand", "orderby", "top", "skip", "count", "search"],
    "get": ["select", "expand"],
}
USUAL_STATUS = {"list": 200, "create": 201, "get": 200, "update": 200, "delete": 204, "action": 204}
_HEADER = re.compile(r"^[A-Za-z0-9-]+$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Linked:
    row: Method
    api: ApiPage
    kind: str
    name: str

    @property
    def file(self) -> str:
        return self.api.page.file


def linked_pages(res: ResourcePage, ctx: Context, log: Log) -> list[Linked]:
    """Every page the Methods table links, read and classified; a missing page is a skipped operation."""
    found: list[Linked] = []
    for row in res.methods:
        path = link_target(row.link, "resources") if row.link else None
        if path is None or not path.startswith("api/"):
            log.decide(res.page.file, row.line, "operations", f"{row.title!r} skipped: it links no API page in the docs")
        elif not ctx.reader.exists(path):
            log.decide(res.page.file, row.line, "operations", f"{row.title!r} skipped: {path} is missing")
        else:
            page = ctx.reader.page(path, used=False)
            if page is not None:
                linked = _classify(res, row, read_api(page), ctx, log)
                found.extend([linked] if linked else [])
    return found


def _classify(res: ResourcePage, row: Method, api: ApiPage, ctx: Context, log: Log) -> Linked | None:
    file = api.page.file
    verbs = sorted({r.method for r in api.routes})
    parsed = [p for p in (segments(r.path) for r in api.routes) if p]
    if len(verbs) != 1 or not parsed:
        ctx.reader.page(file)  # its problems are reported
        if len(verbs) > 1:
            log.error(file, api.routes[0].line, f"the routes mix methods ({', '.join(verbs)}); a page is one method")
        elif verbs:
            log.decide(res.page.file, row.line, "operations", f"{row.title!r} skipped: {file} has no readable route")
        return None
    verb, last = verbs[0], parsed[0][-1]
    if last in {m.name for m in res.relationships} and verb in ("GET", "POST"):
        return Linked(row, api, "navigation", last)
    kind = {"PATCH": "update", "PUT": "update", "DELETE": "delete"}.get(verb, "")
    if verb == "GET":
        kind = "get" if any(is_param(p[-1]) for p in parsed) else "list"
    elif verb == "POST":
        kind = _post_kind(row, parsed[0])
    name = last.rsplit(".", 1)[-1] if kind == "action" else ""
    if kind == "action" and not _NAME.match(name):
        log.decide(res.page.file, row.line, "actions", f"{row.title!r} skipped: {name!r} is not an action name")
        return None
    return Linked(row, api, kind, name)


def _post_kind(row: Method, parts: list[str]) -> str:
    """A POST creates, unless it goes to a name after an item key (or a namespaced name): a bound action."""
    if row.title.lower().startswith(("create", "add")) or (row.link or "").endswith("-create.md"):
        return "create"
    after_key = len(parts) > 1 and is_param(parts[-2])
    return "action" if after_key or "." in parts[-1] else "create"


def operation(kind: str, api: ApiPage, log: Log) -> dict[str, Any]:
    """One operation of the spec, with its status and headers decided."""
    at = f"operations.{kind}"
    op: dict[str, Any] = {
        "method": api.routes[0].method,
        "target": "collection" if kind in ("list", "create") else "item",
        "status": status(kind, api, at, log),
        "headers": _headers(kind, api, at, log),
    }
    if kind in QUERY:
        op["query"] = list(QUERY[kind])
    op["docs"] = api.page.file
    return op


def status(kind: str, api: ApiPage, at: str, log: Log) -> list[int]:
    """The page's 2xx codes; an update accepts 200 and 204 whatever its page says (a decision)."""
    file, codes, example = api.page.file, list(api.status), api.example_status
    if not codes and example and 200 <= example[0] <= 299:
        codes = [example[0]]
        log.decide(file, example[1], at, f"status {codes[0]}, from the example response: the Response section names none")
    elif not codes:
        codes = [USUAL_STATUS[kind]]
        log.decide(file, api.status_line, at, f"status {codes[0]}, the usual one: the page names none")
    elif example and example[0] not in codes:
        log.decide(file, example[1], at, f"status {codes}, as the Response section says; the example answers {example[0]}")
    if kind == "update" and sorted(codes) != [200, 204]:
        log.decide(file, api.status_line, at, f"success is 200 with the updated entity or 204 with no body; the page "
                   f"says {', '.join(map(str, codes))}; both are accepted and the builder returns None on 204")
        codes = [200, 204]
    return codes


def _headers(kind: str, api: ApiPage, at: str, log: Log) -> list[dict[str, Any]]:
    file, line = api.page.file, api.headers_line
    result = []
    for h in api.headers:
        if not _HEADER.match(h.name):
            log.error(file, h.line, f"{h.name[:60]!r} is not a header name")
            continue
        value = "{etag}" if h.name.lower() == "if-match" else h.value
        result.append({"name": h.name, "value": value, "required": h.required})
    names = {h["name"].lower() for h in result}
    if "authorization" not in names:
        result.insert(0, {"name": "Authorization", "value": "Bearer {token}", "required": True})
        log.decide(file, line, at, "Authorization: Bearer {token} added: every Graph call needs it; the page lists none")
    if api.routes[0].method in ("POST", "PATCH", "PUT") and "content-type" not in names:
        result.append({"name": "Content-Type", "value": "application/json", "required": True})
        log.decide(file, line, at, "Content-Type: application/json added: the request has a JSON body")
    if kind in ("update", "delete") and "if-match" not in names:
        result.append({"name": "If-Match", "value": "{etag}", "required": False})
        log.decide(file, line, at, "If-Match: {etag} added as an optional header: the page does not list it; the "
                   "entity carries @odata.etag and a mismatch is answered 412")
    return result
