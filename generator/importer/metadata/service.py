"""The service's CSDL metadata over the docs pages: what the import follows, each disagreement noted.

The metadata is the service's own description of itself, so a property's type (collection or
not, `Guid` or `String`, an enum or a string), its nullability, which properties a type has, and
the type's base type and abstract flag come from it. The pages keep descriptions and read-only.
What the import cannot write (a type no page documents, an OData type the generator has no
mapping for) stays as the pages say. Both are decisions, located at the page with the
metadata's line in the message. Here: the lookups and the type-level decisions (base, abstract,
openType); a type's property rows: `importer.metaprops`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from generator.importer.docs.resolved import Base
from generator.importer.docs.resource import ResourcePage
from generator.odata import typeref
from generator.odata.edm import Metadata, TypeInfo
from generator.odata.types import PRIMITIVES


class Lookup(Protocol):
    """What the service asks of the run's types: the lookups of `importer.catalog.Catalog`, which
    holds the service (named apart from that class, which it is a view of)."""

    service: Service | None

    def resource(self, qualified: str) -> ResourcePage: ...

    def documented(self, qualified: str) -> str | None: ...

    def inherited(self, qualified: str) -> dict[str, str]: ...

    def kind(self, qualified: str) -> str: ...

    def chain(self, qualified: str) -> list[str]: ...

    def spelled(self, qualified: str, namespace: str) -> str: ...


@dataclass(frozen=True)
class Typed:
    """A metadata type the import can write: an OData primitive, or a type the docs document."""

    name: str  # the primitive's name, or the docs type's qualified name
    primitive: bool
    collection: bool

    def spelled(self, catalog: Lookup, namespace: str) -> str:
        name = self.name if self.primitive else catalog.spelled(self.name, namespace)
        return f"Collection({name})" if self.collection else name


class Service:
    """The metadata document, looked up by the names the docs give types."""

    def __init__(self, metadata: Metadata) -> None:
        self.metadata = metadata
        self._lower = {q.lower(): t for q, t in metadata.types.items()}

    def where(self, line: int) -> str:
        return f"{self.metadata.file}:{line}"

    def find(self, qualified: str) -> TypeInfo | None:
        """The metadata's type of a docs type, whose case the pages may spell otherwise."""
        return self.metadata.find(qualified) or self._lower.get(qualified.lower())

    def type(self, qualified: str) -> TypeInfo | None:
        """The metadata's entity or complex type of a docs type: the one with properties."""
        found = self.find(qualified)
        return found if found is not None and found.kind != "enum" else None

    def typed(self, catalog: Lookup, written: str) -> tuple[Typed | None, str]:
        """A metadata type reference as the import writes it, or why it cannot (said of the type)."""
        ref = typeref.split(written)
        if "." not in ref.name:
            if ref.name in PRIMITIVES:
                return Typed(ref.name, True, ref.collection), ""
            return None, "is no OData type the generator has"
        found = catalog.documented(ref.name)
        if found is None:
            return None, "is declared nowhere, in the docs or the metadata"
        if catalog.kind(found) == "entity":
            return None, "is an entity, which only navigation holds"
        return Typed(found, False, ref.collection), ""

    def base(self, catalog: Lookup, qualified: str, docs: Base) -> Base:
        """The metadata's base type when the docs document it, else the docs' (a decision)."""
        info = self.type(qualified)
        ours = docs.qualified
        theirs = info.base if info else None
        if info is None or (ours or "").lower() == (theirs or "").lower():
            return docs
        at = self.where(info.line)
        page = f"the docs give {short(ours)}" if ours else "the docs give none"
        if theirs is None and info.kind == "entity" and not info.key:
            decision = (
                f"{short(ours)}, as the docs say: the metadata ({at}) gives {info.name} "
                "no base type and no key, and an entity needs a key"
            )
            return replace(docs, decision=decision, rule="metadata.base-needs-key")
        if theirs is None:
            decision = f"no base type, as the metadata says ({at}); {page}"
            return replace(
                docs, qualified=None, decision=decision, rule="metadata.no-base"
            )
        found = catalog.documented(theirs)
        if found is None or found.lower() == qualified.lower():
            kept = short(ours) if ours else "no base type"
            why = (
                "declared nowhere, in the docs or the metadata"
                if found is None
                else "the type itself"
            )
            decision = f"{kept}, as the docs say: the metadata's base type {theirs} ({at}) is {why}"
            return replace(docs, decision=decision, rule="metadata.base-unknown")
        decision = f"{short(found)}, as the metadata says ({at}); {page}"
        return replace(docs, qualified=found, decision=decision, rule="metadata.base")

    def abstract(self, qualified: str, docs: bool) -> tuple[bool, str]:
        """The metadata's abstract flag, and the decision when the page says otherwise."""
        info = self.type(qualified)
        if info is None or info.abstract == docs:
            return docs, ""
        page = "the page does not say so" if info.abstract else "the page says true"
        said = "true" if info.abstract else "false"
        return (
            info.abstract,
            f"{said}, as the metadata says ({self.where(info.line)}); {page}",
        )

    def open_type(self, qualified: str, docs: bool) -> tuple[bool, str]:
        """The metadata's openType flag, and the decision when the page says otherwise."""
        info = self.type(qualified)
        if info is None or info.open_type == docs:
            return docs, ""
        page = "the page says true" if docs else "the page does not say so"
        said = "true" if info.open_type else "false"
        at = self.where(info.line)
        return info.open_type, f"{said}, as the metadata says ({at}); {page}"

    def missing(self, qualified: str) -> str:
        """The decision for a type the metadata does not have, or nothing."""
        if self.find(qualified) is not None:
            return ""
        return f"not in the metadata ({self.metadata.file}): the pages are followed for all of it"


def short(qualified: str | None) -> str:
    """A qualified name's last part: `microsoft.graph.entity` -> entity."""
    return (qualified or "").rsplit(".", 1)[-1]
