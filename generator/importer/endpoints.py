"""Where an entity lives: collection and item paths, their parameters' types, the service root."""

from __future__ import annotations

from collections.abc import Sequence

from generator.importer import routes
from generator.importer.classify import Linked
from generator.importer.log import Log
from generator.importer.resource import ResourcePage


def paths(
    res: ResourcePage, own: list[Linked], log: Log
) -> tuple[list[str], str | None]:
    """Collection paths from list/create (then get/update/delete) routes; the item path from their keys."""
    found: list[str] = []
    keys: list[str] = []
    for page in own:
        at, found_routes = f"operations.{page.kind}", page.api.routes
        if page.kind in ("list", "create"):
            new = routes.collection_routes(found_routes, res.name, log, page.file, at)
        elif page.kind in ("get", "update", "delete"):
            new, more = routes.item_routes(found_routes, res.name, log, page.file, at)
            keys.extend(k for k in more if k not in keys)
        else:
            new = []
        found.extend(p for p in new if p not in found)
    item = keys[0] if len(keys) == 1 else "{" + res.name + "Id}"
    if len(keys) > 1:
        log.decide(
            res.page.file,
            1,
            "paths.item",
            f"the routes name the key {', '.join(keys)}; {item} is used",
        )
    if found and not keys:
        log.decide(
            res.page.file,
            1,
            "paths.item",
            f"no get/update/delete route; the item path is /{item}",
        )
    return found, "/" + item if found else None


def base_url(res: ResourcePage, own: list[Linked], log: Log) -> str:
    """beta unless every example request says v1.0; the client lets callers change it."""
    versions = [(v, page.file, n) for page in own for v, n in page.api.versions]
    if versions and all(v == "v1.0" for v, _, _ in versions):
        return "https://graph.microsoft.com/v1.0"
    older = [(f, n) for v, f, n in versions if v == "v1.0"]
    if older:
        log.decide(
            *older[0],
            "baseUrl",
            "beta, as the other example requests say; this one says v1.0",
        )
    elif not versions:
        log.decide(
            res.page.file, 1, "baseUrl", "beta: no example request names a version"
        )
    return "https://graph.microsoft.com/beta"


def parameters(
    paths: Sequence[str], financials: bool, log: Log, file: str, line: int
) -> dict[str, str]:
    """The type of every path parameter: Guid for financials ids (a decision), String otherwise."""
    names: list[str] = []
    for path in paths:
        for part in path.strip("/").split("/"):
            if routes.is_param(part) and routes.param(part) not in names:
                names.append(routes.param(part))
    guids = [n for n in names if financials and n.endswith("Id")]
    if guids:
        log.decide(
            file,
            line,
            "parameters",
            f"Guid for {', '.join(guids)}: financials ids are Guids in the "
            "service metadata; the pages do not say",
        )
    return {n: "Guid" if n in guids else "String" for n in names}
