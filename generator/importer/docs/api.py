"""An API page (one method) as located facts: routes, headers, body table, status, examples."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.docs import inline, samples
from generator.importer.docs.apisignature import (
    Answer,
    Parameter,
    answers,
    body_parameters,
    function_parameters,
    query_options,
)
from generator.importer.docs.markdown import Fence, Page
from generator.importer.docs.pages import link_target
from generator.importer.docs.tables import Member, tables

_ROUTE = re.compile(r"^\s*(GET|POST|PATCH|PUT|DELETE)\s+(\S.*?)\s*$", re.IGNORECASE)
_BRACES = re.compile(r"\{([^{}]*)\}")
_REQUEST = re.compile(r"^http\s+requests?\b", re.IGNORECASE)
_STATUS = re.compile(r"\b([1-5][0-9][0-9]) [A-Z][A-Za-z]")
# `resizedRange(deltaRows={n}, deltaColumns={n})`: a function's arguments, spaces and all.
_CALL_SPACES = re.compile(r"\([^()]*\)")


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    line: int


@dataclass(frozen=True)
class Header:
    name: str
    value: str
    required: bool
    line: int


@dataclass(frozen=True)
class ApiPage:
    page: Page
    title: str
    routes: tuple[Route, ...]
    headers: tuple[Header, ...]
    headers_line: int
    body: tuple[Member, ...]
    body_required: bool
    status: tuple[int, ...]
    status_line: int
    example_status: tuple[int, int] | None
    versions: tuple[tuple[str, int], ...]
    response: Fence | None
    says_collection: bool
    routes_note: tuple[int, str] | None = None
    # The Response section's links: (text, the page it leads to).
    returns: tuple[tuple[str, str | None], ...] = ()
    # A function's parameters: the Function (or Path) parameters table.
    parameters: tuple[Parameter, ...] = ()
    # An action's parameters: the Request body table.
    body_parameters: tuple[Parameter, ...] = ()
    # The response block's type, then the Response sentence that says what comes back.
    answers: tuple[Answer, ...] = ()
    # The OData query options its query parameters sections name (`$select` -> select).
    query: tuple[str, ...] = ()


def read_api(page: Page) -> ApiPage:
    """The facts of an API page; a page without routes is a problem, other gaps are decided later."""
    status, status_line, says_collection = _status(page)
    headers, headers_line = _headers(page)
    body, body_required = _body(page)
    routes, note = _routes(page)
    requests, responses = samples.fences(page)
    return ApiPage(
        page=page,
        title=page.sections[0].title if page.sections else page.front.get("title", ""),
        routes=routes,
        routes_note=note,
        returns=_returns(page),
        parameters=function_parameters(page, routes),
        body_parameters=body_parameters(page),
        answers=answers(page, responses),
        query=query_options(page),
        headers=headers,
        headers_line=headers_line,
        body=body,
        body_required=body_required,
        status=status,
        status_line=status_line,
        example_status=samples.status(responses),
        versions=tuple(v for f in requests for v in samples.versions(f)),
        response=responses[0] if responses else None,
        says_collection=says_collection,
    )


def _routes(page: Page) -> tuple[tuple[Route, ...], tuple[int, str] | None]:
    """The routes of every "HTTP request" section; else of the first code block that holds routes."""
    sections = [s for s in page.sections if _REQUEST.match(s.title.strip())]
    routes = tuple(r for s in sections for f in page.fences_in(s) for r in _in(f))
    if routes:
        return routes, None
    if sections:
        page.problem(
            sections[0].line, "the HTTP request section has no route (METHOD /path)"
        )
        return (), None
    for fence in page.fences:
        found = _in(fence)
        if found and not any("://" in r.path for r in found):
            return found, (
                fence.line,
                'routes read from a code block outside a "## HTTP request" section',
            )
    page.problem(1, 'no "## HTTP request" section')
    return (), None


def _in(fence: Fence) -> tuple[Route, ...]:
    """`GET /users/{id | userPrincipalName}/events`: a route per line, spaces in braces dropped."""
    found = []
    for i, text in enumerate(fence.body):
        match = _ROUTE.match(
            _CALL_SPACES.sub(lambda m: "".join(m.group(0).split()), text)
        )
        if match:
            path = _BRACES.sub(
                lambda m: "{" + "".join(m.group(1).split()) + "}", match.group(2)
            )
            path = path.split()[0] if path.split() else path
            found.append(Route(match.group(1).upper(), path, fence.line + 1 + i))
    return tuple(found)


def _headers(page: Page) -> tuple[tuple[Header, ...], int]:
    section = page.section("Request headers", "Request header", "Headers")
    found = tables(page, section) if section else []
    if not found:
        http = page.section("HTTP request")
        return (), section.line if section else http.line if http else 1
    table = found[0]
    value = table.column("value", "description")
    if len(table.header) < 2 or not value:
        page.problem(
            table.line,
            "the Request headers table needs a name and a value or description column",
        )
        return (), table.line
    return (
        tuple(_header(row.cells[0], row.cells[value], row.line) for row in table.rows),
        table.line,
    )


def _header(name: str, text: str, line: int) -> Header:
    """`Bearer {token}. Required.` to a value and a required flag."""
    parts = [
        p.strip() for p in re.split(r"\.(?:\s+|$)", inline.plain(text)) if p.strip()
    ]
    flags = [p.lower() for p in parts if p.lower() in ("required", "optional")]
    values = [p for p in parts if p.lower() not in ("required", "optional")]
    name = inline.plain(name).strip("`* ")
    if re.match(
        r"^[A-Za-z0-9-]+\s*:", name
    ):  # `Prefer: outlook.timezone`: name, preference
        name, _, preference = (p.strip("`* ") for p in name.partition(":"))
        values = [preference]
    return Header(name, values[0] if values else "", "optional" not in flags, line)


def _body(page: Page) -> tuple[tuple[Member, ...], bool]:
    section = page.section("Request body")
    if section is None:
        return (), False
    found = [t for t in tables(page, section) if t.column("type") is not None]
    if not found:
        return (), False
    table, kind = found[0], found[0].column("type") or 0
    text = table.column("description")
    required = any("required" in text.lower() for _, text in page.text(section))
    members = tuple(
        Member(
            inline.plain(r.cells[0]).strip("`* "),
            r.cells[kind],
            r.cells[text] if text is not None and text != kind else "",
            r.line,
        )
        for r in table.rows
    )
    return members, required


def _returns(page: Page) -> tuple[tuple[str, str | None], ...]:
    """The types the Response section's prose links to, with the page each link leads to."""
    section = page.section("Response", level=2) or page.section("Response")
    if section is None:
        return ()
    return tuple(
        (text.strip("*` "), link_target(target, "api"))
        for _, line in page.text(section)
        for text, target in inline.links(line, page.references)
        if "resources/" in target or target.endswith(".md") and "/" not in target
    )


def _status(page: Page) -> tuple[tuple[int, ...], int, bool]:
    """The 2xx codes the Response section names, in prose or in a code block."""
    section = page.section("Response", level=2) or page.section("Response")
    if section is None:
        return (), 1, False
    lines = [
        (section.start + i + 1, page.lines[section.start + i])
        for i in range(section.end - section.start)
    ]
    codes: list[int] = []
    line = section.line
    for n, text in lines:
        for code in (int(c) for c in _STATUS.findall(text)):
            if 200 <= code <= 299 and code not in codes:
                line = n if not codes else line
                codes.append(code)
    collection = any("collection" in text.lower() for _, text in lines)
    return tuple(codes), line, collection
