"""The service's CSDL metadata over the docs pages: what the import follows, each disagreement noted.

The metadata is the service's own description of itself, so a property's type (collection or
not, `Guid` or `String`, an enum or a string), its nullability, which properties a type has, and
the type's base type and abstract flag come from it. The pages keep descriptions and read-only.
What the import cannot write (a type no page documents, an OData type the generator has no
mapping for) stays as the pages say. Both are decisions, located at the page with the
metadata's line in the message.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from generator.importer import described
from generator.importer.resolved import Base, Resolved
from generator.importer.resource import ResourcePage
from generator.importer.tables import Member
from generator.importer.typenames import TypeRef
from generator.odata import typeref
from generator.odata.edm import Metadata, PropertyInfo, TypeInfo
from generator.odata.typeref import spec_type
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


@dataclass(frozen=True)
class Row:
    """A Properties row as the import keeps it: its type (None: dropped), nullability, and why."""

    resolved: Resolved | None
    nullable: bool = True
    decision: str = ""
    typed: bool = False
    rule: str = (
        ""  # the importer rule that took the decision  # the metadata gave the row's type
    )


@dataclass(frozen=True)
class Added:
    """A property the metadata declares on the type and its page does not list."""

    info: PropertyInfo
    typed: Typed | None  # None when the import cannot write its type
    why: str  # why it cannot
    listed_on: str | None  # the base type whose page lists it instead

    @property
    def kept(self) -> bool:
        """Written into the spec: its type can be, and no base type's spec has it."""
        return self.typed is not None and self.listed_on is None


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
        page = f"the docs give {_short(ours)}" if ours else "the docs give none"
        if theirs is None and info.kind == "entity" and not info.key:
            decision = (
                f"{_short(ours)}, as the docs say: the metadata ({at}) gives {info.name} "
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
            kept = _short(ours) if ours else "no base type"
            why = (
                "declared nowhere, in the docs or the metadata"
                if found is None
                else "the type itself"
            )
            decision = f"{kept}, as the docs say: the metadata's base type {theirs} ({at}) is {why}"
            return replace(docs, decision=decision, rule="metadata.base-unknown")
        decision = f"{_short(found)}, as the metadata says ({at}); {page}"
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

    def row(
        self, catalog: Lookup, qualified: str, member: Member, resolved: Resolved
    ) -> Row:
        """A Properties row: the metadata's type and nullability where they differ (a decision)."""
        info = self.type(qualified)
        if info is None:
            return Row(resolved)
        theirs = info.own(member.name)
        if theirs is None:
            return self._undeclared(catalog, qualified, info, member.name, resolved)
        at = self.where(theirs.line)
        if theirs.navigation:
            return Row(
                resolved,
                decision=f"a navigation property in the metadata ({at}); kept as a "
                "property, as the page has it",
                rule="metadata.navigation-as-property",
            )
        namespace = qualified.rsplit(".", 1)[0]
        page = _page_type(catalog, resolved, namespace)
        if page is not None and catalog.resource(qualified).origin == "metadata":
            note = described.property_note(page, theirs.nullable)
            return Row(resolved, theirs.nullable, note, True, "metadata.written-type")
        if page is not None and _same(page, namespace, resolved, theirs.type):
            if member.name in info.key:
                return Row(resolved, False)  # a key is never null: nothing to decide
            return _nullable(Row(resolved, theirs.nullable), at, "")
        typed, why = self.typed(catalog, theirs.type)
        if typed is None:
            kept = f"{page}, as the page says" if page else "dropped"
            decision = f"{kept}: the metadata's type {theirs.type} ({at}) {why}"
            row = Row(resolved, theirs.nullable, decision, rule="metadata.type-kept")
            return _nullable(row, at, "; ")
        followed = _followed(resolved, typed, theirs.type)
        said = f"the page says {page}" if page else "the page gives no type"
        return Row(
            followed,
            theirs.nullable,
            f"{typed.spelled(catalog, namespace)}{_flag(theirs.nullable)}, as the "
            f"metadata says ({at}); {said}",
            typed=True,
            rule="metadata.property-type",
        )

    def _undeclared(
        self,
        catalog: Lookup,
        qualified: str,
        info: TypeInfo,
        name: str,
        resolved: Resolved,
    ) -> Row:
        """A row the metadata type does not declare: dropped when a base type's spec has it."""
        inherited = self.metadata.find_property(info.qualified_name, name)
        if inherited is None and _page_type(catalog, resolved, info.namespace) is None:
            return Row(resolved)  # dropped already, and the metadata has no type for it
        if inherited is None:
            return Row(
                resolved,
                decision=f"not in the metadata type {info.qualified_name} "
                f"({self.where(info.line)}): kept, as the page lists it",
                rule="metadata.property-undeclared",
            )
        at = self.where(inherited.line)
        owner = catalog.documented(inherited.owner)
        chain = {c.lower() for c in catalog.chain(qualified)[1:]}
        typed, _ = self.typed(catalog, inherited.type)
        if owner and owner.lower() in chain and typed and not inherited.navigation:
            return Row(
                None,
                decision=f"declared on {_short(owner)} in the metadata ({at}): the base "
                "type's spec has it; dropped here",
                rule="metadata.property-on-base",
            )
        return Row(
            resolved,
            decision=f"declared on {inherited.owner} in the metadata ({at}), not on "
            f"{info.name}: kept, as the page lists it",
            rule="metadata.property-declared-elsewhere",
        )

    def added(self, catalog: Lookup, qualified: str) -> list[Added]:
        """The structural properties the metadata declares on the type that its page does not
        list, or that the docs give a base type."""
        info = self.type(qualified)
        res = catalog.resource(qualified)
        if info is None or res.origin == "metadata":
            return []  # a type written from the metadata lists all of it already
        listed = {m.name for m in (*res.properties, *res.relationships)}
        inherited = catalog.inherited(qualified)
        found: list[Added] = []
        for p in info.properties:
            if p.name not in listed or p.name in inherited:
                typed, why = self.typed(catalog, p.type)
                found.append(Added(p, typed, why, inherited.get(p.name)))
        return found

    def note(self, added: Added, catalog: Lookup, namespace: str) -> tuple[str, str]:
        """The decision about a property only the metadata has, and its rule: added, left
        out, or on a base."""
        p, at = added.info, self.where(added.info.line)
        if added.listed_on is not None:
            return "metadata.property-listed-on-base", (
                f"declared on this type in the metadata ({at}); the docs list it on "
                f"{_short(added.listed_on)}, whose spec has it"
            )
        if added.typed is None:
            return "metadata.property-unwritable", (
                f"left out: only the metadata declares it ({at}), and its type "
                f"{p.type} {added.why}"
            )
        return "metadata.property-added", (
            f"{added.typed.spelled(catalog, namespace)}{_flag(p.nullable)}, added from the "
            f"metadata ({at}): the page does not list it"
        )

    def missing(self, qualified: str) -> str:
        """The decision for a type the metadata does not have, or nothing."""
        if self.find(qualified) is not None:
            return ""
        return f"not in the metadata ({self.metadata.file}): the pages are followed for all of it"


def follow(catalog: Lookup, qualified: str, member: Member, resolved: Resolved) -> Row:
    """A property row as the import keeps it: as the pages say when there is no metadata."""
    if catalog.service is None:
        return Row(resolved)
    return catalog.service.row(catalog, qualified, member, resolved)


def added(catalog: Lookup, qualified: str) -> list[Added]:
    """The properties only the metadata has (none without metadata)."""
    return catalog.service.added(catalog, qualified) if catalog.service else []


def _page_type(catalog: Lookup, resolved: Resolved, namespace: str) -> str | None:
    """The spec type the page gives the row, or None when it gives none."""
    if resolved.ref is None or resolved.dropped or resolved.error:
        return None
    return resolved.spelled(catalog, namespace)


def _same(page: str, namespace: str, resolved: Resolved, theirs: str) -> bool:
    """The page's type and the metadata's name one type (compared as the metadata writes it)."""
    known = {resolved.target} if resolved.target else set()
    return spec_type(page, namespace, known).lower() == theirs.lower()


def _followed(resolved: Resolved, typed: Typed, written: str) -> Resolved:
    """The row resolved to the metadata's type."""
    ref = TypeRef(
        typed.name, typed.collection, None, written, primitive=typed.primitive
    )
    target = None if typed.primitive else typed.name
    return replace(
        resolved, ref=ref, target=target, decision="", error="", dropped=False, rule=""
    )


def _nullable(row: Row, at: str, joint: str) -> Row:
    """A row that also follows the metadata's nullability: said when it is not nullable."""
    if row.nullable:
        return row
    said = f"not nullable, as the metadata says ({at})"
    rule = row.rule or "metadata.not-nullable"
    return replace(row, decision=f"{row.decision}{joint}{said}", rule=rule)


def _flag(nullable: bool) -> str:
    return "" if nullable else ", not nullable"


def _short(qualified: str | None) -> str:
    return (qualified or "").rsplit(".", 1)[-1]
