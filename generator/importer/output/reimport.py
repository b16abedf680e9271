"""A re-import that keeps review: each field a reviewer changed since the last import stays as
the reviewer left it, the import updates every other field, and a field both changed is a
conflict that keeps the reviewer's value and names both. Notes a reviewer added stay too.

The record of the last import (`importer.record`) says what the import wrote; what differs
from it in the spec folder is the reviewer's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.importer.output.record import Entry, digest, leaves


class _Absent:
    def __repr__(self) -> str:
        return "(absent)"


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class Difference:
    """A field by JSON pointer, with two values: before and after, or the reviewer's and the
    import's for a conflict; ABSENT where a side has no such field."""

    pointer: str
    before: Any
    after: Any


@dataclass(frozen=True)
class Merged:
    data: dict[str, Any]
    changed: tuple[Difference, ...]  # what the import changes in the spec as it is
    kept: tuple[str, ...]  # the fields the reviewer changed, kept as they are
    conflicts: tuple[Difference, ...]  # the reviewer's value (kept), the import's


def merge(new: Mapping[str, Any], current: Mapping[str, Any], entry: Entry) -> Merged:
    """The new import over the spec as it is, keeping what the reviewer changed."""
    ours = {p: v for p, v in leaves(new) if p != "/notes"}
    theirs = {p: v for p, v in leaves(current) if p != "/notes"}
    result: dict[str, Any] = {}
    changed: list[Difference] = []
    kept: list[str] = []
    conflicts: list[Difference] = []
    for pointer in [*ours, *(p for p in theirs if p not in ours)]:
        imported, present = ours.get(pointer, ABSENT), theirs.get(pointer, ABSENT)
        written = entry.fields.get(pointer)
        if _hash(present) == written or _hash(imported) == _hash(present):
            result[pointer] = imported
            if _hash(imported) != _hash(present):
                changed.append(Difference(pointer, present, imported))
            continue
        result[pointer] = present
        kept.append(pointer)
        if _hash(imported) != written:
            conflicts.append(Difference(pointer, present, imported))
    notes = list(new.get("notes", []))
    present = list(current.get("notes", []) or [])
    yours = [n for n in present if digest(n) not in entry.notes and n not in notes]
    if [n for n in present if n not in yours] != notes:  # the import's notes changed
        changed.append(Difference("/notes", len(present) - len(yours), len(notes)))
    notes += yours
    data = _nested({p: v for p, v in result.items() if v is not ABSENT})
    if notes:
        data["notes"] = notes
    return Merged(data, tuple(changed), tuple(kept), tuple(conflicts))


def _hash(value: Any) -> str | None:
    return None if value is ABSENT else digest(value)


def _nested(flat: dict[str, Any]) -> dict[str, Any]:
    """Leaves by JSON pointer back into mappings, in the order they come."""
    root: dict[str, Any] = {}
    for pointer, value in flat.items():
        parts = [_unescape(p) for p in pointer.split("/")[1:]]
        here = root
        for part in parts[:-1]:
            child = here.get(part)
            if not isinstance(child, dict):
                child = here[part] = {}
            here = child
        here[parts[-1]] = value
    return root


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def shown(value: Any) -> str:
    """A value as a line of a report names it."""
    if value is ABSENT:
        return "(absent)"
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 80 else text[:77] + "..."
