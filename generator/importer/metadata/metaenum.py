"""An enum's members as the metadata declares them: those the page lacks are added in the
metadata's order, those only the page lists are kept before `unknownFutureValue` (decisions).
"""

from __future__ import annotations

from dataclasses import replace

from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.odata.edm import UNKNOWN_FUTURE_VALUE as SENTINEL
from generator.odata.edm import TypeInfo


def follow(res: ResourcePage, info: TypeInfo, file: str) -> ResourcePage:
    """The page's enum with the metadata's members in its order (`file` names the metadata in
    notes); a `unknownFutureValue` the page lacks is placed with the flags
    (`importer.evolvable`), one it lists where the metadata has it."""
    names = [m.name for m in info.members]
    ours = {m.name: m for m in res.members if m.name}
    theirs = [n for n in names if n != SENTINEL]
    mine = [n for n in ours if n != SENTINEL]
    if not names or list(ours) == names or (mine == theirs and SENTINEL not in ours):
        return res
    described = [m for m in info.members if m.name != SENTINEL]
    line = res.members[0].line if res.members else res.block_line
    added = [m for m in described if m.name not in ours]
    only = [m for name, m in ours.items() if name not in names]
    readings = list(res.readings)
    if added:
        listed = ", ".join(m.name for m in added)
        at = f"{file}:{added[0].line}"
        note = f"{listed}: added from the metadata ({at}), which the page does not list"
        readings.append((line, "members", note, "metadata.members-added"))
    for member in only:
        note = f"{member.name}: not in the metadata ({file}:{info.line}); kept, as the page lists it"
        readings.append((member.line, "members", note, "metadata.member-kept"))
    if mine == theirs:
        note = (
            f"{SENTINEL} where the metadata has it ({file}:{info.line}): before the members "
            "the service sends only to a client that asks"
        )
        readings.append(
            (ours[SENTINEL].line, "members", note, "metadata.sentinel-place")
        )
    elif not added and not only:
        note = f"in the metadata's order ({file}:{info.line}), which the page lists otherwise"
        readings.append((line, "members", note, "metadata.members-order"))
    members = [ours.get(m.name, Member(m.name, "", "", line)) for m in described]
    before = names.index(SENTINEL) if SENTINEL in names else len(members)
    members[before:before] = [*only, *([ours[SENTINEL]] if SENTINEL in ours else [])]
    return replace(res, members=tuple(members), readings=tuple(readings))
