"""What an enum's values are beyond the members its page lists: whether they combine (a flags
enum), and where the sentinel of an evolvable enum stands.

The metadata says both where it has the enum (`IsFlags="true"`, a `unknownFutureValue`
member), and the import follows it; without it, a page that says its values combine makes a
flags enum. Each is a decision at the page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.importer.docs import inline
from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.odata.edm import UNKNOWN_FUTURE_VALUE as SENTINEL
from generator.odata.edm import TypeInfo

if TYPE_CHECKING:
    from generator.importer.metadata.service import Service

# How pages say an enum's values combine: "Multiple values can be combined", "a flags enum".
_COMBINE = re.compile(
    r"\b(?:values|members|flags)\s+(?:can|may)\s+be\s+combined"
    r"|\bvalues\s+combine\b"
    r"|\bflags?\s+enum(?:eration)?\b"
    r"|\bcombination\s+of\s+(?:these|the\s+following|its)\s+(?:values|members)\b",
    re.IGNORECASE,
)


def combines(text: str) -> str | None:
    """The words of an enum's description that say its values combine, or None."""
    match = _COMBINE.search(inline.plain(text))
    return match.group(0) if match else None


def members_and_flags(
    res: ResourcePage,
    qualified: str,
    members: list[str],
    service: Service | None,
    log: Log,
) -> tuple[list[str], bool]:
    """The members with the metadata's sentinel, and whether the values are flags."""
    info = service.find(qualified) if service is not None else None
    said = combines(res.description)
    if service is None or info is None or info.kind != "enum":
        if said:
            log.decide(
                res.page.file,
                res.description_line,
                "flags",
                f"true: the page says {said!r}",
                rule="type.flags-said",
            )
        return members, bool(said)
    _flags_decision(res, info, said, service, log)
    return _with_sentinel(res, members, info, service, log), info.flags


def _flags_decision(
    res: ResourcePage, info: TypeInfo, said: str | None, service: Service, log: Log
) -> None:
    if info.flags == bool(said):
        return
    page = (
        f"the page says {said!r}"
        if said
        else "the page does not say its values combine"
    )
    log.decide(
        res.page.file,
        res.description_line,
        "flags",
        f"{str(info.flags).lower()}, as the metadata says ({service.where(info.line)}); {page}",
        rule="metadata.flags",
    )


def _with_sentinel(
    res: ResourcePage, members: list[str], info: TypeInfo, service: Service, log: Log
) -> list[str]:
    """`unknownFutureValue` where the metadata has it: before the first member the page lists
    that the metadata puts after it, since the service sends those only when asked."""
    theirs = [m.name for m in info.members]
    if SENTINEL not in theirs or SENTINEL in members:
        return members
    later = set(theirs[theirs.index(SENTINEL) + 1 :])
    at = next((i for i, m in enumerate(members) if m in later), len(members))
    rows = [m for m in res.members if m.name in members]
    line = rows[min(at, len(rows) - 1)].line if rows else res.block_line
    where = service.where(info.members[theirs.index(SENTINEL)].line)
    log.decide(
        res.page.file,
        line,
        "members",
        f"{SENTINEL} added, as the metadata says ({where}): the page does not list it",
        rule="metadata.sentinel-added",
    )
    return [*members[:at], SENTINEL, *members[at:]]
