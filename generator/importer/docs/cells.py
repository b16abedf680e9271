"""Type cells as the pages write them, resolved against the types of the run: a primitive,
a documented (or described) type, an enum only a row lists, a stand-in for a type no page
documents, the common base of `A or B`; each reading other than the written one a decision.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from generator.importer.docs import enums, inline, representation
from generator.importer.docs.index import GRAPH
from generator.importer.docs.resolved import Resolved
from generator.importer.docs.resource import ResourcePage
from generator.importer.docs.tables import Member
from generator.importer.docs.typenames import TypeRef, parse_type
from generator.odata.types import PRIMITIVES

if TYPE_CHECKING:
    from generator.importer.docs.index import Index


class Types(Protocol):
    """What the cells ask of the run's catalog: the types it knows, and the types a cell makes."""

    index: Index

    def candidates(
        self, name: str, namespace: str, link: str | None, file: str
    ) -> list[str]: ...

    def kind(self, qualified: str) -> str: ...

    def chain(self, qualified: str) -> list[str]: ...

    def resource(self, qualified: str) -> ResourcePage: ...

    def has(self, key: str) -> bool: ...

    def keep(self, key: str, res: ResourcePage) -> None: ...


# How close an undocumented type name must be to a known one to read as its misspelling.
_TYPO = 0.85


