"""Pipe tables in a page section, and the member tables (Properties, Relationships, ...) built on them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.docs import inline
from generator.importer.docs.markdown import Page, Section

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Row:
    line: int
    cells: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Table:
    line: int
    header: tuple[str, ...]
    rows: tuple[Row, ...]

    def column(self, *words: str) -> int | None:
        """The first column whose header holds one of `words`, so hand-written headers still match."""
        for index, name in enumerate(self.header):
            if any(word in name.lower() for word in words):
                return index
        return None


@dataclass(frozen=True)
class Member:
    """A row of a Properties, Relationships, Members or Request body table."""

    name: str
    type: str
    description: str
    line: int
    note: str = ""


def cells(line: str) -> tuple[str, ...]:
    """Split a pipe-table row; `\\|` is a literal pipe, outer pipes are optional."""
    text = line.strip()
    text = text.removeprefix("|")
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return tuple(
        part.replace("\\|", "|").strip() for part in re.split(r"(?<!\\)\|", text)
    )


def tables(page: Page, section: Section) -> list[Table]:
    """Every pipe table in a section; a row with the wrong number of cells is a page problem."""
    text = page.text(section)
    found: list[Table] = []
    i = 0
    while i + 1 < len(text):
        (line, head), (next_line, sep) = text[i], text[i + 1]
        if (
            "|" in head
            and next_line == line + 1
            and "-" in sep
            and _SEPARATOR.match(sep)
        ):
            table, i = _table(page, text, i)
            found.append(table)
        else:
            i += 1
    return found


def _table(page: Page, text: list[tuple[int, str]], i: int) -> tuple[Table, int]:
    line, head = text[i]
    header = cells(head)
    rows: list[Row] = []
    j, previous = i + 2, line + 1
    while j < len(text) and text[j][0] == previous + 1 and "|" in text[j][1]:
        previous, row = text[j][0], cells(text[j][1])
        rows.append(_fitted(previous, row, len(header)))
        j += 1
    return Table(line, header, tuple(rows)), j


def _fitted(line: int, row: tuple[str, ...], width: int) -> Row:
    """A row with a missing cell is read as far as it goes; extra cells join the last one."""
    if len(row) == width:
        return Row(line, row)
    note = f"the row has {len(row)} cells, its header {width}: "
    if len(row) < width:
        return Row(line, row + ("",) * (width - len(row)), note + "read what is there")
    joined = row[: width - 1] + (" | ".join(row[width - 1 :]),)
    return Row(line, joined, note + "the last ones read as one cell (an unescaped |)")


def first_table(page: Page, titles: tuple[str, ...], required: bool) -> Table | None:
    """The first table of the section titled one of `titles`; missing when required is a problem."""
    section = page.section(*titles)
    if section is None:
        if required:
            page.problem(1, f'no "## {titles[0]}" section with a table')
        return None
    return section_table(page, section, titles[0], required)


def section_table(
    page: Page, section: Section, what: str, required: bool
) -> Table | None:
    found = tables(page, section)
    if not found and required:
        page.problem(section.line, f"the {what} section has no table")
    return found[0] if found else None


def members(page: Page, titles: tuple[str, ...], required: bool) -> tuple[Member, ...]:
    """The rows of a member table: name, type and description, located."""
    return table_members(page, first_table(page, titles, required), titles[0])


def table_members(page: Page, table: Table | None, what: str) -> tuple[Member, ...]:
    if table is None:
        return ()
    kind, text = table.column("type"), table.column("description")
    if kind is None and what != "Members":
        page.problem(table.line, f"the {what} table has no Type column")
        return ()
    name = table.column("member", "name", "property", "relationship")
    name = 0 if name is None or name == kind else name
    return tuple(
        Member(
            name=inline.plain(row.cells[name]).strip("`*\\ "),
            type=row.cells[kind] if kind is not None else "",
            description=row.cells[text] if text is not None else "",
            line=row.line,
            note=row.note,
        )
        for row in table.rows
    )
