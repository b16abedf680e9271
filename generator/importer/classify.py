"""The Methods table's pages, read and classified: own operation, navigation or bound action."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.api import ApiPage, read_api
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.pages import link_target
from generator.importer.resource import Method, ResourcePage
from generator.importer.routes import is_param, segments

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
            if page is not None:
                linked = _classify(res, row, read_api(page), ctx, log)
                found.extend([linked] if linked else [])
    return found


def _classify(
    res: ResourcePage, row: Method, api: ApiPage, ctx: Context, log: Log
) -> Linked | None:
    file = api.page.file
    verbs = sorted({r.method for r in api.routes})
    parsed = [p for p in (segments(r.path) for r in api.routes) if p]
    if len(verbs) != 1 or not parsed:
        ctx.reader.page(file)  # its problems are reported
        if len(verbs) > 1:
            log.error(
                file,
                api.routes[0].line,
                f"the routes mix methods ({', '.join(verbs)}); a page is one method",
            )
        elif verbs:
            log.decide(
                res.page.file,
                row.line,
                "operations",
                f"{row.title!r} skipped: {file} has no readable route",
            )
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
        log.decide(
            res.page.file,
            row.line,
            "actions",
            f"{row.title!r} skipped: {name!r} is not an action name",
        )
        return None
    return Linked(row, api, kind, name)


def _post_kind(row: Method, parts: list[str]) -> str:
    """A POST creates, unless it goes to a name after an item key (or a namespaced name): a bound action."""
    if row.title.lower().startswith(("create", "add")) or (row.link or "").endswith(
        "-create.md"
    ):
        return "create"
    after_key = len(parts) > 1 and is_param(parts[-2])
    return "action" if after_key or "." in parts[-1] else "create"
