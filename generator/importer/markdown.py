"""Graph docs markdown as located pieces: front matter, sections, tables, code fences, blockType comments."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.problems import Problem

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


@dataclass(frozen=True)
class Fence:
    line: int
    lang: str
    body: tuple[str, ...]
    block: dict[str, Any]


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
        return [(i + 1, self.lines[i]) for i in range(section.start, section.end) if self.prose[i]]

    def fences_in(self, section: Section) -> list[Fence]:
        return [f for f in self.fences if section.start < f.line <= section.end]

    def section_of(self, line: int) -> Section | None:
        """The innermost section a line belongs to."""
        found = [s for s in self.sections if s.start < line <= s.end]
        return max(found, key=lambda s: s.level) if found else None


def loose_json(text: str) -> tuple[Any, bool]:
    """JSON as hand-written pages have it: trailing commas are repaired (and the repair reported)."""
    try:
        return _json(text), False
    except ValueError:
        return _json(_TRAILING_COMMA.sub(r"\1", text)), True


def _json(text: str) -> Any:
    """Numbers with a fraction stay exact; nesting too deep for the parser is bad JSON, not a crash."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse(text: str, file: str) -> Page:
    """Split a page into located pieces; headings inside fences and comments are not headings."""
    lines = text.splitlines()
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
    block: dict[str, Any] = {}
    i = first
    while i < len(page.lines):
        line = page.lines[i]
        fence = _FENCE.match(line)
        if fence:
            i = _fence(page, i, fence, block)
            block = {}
        elif line.lstrip().startswith("<!--"):
            i, block = _comment(page, i)
        else:
            heading = _HEADING.match(line)
            if heading:
                headings.append((i, len(heading.group(1)), heading.group(2)))
            if line.strip():
                block = {}
            i += 1
    return headings


def _fence(page: Page, i: int, match: re.Match[str], block: dict[str, Any]) -> int:
    marker = match.group(1)
    end = i + 1
    while end < len(page.lines) and not page.lines[end].lstrip().startswith(marker):
        end += 1
    for j in range(i, min(end + 1, len(page.lines))):
        page.prose[j] = False
    page.fences.append(Fence(i + 1, match.group(2).lower(), tuple(page.lines[i + 1 : end]), block))
    return end + 1


def _comment(page: Page, i: int) -> tuple[int, dict[str, Any]]:
    """Skip an HTML comment; a `blockType` comment's JSON is kept for the fence below it."""
    end = i
    while end < len(page.lines) and "-->" not in page.lines[end]:
        end += 1
    for j in range(i, min(end + 1, len(page.lines))):
        page.prose[j] = False
    body = "\n".join(page.lines[i : end + 1]).strip()
    body = body.removeprefix("<!--").removesuffix("-->").strip()
    if "blockType" not in body:
        return end + 1, {}
    try:
        data, _ = loose_json(body)
    except ValueError as error:
        page.problem(i + 1, f"the blockType comment is not valid JSON: {error}")
        return end + 1, {}
    return end + 1, data if isinstance(data, dict) else {}
