"""The types of one run: each read once, its kind and base type decided, its type cells resolved."""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.importer import enums, inline, representation
from generator.importer.addressing import addressed_by_key
from generator.importer.api import read_api
from generator.importer.index import GRAPH, Documented, Index
from generator.importer.markdown import Page
from generator.importer.pages import link_target
from generator.importer.resolved import Base, Resolved
from generator.importer.resource import ResourcePage, read_resource
from generator.importer.tables import Member
from generator.importer.typenames import TypeRef, parse_type
from generator.odata.types import PRIMITIVES

if TYPE_CHECKING:
    from generator.importer.metadata import Service

ENTITY = f"{GRAPH}.entity"


# How close an undocumented type name must be to a known one to read as its misspelling.
_TYPO = 0.85


class Catalog:
    """What the docs say about each type the run touches, read once and kept."""

    def __init__(self, index: Index, service: Service | None = None) -> None:
        self.index = index
        self.service = service  # the service's metadata, followed over the pages
        self._pages: dict[str, ResourcePage] = {}
        self._kinds: dict[str, str] = {}
        self._bases: dict[str, Base] = {}
        self._referrer: tuple[str, int] = ("resources/entity.md", 1)

    def resource(self, qualified: str) -> ResourcePage:
        """The facts of a type's page (or section, or property row)."""
        key = qualified.lower()
        if key not in self._pages:
            if key == ENTITY.lower() and key not in self.index.types:
                self._pages[key] = _builtin_entity(*self._referrer)
            else:
                self._pages[key] = self._read(self.index.types[key])
        return self._pages[key]

    def known(self, qualified: str) -> bool:
        return qualified.lower() in self._pages or qualified.lower() in self.index.types

    def documented(self, qualified: str) -> str | None:
        """A qualified name as the run knows the type (its case may differ), or None."""
        key = qualified.lower()
        if key == ENTITY.lower():
            return ENTITY
        if key in self._pages:
            return self.qualified(self._pages[key])
        found = self.index.types.get(key)
        return found.qualified if found else None

    def inherited(self, qualified: str) -> dict[str, str]:
        """The property and relationship names the base types' pages give, with the base that has each."""
        names: dict[str, str] = {}
        for base in self.chain(qualified)[1:]:
            res = self.resource(base)
            for member in (*res.properties, *res.relationships):
                names.setdefault(member.name, res.name)
        return names

    def _read(self, found: Documented) -> ResourcePage:
        page = self.index.page_of(found)
        if found.section is not None:
            return enums.section_enum(page, found.section, found.name, found.namespace)
        res = read_resource(page)
        return replace(res, name=found.name, namespace=found.namespace)

    def qualified(self, res: ResourcePage) -> str:
        return f"{res.namespace}.{res.name}"

    def kind(self, qualified: str) -> str:
        """enum, entity or complex; a type without a key is an entity when its base type is one."""
        key = qualified.lower()
        if key not in self._kinds:
            self._kinds[key] = "complex"  # a cycle of base types ends here
            res = self.resource(qualified)
            kind = res.kind
            base = self.base(qualified).qualified if kind != "enum" else None
            if kind == "complex":
                if (base and self.kind(base) == "entity") or _looks_like_entity(
                    res, self.index
                ):
                    kind = "entity"
            elif kind == "entity" and base and self._keyless(key, res, base):
                kind = "complex"
            self._kinds[key] = kind
        return self._kinds[key]

    def _keyless(self, key: str, res: ResourcePage, base: str) -> bool:
        """An entity page whose key is no row of it, deriving from a complex type, is a complex
        type copied from an entity's template (a decision, noted with the page's readings).
        """
        named = res.key or ""
        body = "\n".join(res.representation.body) if res.representation else ""
        if self.kind(base) == "entity" or named in {m.name for m in res.properties}:
            return False
        if f'"{named}"' in body:
            return False
        note = (
            f"complex type: the resource block names the key {named}, but the page lists "
            f"no {named}, and its base type {base.rsplit('.', 1)[-1]} is a complex type"
        )
        readings = (*res.readings, (res.block_line, "kind", note))
        self._pages[key] = replace(res, kind="complex", key=None, readings=readings)
        return True

    def base(self, qualified: str) -> Base:
        """The base type: the page's, the entity of an entity that names none, or none; the
        metadata's when there is metadata and the docs document its base type."""
        key = qualified.lower()
        if key not in self._bases:
            self._bases[key] = Base(None, 1)  # a cycle of base types ends here
            res = self.resource(qualified)
            base = self._base(res, qualified)
            if self.service is not None:
                base = self.service.base(self, qualified, base)
            self._bases[key] = base
            if base.qualified == ENTITY and ENTITY.lower() not in self._pages:
                self._referrer = (res.page.file, base.line)
        return self._bases[key]

    def _base(self, res: ResourcePage, qualified: str) -> Base:
        if qualified.lower() == ENTITY.lower() or res.kind == "enum":
            return Base(None, 1)
        financial = _financial(res, self.index)
        missing = ""
        if res.base:
            found = self._find(res.base, res.namespace, None, res.page.file)
            if found and found.lower() == ENTITY.lower() and financial:
                return Base(
                    None,
                    res.base_line,
                    "base type entity not used: financials entities have their own key id "
                    "(a Guid in the service metadata)",
                )
            if found and found.lower() != qualified.lower():
                return Base(found, res.base_line)
            missing = f"base type {res.base} is documented nowhere in the docs"
        line = res.base_line if res.base else res.block_line
        entity = res.key == "id" or (
            res.key is None and _looks_like_entity(res, self.index)
        )
        if not entity or financial:
            return Base(
                None, line, f"{missing}: its properties are missing" if missing else ""
            )
        why = missing or "the page names no base type"
        return Base(
            ENTITY,
            line,
            f"entity: {why}; Graph entities derive from entity, which gives the key id",
        )

    def _find(
        self, name: str, namespace: str, link: str | None, file: str
    ) -> str | None:
        """The qualified name a type reference means, or None when it is unknown or ambiguous."""
        found = self.candidates(name, namespace, link, file)
        return found[0] if len(found) == 1 else None

    def candidates(
        self, name: str, namespace: str, link: str | None, file: str
    ) -> list[str]:
        if link:
            at = self.index.at_link(link, posixpath.dirname(file), name)
            if at is not None:
                return [at.qualified]
        bare = name.removeprefix(f"{GRAPH}.")
        if bare.lower() == "entity" or name.lower() == ENTITY.lower():
            return [ENTITY]
        return [d.qualified for d in self.index.find(bare, namespace)]

    def resolve(self, member: Member, res: ResourcePage, what: str) -> Resolved:
        """A Properties or Relationships row's type: resolved, read another way (a decision), or an error."""
        cell = member.type
        if "unknown type" in cell.lower():
            return Resolved(
                None,
                decision=f"dropped: the page gives it no known type ({inline.plain(cell)[:80]!r})",
                dropped=True,
            )
        ref = parse_type(cell, res.page.references)
        if ref is None:
            return self._unreadable(member, res)
        if ref.alternatives:
            return self._union(ref, member, res)
        if ref.primitive:
            decision = f"{ref.written!r} read as {ref.spelled}" if ref.alias else ""
            return Resolved(ref, decision=decision)
        return self._named(ref, member, res, what)

    def is_navigation(self, resolved: Resolved, what: str) -> bool:
        """A row is navigation when its type is an entity; a Relationships row also when its type
        is unknown (then it is skipped as navigation, reported)."""
        target = resolved.target
        entity = target is not None and self.kind(target) == "entity"
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
        )

    def _named(
        self, ref: TypeRef, member: Member, res: ResourcePage, what: str
    ) -> Resolved:
        found = self.candidates(ref.name, res.namespace, ref.link, res.page.file)
        if len(found) == 1:
            return Resolved(ref, found[0])
        if len(found) > 1:
            chosen, why = _nearest(found, res.namespace)
            return Resolved(
                ref,
                chosen,
                decision=f"{ref.name} could be {', '.join(found)}: {chosen}, {why}",
            )
        if ref.name.rsplit(".", 1)[-1].lower() == "json":
            return Resolved(
                ref,
                self.stand_in(ref, member, res),
                decision="Json: Graph's type for a JSON value, which no page documents: an "
                "empty open complex type named Json stands in for it",
            )
        values = enums.possible_values(member.description)
        if values and what == "property":
            target = self.inline_enum(ref, member, res, values)
            return Resolved(
                ref,
                target,
                decision=f"enum {ref.name}: documented nowhere but in this row; its members are "
                f"the row's possible values ({', '.join(values)})",
            )
        shown = representation.value_of(res, member.name)
        if what == "property" and isinstance(shown, str):
            string = replace(ref, name="String", primitive=True)
            return Resolved(
                string,
                decision=f"String: {ref.name} is documented nowhere in the docs, and the page's "
                f"JSON representation shows a string ({shown!r})",
            )
        if what == "property" and _is_object(shown):
            target = self.stand_in(ref, member, res)
            return Resolved(
                ref,
                target,
                decision=f"{ref.name} is documented nowhere in the docs, and the page's JSON "
                "representation shows an object: an empty complex type stands in for it (the "
                "values keep their properties as additional data)",
            )
        if what != "property" or self._typo(ref.name):
            return Resolved(ref, error=f"unknown type {ref.name!r}")
        target = self.stand_in(ref, member, res)
        return Resolved(
            ref,
            target,
            decision=f"{ref.name} is documented nowhere in the docs, and the page says "
            "nothing of its shape: an empty open complex type stands in for it (review it)",
        )

    def _typo(self, name: str) -> bool:
        """A name that nearly spells a primitive or a documented type is a mistake to report;
        any other undocumented name is a type the docs folder lacks a page for."""
        known = [*PRIMITIVES, *(d.name for d in self.index.types.values())]
        return bool(difflib.get_close_matches(name, known, n=1, cutoff=_TYPO))

    def stand_in(self, ref: TypeRef, member: Member, res: ResourcePage) -> str:
        """A complex type that no page documents, with no properties, under its qualified name."""
        namespace, name = self._where(ref, res)
        key = f"{namespace}.{name}".lower()
        if key not in self._pages:
            self._pages[key] = enums.stand_in(res.page, name, namespace, member)
        return f"{namespace}.{self._pages[key].name}"  # as the first row named it

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
            )
        what = "their common base type" if common else "the first"
        name = chosen.rsplit(".", 1)[-1]
        return Resolved(
            replace(
                first.ref, name=name, collection=ref.collection or first.ref.collection
            ),
            chosen,
            decision=f"{' or '.join(spelled)}: one of several types; {name}, {what}, is used",
        )

    def _common_base(self, targets: list[str]) -> str | None:
        chains = [self.chain(t) for t in targets]
        for candidate in chains[0]:
            if all(candidate in chain for chain in chains[1:]):
                return candidate
        return None

    def chain(self, qualified: str) -> list[str]:
        """The type and its base types, nearest first."""
        found = [qualified]
        while (base := self.base(found[-1]).qualified) and base not in found:
            found.append(base)
        return found

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
        if key not in self._pages:
            self._pages[key] = enums.inline_enum(
                res.page, name, namespace, member, values
            )
        return f"{namespace}.{self._pages[key].name}"  # as the first row named it

    def spelled(self, qualified: str, namespace: str) -> str:
        """A type as a spec names it: bare when that name finds it from `namespace`, else qualified."""
        ns, name = qualified.rsplit(".", 1)
        if ns == namespace or (
            ns == GRAPH
            and f"{namespace}.{name}".lower() not in self.index.types
            and f"{namespace}.{name}".lower() not in self._pages
        ):
            return name
        return qualified


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


