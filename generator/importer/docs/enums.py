"""Types documented outside a page of their own: a section of values (enums.md), a property's own
list of values, or an object a representation shows."""

from __future__ import annotations

import re
from dataclasses import replace

from generator.importer.docs import inline
from generator.importer.docs.markdown import Page, Section
from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member, section_table, table_members

_POSSIBLE = re.compile(
    r"(?:possible|supported|allowed|valid)\s+values\s*(?:are|is|include)?\s*:?\s*(?P<list>[^.]*(?:\.[A-Za-z0-9_`][^.]*)*)",
    re.IGNORECASE,
)
_CODE = re.compile(r"`([^`]+)`")
_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def section_enum(
    page: Page, section: Section, name: str, namespace: str
) -> ResourcePage:
    """An enum documented by a `### name values` section of a page."""
    table = section_table(page, section, "Members", True)
    intro = [
        t.strip()
        for n, t in page.text(section)
        if n > section.line and not t.lstrip().startswith("|")
    ]
    return _enum(
        page,
        name,
        namespace,
        " ".join(t for t in intro if t),
        section.line,
        table_members(page, table, "Members"),
    )


def possible_values(description: str) -> list[str]:
    """The members a description lists after "Possible values are": code spans, else plain words."""
    match = _POSSIBLE.search(inline.plain(description))
    if match is None:
        return []
    text = match.group("list")
    coded = _CODE.findall(text)
    words = coded or [w.strip(" `'\"") for w in re.split(r",|\bor\b|\band\b", text)]
    found: list[str] = []
    for word in words:
        word = word.strip(" `'\"")
        if _WORD.match(word) and word not in found:
            found.append(word)
    return found if len(found) == len(words) or coded else []


def inline_enum(
    page: Page, name: str, namespace: str, member: Member, values: list[str]
) -> ResourcePage:
    """An enum that only a property's description lists: its members stand on the property's row."""
    rows = tuple(Member(v, "", "", member.line) for v in values)
    return replace(_enum(page, name, namespace, "", member.line, rows), origin="row")


def stand_in(page: Page, name: str, namespace: str, member: Member) -> ResourcePage:
    """A complex type only a representation shows: no properties, its values kept as they come."""
    found = _enum(page, name, namespace, "", member.line, ())
    return replace(
        found,
        kind="complex",
        origin="stand-in",
        description=f"{name}: documented nowhere in the docs; its properties are unknown.",
    )


def _enum(
    page: Page,
    name: str,
    namespace: str,
    description: str,
    line: int,
    rows: tuple[Member, ...],
) -> ResourcePage:
    return ResourcePage(
        page=page,
        name=name,
        kind="enum",
        namespace=namespace,
        description=description,
        description_line=line,
        base=None,
        base_line=line,
        key=None,
        block_line=line,
        open_type=False,
        abstract=False,
        methods=(),
        properties=(),
        relationships=(),
        members=rows,
        representation=None,
    )
