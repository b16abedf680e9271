"""The check stage: every spec against the others, every problem gathered before anything is built."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from generator import naming, types
from generator.navigation import build_navigation
from generator.problems import InputError, Problem, suggestion
from generator.reserved import Reserved
from generator.schema import Prop, Schema, TypeDef
from generator.spec import Loaded, PropertySpec, Spec
from generator.typeref import DEFAULT_NAMESPACE, Kind, TypeRef, candidates, resolve

DEFAULT_BASE_URL = "https://graph.microsoft.com/beta"
# The names type hints use: msgspec reads the hints in the class namespace, where an attribute
# named `date` or `str` would stand for the type.
HINT_NAMES = frozenset({p.hint for p in types.PRIMITIVES.values()} | {"list"})
_UNRENAMABLE = re.compile(r'[\\"\x00-\x1f]')
_BASE_KINDS = {"entity": "entity", "complex": "complex"}
_NAVIGATION_OPS = {True: {"list", "create"}, False: {"get", "update", "delete"}}

Report = Callable[[Problem], None]


def check(loaded: Loaded, reserved: Reserved) -> Schema:
    """Every problem of every spec at once (schema-level and cross-spec), or the typed schema."""
    problems = list(loaded.problems)
    specs = _unique(loaded.specs, problems.append)
    names = _python_names(specs, reserved, problems.append)
    kinds: dict[str, Kind] = {s.qualified_name: _kind(s.kind) for s in specs}
    resolver = _Resolver(kinds, loaded.broken, problems.append)
    bases = {s.qualified_name: resolver.base(s) for s in specs}
    order = _inheritance_order(specs, bases, problems.append)
    types_: dict[str, TypeDef] = {}
    for spec in order:
        own = _own_props(spec, resolver, types_.get(bases[spec.qualified_name] or ""))
        types_[spec.qualified_name] = _typedef(
            spec,
            names[spec.qualified_name],
            bases[spec.qualified_name],
            own,
            types_,
            reserved,
        )
    for t in types_.values():
        for problem in _type_problems(t):
            problems.append(problem)
    base_url = _base_url(specs, problems.append)
    problems += _tree_problems(specs)
    if problems:
        raise InputError(problems)
    return Schema(_with_derived(types_), base_url)


def _kind(kind: str) -> Kind:
    return "entity" if kind == "entity" else "complex" if kind == "complex" else "enum"


def _unique(specs: list[Spec], report: Report) -> list[Spec]:
    """One spec per qualified type name; a second one is a problem at its `name`."""
    seen: dict[str, Spec] = {}
    for spec in specs:
        first = seen.setdefault(spec.qualified_name, spec)
        if first is not spec:
            report(spec.problem(("name",), f"{spec.name!r} is also {first.file}"))
    return list(seen.values())


def _python_names(
    specs: list[Spec], reserved: Reserved, report: Report
) -> dict[str, tuple[str, str]]:
    """Class and module per type; a name shared across namespaces is prefixed outside microsoft.graph."""
    plain = {
        s.qualified_name: naming.class_name(s.name, reserved.classes) for s in specs
    }
    shared = {c for c in plain.values() if list(plain.values()).count(c) > 1}
    result: dict[str, tuple[str, str]] = {}
    taken: dict[str, Spec] = {}
    for spec in sorted(specs, key=lambda s: (s.namespace != DEFAULT_NAMESPACE, s.file)):
        stem = spec.name
        if plain[spec.qualified_name] in shared and spec.namespace != DEFAULT_NAMESPACE:
            stem = f"{spec.namespace.rsplit('.', 1)[-1]}_{spec.name}"
        names = (naming.class_name(stem, reserved.classes), naming.module_name(stem))
        # Module and class names both: `v1_0` and `v10` are two modules but one class V10.
        keys = {f"class {names[0]}", f"module {names[1]}"}
        clash = next((taken[k] for k in sorted(keys) if k in taken), None)
        if clash is not None:
            report(spec.problem(("name",), f"{spec.name!r} clashes with {clash.file}"))
        taken.update(dict.fromkeys(keys, spec))
        result[spec.qualified_name] = names
    return result


class _Resolver:
    """Written type names to references, each unknown one reported where it is written."""

    def __init__(
        self, kinds: dict[str, Kind], broken: frozenset[str], report: Report
    ) -> None:
        self.kinds = kinds
        self.broken = broken
        self.report = report

    def ref(self, spec: Spec, text: str, at: tuple[str | int, ...]) -> TypeRef | None:
        found = resolve(text, spec.namespace, self.kinds)
        if found is None and not self._broken(spec, text):
            name = text.strip()
            known = [*types.PRIMITIVES, *self._short_names()]
            hint = suggestion(name.removeprefix("Collection(").rstrip(")"), known)
            self.report(spec.problem(at, f"unknown type {name!r}{hint}"))
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
                else (f"{spec.base!r} is not a {expected} type")
            )
            self.report(spec.problem(("base",), what))
            return None
        return ref.name

    def _broken(self, spec: Spec, text: str) -> bool:
        """A name of a spec that failed to load: its own problems are reported already."""
        written = text.strip().removeprefix("Collection(").rstrip(")")
        return any(c in self.broken for c in candidates(written, spec.namespace))

    def _short_names(self) -> Iterable[str]:
        return sorted({q.rsplit(".", 1)[-1] for q in self.kinds} | set(self.kinds))


def _inheritance_order(
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


def _own_props(
    spec: Spec, resolver: _Resolver, base: TypeDef | None
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
                spec.problem(at, f"{p.type!r} is an entity; use navigation")
            )
        elif p.section == "navigation" and ref.kind != "entity":
            resolver.report(spec.problem(at, f"{p.type!r} is not an entity"))
        else:
            found.append((p, ref))
    return found


def _typedef(
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
            owner=spec.qualified_name,
        )
        for p, ref in sorted(own, key=lambda pair: attrs[pair[0].wire])
    )
    return TypeDef(
        spec=spec,
        qualified=spec.qualified_name,
        kind=_kind(spec.kind),
        class_name=names[0],
        module=names[1],
        base=base_name if base else None,
        abstract=spec.abstract,
        own=props,
        inherited=inherited,
        key=spec.key if spec.key is not None else (base.key if base else None),
        derived=(),
    )


def _with_derived(found: dict[str, TypeDef]) -> dict[str, TypeDef]:
    """Each type with every type that derives from it, directly or not; sorted by name."""
    derived: dict[str, set[str]] = {name: set() for name in found}
    for t in found.values():
        base = t.base
        while base is not None:
            derived[base].add(t.qualified)
            base = found[base].base
    return {
        name: _replace_derived(found[name], tuple(sorted(derived[name])))
        for name in sorted(found)
    }


def _replace_derived(t: TypeDef, derived: tuple[str, ...]) -> TypeDef:
    return replace(t, derived=derived)


def _type_problems(t: TypeDef) -> list[Problem]:
    spec = t.spec
    problems = _wire_name_problems(spec) + _kind_problems(t)
    if t.kind == "entity":
        problems += _key_problems(t) + _path_problems(spec)
    for p in t.own:
        if p.navigation and p.operations:
            allowed = _NAVIGATION_OPS[p.type.collection]
            wrong = [op for op in p.operations if op not in allowed]
            if wrong:
                what = "a collection" if p.type.collection else "a single value"
                problems.append(
                    spec.problem(
                        ("navigation", p.wire, "operations"),
                        f"{', '.join(wrong)} not offered on {what}",
                    )
                )
    return problems


def _kind_problems(t: TypeDef) -> list[Problem]:
    spec = t.spec
    if t.kind == "enum":
        problems = []
        if not spec.members:
            problems.append(
                spec.problem(("members",), "an enum needs at least one member")
            )
        if spec.properties or spec.navigation:
            field = "properties" if spec.properties else "navigation"
            problems.append(spec.problem((field,), f"an enum type has no {field}"))
        return problems
    if t.kind == "complex" and spec.navigation:
        return [spec.problem(("navigation",), "a complex type has no navigation")]
    if t.kind != "entity":
        extra = (
            "operations" if spec.operations else "paths" if _has_paths(spec) else None
        )
        return (
            [spec.problem((extra,), f"a {t.kind} type has no {extra}")] if extra else []
        )
    return []


def _has_paths(spec: Spec) -> bool:
    return bool(spec.collection_paths or spec.single_paths or spec.item_path)


def _key_problems(t: TypeDef) -> list[Problem]:
    spec = t.spec
    at = ("key",) if spec.key is not None else ("name",)
    if t.key is None and spec.base is not None and t.base is None:
        return []  # the base is unknown or wrong, and reported as such
    if t.key is None:
        return [
            spec.problem(at, "an entity needs a key (`key:`, or a base type with one)")
        ]
    prop = next((p for p in t.props if p.wire == t.key), None)
    if prop is None or prop.navigation:
        return [spec.problem(at, f"the key {t.key!r} is not a property")]
    return []


def _path_problems(spec: Spec) -> list[Problem]:
    problems = []
    item_ops = sorted({"get", "update", "delete"} & set(spec.operations))
    set_ops = sorted({"list", "create"} & set(spec.operations))
    if set_ops and not spec.collection_paths:
        problems.append(
            spec.problem(("operations", set_ops[0]), "needs `paths.collection`")
        )
    if item_ops and not (spec.item_path or spec.single_paths):
        problems.append(
            spec.problem(
                ("operations", item_ops[0]), "needs `paths.item` or `paths.single`"
            )
        )
    routes = [*spec.collection_paths, *spec.single_paths, spec.item_path or ""]
    for path in routes:
        if {".", ".."} & set(path.split("/")):
            problems.append(spec.problem(("paths",), f"{path!r}: no . or .. segments"))
        for param in _params(path):
            if param not in spec.parameters:
                problems.append(
                    spec.problem(
                        ("paths",), f"the type of {{{param}}} is not in `parameters`"
                    )
                )
    if spec.item_path is not None and (
        len(_params(spec.item_path)) != 1 or spec.item_path.count("/") != 1
    ):
        problems.append(
            spec.problem(("paths", "item"), "the item path must be /{keyParameter}")
        )
    return problems


def _wire_name_problems(spec: Spec) -> list[Problem]:
    """msgspec refuses to rename a field to a name with `\\`, `"` or a C0 control character."""
    return [
        spec.problem(
            (p.section, p.wire), 'a wire name cannot hold \\, " or control characters'
        )
        for p in spec.all_properties()
        if _UNRENAMABLE.search(p.wire)
    ]


def _params(path: str) -> list[str]:
    return [seg[1:-1] for seg in path.split("/") if seg.startswith("{")]


def _tree_problems(specs: list[Spec]) -> list[Problem]:
    """Paths of different specs that the request-builder tree cannot hold together."""
    try:
        build_navigation(specs)
    except InputError as error:
        return list(error.problems)
    return []


def _base_url(specs: list[Spec], report: Report) -> str:
    """One client, one service root: every entity spec that names one must agree on it."""
    urls = {s.base_url: s for s in specs if s.kind == "entity" and s.base_url}
    first, *others = sorted(urls) or [DEFAULT_BASE_URL]
    for other in others:
        report(urls[other].problem(("baseUrl",), f"{other!r} differs from {first!r}"))
    return first
