"""A type only the metadata describes, as the facts a page would give: its properties,
navigation, members, base type, key and flags, each at the metadata's line.

Type cells name the metadata's type exactly, through a link the catalog follows (`csdl:` and
the qualified name), so a bare name never finds a namesake in another namespace.
"""

from __future__ import annotations

from generator.importer.docs.markdown import Page
from generator.importer.docs.pageintro import Reading
from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.odata.edm import Metadata, PropertyInfo, TypeInfo
from generator.odata.types import PRIMITIVES

LINK = "csdl:"


def cell(written: str) -> str | None:
    """A metadata type as a type cell (`[x](csdl:ns.x) collection`); None for an OData type the
    generator has no mapping for."""
    collection = written.startswith("Collection(") and written.endswith(")")
    item = written[len("Collection(") : -1] if collection else written
    suffix = " collection" if collection else ""
    if item.startswith("Edm."):
        name = item.removeprefix("Edm.")
        return f"{name}{suffix}" if name in PRIMITIVES else None
    return f"[{item.rsplit('.', 1)[-1]}]({LINK}{item}){suffix}"


def linked(link: str | None) -> str | None:
    """The qualified name a metadata cell's link names, or None for another link."""
    return link.removeprefix(LINK) if link and link.startswith(LINK) else None


def resource(info: TypeInfo, metadata: Metadata) -> ResourcePage:
    """The facts of a metadata type; a property of a type the generator cannot write is a
    reading (a decision), not a row."""
    target = info.qualified_name
    readings: list[Reading] = []

    def rows(found: tuple[PropertyInfo, ...]) -> tuple[Member, ...]:
        kept = []
        for p in found:
            written = cell(p.type)
            if written is None:
                where = f"{metadata.file}:{p.line}"
                why = f"left out: its type {p.type} ({where}) is no OData type the generator has"
                readings.append((p.line, p.name, why, "metadata.type-unwritable"))
                continue
            text = metadata.description(f"{target}/{p.name}")
            kept.append(Member(p.name, written, text, p.line))
        return tuple(kept)

    members = tuple(
        Member(m.name, "", metadata.description(f"{target}/{m.name}"), m.line)
        for m in info.members
    )
    properties, navigation = rows(info.properties), rows(info.navigation)
    return ResourcePage(
        page=Page(metadata.file, [], {}, [], [], []),
        name=info.name,
        kind=info.kind,
        namespace=info.namespace,
        description=metadata.description(target),
        description_line=info.line,
        base=info.base,
        base_line=info.line,
        key=info.key[0] if info.key else None,
        block_line=info.line,
        open_type=info.open_type,
        abstract=info.abstract,
        methods=(),
        properties=properties,
        relationships=navigation,
        members=members,
        representation=None,
        origin="metadata",
        readings=tuple(readings),
    )
