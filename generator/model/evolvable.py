"""Which types can hold enum members the service sends only to a client that asks for them.

Graph's evolvable enums end their original members with the sentinel `unknownFutureValue`;
members added later come after it, and the service sends them only with `Prefer:
include-unknown-enum-members` (otherwise it sends the sentinel). The generated client decodes
any member, so every operation whose types can hold such a member asks for them.
"""

from __future__ import annotations

from collections import deque

from generator.check.schema import Schema, TypeDef
from generator.odata.edm import UNKNOWN_FUTURE_VALUE


def has_late_members(t: TypeDef) -> bool:
    """An evolvable enum with members after its sentinel."""
    members = t.spec.members
    return t.kind == "enum" and UNKNOWN_FUTURE_VALUE in members[:-1]


def asking_types(schema: Schema) -> frozenset[str]:
    """Every type whose values can hold such a member: the enums with late members and the
    entity and complex types that hold them."""
    late = {t.qualified for t in schema if has_late_members(t)}
    return prefer_unknown_members(schema) | late


def prefer_unknown_members(schema: Schema) -> frozenset[str]:
    """The entity and complex types whose values can hold such a member, transitively: through
    their properties (inherited and navigation ones too) and the types derived from them.
    """
    holders: dict[str, set[str]] = {t.qualified: set() for t in schema}
    for t in schema:
        held = {p.type.name for p in t.props if p.type.kind != "primitive"}
        for name in held | set(t.derived):
            holders[name].add(t.qualified)
    late = [t.qualified for t in schema if has_late_members(t)]
    reached, queue = set(late), deque(late)
    while queue:
        for holder in holders[queue.popleft()] - reached:
            reached.add(holder)
            queue.append(holder)
    return frozenset(n for n in reached if schema[n].kind != "enum")
