"""One resource page and its linked pages to a spec (as plain data), with every decision logged."""

from __future__ import annotations

from typing import Any

from generator.importer import examples, inline, routes
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.markdown import Fence
from generator.importer.navigation import navigation
from generator.importer.operations import OWN, Linked, linked_pages, operation, status
from generator.importer.properties import BodyRow, properties, todo_count
from generator.importer.resource import ResourcePage


def build(res: ResourcePage, ctx: Context) -> tuple[dict[str, Any], Log]:
    """The spec of one resource, in the key order a reviewer reads."""
    log = Log()
    log.used(res.page.file)
    spec: dict[str, Any] = {"name": res.name, "kind": res.kind, "namespace": res.namespace}
    _description(res, spec, log)
    if res.kind == "enum":
        spec["members"] = _members(res, log)
    elif res.kind == "complex":
        spec["properties"] = properties(res, [], False, ctx, log)
        fences = [(res.page.file, res.representation)] if res.representation else []
        _example(fences, spec, ctx, log)
    else:
        _entity(res, spec, ctx, log)
    spec["notes"] = log.notes
    return spec, log


def _description(res: ResourcePage, spec: dict[str, Any], log: Log) -> None:
    count, line = todo_count(res)
    if count:
        log.decide(res.page.file, line, "description", f"{count} **TODO: Add Description** placeholder(s) dropped")
    text, _ = inline.without_todo(res.description)
    if text:
        spec["description"] = text


def _members(res: ResourcePage, log: Log) -> list[str]:
    names: list[str] = []
    for member in res.members:
        if not member.name or member.name in names:
            log.error(res.page.file, member.line, f"enum member {member.name!r} is empty or listed twice")
        else:
            names.append(member.name)
    return names


def _entity(res: ResourcePage, spec: dict[str, Any], ctx: Context, log: Log) -> None:
    linked = linked_pages(res, ctx, log)
    own = [l for l in linked if l.kind != "navigation"]
    for page in own:
        ctx.reader.page(page.file)
        log.used(page.file)
    collection, item = _paths(res, own, log)
    financial = any(p.startswith("/financials/") for p in collection)
    spec["baseUrl"] = _base_url(res, own, log)
    spec["key"] = _key(res, log)
    spec["openType"] = res.open_type
    body: list[BodyRow] = [(l.file, row) for l in own if l.kind in ("create", "update") for row in l.api.body]
    spec["properties"] = properties(res, body, financial, ctx, log)
    spec["navigation"] = navigation(res, linked, ctx, log)
    if collection and item:
        spec["paths"] = {"collection": collection, "item": item}
        line = next((l.api.routes[0].line for l in own), 1)
        spec["parameters"] = routes.parameters([*collection, item], financial, log, own[0].file, line)
    first = {kind: next((l for l in own if l.kind == kind), None) for kind in OWN}
    spec["operations"] = {k: operation(k, l.api, log) for k, l in first.items() if l is not None}
    spec["actions"] = {l.name: _action(l, log) for l in own if l.kind == "action"}
    types = {k: v["type"] for k, v in spec["properties"].items()}
    responses = [(l.file, l.api.response) for l in (first["get"], first["list"]) if l and l.api.response]
    _example(responses, spec, ctx, log, types)


def _paths(res: ResourcePage, own: list[Linked], log: Log) -> tuple[list[str], str | None]:
    """Collection paths from list/create (then get/update/delete) routes; the item path from their keys."""
    found: list[str] = []
    keys: list[str] = []
    for l in own:
        at = f"operations.{l.kind}"
        if l.kind in ("list", "create"):
            new = routes.collection_routes(l.api.routes, res.name, log, l.file, at)
        elif l.kind in ("get", "update", "delete"):
            new, more = routes.item_routes(l.api.routes, res.name, log, l.file, at)
            keys.extend(k for k in more if k not in keys)
        else:
            new = []
        found.extend(p for p in new if p not in found)
    item = keys[0] if len(keys) == 1 else "{" + res.name + "Id}"
    if len(keys) > 1:
        log.decide(res.page.file, 1, "paths.item", f"the routes name the key {', '.join(keys)}; {item} is used")
    if found and not keys:
        log.decide(res.page.file, 1, "paths.item", f"no get/update/delete route; the item path is /{item}")
    return found, "/" + item if found else None


def _base_url(res: ResourcePage, own: list[Linked], log: Log) -> str:
    """beta unless every example request says v1.0; the client lets callers change it."""
    versions = [(v, l.file, n) for l in own for v, n in l.api.versions]
    if versions and all(v == "v1.0" for v, _, _ in versions):
        return "https://graph.microsoft.com/v1.0"
    older = [(f, n) for v, f, n in versions if v == "v1.0"]
    if older:
        log.decide(*older[0], "baseUrl", "beta, as the other example requests say; this one says v1.0")
    elif not versions:
        log.decide(res.page.file, 1, "baseUrl", "beta: no example request names a version")
    return "https://graph.microsoft.com/beta"


def _key(res: ResourcePage, log: Log) -> str | None:
    names = [m.name for m in res.properties]
    if res.key in names:
        return res.key
    if res.key is None and "id" in names:
        log.decide(res.page.file, 1, "key", "id: the page names no keyProperty; id is the key of every entity")
        return "id"
    log.error(res.page.file, 1, f"the key {res.key!r} is not a property of the page" if res.key else "no keyProperty")
    return None


def _action(l: Linked, log: Log) -> dict[str, Any]:
    entry: dict[str, Any] = {"method": "POST", "status": status("action", l.api, f"actions.{l.name}", log)}
    description, _ = inline.without_todo(l.row.description)
    if description:
        entry["description"] = description
    entry["docs"] = l.file
    return entry


def _example(fences: list[tuple[str, Fence]], spec: dict[str, Any], ctx: Context, log: Log,
             types: dict[str, str] | None = None) -> None:
    """The first usable example: the get response, else the list's (the JSON representation for a complex type)."""
    types = types if types is not None else {k: v["type"] for k, v in spec.get("properties", {}).items()}
    for file, fence in fences:
        data = examples.unwrap(examples.payload(fence, file, "example", log), file, fence.line, log)
        if data:
            spec["example"] = examples.samples(data, types, ctx, file, fence.line, log)
            return
