"""What the catalog decides of a type cell or a base type, with the decision taken to get it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from generator.importer.docs.typenames import TypeRef


class Names(Protocol):
    """How the run spells a type in a spec (the catalog does)."""

    def spelled(self, qualified: str, namespace: str) -> str: ...


@dataclass(frozen=True)
class Base:
    """The base type a type derives from, and the decision taken to get it, if any."""

    qualified: str | None
    line: int
    decision: str = ""
    rule: str = ""  # the importer rule that took the decision


@dataclass(frozen=True)
class Resolved:
    """A type cell resolved: a primitive, a documented type, an enum only the row lists, or nothing."""

    ref: TypeRef | None
    target: str | None = None  # a qualified name; None for primitives
    decision: str = ""
    error: str = ""
    rule: str = ""  # the importer rule that took the decision
    dropped: bool = False

    def spelled(self, catalog: Names, namespace: str) -> str:
        assert self.ref is not None
        name = catalog.spelled(self.target, namespace) if self.target else self.ref.name
        return f"Collection({name})" if self.ref.collection else name
