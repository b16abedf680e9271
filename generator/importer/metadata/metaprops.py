"""A type's property rows against the metadata: each row's type and nullability as the
metadata says where they differ, rows it declares elsewhere, and the properties only it has;
each difference a decision (see `importer.metadata` for the rest of what the import follows).

In: a row as the page gives it, resolved; the run's types (`metadata.Lookup`). Out: the row as
the import keeps it (`Row`), and the properties only the metadata has (`Added`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.importer.docs.resolved import Resolved
from generator.importer.docs.tables import Member
from generator.importer.docs.typenames import TypeRef
from generator.importer.metadata import described
from generator.importer.metadata.service import Lookup, Service, Typed, short
from generator.odata.edm import PropertyInfo, TypeInfo
from generator.odata.typeref import spec_type


@dataclass(frozen=True)
class Row:
    """A Properties row as the import keeps it: its type (None: dropped), nullability, and why."""

    resolved: Resolved | None
    nullable: bool = True
    decision: str = ""
    typed: bool = False  # the metadata gave the row's type
    rule: str = ""  # the importer rule that took the decision


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


def follow(catalog: Lookup, qualified: str, member: Member, resolved: Resolved) -> Row:
    """A property row as the import keeps it: as the pages say when there is no metadata."""
    if catalog.service is None:
        return Row(resolved)
    return _row(catalog.service, catalog, qualified, member, resolved)


def added(catalog: Lookup, qualified: str) -> list[Added]:
    """The properties only the metadata has (none without metadata)."""
    return _added(catalog.service, catalog, qualified) if catalog.service else []


def _row(
    service: Service,
    catalog: Lookup,
    qualified: str,
    member: Member,
    resolved: Resolved,
) -> Row:
    """A Properties row: the metadata's type and nullability where they differ (a decision)."""
    info = service.type(qualified)
    if info is None:
        return Row(resolved)
    theirs = info.own(member.name)
    if theirs is None:
        return _undeclared(service, catalog, qualified, info, member.name, resolved)
    at = service.where(theirs.line)
    if theirs.navigation:
        return Row(
            resolved,
            decision=f"a navigation property in the metadata ({at}); kept as a "
            "property, as the page has it",
            rule="metadata.navigation-as-property",
        )
    namespace = qualified.rsplit(".", 1)[0]
    page = _page_type(catalog, resolved, namespace)
    if resolved.rule == "metadata.property-type-undeclared":
        return Row(resolved, theirs.nullable)  # its stand-in is the decision
    if page is not None and catalog.resource(qualified).origin == "metadata":
        note = described.property_note(page, theirs.nullable)
        return Row(resolved, theirs.nullable, note, True, "metadata.written-type")
    if page is not None and _same(page, namespace, resolved, theirs.type):
        if member.name in info.key:
            return Row(resolved, False)  # a key is never null: nothing to decide
        return _nullable(Row(resolved, theirs.nullable), at, "")
    typed, why = service.typed(catalog, theirs.type)
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
    service: Service,
    catalog: Lookup,
    qualified: str,
    info: TypeInfo,
    name: str,
    resolved: Resolved,
) -> Row:
    """A row the metadata type does not declare: dropped when a base type's spec has it."""
    inherited = service.metadata.find_property(info.qualified_name, name)
    if inherited is None and _page_type(catalog, resolved, info.namespace) is None:
        return Row(resolved)  # dropped already, and the metadata has no type for it
    if inherited is None:
        return Row(
            resolved,
            decision=f"not in the metadata type {info.qualified_name} "
            f"({service.where(info.line)}): kept, as the page lists it",
            rule="metadata.property-undeclared",
        )
    at = service.where(inherited.line)
    owner = catalog.documented(inherited.owner)
    chain = {c.lower() for c in catalog.chain(qualified)[1:]}
    typed, _ = service.typed(catalog, inherited.type)
    if owner and owner.lower() in chain and typed and not inherited.navigation:
        return Row(
            None,
            decision=f"declared on {short(owner)} in the metadata ({at}): the base "
            "type's spec has it; dropped here",
            rule="metadata.property-on-base",
        )
    return Row(
        resolved,
        decision=f"declared on {inherited.owner} in the metadata ({at}), not on "
        f"{info.name}: kept, as the page lists it",
        rule="metadata.property-declared-elsewhere",
    )


def _added(service: Service, catalog: Lookup, qualified: str) -> list[Added]:
    """The structural properties the metadata declares on the type that its page does not
    list, or that the docs give a base type."""
    info = service.type(qualified)
    res = catalog.resource(qualified)
    if info is None or res.origin == "metadata":
        return []  # a type written from the metadata lists all of it already
    listed = {m.name for m in (*res.properties, *res.relationships)}
    inherited = catalog.inherited(qualified)
    found: list[Added] = []
    for p in info.properties:
        if p.name not in listed or p.name in inherited:
            typed, why = service.typed(catalog, p.type)
            found.append(Added(p, typed, why, inherited.get(p.name)))
    return found


def note(
    service: Service, added: Added, catalog: Lookup, namespace: str
) -> tuple[str, str]:
    """The decision about a property only the metadata has, and its rule: added, left
    out, or on a base."""
    p, at = added.info, service.where(added.info.line)
    if added.listed_on is not None:
        return "metadata.property-listed-on-base", (
            f"declared on this type in the metadata ({at}); the docs list it on "
            f"{short(added.listed_on)}, whose spec has it"
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
