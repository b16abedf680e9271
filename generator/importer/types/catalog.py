"""The types of one run: each read once, its kind and base type decided, its type cells resolved."""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.importer.docs import enums
from generator.importer.docs.cells import Cells
from generator.importer.docs.index import GRAPH, Documented, Index
from generator.importer.docs.resolved import Base, Resolved
from generator.importer.docs.resource import ResourcePage, read_resource
from generator.importer.docs.tables import Member
from generator.importer.docs.typenames import TypeRef
from generator.importer.metadata import fromcsdl, metaenum
from generator.importer.types.entities import builtin_entity, looks_like_entity
from generator.importer.types.typebase import ENTITY, docs_base
from generator.odata.edm import TypeInfo

if TYPE_CHECKING:
    from generator.importer.metadata.service import Service

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
        self.cells = Cells(self)

    def resource(self, qualified: str) -> ResourcePage:
        """The facts of a type's page (or section, or property row)."""
        key = qualified.lower()
        if key not in self._pages:
            described = self._described(key)
            if key in self.index.types:
                self._pages[key] = self._followed(self._read(self.index.types[key]))
            elif described is not None and self.service is not None:
                self._pages[key] = fromcsdl.resource(described, self.service.metadata)
            elif key == ENTITY.lower():
                self._pages[key] = builtin_entity(*self._referrer)
            else:
                raise KeyError(qualified)
        return self._pages[key]

    def _followed(self, res: ResourcePage) -> ResourcePage:
        """A page's type as the metadata spells its name, an enum with the metadata's members."""
        info = self.service.find(self.qualified(res)) if self.service else None
        if info is None or self.service is None:
            return res
        if info.name != res.name:
            note = (
                f"{info.name}, as the metadata spells it ({self.service.where(info.line)}); "
                f"the page spells {res.name}"
            )
            reading = (res.block_line, "name", note, "metadata.name")
            readings = (*res.readings, reading)
            res = replace(res, name=info.name, readings=readings)
        if info.kind != "enum" or res.kind != "enum":
            return res
        return metaenum.follow(res, info, self.service.metadata.file)

    def _described(self, key: str) -> TypeInfo | None:
        """The metadata's type of a name no page documents (with metadata only)."""
        if self.service is None or key in self.index.types:
            return None
        return self.service.find(key)

    def known(self, qualified: str) -> bool:
        key = qualified.lower()
        return (
            key in self._pages or key in self.index.types or bool(self._described(key))
        )

    def documented(self, qualified: str) -> str | None:
        """A qualified name as the run knows the type (its case may differ), or None."""
        key = qualified.lower()
        if key in self._pages:
            return self.qualified(self._pages[key])
        found = self.index.types.get(key)
        described = self._described(key)
        if found or described:
            return found.qualified if found else described.qualified_name  # type: ignore[union-attr]
        return ENTITY if key == ENTITY.lower() else None

    def namesakes(self, name: str) -> list[str]:
        """The qualified names of every type, documented or described, named `name`."""
        found = [d.qualified for d in self.index.by_name.get(name.lower(), [])]
        if self.service is not None:
            found += [
                q
                for q, info in self.service.metadata.types.items()
                if info.name.lower() == name.lower()
                and q.lower() not in self.index.types
            ]
        return found

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
                if (base and self.kind(base) == "entity") or looks_like_entity(
                    res, self.index
                ):
                    kind = "entity"
            elif kind == "entity" and base and self._keyless(key, res, base):
                kind = "complex"
            self._kinds[key] = self._described_kind(key, kind)
        return self._kinds[key]

    def _described_kind(self, key: str, kind: str) -> str:
        """The metadata's kind (entity or complex) of a type a page documents (a decision)."""
        res = self._pages[key]
        info = self.service.type(key) if self.service else None
        if (
            info is None
            or res.origin != "page"
            or {kind, info.kind} != {"entity", "complex"}
        ):
            return kind
        assert self.service is not None
        note = (
            f"{info.kind} type, as the metadata says ({self.service.where(info.line)}); "
            f"the page documents {'an entity' if kind == 'entity' else 'a complex type'}"
        )
        readings = (*res.readings, (res.block_line, "kind", note, "metadata.kind"))
        key_name = res.key if info.kind == "entity" else None
        self._pages[key] = replace(res, kind=info.kind, key=key_name, readings=readings)
        if info.kind == "entity" and not info.key and not self.base(key).qualified:
            self._bases[key] = Base(
                ENTITY,
                res.block_line,
                "entity: the metadata gives it no base type and no key, and an entity "
                "needs a key; Graph entities derive from entity, which gives the key id",
                "metadata.keyless-entity",
            )
        return info.kind

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
        reading = (res.block_line, "kind", note, "type.keyless-complex-base")
        readings = (*res.readings, reading)
        self._pages[key] = replace(res, kind="complex", key=None, readings=readings)
        return True

    def base(self, qualified: str) -> Base:
        """The base type: the page's, the entity of an entity that names none, or none; the
        metadata's when there is metadata and the docs document its base type."""
        key = qualified.lower()
        if key not in self._bases:
            self._bases[key] = Base(None, 1)  # a cycle of base types ends here
            res = self.resource(qualified)
            base = docs_base(res, qualified, self.index, self._find)
            if self.service is not None:
                base = self.service.base(self, qualified, base)
            self._bases[key] = base
            if base.qualified == ENTITY and ENTITY.lower() not in self._pages:
                self._referrer = (res.page.file, base.line)
        return self._bases[key]

    def _find(
        self, name: str, namespace: str, link: str | None, file: str
    ) -> str | None:
        """The qualified name a type reference means, or None when it is unknown or ambiguous."""
        found = self.candidates(name, namespace, link, file)
        return found[0] if len(found) == 1 else None

    def candidates(
        self, name: str, namespace: str, link: str | None, file: str
    ) -> list[str]:
        exact = fromcsdl.linked(link)
        if exact is not None:  # a metadata type's cell names its type exactly
            kept = self._pages.get(exact.lower())
            if kept is not None and kept.origin == "stand-in":
                return []  # its stand-in again, with the decision at each row naming it
            named = self.documented(exact)
            return [named] if named else []
        if link:
            at = self.index.at_link(link, posixpath.dirname(file), name)
            if at is not None:
                return [at.qualified]
        bare = name.removeprefix(f"{GRAPH}.")
        if bare.lower() == "entity" or name.lower() == ENTITY.lower():
            return [ENTITY]
        found = self.index.find(bare, namespace)
        near = [
            d.qualified
            for d in found
            if "." in bare or d.namespace in (namespace, GRAPH)
        ]
        if not near and self.service is not None:
            described = self._described_as(bare, namespace)
            if described:
                return described
        return [d.qualified for d in found]

    def _described_as(self, name: str, namespace: str) -> list[str]:
        """A name the metadata knows where the docs do not: in the page's namespace, else in
        microsoft.graph (a qualified name exactly)."""
        places = [name, f"{GRAPH}.{name}"] if "." in name else []
        places = places or [f"{namespace}.{name}", f"{GRAPH}.{name}"]
        for place in places:
            info = self._described(place.lower())
            if info is not None:
                return [info.qualified_name]
        return []

    def resolve(self, member: Member, res: ResourcePage, what: str) -> Resolved:
        """A Properties or Relationships row's type (see `importer.cells`)."""
        return self.cells.resolve(member, res, what)

    def is_navigation(self, resolved: Resolved, what: str) -> bool:
        return self.cells.is_navigation(resolved, what)

    def stand_in(self, ref: TypeRef, member: Member, res: ResourcePage) -> str:
        return self.cells.stand_in(ref, member, res)

    def has(self, key: str) -> bool:
        """Whether the run holds a type by its lower-case qualified name."""
        return key in self._pages

    def keep(self, key: str, res: ResourcePage) -> None:
        """A type the cells of a page make (an inline enum, a stand-in), kept for the run."""
        self._pages[key] = res

    def chain(self, qualified: str) -> list[str]:
        """The type and its base types, nearest first."""
        found = [qualified]
        while (base := self.base(found[-1]).qualified) and base not in found:
            found.append(base)
        return found

    def spelled(self, qualified: str, namespace: str) -> str:
        """A type as a spec names it: bare when that name finds it from `namespace`, else qualified."""
        qualified = self.documented(qualified) or qualified  # as the run spells it
        ns, name = qualified.rsplit(".", 1)
        if ns == namespace or (ns == GRAPH and not self.known(f"{namespace}.{name}")):
            return name
        return qualified
