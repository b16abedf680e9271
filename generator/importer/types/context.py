"""What every type's import can see: the docs, the catalog of their types, and the types of the run."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.importer.docs.pages import Reader
from generator.importer.docs.resource import ResourcePage
from generator.importer.metadata import metaprops
from generator.importer.metadata.metaroutes import Routes
from generator.importer.types.catalog import Catalog


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
    # Paths from the metadata's entity container (import-metadata), else from the pages.
    routes: Routes | None = None
    present: set[str] = field(default_factory=set)  # the folder's specs, lower case
    _types: dict[str, dict[str, WireType]] = field(default_factory=dict)

    def is_imported(self, qualified: str) -> bool:
        """Imported now, or a spec of the folder already: navigation to it is kept."""
        return qualified.lower() in self.imported or qualified.lower() in self.present

    def inherited(self, qualified: str) -> dict[str, str]:
        """The property and relationship names the base types give, with the base that has each."""
        return self.catalog.inherited(qualified)

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
            if resolved.error or self.catalog.is_navigation(resolved, "property"):
                continue
            kept = metaprops.follow(self.catalog, qualified, member, resolved).resolved
            if kept is None or kept.ref is None or kept.dropped:
                continue
            target = kept.target
            found[member.name] = WireType(
                target or kept.ref.name, kept.ref.collection, target is None
            )
        for added in metaprops.added(self.catalog, qualified):
            if added.kept and added.typed is not None:
                typed = added.typed
                found[added.info.name] = WireType(
                    typed.name, typed.collection, typed.primitive
                )
        return found

    def kind(self, qualified: str) -> str:
        return self.catalog.kind(qualified)

    def members(self, qualified: str) -> tuple[str, ...]:
        res = self.catalog.resource(qualified)
        return tuple(m.name for m in res.members) if res.kind == "enum" else ()
