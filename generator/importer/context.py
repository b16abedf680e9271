"""What every type's import can see: the docs, the catalog of their types, and the types of the run."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.importer.catalog import Catalog
from generator.importer.pages import Reader
from generator.importer.resource import ResourcePage


@dataclass(frozen=True)
class WireType:
    """A property's type as examples are checked against it: a primitive or a qualified name."""

    name: str
    collection: bool
    primitive: bool


@dataclass
class Context:
    reader: Reader
    catalog: Catalog
    imported: dict[str, ResourcePage]  # by qualified name, lower case
    with_navigation: bool = False
    _types: dict[str, dict[str, WireType]] = field(default_factory=dict)

    def is_imported(self, qualified: str) -> bool:
        return qualified.lower() in self.imported

    def inherited(self, qualified: str) -> dict[str, str]:
        """The property and relationship names the base types give, with the base that has each."""
        names: dict[str, str] = {}
        for base in self.catalog.chain(qualified)[1:]:
            res = self.catalog.resource(base)
            for member in (*res.properties, *res.relationships):
                names.setdefault(member.name, res.name)
        return names

    def wire_types(self, qualified: str) -> dict[str, WireType]:
        """Every property of a type with its base types' properties, to check example values."""
        key = qualified.lower()
        if key not in self._types:
            self._types[key] = {}
            found: dict[str, WireType] = {}
            for owner in reversed(self.catalog.chain(qualified)):
                for name, wire in self._own_types(owner).items():
                    found.setdefault(name, wire)  # a base type's row wins over a repeat
            self._types[key] = found
        return self._types[key]

    def _own_types(self, qualified: str) -> dict[str, WireType]:
        res = self.catalog.resource(qualified)
        found: dict[str, WireType] = {}
        for member in res.properties:
            resolved = self.catalog.resolve(member, res, "property")
            ref = resolved.ref
            if ref is None or resolved.error or resolved.dropped:
                continue
            target = resolved.target
            if target and self.catalog.kind(target) == "entity":
                continue
            found[member.name] = WireType(
                target or ref.name, ref.collection, target is None
            )
        return found

    def kind(self, qualified: str) -> str:
        return self.catalog.kind(qualified)

    def members(self, qualified: str) -> tuple[str, ...]:
        res = self.catalog.resource(qualified)
        return tuple(m.name for m in res.members) if res.kind == "enum" else ()
