"""Every route of every entity, and every route its navigation properties lead to, as one tree
of path segments: what stands at each node, and which operations apply there.

Two specs may name a parameter at one position differently (`/users/{userId}`, `/users/{id}`):
the node takes the name of the spec whose item path it is, else of the first spec by file.
A node two types claim is a problem, unless one type derives from the other: the base type's
builder serves its derived types too (a list of attachments yields file attachments).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from generator.check.schema import Prop, Schema, TypeDef
from generator.odata import naming
from generator.report.problems import Problem

OPERATIONS = ("list", "create", "get", "update", "delete")
KINDS = {
    "collection": ("list", "create"),
    "item": ("get", "update", "delete"),
    "single": ("get", "update", "delete"),
    "references": ("list", "create"),  # `$ref` of a collection: its links, add one
    "reference": ("get", "update", "delete"),  # `$ref` of one value: read, put, remove
}
# What a navigation property's `ref` offers, as the operations of its `$ref` builders: on a
# collection (get, post), on each of its items (delete), on a single value (get, put, delete).
_REF_OPS = {"get": "list", "post": "create"}
_ONE_REF_OPS = {"get": "get", "put": "update", "delete": "delete"}
# On a collection path of the type's own: its alternate keys address items there.
ALTERNATE = "alternate"
# Methods of the runtime's builders and clients: a path segment or navigation property named
# like one would replace it (a root segment `close` breaks `with GraphClient(...)`).
BUILDER_MEMBERS = frozenset(
    {"aclose", "close", "delete", "get", "iterate", "patch", "post", "put"}
    | {"item_by_path"}
)

Target = tuple[str, str]  # (a kind of KINDS, the type's qualified name)


@dataclass
class Node:
    """One path segment; the target says which builder class stands here."""

    segment: str
    children: dict[str, Node] = field(default_factory=dict)
    target: Target | None = None
    ops: set[str] = field(default_factory=set)
    param_type: str | None = None
    named_by_item: bool = False  # an item route named its parameter: no other spec may
    # The fixed-segment children by the attribute that leads to them, so a new segment's clash
    # is found without renaming every sibling (a thousand resources can share one parent).
    attrs: dict[str, list[Node]] = field(
        default_factory=dict, repr=False, compare=False
    )


@dataclass(frozen=True)
class Route:
    """A path a type declares, what stands at its end, and which operations apply there."""

    path: str
    target: Target
    ops: frozenset[str]
    params: dict[str, str]
    item: bool = False  # the last segment is the key of the target's item path
    extras: frozenset[str] = frozenset()  # ALTERNATE where alternate keys apply


def build_tree(schema: Schema) -> tuple[Node, list[Problem]]:
    """The tree of every route, and the problems of routes that cannot share it."""
    root = Node("")
    problems: list[Problem] = []
    for t in sorted(schema.entities(), key=lambda t: t.spec.file):
        for route in _routes(t, schema):
            _mark(root, t, route, schema, problems)
    return root, problems


def walk(node: Node, path: str = "") -> list[tuple[Node, str]]:
    """Every node below `node` (itself first) with its path, children in insertion order."""
    nodes = [(node, path)]
    for child in node.children.values():
        nodes += walk(child, f"{path}/{child.segment}")
    return nodes


def _routes(t: TypeDef, schema: Schema) -> Iterator[Route]:
    """The type's own routes, and the routes its navigation properties lead to."""
    spec = t.spec
    declared = frozenset(spec.operations)
    name = t.qualified
    owners = [path + (spec.item_path or "") for path in spec.collection_paths]
    extras = frozenset({ALTERNATE} if spec.alternate_keys else ())
    for path in spec.collection_paths:
        yield _route(
            path, ("collection", name), declared, spec.parameters, extras=extras
        )
        if spec.item_path is not None:
            item = path + spec.item_path
            yield _route(item, ("item", name), declared, spec.parameters, True)
    for path in spec.single_paths:
        yield _route(path, ("single", name), declared, spec.parameters)
    for owner in owners + list(spec.single_paths):
        for prop in t.props:
            if prop.navigation:
                yield from _navigation_routes(t, f"{owner}/{prop.wire}", prop, schema)


