"""Each spec's type resolved against the others: its base, its properties, its inherited ones.

Unknown names are reported where they are written; a base that inherits from itself loses its
base. Types come out base first, so a derived type reads its base's finished properties.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Protocol

from generator.check.reserved import Reserved
from generator.check.schema import Prop, TypeDef
from generator.odata import naming, types
from generator.odata.typeref import Kind, TypeRef, candidates, resolve, split
from generator.report.problems import Problem, excerpt, suggestion
from generator.spec.load import PropertySpec, Spec

# The names type hints use: msgspec reads the hints in the class namespace, where an attribute
# named `date` or `str` would stand for the type.
HINT_NAMES = frozenset({p.hint for p in types.PRIMITIVES.values()} | {"list"})
_BASE_KINDS = {"entity": "entity", "complex": "complex"}

Report = Callable[[Problem], None]


class Located(Protocol):
    """Where written type names come from: a spec, or the draft of one that failed its schema."""

    @property
    def namespace(self) -> str: ...

    def problem(self, path: tuple[str | int, ...], message: str) -> Problem: ...


def kind_of(kind: str) -> Kind:
    return "entity" if kind == "entity" else "complex" if kind == "complex" else "enum"


class Resolver:
    """Written type names to references, each unknown one reported where it is written."""

    def __init__(
        self, kinds: dict[str, Kind], broken: frozenset[str], report: Report
    ) -> None:
        self.kinds = kinds
        self.broken = broken
        self.report = report

    def ref(
        self, spec: Located, text: str, at: tuple[str | int, ...]
    ) -> TypeRef | None:
        found = resolve(text, spec.namespace, self.kinds)
        if found is None and not self._broken(spec, text):
            name = text.strip()
            known = [*types.PRIMITIVES, *self._short_names()]
            hint = suggestion(split(name).name, known)
            self.report(spec.problem(at, f"unknown type {excerpt(name)}{hint}"))
        return found

    def base(self, spec: Spec) -> str | None:
        """The qualified base type; an unknown one or one of another kind is a problem."""
        if spec.base is None:
            return None
        ref = self.ref(spec, spec.base, ("base",))
        if ref is None:
            return None
        expected = _BASE_KINDS.get(spec.kind)
        if ref.collection or ref.kind != expected:
            what = (
                f"a {spec.kind} type has no base"
                if expected is None
                else (f"{excerpt(spec.base)} is not a {expected} type")
            )
            self.report(spec.problem(("base",), what))
            return None
        return ref.name

    def _broken(self, spec: Located, text: str) -> bool:
        """A name of a spec that failed to load: its own problems are reported already."""
        written = split(text).name
        return any(c in self.broken for c in candidates(written, spec.namespace))

    def _short_names(self) -> Iterable[str]:
        return sorted({q.rsplit(".", 1)[-1] for q in self.kinds} | set(self.kinds))


def inheritance_order(
    specs: list[Spec], bases: dict[str, str | None], report: Report
) -> list[Spec]:
    """Bases before the types that derive from them; a cycle is a problem and loses its base."""
    by_name = {s.qualified_name: s for s in specs}
    order: list[Spec] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: tuple[str, ...]) -> None:
        if state.get(name) == "done":
            return
        if name in chain:
            spec = by_name[name]
            report(
                spec.problem(
                    ("base",),
                    "inherits from itself: "
                    + " -> ".join([*chain[chain.index(name) :], name]),
                )
            )
            bases[name] = None
            return
        base = bases[name]
        if base is not None and base in by_name:
            visit(base, (*chain, name))
        if state.get(name) != "done":
            state[name] = "done"
            order.append(by_name[name])

    for spec in sorted(specs, key=lambda s: s.qualified_name):
        visit(spec.qualified_name, ())
    return order


def own_props(
    spec: Spec, resolver: Resolver, base: TypeDef | None
) -> list[tuple[PropertySpec, TypeRef]]:
    """The spec's properties and navigation properties, resolved and checked against their kind."""
    inherited = {p.wire: p.owner for p in base.props} if base else {}
    found = []
    for p in spec.all_properties():
        at = (p.section, p.wire, "type")
        ref = resolver.ref(spec, p.type, at)
        if p.wire in inherited:
            owner = inherited[p.wire]
            resolver.report(
                spec.problem((p.section, p.wire), f"is inherited from {owner}")
            )
        elif ref is None:
            continue
        elif p.section == "properties" and ref.kind == "entity":
            resolver.report(
                spec.problem(at, f"{excerpt(p.type)} is an entity; use navigation")
            )
        elif p.section == "navigation" and ref.kind != "entity":
            resolver.report(spec.problem(at, f"{excerpt(p.type)} is not an entity"))
        else:
            found.append((p, ref))
    return found


def typedef(
    spec: Spec,
    names: tuple[str, str],
    base_name: str | None,
    own: list[tuple[PropertySpec, TypeRef]],
    done: dict[str, TypeDef],
    reserved: Reserved,
) -> TypeDef:
    base = done.get(base_name or "")
    inherited = base.props if base else ()
    avoid = {*reserved.members, *HINT_NAMES, *(p.attr for p in inherited)}
    attrs = naming.attribute_names((p.wire for p, _ in own), avoid=avoid)
    navigation = {n.name: n.operations for n in spec.navigation}
    refs = {n.name: n.ref for n in spec.navigation}
    props = tuple(
        Prop(
            wire=p.wire,
            type=ref,
            attr=attrs[p.wire],
            description=p.description,
            read_only=p.read_only,
            nullable=p.nullable,
            navigation=p.section == "navigation",
            operations=navigation.get(p.wire, ()) if p.section == "navigation" else (),
            ref=refs.get(p.wire, ()),
            owner=spec.qualified_name,
        )
        for p, ref in sorted(own, key=lambda pair: attrs[pair[0].wire])
    )
    return TypeDef(
        spec=spec,
        qualified=spec.qualified_name,
        kind=kind_of(spec.kind),
        class_name=names[0],
        module=names[1],
        base=base_name if base else None,
        abstract=spec.abstract,
        own=props,
        inherited=inherited,
        key=spec.key if spec.key is not None else (base.key if base else None),
        derived=(),
    )


def with_derived(found: dict[str, TypeDef]) -> dict[str, TypeDef]:
    """Each type with every type that derives from it, directly or not; sorted by name."""
    derived: dict[str, set[str]] = {name: set() for name in found}
    for t in found.values():
        base = t.base
        while base is not None:
            derived[base].add(t.qualified)
            base = found[base].base
    return {
        name: replace(found[name], derived=tuple(sorted(derived[name])))
        for name in sorted(found)
    }