class Cells:
    """The cell reading of one run's catalog."""

    def __init__(self, catalog: Types) -> None:
        self.catalog = catalog

    def resolve(self, member: Member, res: ResourcePage, what: str) -> Resolved:
        """A Properties or Relationships row's type: resolved, read another way (a decision), or an error."""
        cell = member.type
        if "unknown type" in cell.lower():
            return Resolved(
                None,
                decision=f"dropped: the page gives it no known type ({inline.plain(cell)[:80]!r})",
                dropped=True,
                rule="cell.unknown-type",
            )
        ref = parse_type(cell, res.page.references)
        if ref is None:
            return self._unreadable(member, res)
        if ref.alternatives:
            return self._union(ref, member, res)
        if ref.primitive:
            decision = f"{ref.written!r} read as {ref.spelled}" if ref.alias else ""
            rule = "cell.alias" if ref.alias else ""
            return Resolved(ref, decision=decision, rule=rule)
        return self._named(ref, member, res, what)

    def is_navigation(self, resolved: Resolved, what: str) -> bool:
        """A row is navigation when its type is an entity; a Relationships row also when its type
        is unknown (then it is skipped as navigation, reported)."""
        target = resolved.target
        entity = target is not None and self.catalog.kind(target) == "entity"
        if what == "property" or entity:
            return entity
        ref = resolved.ref
        return ref is None or not (ref.primitive or target is not None)

    def _unreadable(self, member: Member, res: ResourcePage) -> Resolved:
        """A type cell that names no type: the JSON representation's placeholder may, else it is
        dropped when empty and an error when it says something else."""
        written = inline.plain(member.type)[:60]
        shown = representation.value_of(res, member.name)
        ref = parse_type(shown) if isinstance(shown, str) and shown.strip() else None
        if ref is not None and ref.primitive:
            return Resolved(
                ref,
                decision=f"{written!r} names no type; the page's JSON representation shows "
                f"{shown!r}: read as {ref.spelled}",
                rule="cell.type-from-representation",
            )
        return Resolved(
            None,
            decision=(
                f"dropped: {written!r} names no type, and the JSON representation "
                "gives none"
                if written.strip()
                else "dropped: neither the row nor the JSON representation gives its type"
            ),
            dropped=True,
            rule="cell.no-type",
        )

    def _named(
        self, ref: TypeRef, member: Member, res: ResourcePage, what: str
    ) -> Resolved:
        found = self.catalog.candidates(
            ref.name, res.namespace, ref.link, res.page.file
        )
        if len(found) == 1:
            return Resolved(ref, found[0])
        if len(found) > 1:
            chosen, why = _nearest(found, res.namespace)
            return Resolved(
                ref,
                chosen,
                decision=f"{ref.name} could be {', '.join(found)}: {chosen}, {why}",
                rule="cell.ambiguous-name",
            )
        if ref.name.rsplit(".", 1)[-1].lower() == "json":
            return Resolved(
                ref,
                self.stand_in(ref, member, res),
                decision="Json: Graph's type for a JSON value, which no page documents: an "
                "empty open complex type named Json stands in for it",
                rule="cell.json",
            )
        if res.origin == "metadata" and what == "property":
            return self._undeclared(ref, member, res)
        values = enums.possible_values(member.description)
        if values and what == "property":
            target = self.inline_enum(ref, member, res, values)
            return Resolved(
                ref,
                target,
                decision=f"enum {ref.name}: documented nowhere but in this row; its members are "
                f"the row's possible values ({', '.join(values)})",
                rule="cell.inline-enum",
            )
        shown = representation.value_of(res, member.name)
        if what == "property" and isinstance(shown, str):
            string = replace(ref, name="String", primitive=True)
            return Resolved(
                string,
                decision=f"String: {ref.name} is documented nowhere in the docs, and the page's "
                f"JSON representation shows a string ({shown!r})",
                rule="cell.string-from-representation",
            )
        if what == "property" and _is_object(shown):
            target = self.stand_in(ref, member, res)
            return Resolved(
                ref,
                target,
                decision=f"{ref.name} is documented nowhere in the docs, and the page's JSON "
                "representation shows an object: an empty complex type stands in for it (the "
                "values keep their properties as additional data)",
                rule="cell.object-stand-in",
            )
        if what != "property" or self._typo(ref.name):
            return Resolved(ref, error=f"unknown type {ref.name!r}")
        target = self.stand_in(ref, member, res)
        return Resolved(
            ref,
            target,
            decision=f"{ref.name} is documented nowhere in the docs, and the page says "
            "nothing of its shape: an empty open complex type stands in for it (review it)",
            rule="cell.stand-in",
        )

    def _undeclared(self, ref: TypeRef, member: Member, res: ResourcePage) -> Resolved:
        """A metadata property of a type the metadata declares nowhere and no page documents:
        the service's own word, so no misspelling to report; a stand-in, as for the pages.
        """
        return Resolved(
            ref,
            self.stand_in(ref, member, res),
            decision=f"{ref.name} is declared nowhere in the metadata "
            f"({res.page.file}:{member.line}), and no page documents it: an empty open "
            "complex type stands in for it (review it)",
            rule="metadata.property-type-undeclared",
        )

    def _typo(self, name: str) -> bool:
        """A name that nearly spells a primitive or a documented type is a mistake to report;
        any other undocumented name is a type the docs folder lacks a page for."""
        known = [*PRIMITIVES, *(d.name for d in self.catalog.index.types.values())]
        return bool(difflib.get_close_matches(name, known, n=1, cutoff=_TYPO))

    def stand_in(self, ref: TypeRef, member: Member, res: ResourcePage) -> str:
        """A complex type that no page documents, with no properties, under its qualified name."""
        namespace, name = self._where(ref, res)
        key = f"{namespace}.{name}".lower()
        if not self.catalog.has(key):
            self.catalog.keep(key, enums.stand_in(res.page, name, namespace, member))
        return f"{namespace}.{self.catalog.resource(key).name}"  # as the first row named it

    def _where(self, ref: TypeRef, res: ResourcePage) -> tuple[str, str]:
        """The namespace and name a reference to an undocumented type gives it; Graph names
        start with a lower-case letter, whatever a link's text says (`EmailAddress`)."""
        if ref.name.rsplit(".", 1)[-1].lower() == "json":
            return GRAPH, "Json"  # spelt as the service metadata spells it
        name = _graph_name(ref.name.rsplit(".", 1)[-1])
        if "." in ref.name:
            return f"{GRAPH}.{ref.name.rsplit('.', 1)[0]}", name
        return res.namespace, name

    def _union(self, ref: TypeRef, member: Member, res: ResourcePage) -> Resolved:
        """`A or B`: their nearest common base type, else the first (a decision either way)."""
        resolved = [
            self.resolve(
                replace(member, type=a.written if a.primitive else _cell(a)),
                res,
                "property",
            )
            for a in ref.alternatives
        ]
        bad = next((r for r in resolved if r.error), None)
        if bad is not None:
            return bad
        targets = [r.target for r in resolved]
        common = self._common_base([t for t in targets if t]) if all(targets) else None
        chosen = common or targets[0]
        first = resolved[0]
        assert first.ref is not None
        spelled = [a.written for a in ref.alternatives]
        if chosen is None:
            return Resolved(
                first.ref,
                decision=f"{ref.written!r}: one of several types; {first.ref.spelled} is used",
                rule="cell.union",
            )
        what = "their common base type" if common else "the first"
        name = chosen.rsplit(".", 1)[-1]
        return Resolved(
            replace(
                first.ref, name=name, collection=ref.collection or first.ref.collection
            ),
            chosen,
            decision=f"{' or '.join(spelled)}: one of several types; {name}, {what}, is used",
            rule="cell.union",
        )

    def _common_base(self, targets: list[str]) -> str | None:
        chains = [self.catalog.chain(t) for t in targets]
        for candidate in chains[0]:
            if all(candidate in chain for chain in chains[1:]):
                return candidate
        return None

    def inline_enum(
        self, ref: TypeRef, member: Member, res: ResourcePage, values: list[str]
    ) -> str:
        """An enum only a row lists, kept under its qualified name for every row that names it."""
        name = _graph_name(ref.name.rsplit(".", 1)[-1])
        namespace = (
            f"{GRAPH}.{ref.name.rsplit('.', 1)[0]}"
            if "." in ref.name
            else res.namespace
        )
        key = f"{namespace}.{name}".lower()
        if not self.catalog.has(key):
            made = enums.inline_enum(res.page, name, namespace, member, values)
            self.catalog.keep(key, made)
        return f"{namespace}.{self.catalog.resource(key).name}"  # as the first row named it


def _graph_name(name: str) -> str:
    """`EmailAddress` as Graph names it, `emailAddress`; an acronym (`URL`) stays as it is."""
    if name[:1].isupper() and name[1:2].islower():
        return name[0].lower() + name[1:]
    return name


def _nearest(found: list[str], namespace: str) -> tuple[str, str]:
    """Of types sharing a name, the one in the page's namespace, else in microsoft.graph,
    else the first by name; and why."""
    for space, why in ((namespace, "the page's namespace"), (GRAPH, GRAPH)):
        for qualified in sorted(found):
            if qualified.rsplit(".", 1)[0] == space:
                return qualified, f"as it is in {why}"
    return min(found), "the first by name: write the qualified name to choose another"


def _cell(ref: TypeRef) -> str:
    """A union's alternative as a type cell again, with its link."""
    text = f"[{ref.name}]({ref.link})" if ref.link else ref.name
    return f"{text} collection" if ref.collection else text


def _is_object(shown: object) -> bool:
    """`{"@odata.type": ...}` or a list of them: the representation shows a structured value."""
    items = shown if isinstance(shown, list) else [shown]
    return bool(items) and all(isinstance(item, dict) for item in items)
