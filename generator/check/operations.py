"""The rules of operations beyond CRUD: actions and functions with their types resolved and
inherited, `$ref`, alternate keys and path addressing, each problem at its spec line."""

from __future__ import annotations

from generator.check.pathtree import ALTERNATE, Node, child_attr, segment_attr, walk
from generator.check.resolve import Resolver
from generator.check.schema import Bound, Param, Schema, TypeDef
from generator.odata import naming
from generator.odata.typeref import TypeRef
from generator.report.problems import Problem, excerpt
from generator.spec.load import ActionSpec, Spec

# What `ref` may offer: on a collection navigation, on a single-valued one.
_REFS = {True: ("get", "post", "delete"), False: ("get", "put", "delete")}
_KEY_TYPES = frozenset({"String", "Guid", "Int32", "Int64"})
BY_PATH = "item_by_path"
_BINDING = {"collection": "collection", "item": "item", "single": "item"}


def bound_operations(
    spec: Spec, resolver: Resolver, base: TypeDef | None
) -> tuple[Bound, ...]:
    """The type's actions and functions, its types resolved, and those of its base types it
    does not declare again (an action bound to `directoryObject` is a user's too)."""
    own = tuple(
        Bound(
            op,
            spec.qualified_name,
            _params(op, spec, resolver),
            _returns(op, spec, resolver),
        )
        for op in spec.bound
    )
    mine = {_signature(b.spec) for b in own}
    inherited = tuple(
        b for b in (base.bound if base else ()) if _signature(b.spec) not in mine
    )
    return inherited + own


def _signature(op: ActionSpec) -> tuple[str, str]:
    return (op.bound, segment_attr(op.name))


def _params(op: ActionSpec, spec: Spec, resolver: Resolver) -> tuple[Param, ...]:
    found = []
    for p in op.parameters:
        at = (op.section, op.name, "parameters", p.wire, "type")
        ref = resolver.ref(spec, p.type, at)
        if ref is not None:
            found.append(Param(p.wire, ref, p.description, p.optional, p.nullable))
    return tuple(found)


def _returns(op: ActionSpec, spec: Spec, resolver: Resolver) -> TypeRef | None:
    if op.returns is None:
        return None
    return resolver.ref(spec, op.returns, (op.section, op.name, "returns"))


def entity_set(schema: Schema, qualified: str) -> str | None:
    """Where an id of the type becomes a link (`/directoryObjects`): a collection path of
    one segment of the type or of a base type."""
    for t in schema.lineage(qualified):
        for path in t.spec.collection_paths:
            if path.count("/") == 1:
                return path
    return None


def operation_problems(t: TypeDef, schema: Schema) -> list[Problem]:
    """What one type's actions, functions, references and addressing must keep."""
    problems = [
        p for b in t.bound if b.owner == t.qualified for p in _delta(b, t, schema)
    ]
    problems += _reference_problems(t, schema) + _addressing_problems(t)
    return problems


def _delta(b: Bound, t: TypeDef, schema: Schema) -> list[Problem]:
    """A delta query reads the type's own items: `Collection(<the type>)`."""
    if not b.delta:
        return []
    related = {x.qualified for x in schema.lineage(t.qualified)} | set(t.derived)
    if b.returns is not None and b.returns.collection and b.returns.name in related:
        return []
    wanted = f"Collection({t.name})"
    return [
        t.spec.problem(
            ("functions", "delta", "returns"), f"a delta query returns {wanted}"
        )
    ]


def _reference_problems(t: TypeDef, schema: Schema) -> list[Problem]:
    problems = []
    for p in t.own:
        if not p.ref:
            continue
        at = ("navigation", p.wire, "ref")
        wrong = [r for r in p.ref if r not in _REFS[p.type.collection]]
        if wrong or t.kind != "entity":
            what = "a collection" if p.type.collection else "a single value"
            detail = (
                f"{', '.join(wrong)} not offered on {what}"
                if wrong
                else ("a complex type's navigation has no $ref")
            )
            problems.append(t.spec.problem(at, detail))
        elif {"post", "put"} & set(p.ref) and entity_set(schema, p.type.name) is None:
            target = schema[p.type.name].name
            problems.append(
                t.spec.problem(
                    at,
                    f"adding a reference needs the set an id of {target} is in "
                    f"(a collection path of one segment, such as /{target}s)",
                )
            )
    return problems


def _addressing_problems(t: TypeDef) -> list[Problem]:
    spec = t.spec
    problems = []
    props = {p.wire: p for p in t.props}
    for i, name in enumerate(spec.alternate_keys):
        prop = props.get(name)
        at = ("paths", "alternateKeys", i)
        if prop is None or prop.navigation:
            problems.append(spec.problem(at, f"{excerpt(name)} is not a property"))
        elif prop.type.collection or prop.type.name not in _KEY_TYPES:
            problems.append(
                spec.problem(
                    at,
                    f"{excerpt(name)} is a {prop.type.wire}; a key is a String, Guid or integer",
                )
            )
    if spec.by_path and spec.item_path is None:
        problems.append(
            spec.problem(
                ("paths", "byPath"), "needs `paths.item`: the builder it returns"
            )
        )
    return problems


def name_problems(root: Node, schema: Schema) -> list[Problem]:
    """A method of a builder must not hide another: an action or a function named like a
    navigation step, an alternate key, `item_by_path` or another one of them."""
    problems = []
    for node, _ in walk(root):
        if node.target is None or node.target[0] not in _BINDING:
            continue
        kind, name = node.target
        t = schema[name]
        taken = {child_attr(c.segment): "a path" for c in node.children.values()}
        if kind == "collection" and ALTERNATE in node.ops:
            for i, key in enumerate(t.spec.alternate_keys):
                attr = "by_" + naming.snake(key)
                if attr in taken:
                    where = ("paths", "alternateKeys", i)
                    problems.append(t.spec.problem(where, f"is also .{attr} of a path"))
                taken[attr] = "an alternate key"
        elif kind != "collection" and t.spec.by_path:
            taken[BY_PATH] = "path addressing"
        for b in t.bound:
            if b.spec.bound != _BINDING[kind]:
                continue
            attr = segment_attr(b.name)
            if attr in taken:
                owner = schema[b.owner].spec
                at = (b.spec.section, b.name)
                problems.append(owner.problem(at, f"is also .{attr} of {taken[attr]}"))
            taken.setdefault(attr, f"the {b.name} {b.spec.kind}")
    return problems
