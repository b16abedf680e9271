"""Classified pages to the spec's operations: status codes and headers decided."""

from __future__ import annotations

import re
from typing import Any

from generator.importer.docs.api import ApiPage
from generator.importer.log import Log

OWN = ("list", "create", "get", "update", "delete")
QUERY = {
    "list": ["filter", "select", "expand", "orderby", "top", "skip", "count", "search"],
    "get": ["select", "expand"],
}
USUAL_STATUS = {
    "list": 200,
    "create": 201,
    "get": 200,
    "update": 200,
    "delete": 204,
    "action": 204,
    "function": 200,
}
_HEADER = re.compile(r"^[A-Za-z0-9-]+$")


def operation(kind: str, api: ApiPage, method: str, log: Log) -> dict[str, Any]:
    """One operation of the spec, with its status and headers decided."""
    at = f"operations.{kind}"
    op: dict[str, Any] = {
        "method": method,
        "target": "collection" if kind in ("list", "create") else "item",
        "status": status(kind, api, at, log),
        "headers": _headers(kind, api, method, at, log),
    }
    if kind in QUERY:
        op["query"] = list(QUERY[kind])
    op["docs"] = api.page.file
    return op


def status(kind: str, api: ApiPage, at: str, log: Log) -> list[int]:
    """The page's 2xx codes; an update accepts 200 and 204 besides what its page says (a decision)."""
    file, codes, example = api.page.file, list(api.status), api.example_status
    if not codes and example and 200 <= example[0] <= 299:
        codes = [example[0]]
        log.decide(
            file,
            example[1],
            at,
            f"status {codes[0]}, from the example response: the Response section names none",
            rule="operation.status-from-example",
        )
    elif not codes:
        codes = [USUAL_STATUS[kind]]
        log.decide(
            file,
            api.status_line,
            at,
            f"status {codes[0]}, the usual one: the page names none",
            rule="operation.status-usual",
        )
    elif example and example[0] not in codes:
        log.decide(
            file,
            example[1],
            at,
            f"status {codes}, as the Response section says; the example answers {example[0]}",
            rule="operation.status-section",
        )
    if kind == "update" and sorted(codes) != [200, 204]:
        others = [c for c in codes if c not in (200, 204)]
        also = f", and {', '.join(map(str, others))} as the page says" if others else ""
        log.decide(
            file,
            api.status_line,
            at,
            f"success is 200 with the updated entity or 204 with no body{also}; the page "
            f"says {', '.join(map(str, codes))}; the builder returns None when no body comes",
            rule="operation.update-status",
        )
        codes = sorted({200, 204, *codes})
    return codes


def _headers(
    kind: str, api: ApiPage, method: str, at: str, log: Log
) -> list[dict[str, Any]]:
    file, line = api.page.file, api.headers_line
    result: list[dict[str, Any]] = []
    for h in api.headers:
        if not _HEADER.match(h.name):
            log.decide(
                file,
                h.line,
                at,
                f"{h.name[:60]!r} is not a header name: left out",
                rule="operation.bad-header",
            )
            continue
        if h.name.lower() in {str(r["name"]).lower() for r in result}:
            log.decide(
                file,
                h.line,
                at,
                f"{h.name}: listed again ({h.value[:60]}); the first one is kept",
                rule="operation.header-twice",
            )
            continue
        value = "{etag}" if h.name.lower() == "if-match" else h.value
        result.append({"name": h.name, "value": value, "required": h.required})
    names = {str(h["name"]).lower() for h in result}
    if "authorization" not in names:
        result.insert(
            0, {"name": "Authorization", "value": "Bearer {token}", "required": True}
        )
        log.decide(
            file,
            line,
            at,
            "Authorization: Bearer {token} added: every Graph call needs it; the page lists none",
            rule="operation.authorization-added",
        )
    if method in ("POST", "PATCH", "PUT") and "content-type" not in names:
        result.append(
            {"name": "Content-Type", "value": "application/json", "required": True}
        )
        log.decide(
            file,
            line,
            at,
            "Content-Type: application/json added: the request has a JSON body",
            rule="operation.content-type-added",
        )
    if kind in ("update", "delete") and "if-match" not in names:
        result.append({"name": "If-Match", "value": "{etag}", "required": False})
        log.decide(
            file,
            line,
            at,
            "If-Match: {etag} added as an optional header: the page does not list it; the "
            "entity carries @odata.etag and a mismatch is answered 412",
            rule="operation.if-match-added",
        )
    return result
