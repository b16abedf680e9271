"""A resource page (entity, complex type or enum) as the located facts the decisions start from."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.importer.docs import inline
from generator.importer.docs.markdown import Fence, Page
from generator.importer.docs.pageintro import (
    Reading,
    base_of,
    base_of_rows,
    description_of,
    intro,
)
from generator.importer.docs.tables import (
    Member,
    Table,
    first_table,
    members,
    table_members,
    tables,
)

_NAMESPACE = re.compile(r"^Namespace:\s*([A-Za-z0-9_.]+)")
_TITLE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\b")
# "An abstract base type ...", "Abstract entity that ...": not "an abstract definition", nor
# "represents an abstract type that contains ..." (reportRoot is no abstract type).
_ABSTRACT = re.compile(
    r"\babstract\s+(?:base\s+(?:class|type|entity|resource)|class|entity|resource)\b",
    re.IGNORECASE,
)


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
    abstract: bool
    methods: tuple[Method, ...]
    properties: tuple[Member, ...]
    relationships: tuple[Member, ...]
    members: tuple[Member, ...]
    representation: Fence | None
    origin: str = "page"  # or "section" (of values), "row" (a row's values), "stand-in"
    readings: tuple[Reading, ...] = ()  # decisions taken in reading the page


def kind_of(page: Page) -> str:
    """enum, entity or complex, from what the page holds: members, a key or methods, or neither.

    A page without a key whose base type is an entity is an entity too: the index decides that.
    """
    fence = _resource_block(page)
    block = fence.block if fence else {}
    if page.section("Members", "Values") or block.get("blockType") == "enum":
        return "enum"
    if "keyProperty" in block:
        return "entity"
    return "complex"


def documented_type(page: Page) -> str:
    """The type a page documents: its resource block's `@odata.type`, else its title's first word."""
    fence = _resource_block(page)
    block = fence.block if fence else {}
    odata_type = str(block.get("@odata.type") or block.get("@type") or "").lstrip("#")
    title = page.sections[0].title if page.sections else ""
    match = _TITLE.match(title)
    titled = match.group(1) if match else ""
    if not odata_type:
        return titled
    namespace, _, name = odata_type.rpartition(".")
    if name.islower() and titled.lower() == name and titled != name:
        return f"{namespace}.{titled[0].lower()}{titled[1:]}".lstrip(".")
    return odata_type


def read_resource(page: Page) -> ResourcePage:
    """The facts of a resource page; missing sections and broken tables become page problems."""
    fence = _resource_block(page)
    block = fence.block if fence else {}
    documented = documented_type(page)
    name = documented.rsplit(".", 1)[-1]
    kind = kind_of(page)
    description, description_line = description_of(page)
    properties = _properties(page) if kind != "enum" else ()
    base, base_line, readings = base_of(page, block, fence)
    if base is None:
        base, base_line, readings = base_of_rows(properties)
    namespace = _namespace(page, documented)
    block_line = fence.block_line if fence else 1
    readings += _name_reading(block, name, block_line)
    abstract = _ABSTRACT.search(description)
    if abstract and block.get("abstract") not in (True, "true"):
        note = f"true: the page says {abstract.group(0)!r}"
        readings += ((description_line, "abstract", note, "type.abstract-said"),)
    res = ResourcePage(
        page=page,
        name=name,
        kind=kind,
        namespace=namespace,
        description=description,
        description_line=description_line,
        base=base,
        base_line=base_line,
        key=str(block["keyProperty"]) if "keyProperty" in block else None,
        block_line=block_line,
        open_type=block.get("openType") in (True, "true"),
        abstract=block.get("abstract") in (True, "true") or bool(abstract),
        methods=_methods(page),
        properties=properties,
        relationships=members(page, ("Relationships",), required=False),
        members=(
            members(page, ("Members", "Values"), required=True)
            if kind == "enum"
            else ()
        ),
        representation=fence if fence and fence.body else None,
        readings=readings,
    )
    return _unkeyed(res) if kind == "entity" else res


def _name_reading(
    block: dict[str, object], name: str, line: int
) -> tuple[Reading, ...]:
    """The decision when the title's spelling overrules the resource block's."""
    said = str(block.get("@odata.type") or block.get("@type") or "").rsplit(".", 1)[-1]
    if not said or said == name:
        return ()
    return (
        (
            line,
            "name",
            f"{name}, as the title spells it; the resource block says {said}",
            "type.name-from-title",
        ),
    )


def _unkeyed(res: ResourcePage) -> ResourcePage:
    """A resource block that names a key the page never shows, on a type with no base, no
    operations and no navigation, is a complex type copied from an entity's template (a note).
    """
    key = res.key or ""
    body = "\n".join(res.representation.body) if res.representation else ""
    if (
        res.base
        or res.methods
        or res.relationships
        or key in {m.name for m in res.properties}
        or f'"{key}"' in body
    ):
        return res
    note = (
        f"complex type: the resource block names the key {key}, but the page lists no {key}, "
        "no base type, no methods and no relationships"
    )
    reading = (res.block_line, "kind", note, "type.unkeyed-complex")
    return replace(res, kind="complex", key=None, readings=(*res.readings, reading))


def _resource_block(page: Page) -> Fence | None:
    return next(
        (f for f in page.fences if f.block.get("blockType") in ("resource", "enum")),
        None,
    )


def _properties(page: Page) -> tuple[Member, ...]:
    """The rows of the Properties tables: the first, and every later one with a Type column (a
    page may group properties: facets, or those a base type also lists); a page without one (a
    type that only inherits) has none of its own."""
    section = page.section("Properties", "Property")
    if section is None:
        return ()
    found_tables = tables(page, section)
    found = table_members(page, found_tables[0] if found_tables else None, "Properties")
    for table in found_tables[1:]:
        if page.section_of(table.line) == section and _lists_properties(table):
            found += table_members(page, table, "Properties")
    return found


def _lists_properties(table: Table) -> bool:
    """A later table lists properties when it has a Property (or Name) column and a Type column;
    a table of a property's values ("type property | Type of range | ...") does not."""
    kind, name = table.column("type"), table.column("property", "name")
    return (
        kind is not None
        and name not in (None, kind)
        and table.header[kind].strip("*` ").lower() == "type"
    )


def _namespace(page: Page, documented: str) -> str:
    """The documented type's namespace; else the page's "Namespace:" line; else microsoft.graph."""
    if "." in documented:
        return documented.rsplit(".", 1)[0]
    for _, t in intro(page):
        match = _NAMESPACE.match(t.strip())
        if match:
            return match.group(1).rstrip(".")
    return "microsoft.graph"


def _methods(page: Page) -> tuple[Method, ...]:
    """The Methods table; older pages call it "Tasks on X resources" (a task and its route)."""
    table = first_table(page, ("Methods",), required=False)
    if table is None:
        tasks = [s for s in page.sections if s.title.lower().startswith("tasks on ")]
        listed = tables(page, tasks[0]) if tasks else []
        table = listed[0] if listed else None
    if table is None:
        return ()
    returns = table.column("return")
    text = table.column("description")
    result = []
    for row in table.rows:
        found = inline.links(row.cells[0], page.references)
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
