"""What a resource page's introduction says: its description, and its base type (the
resource block's, an "Inherits from" line's, or the one its rows say they inherit from).

In: a page (and its resource block). Out: the text and line of each, with the decisions taken
in reading them (`Reading`s, which the type's spec notes).
"""

from __future__ import annotations

import re
from collections import Counter

from generator.importer.docs import inline
from generator.importer.docs.markdown import Fence, Page
from generator.importer.docs.tables import Member

# A decision taken in reading a page: (line, spec field, decision, rule id).
Reading = tuple[int, str, str, str]
# A row's "Inherited from [deviceConfiguration](...)": a link, not prose ("from the parent").
_INHERITED_ROW = re.compile(
    r"\binherited from\s+\[\s*[`*]*([A-Za-z_][A-Za-z0-9_.]*)[`*]*\s*\]", re.IGNORECASE
)
_INHERITS = re.compile(r"\binherits from\s+(.*)$", re.IGNORECASE)
_SKIPPED = re.compile(r"^\s*(\[!INCLUDE|Namespace:|Inherits from|>)", re.IGNORECASE)


def intro(page: Page) -> list[tuple[int, str]]:
    """The prose between the title and the first sub-section."""
    if not page.sections:
        return []
    top = page.sections[0]
    nxt = page.sections[1].start - 1 if len(page.sections) > 1 else top.end
    return [(n, t) for n, t in page.text(top) if n <= nxt]


def description_of(page: Page) -> tuple[str, int]:
    """The intro paragraph; the front matter's description when the intro is empty or a TODO."""
    prose = intro(page)
    table = next((n for n, t in prose if t.lstrip().startswith("|")), None)
    lines = [
        (n, t)
        for n, t in prose
        if t.strip() and not _SKIPPED.match(t) and (table is None or n < table)
    ]
    text = " ".join(t.strip() for _, t in lines)
    front = page.front.get("description", "")
    if (not text or inline.is_todo(text)) and front and not inline.is_todo(front):
        line = next(
            (n + 1 for n, t in enumerate(page.lines) if t.startswith("description:")), 1
        )
        return front, line
    return text, lines[0][0] if lines else 1


def base_of(
    page: Page, block: dict[str, object], fence: Fence | None
) -> tuple[str | None, int, tuple[Reading, ...]]:
    """The base type: the resource block's `baseType`, else an "Inherits from" line; the line
    when the block says entity and the line names a nearer base (a decision)."""
    inherits = next(
        ((n, m) for n, t in intro(page) if (m := _INHERITS.search(t.strip()))), None
    )
    said, linked = None, False
    if inherits:
        words = inline.plain(inherits[1].group(1)).rstrip(".").split()
        said = words[0].strip("*`") if words else None
        linked = inherits[1].group(1).lstrip(" *`").startswith("[")
    if isinstance(block.get("baseType"), str) and str(block["baseType"]).strip():
        block_base = str(block["baseType"]).strip().lstrip("#")
        line = fence.block_line if fence else 1
        nearer = said and said.lower() not in ("entity", block_base.lower())
        entity = block_base.rsplit(".", 1)[-1].lower() == "entity"
        if inherits and linked and nearer and entity:
            note = (
                f"{said}, as the page says it inherits; the resource block says entity"
            )
            return (
                said,
                inherits[0],
                ((inherits[0], "base", note, "type.base-inherits"),),
            )
        return block_base, line, ()
    if inherits:
        return said, inherits[0], ()
    return None, 1, ()


def base_of_rows(
    rows: tuple[Member, ...],
) -> tuple[str | None, int, tuple[Reading, ...]]:
    """A page that names no base, whose rows say "Inherited from [deviceConfiguration](...)":
    the type the most rows name, other than entity (a decision)."""
    named = [
        (m.group(1), row.line)
        for row in rows
        if (m := _INHERITED_ROW.search(row.description))
        and m.group(1).lower() not in ("entity", "microsoft.graph.entity")
    ]
    if not named:
        return None, 1, ()
    counts = Counter(name for name, _ in named)
    base = max(sorted(counts), key=lambda n: counts[n])
    line = next(n for name, n in named if name == base)
    note = f"{base}, as {counts[base]} of its rows say they are inherited from it"
    return base, line, ((line, "base", note, "type.base-from-rows"),)
