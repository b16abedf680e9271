"""What an API page says of an operation's signature: its parameters tables (Function
parameters, Path parameters, Request body), the query options it names, and what it answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from generator.importer.docs import inline
from generator.importer.docs.markdown import Fence, Page, Section
from generator.importer.docs.tables import tables

_BRACES = re.compile(r"\{([^{}]*)\}")
_CALL_SPACES = re.compile(r"\([^()]*\)")
_FUNCTION_PARAMETERS = ("Function parameters", "Parameters")
QUERY_OPTIONS = (
    "filter",
    "select",
    "expand",
    "orderby",
    "top",
    "skip",
    "count",
    "search",
)
_OPTION = re.compile(r"\$(" + "|".join(QUERY_OPTIONS) + r")\b", re.IGNORECASE)
_COLLECTION_OF = re.compile(r"^Collection\((.+)\)$", re.IGNORECASE)
_RETURNS = re.compile(r"\breturns?\b", re.IGNORECASE)


class Routed(Protocol):
    """A route as the page writes it (`api.Route`)."""

    @property
    def path(self) -> str: ...


@dataclass(frozen=True)
class Parameter:
    """A row of a Request body or Function parameters table; `required` is its Required cell."""

    name: str
    type: str
    description: str
    required: str
    line: int


@dataclass(frozen=True)
class Answer:
    """What the Response section says comes back: the response block's `@odata.type` (exact,
    qualified), or the sentence that says what the method returns (its links resolved later).
    """

    written: str
    collection: bool
    line: int
    prose: bool


def query_options(page: Page) -> tuple[str, ...]:
    """The OData query options the page's query parameters sections name, in the usual order."""
    named: set[str] = set()
    for section in page.sections:
        if "query parameters" in section.title.lower():
            for _, text in page.text(section):
                named.update(m.lower() for m in _OPTION.findall(text))
    return tuple(o for o in QUERY_OPTIONS if o in named)


def function_parameters(
    page: Page, routes: tuple[Routed, ...]
) -> tuple[Parameter, ...]:
    """The Function parameters table (`## Parameters`, or `## Path parameters` less the route's
    own `{placeholders}`, on some pages): a function's arguments."""
    section = page.section(*_FUNCTION_PARAMETERS)
    if section is not None:
        return _parameters(page, section)
    section = page.section("Path parameters")
    if section is None:
        return ()
    placeholders = {
        re.sub(r"[^a-z0-9]", "", p.lower())
        for r in routes
        for p in _BRACES.findall(_CALL_SPACES.sub("", r.path))
    }
    return tuple(
        p
        for p in _parameters(page, section)
        if re.sub(r"[^a-z0-9]", "", p.name.lower()) not in placeholders
    )


def body_parameters(page: Page) -> tuple[Parameter, ...]:
    """The Request body table, read as an action's parameters."""
    section = page.section("Request body")
    return _parameters(page, section) if section else ()


def _parameters(page: Page, section: Section) -> tuple[Parameter, ...]:
    found = [t for t in tables(page, section) if t.column("type") is not None]
    if not found:
        return ()
    table = found[0]
    kind = table.column("type") or 0
    text = table.column("description")
    required = table.column("required", "optional")
    return tuple(
        Parameter(
            inline.plain(r.cells[0]).strip("`*\\ "),
            r.cells[kind],
            r.cells[text] if text is not None and text != kind else "",
            r.cells[required] if required is not None else "",
            r.line,
        )
        for r in table.rows
        if r.cells[0].strip()
    )


def answers(page: Page, responses: list[Fence]) -> tuple[Answer, ...]:
    """The response block's `@odata.type` and the Response sentence that names what comes back."""
    found: list[Answer] = []
    for fence in responses[:1]:
        written = str(fence.block.get("@odata.type") or "").strip()
        many = str(fence.block.get("isCollection", "")).lower() == "true"
        inner = _COLLECTION_OF.match(written)
        if inner:
            written, many = inner.group(1), True
        if written:
            found.append(Answer(written, many, fence.block_line, prose=False))
    section = page.section("Response", level=2) or page.section("Response")
    if section is not None:
        lines = page.text(section)
        for i, (line, text) in enumerate(lines):
            if _RETURNS.search(text):
                paragraph = [text.strip()]
                for (n, more), (m, _) in zip(lines[i + 1 :], lines[i:], strict=False):
                    if not more.strip() or n != m + 1:
                        break
                    paragraph.append(more.strip())
                found.append(Answer(" ".join(paragraph), False, line, prose=True))
                break
    return tuple(found)
