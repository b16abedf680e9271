"""Graph docs markdown as located pieces: front matter, sections, tables, code fences, blockType comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.importer.docs.jsontext import loose_json
from generator.report.problems import Problem

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)")
# `# [HTTP](#tab/http)`: a tab of a code sample, not a heading that ends the section around it.
_TAB = re.compile(r"^#+\s*\[[^\]]*\]\(#tab/")
# `[identitySet]: identityset.md`: the target of reference-style links `[identitySet][]`.
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?([^\s>]+)>?")


@dataclass(frozen=True)
class Fence:
    line: int
    lang: str
    body: tuple[str, ...]
    block: dict[str, Any]
    block_line: int


@dataclass(frozen=True)
class Section:
    title: str
    level: int
    line: int
    start: int
    end: int


@dataclass
class Page:
    """One parsed page; problems found while reading it are kept until the import reports them."""

    file: str
    lines: list[str]
    front: dict[str, str]
    sections: list[Section]
    fences: list[Fence]
    prose: list[bool]
    problems: list[Problem] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def section(self, *titles: str, level: int | None = None) -> Section | None:
        """The first section titled one of `titles` (any case), at `level` when given."""
        wanted = {t.lower() for t in titles}
        for s in self.sections:
            if s.title.lower() in wanted and (level is None or s.level == level):
                return s
        return None

    def text(self, section: Section) -> list[tuple[int, str]]:
        """The prose lines of a section, outside code fences and comments, with their numbers."""
        return [
            (i + 1, self.lines[i])
            for i in range(section.start, section.end)
            if self.prose[i]
        ]

    def fences_in(self, section: Section) -> list[Fence]:
        return [f for f in self.fences if section.start < f.line <= section.end]

    def section_of(self, line: int) -> Section | None:
        """The innermost section a line belongs to."""
        found = [s for s in self.sections if s.start < line <= s.end]
        return max(found, key=lambda s: s.level) if found else None


def parse(text: str, file: str) -> Page:
    """Split a page into located pieces; headings inside fences and comments are not headings."""
    lines = text.replace("\r\n", "\n").split("\n")
    front, first = _front_matter(lines)
    page = Page(file, lines, front, [], [], [True] * len(lines))
    for i in range(first):
        page.prose[i] = False
    headings = _scan(page, first)
    for n, (index, level, title) in enumerate(headings):
        end = next((h[0] for h in headings[n + 1 :] if h[1] <= level), len(lines))
        page.sections.append(Section(title, level, index + 1, index + 1, end))
    return page


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].strip() == "---":
            pairs = (line.split(":", 1) for line in lines[1:end] if ":" in line)
            return {k.strip(): v.strip().strip("\"'") for k, v in pairs}, end + 1
    return {}, 0


def _scan(page: Page, first: int) -> list[tuple[int, int, str]]:
    """Mark fences and comments, collect fences and headings."""
    headings: list[tuple[int, int, str]] = []
    block: tuple[dict[str, Any], int] = ({}, 0)
    i = first
    while i < len(page.lines):
        line = page.lines[i]
        fence = _FENCE.match(line)
        if fence:
            i = _fence(page, i, fence, block)
            block = ({}, 0)
        elif line.lstrip().startswith("<!--"):
            start = i
            i, data = _comment(page, i)
            block = (data, start + 1) if data else ({}, 0)
        else:
            heading = _HEADING.match(line)
            if heading and not _TAB.match(line):
                headings.append((i, len(heading.group(1)), heading.group(2)))
            definition = _DEFINITION.match(line)
            if definition:
                page.references.setdefault(
                    definition.group(1).lower(), definition.group(2)
                )
            if line.strip():
                block = ({}, 0)
            i += 1
    return headings


def _fence(
    page: Page, i: int, match: re.Match[str], block: tuple[dict[str, Any], int]
) -> int:
    marker = match.group(1)
    end = i + 1
    while end < len(page.lines) and not page.lines[end].lstrip().startswith(marker):
        end += 1
    for j in range(i, min(end + 1, len(page.lines))):
        page.prose[j] = False
    page.fences.append(
        Fence(i + 1, match.group(2).lower(), tuple(page.lines[i + 1 : end]), *block)
    )
    return end + 1


def _comment(page: Page, i: int) -> tuple[int, dict[str, Any]]:
    """Skip an HTML comment; a `blockType` comment's JSON is kept for the fence below it."""
    end = i
    while end < len(page.lines) and "-->" not in page.lines[end]:
        end += 1
    for j in range(i, min(end + 1, len(page.lines))):
        page.prose[j] = False
    raw = "\n".join(page.lines[i : end + 1])
    body = raw[raw.index("<!--") + 4 :]
    body = body[: body.rindex("-->")] if "-->" in body else body
    if "blockType" not in body:
        return end + 1, {}
    try:
        data, _ = loose_json(body)
    except ValueError as error:
        line = i + getattr(error, "lineno", 1)
        page.problem(
            line,
            f"the blockType comment is not valid JSON: {getattr(error, 'msg', error)}",
        )
        return end + 1, {}
    return end + 1, data if isinstance(data, dict) else {}
