"""The decisions of a type written from the metadata alone: each part it takes from the
metadata, located at the metadata's line, so a reviewer checks it where the service says it.
"""

from __future__ import annotations

from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.odata.edm import TypeInfo

FROM = "from the metadata"


def type_notes(
    res: ResourcePage, info: TypeInfo, file: str, log: Log, *, docs: bool
) -> None:
    """Its kind, base type, abstract and open flags, key, members and description; `docs`
    says the import reads docs pages too (none of which documents this type)."""
    line = info.line
    why = ": no page of the docs documents it" if docs else ""
    log.decide(
        file,
        line,
        "name",
        f"{info.kind} type, {FROM}{why}",
        rule="metadata.written-type",
    )
    if info.base:
        log.decide(
            file,
            line,
            "base",
            f"{info.base.rsplit('.', 1)[-1]}, {FROM}",
            rule="metadata.written-type",
        )
    for flag, value in (("abstract", info.abstract), ("openType", info.open_type)):
        if value:
            log.decide(file, line, flag, f"true, {FROM}", rule="metadata.written-type")
    if info.key:
        log.decide(
            file,
            info.key_line,
            "key",
            f"{', '.join(info.key)}, {FROM}",
            rule="metadata.written-type",
        )
    if info.members:
        names = ", ".join(m.name for m in info.members)
        log.decide(
            file, line, "members", f"{names}, {FROM}", rule="metadata.written-type"
        )
    if res.description:
        log.decide(file, line, "description", FROM, rule="metadata.written-type")


def property_note(spelled: str, nullable: bool) -> str:
    """A property of a type written from the metadata, as the note at its line says it."""
    return f"{spelled}{'' if nullable else ', not nullable'}, {FROM}"
