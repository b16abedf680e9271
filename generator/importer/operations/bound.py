"""Where an operation beyond CRUD binds, read from its routes: an action or a function on an item
(a key, a singleton, a single-valued navigation) or on a set, a media stream, a reference.
"""

from __future__ import annotations

import re

from generator.importer.docs.api import ApiPage
from generator.importer.docs.resource import Method
from generator.importer.operations.routes import is_param, names
from generator.importer.operations.tails import Address
from generator.odata.naming import singular

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FUNCTION_WORD = re.compile(r"\bfunction\b", re.IGNORECASE)
# An operation's page is titled `type: name` (`event: forward`, `Range: UsedRange`).
_TITLED = re.compile(r"^\s*[A-Za-z_][A-Za-z0-9_.]*\s*:\s*([A-Za-z_][A-Za-z0-9_]*)\s*$")
# What the Methods row or the page's title says about a function: `getOrder function`.
_STREAMS = ("content",)


def is_set_of(segment: str, name: str) -> bool:
    """`events` is a set of event, `followedSites` of site; `reports` is no set of
    deviceManagementReports, whose name ends with the word itself: a singleton."""
    if is_param(segment) or singular(segment) == segment:
        return False
    if name.lower().endswith(segment.lower()):
        return False
    return names([segment], name)


def binding(prefix: list[str], name: str) -> str:
    """collection after a set of the type (`/me/events/delta`), else item: after a key, a
    singleton or a single-valued navigation (`/me/calendar/getSchedule`)."""
    if prefix and is_set_of(prefix[-1], name):
        return "collection"
    return "item"


def operation_name(segment: str) -> str:
    """`microsoft.graph.copy` -> copy: an operation's name without its namespace."""
    return segment.rsplit(".", 1)[-1]


def is_name(name: str) -> bool:
    return bool(_NAME.match(name))


def says_function(row: Method, api: ApiPage, found: list[Address]) -> bool:
    """A GET of a name is a function when its route calls it, its page has a parameters table,
    its title names it after its type (`Range: UsedRange`), or the row, the title or the page's
    description calls it a function."""
    if any(a.tail == "call" for a in found) or api.parameters:
        return True
    titled = _TITLED.match(api.title)
    if titled and titled.group(1).lower() == found[0].last.lower():
        return True
    texts = (row.title, api.title, api.page.front.get("description", ""))
    return any(_FUNCTION_WORD.search(t) for t in texts)


def is_stream(found: Address, verb: str, properties: dict[str, str]) -> bool:
    """`.../$value`, or a GET or PUT of `.../content` where the type's `content` is a stream
    (or the page lists no such property): the entity's bytes, not a property."""
    if found.tail == "$value":
        return True
    if found.tail or found.last.lower() not in _STREAMS or verb not in ("GET", "PUT"):
        return False
    kind = properties.get(found.last, "Stream")
    return kind.split("(")[0].strip("[] ").lower() in ("stream", "edm.stream")