def _looks_like_entity(res: ResourcePage, index: Index) -> bool:
    """No key and no base, but an id that is a key or has operations of its own, or operations
    that address it by key: an entity whose page says less (navigation alone is not enough:
    complex types have it too)."""
    if res.kind != "complex":
        return False
    ids = [m for m in res.properties if m.name == "id"]
    operations = any(
        m.link and "api/" in (link_target(m.link) or "") for m in res.methods
    )
    keyed = any(re.search(r"\bkey\b", m.description, re.IGNORECASE) for m in ids)
    return (bool(ids) and (operations or keyed)) or addressed_by_key(res, index.reader)


def _financial(res: ResourcePage, index: Index) -> bool:
    """An entity of the financials API: its pages route it under /financials/."""
    for method in res.methods:
        target = link_target(method.link, "resources") if method.link else None
        page = index.reader.page(target, used=False) if target else None
        if page is not None and target and target.startswith("api/"):
            routes = read_api(_quiet(page)).routes
            return any(r.path.startswith("/financials/") for r in routes)
    return False


def _quiet(page: Page) -> Page:
    """The page, its problems kept to itself: this look only decides a base type."""
    return replace(page, problems=[])


def _builtin_entity(file: str, line: int) -> ResourcePage:
    """The OData base of Graph entities, for docs folders that have no page for it: its decisions
    stand at the line of the first page that derives from it."""
    page = Page(file, [], {}, [], [], [])
    row = Member(
        "id", "String", "The unique identifier of the entity. Read-only.", line
    )
    return ResourcePage(
        page=page,
        name="entity",
        kind="entity",
        namespace=GRAPH,
        description="The base type of Graph entities: it gives them the key id.",
        description_line=line,
        base=None,
        base_line=line,
        key="id",
        block_line=line,
        open_type=False,
        abstract=True,
        methods=(),
        properties=(row,),
        relationships=(),
        members=(),
        representation=None,
        origin="built-in",
    )
