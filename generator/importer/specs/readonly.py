"""Which properties are read-only: those the page says are, those the server sets (the key
inherited from entity, the creation and change times), and those the metadata says the service
computes, for a type only the metadata describes.

In: a property row, the request body rows that list properties, the run's types. Out: whether
the property is read-only, and the decision when the pages did not say so themselves.
"""

from __future__ import annotations

from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.importer.log import Log
from generator.importer.types.context import Context
from generator.odata.edm import CORE

COMPUTED = f"{CORE}.Computed"
# Set by the server on every Graph entity that has them; a "required" table listing them is wrong.
SERVER_SET = ("lastModifiedDateTime", "createdDateTime")
# A request body row, with the API page that lists it.
BodyRow = tuple[str, Member]


def said(res: ResourcePage, member: Member, body: list[BodyRow], log: Log) -> bool:
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
            rule="property.server-set",
        )
    else:
        log.decide(
            res.page.file,
            member.line,
            member.name,
            f"read-only ({why})",
            rule="property.server-set",
        )
    return True


def computed(
    qualified: str, member: Member, res: ResourcePage, ctx: Context, log: Log
) -> bool:
    """Read-only where the metadata says the service computes it (Core.Computed), for a type
    only the metadata describes: the pages say read-only for theirs."""
    service = ctx.catalog.service
    info = service.find(qualified) if service else None
    if service is None or info is None or res.origin != "metadata":
        return False
    target = f"{info.qualified_name}/{member.name}"
    if service.metadata.term(target, COMPUTED) is not True:
        return False
    log.decide(
        res.page.file,
        member.line,
        member.name,
        "read-only, from the metadata (Core.Computed)",
        rule="metadata.computed",
    )
    return True
