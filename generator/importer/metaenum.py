"""An enum's members as the metadata declares them: those the page lacks are added in the
metadata's order, those only the page lists are kept before `unknownFutureValue` (decisions).
"""

from __future__ import annotations

from dataclasses import replace

from generator.importer.resource import ResourcePage
from generator.importer.tables import Member
from generator.odata.edm import UNKNOWN_FUTURE_VALUE as SENTINEL
from generator.odata.edm import TypeInfo


def follow(res: ResourcePage, info: TypeInfo, file: str) -> ResourcePage:
    """The page's enum with the metadata's members (`file` names the metadata in notes);
    `unknownFutureValue` is placed later, with the flags (`importer.evolvable`)."""
    described = [m for m in info.members if m.name != SENTINEL]
    theirs = [m.name for m in described]
    ours = {m.name: m for m in res.members if m.name}
    if not theirs or [n for n in ours if n != SENTINEL] == theirs:
        return res
    line = res.members[0].line if res.members else res.block_line
    added = [m for m in described if m.name not in ours]
    only = [m for name, m in ours.items() if name not in theirs]
    readings = list(res.readings)
    if added:
        listed = ", ".join(m.name for m in added)
        at = f"{file}:{added[0].line}"
        note = f"{listed}: added from the metadata ({at}), which the page does not list"
        readings.append((line, "members", note))
    for member in only:
        if member.name == SENTINEL:
            continue
        note = f"{member.name}: not in the metadata ({file}:{info.line}); kept, as the page lists it"
        readings.append((member.line, "members", note))
    members = [ours.get(m.name, Member(m.name, "", "", line)) for m in described]
    names = [m.name for m in info.members]
    before = names.index(SENTINEL) if SENTINEL in names else len(members)
    members[before:before] = only
    return replace(res, members=tuple(members), readings=tuple(readings))