def _navigation_routes(
    t: TypeDef, path: str, prop: Prop, schema: Schema
) -> Iterator[Route]:
    """A navigation property is a route too: one entity, or a collection with its items;
    its `operations` say what its builder offers."""
    target = schema.of(prop.type)
    if target is None or target.kind != "entity":
        return
    params = {**target.spec.parameters, **t.spec.parameters}
    allowed = frozenset(prop.operations)
    name = target.qualified
    if not prop.type.collection:
        yield _route(path, ("single", name), allowed, params)
        if prop.ref:
            ops = frozenset(_ONE_REF_OPS[r] for r in prop.ref if r in _ONE_REF_OPS)
            yield _route(f"{path}/$ref", ("reference", name), ops, params)
        return
    yield _route(path, ("collection", name), allowed, params)
    ops = frozenset(_REF_OPS[r] for r in prop.ref if r in _REF_OPS)
    if ops:
        yield _route(f"{path}/$ref", ("references", name), ops, params)
    if target.spec.item_path is not None:
        declared = frozenset(target.spec.operations)
        key = path + target.spec.item_path
        yield _route(key, ("item", name), declared, params, True)
        if "delete" in prop.ref:
            deleted = frozenset({"delete"})
            yield _route(f"{key}/$ref", ("reference", name), deleted, params)


def _route(
    path: str,
    target: Target,
    ops: frozenset[str],
    params: dict[str, str],
    item: bool = False,
    extras: frozenset[str] = frozenset(),
) -> Route:
    return Route(path, target, ops & frozenset(KINDS[target[0]]), params, item, extras)


def _mark(
    root: Node, t: TypeDef, route: Route, schema: Schema, problems: list[Problem]
) -> None:
    node, here = root, ""
    segments = route.path.strip("/").split("/")
    for i, segment in enumerate(segments):
        is_param = segment.startswith("{")
        lookup = "{}" if is_param else segment
        child = node.children.get(lookup)
        if child is None:
            problems += _attr_clash(t, node, segment, here or "/")
            child = node.children[lookup] = Node(segment)
            if not is_param:
                node.attrs.setdefault(child_attr(segment), []).append(child)
        names_item = route.item and i == len(segments) - 1
        if is_param and _names_parameter(child, names_item):
            child.segment, child.named_by_item = segment, names_item
            child.param_type = route.params.get(segment[1:-1], "String")
        node, here = child, f"{here}/{child.segment}"
    _claim(node, t, route, schema, problems)


def _claim(
    node: Node, t: TypeDef, route: Route, schema: Schema, problems: list[Problem]
) -> None:
    """What stands at a node: one type, or the base of two related types that both claim it."""
    if node.target is None or node.target == route.target:
        node.target = route.target
        node.ops |= route.ops | route.extras
        return
    (kind, held), (new_kind, claimed) = node.target, route.target
    if kind == new_kind and held in _bases(claimed, schema):
        return  # the base type's builder serves the derived type
    if kind == new_kind and claimed in _bases(held, schema):
        node.target, node.ops = route.target, set(route.ops | route.extras)
        return
    claims = sorted({schema[held].name, schema[claimed].name})
    problems.append(t.spec.problem(("paths",), f"{route.path} is claimed by {claims}"))


def _bases(qualified: str, schema: Schema) -> set[str]:
    return {b.qualified for b in schema.lineage(qualified)[1:]}


def _names_parameter(node: Node, names_item: bool) -> bool:
    """The first spec (by file) names a parameter, unless a later one's item path has it."""
    return node.param_type is None or (names_item and not node.named_by_item)


def _attr_clash(t: TypeDef, node: Node, segment: str, here: str) -> list[Problem]:
    """Two segments under one node must not become one property (`fooBar`, `foo_bar`)."""
    attr = child_attr(segment)
    others = list(node.attrs.get(attr, ()))
    # A parameter child is the one whose segment a later spec may rename: not in the index.
    parameter = node.children.get("{}")
    if parameter is not None and child_attr(parameter.segment) == attr:
        others.append(parameter)
    return [
        t.spec.problem(
            ("paths",), f"{segment} and {other.segment} at {here} are both .{attr}"
        )
        for other in others
        if other.segment != segment
    ]


@cache  # asked again for the same segments by every route and every builder class
def child_attr(segment: str) -> str:
    """`by_<key>` for a {parameter}, a property for a fixed segment."""
    if segment.startswith("{"):
        return "by_" + naming.snake(segment[1:-1])
    return segment_attr(segment)


def segment_attr(segment: str) -> str:
    """The property that leads to a fixed path segment; a type cast (`microsoft.graph.room`)
    is `graph_room`, as the Graph SDK names it."""
    if segment.startswith("microsoft.graph."):
        segment = "graph_" + segment.removeprefix("microsoft.graph.")
    return naming.safe_identifier(
        naming.snake(segment), avoid=BUILDER_MEMBERS, fallback="segment"
    )
