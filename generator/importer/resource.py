"""A resource page (entity, complex type or enum) as the located facts the decisions start from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer import inline
from generator.importer.markdown import Fence, Page
from generator.importer.tables import Member, first_table, members

_NAMESPACE = re.compile(r"^Namespace:\s*([A-Za-z0-9_.]+)")
_INHERITS = re.compile(r"^Inherits from\s+(.*)$", re.IGNORECASE)
_SKIPPED = re.compile(r"^\s*(\[!INCLUDE|Namespace:|Inherits from|>)", re.IGNORECASE)


@dataclass(frozen=True)
class Method:
    title: str
    link: str | None
    returns: str
    description: str
    line: int


@dataclass(frozen=True)
class ResourcePage:
    page: Page
    name: str
    kind: str
    namespace: str
    description: str
    description_line: int
    base: str | None
    base_line: int
    key: str | None
    block_line: int
    open_type: bool
    methods: tuple[Method, ...]
    properties: tuple[Member, ...]
    relationships: tuple[Member, ...]
    members: tuple[Member, ...]
    representation: Fence | None


def kind_of(page: Page) -> str:
    """enum, entity or complex, from what the page holds: members, a key or methods, or neither."""
    fence = _resource_block(page)
    block = fence.block if fence else {}
    if page.section("Members", "Values") or block.get("blockType") == "enum":
        return "enum"
    if "keyProperty" in block or page.section("Methods"):
        return "entity"
    return "complex"


def read_resource(page: Page) -> ResourcePage:
    """The facts of a resource page; missing sections and broken tables become page problems."""
    fence = _resource_block(page)
    block = fence.block if fence else {}
    odata_type = str(block.get("@odata.type", ""))
    title = page.sections[0].title.split()[0] if page.sections else ""
    name = odata_type.rsplit(".", 1)[-1] or title
    kind = kind_of(page)
    description, description_line = _description(page)
    base, base_line = _base(page)
    namespace = _namespace(page, odata_type)
    return ResourcePage(
        page=page,
        name=name,
        kind=kind,
        namespace=namespace,
        description=description,
        description_line=description_line,
        base=base,
        base_line=base_line,
        key=str(block["keyProperty"]) if "keyProperty" in block else None,
        block_line=fence.block_line if fence else 1,
        open_type=block.get("openType") is True,
        methods=_methods(page),
        properties=(
            members(page, ("Properties",), required=True) if kind != "enum" else ()
        ),
        relationships=members(page, ("Relationships",), required=False),
        members=(
            members(page, ("Members", "Values"), required=True)
            if kind == "enum"
            else ()
        ),
        representation=fence if fence and fence.body else None,
    )


def _resource_block(page: Page) -> Fence | None:
    return next(
        (f for f in page.fences if f.block.get("blockType") in ("resource", "enum")),
        None,
    )


def _intro(page: Page) -> list[tuple[int, str]]:
    """The prose between the title and the first sub-section."""
    if not page.sections:
        return []
    top = page.sections[0]
    nxt = page.sections[1].start - 1 if len(page.sections) > 1 else top.end
    return [(n, t) for n, t in page.text(top) if n <= nxt]


def _description(page: Page) -> tuple[str, int]:
    """The intro paragraph; the front matter's description when the intro is empty or a TODO."""
    lines = [(n, t) for n, t in _intro(page) if t.strip() and not _SKIPPED.match(t)]
    text = " ".join(t.strip() for _, t in lines)
    front = page.front.get("description", "")
    if (not text or inline.is_todo(text)) and front and not inline.is_todo(front):
        line = next(
            (n + 1 for n, t in enumerate(page.lines) if t.startswith("description:")), 1
        )
        return front, line
    return text, lines[0][0] if lines else 1


def _base(page: Page) -> tuple[str | None, int]:
    for n, t in _intro(page):
        match = _INHERITS.match(t.strip())
        if match:
            return inline.plain(match.group(1)).rstrip(".").strip() or None, n
    return None, 1


def _namespace(page: Page, odata_type: str) -> str:
    for _, t in _intro(page):
        match = _NAMESPACE.match(t.strip())
        if match:
            return match.group(1)
    return odata_type.rsplit(".", 1)[0] if "." in odata_type else "microsoft.graph"


def _methods(page: Page) -> tuple[Method, ...]:
    table = first_table(page, ("Methods",), required=False)
    if table is None:
        return ()
    returns = table.column("return")
    text = table.column("description")
    result = []
    for row in table.rows:
        found = inline.links(row.cells[0])
        result.append(
            Method(
                title=inline.plain(row.cells[0]),
                link=found[0][1] if found else None,
                returns=row.cells[returns] if returns is not None else "",
                description=row.cells[text] if text is not None else "",
                line=row.line,
            )
        )
    return tuple(result)
