"""Properties: Graph types resolved, TODO placeholders dropped, read-only and the id's type decided."""

from __future__ import annotations

from typing import Any

from generator.importer import inline
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.resource import ResourcePage
from generator.importer.tables import Member
from generator.importer.typenames import TypeRef, parse_type
from generator.problems import suggestion
from generator.types import PRIMITIVES

# Set by the server on every Graph entity that has them; a "required" table listing them is wrong.
SERVER_SET = ("lastModifiedDateTime", "createdDateTime")
BodyRow = tuple[str, Member]


def resolve(
    cell: str, at: str, file: str, line: int, ctx: Context, log: Log
) -> str | None:
    """A type cell to a spec type name, reporting aliases and types that are not imported."""
    ref = parse_type(cell)
    if ref is None:
        log.error(file, line, f"{at}: {inline.plain(cell)!r} is not a type name")
        return None
    if ref.alias:
        log.decide(file, line, at, f"{ref.written!r} read as {ref.spelled}")
    if ref.primitive:
        return ref.spelled
    return _named(ref, at, file, line, ctx, log)


def _named(
    ref: TypeRef, at: str, file: str, line: int, ctx: Context, log: Log
) -> str | None:
    known = ctx.known(ref)
    if known is None:
        hint = suggestion(
            ref.name, [*PRIMITIVES, *(r.name for r in ctx.imported.values())]
        )
        log.error(
            file,
            line,
            f"{at}: unknown type {ref.name!r}: not an OData primitive, not imported, "
            f"and no resources/{ref.name.lower()}.md in the docs{hint}",
        )
        return None
    if not known.imported:
        log.decide(
            file,
            line,
            at,
            f"{ref.name} ({known.kind}, {known.page}) is not being imported: "
            "import it too before generating",
        )
    return ref.spelled


def properties(
    res: ResourcePage, body: list[BodyRow], financial: bool, ctx: Context, log: Log
) -> dict[str, Any]:
    """The properties table as spec properties, in page order."""
    file = res.page.file
    result: dict[str, Any] = {}
    for member in res.properties:
        if member.name in result:
            log.error(file, member.line, f"property {member.name!r} is listed twice")
            continue
        if not _valid_name(member, file, log):
            continue
        kind = resolve(member.type, member.name, file, member.line, ctx, log)
        if kind is None:
            continue
        if member.name == res.key and kind == "String" and financial:
            kind = "Guid"
            log.decide(
                file,
                member.line,
                member.name,
                "Guid, as financials ids are in the service metadata; "
                "the page says String (inherited from entity)",
            )
        entry: dict[str, Any] = {"type": kind}
        if _read_only(res, member, body, log):
            entry["readOnly"] = True
        description, _ = inline.without_todo(member.description)
        if description:
            entry["description"] = description
        result[member.name] = entry
    return result


def _valid_name(member: Member, file: str, log: Log) -> bool:
    if member.name and not member.name.startswith("@") and len(member.name) <= 200:
        return True
    log.error(file, member.line, f"{member.name[:60]!r} is not a property name")
    return False


def _read_only(
    res: ResourcePage, member: Member, body: list[BodyRow], log: Log
) -> bool:
    """Read-only when the page says so, or when the server sets it (a decision, at the table that lists it)."""
    if (
        "read-only" in member.description.lower()
        or "readonly" in member.description.lower()
    ):
        return True
    inherited = "inherited from" in member.description.lower() or res.base == "entity"
    if not ((member.name == res.key and inherited) or member.name in SERVER_SET):
        return False
    why = (
        "inherited from entity, set by the server"
        if member.name == res.key
        else "set by the server"
    )
    listed = [(file, row.line) for file, row in body if row.name == member.name]
    if listed:
        where = ", ".join(f"{f}:{n}" for f, n in listed)
        log.decide(
            *listed[0],
            member.name,
            f"read-only ({why}), although the request body tables list it ({where})",
        )
    else:
        log.decide(res.page.file, member.line, member.name, f"read-only ({why})")
    return True


def todo_count(res: ResourcePage) -> tuple[int, int]:
    """How many TODO placeholders the page holds, and the line of the first, to report them once."""
    rows = [*res.properties, *res.relationships, *res.members]
    lines = [m.line for m in rows if inline.is_todo(m.description)]
    if inline.is_todo(res.description):
        lines.insert(0, res.description_line)
    return len(lines), (lines[0] if lines else 1)
