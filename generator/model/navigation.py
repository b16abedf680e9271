"""The path tree to request-builder classes, as the Graph SDK navigates: one class per kind of
node, its methods from the spec's operations, its children as properties and `by_<key>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.check.operations import entity_set, name_problems
from generator.check.pathtree import OPERATIONS, Node, build_tree, segment_attr, walk
from generator.check.schema import Schema
from generator.model import escape
from generator.model.buildernames import class_names
from generator.model.children import Child, addressing, children_of, module_of
from generator.model.classkeys import ClassKey, class_keys
from generator.model.escape import Code
from generator.model.evolvable import asking_types
from generator.model.methods import Method, methods
from generator.model.operations import (
    Constant,
    Imports,
    Needs,
    bound_method,
    constant_name,
)
from generator.model.references import reference_methods
from generator.model.routes import Step, item_routes
from generator.model.streams import Stream, stream_of
from generator.report.problems import InputError

_KIND_WORDS = {
    "collection": "collection",
    "item": "item",
    "single": "entity",
    "references": "references ($ref)",
    "reference": "reference ($ref)",
}
_BINDING = {"collection": "collection", "item": "item", "single": "item"}


@dataclass(frozen=True)
class BuilderClass:
    """One request builder class (emitted once for sync and once, `Async`-prefixed, for async)."""

    name: Code
    module: Code
    docstring: Code
    resource: str | None
    model: Code
    methods: tuple[Method, ...]
    children: tuple[Child, ...]
    constants: tuple[Constant, ...] = ()  # the actions and functions its methods send
    imports: Imports = field(default_factory=Imports)
    stream: Stream | None = None  # `.content`, on the item and single builders

    @property
    def lists(self) -> bool:
        """Whether it reads pages (`get` returns a Page, `iterate` an iterator)."""
        return any(m.returns is None for m in self.methods)

    @property
    def pages(self) -> bool:
        """Whether a method returns a Paged (an AsyncPaged), read as it is iterated."""
        return any(m.shape == "paged" for m in self.methods)


@dataclass(frozen=True)
class Navigation:
    root: tuple[Child, ...]
    classes: tuple[BuilderClass, ...]
    routes: dict[str, tuple[Step, ...]]  # by type: the steps to its first item
    # The class of every node of the route tree, by `id(node)`: for `graph-codegen routes`.
    node_classes: dict[int, str] = field(
        default_factory=dict, repr=False, compare=False
    )

    def in_module(self, module: str) -> tuple[BuilderClass, ...]:
        return self._by_module.get(module, ())

    @cached_property
    def _by_module(self) -> dict[str, tuple[BuilderClass, ...]]:
        """The classes of each module, found once: every resource asks for its own."""
        found: dict[str, list[BuilderClass]] = {}
        for c in self.classes:
            found.setdefault(c.module, []).append(c)
        return {module: tuple(classes) for module, classes in found.items()}


def build_navigation(
    schema: Schema, tree: Node | None = None, asking: frozenset[str] | None = None
) -> Navigation:
    """The builder classes for every path of every entity in the schema (from its tree of
    routes, when the check stage has built it already; `asking`: the types whose values can
    hold late enum members, when the caller has found them already)."""
    if tree is None:
        tree, problems = build_tree(schema)
        problems += name_problems(tree, schema)
        if problems:
            raise InputError(problems)
    root = tree
    walked = walk(root)
    keys = class_keys(walked)
    groups: dict[ClassKey, list[tuple[Node, str]]] = {}
    for node, path in walked[1:]:
        groups.setdefault(keys[id(node)], []).append((node, path))
    names = class_names({key: nodes[0][1] for key, nodes in groups.items()}, schema)
    items = _item_classes(walked, keys, schema)
    asking = asking_types(schema) if asking is None else asking
    classes = [
        _builder_class(key, names, (nodes, keys), schema, items, asking)
        for key, nodes in groups.items()
    ]
    return Navigation(
        children_of([root], keys, names, "", schema),
        tuple(sorted(classes, key=lambda c: (c.module, c.name))),
        item_routes(root, schema),
        {id(node): names[keys[id(node)]] for node, _ in walked[1:]},
    )


def _builder_class(
    key: ClassKey,
    names: dict[ClassKey, str],
    tree: tuple[list[tuple[Node, str]], dict[int, ClassKey]],
    schema: Schema,
    items: dict[str, ClassKey],
    asking: frozenset[str],
) -> BuilderClass:
    """The class of the nodes (of `tree`, with the class key of every node)."""
    kind, ident, ops = key
    nodes, keys = tree
    path = nodes[0][1]
    module = module_of(key, schema)
    children = children_of([n for n, _ in nodes], keys, names, module, schema)
    if kind == "nav":
        return BuilderClass(
            name=escape.identifier(names[key]),
            module=escape.identifier(module),
            docstring=escape.docstring(f"Navigation to {path}"),
            resource=None,
            model=Code(""),
            methods=(),
            children=children,
        )
    t = schema[ident]
    model = escape.identifier(t.class_name)
    needs = Needs()
    if kind in ("references", "reference"):
        found = reference_methods(kind, ops, entity_set(schema, ident), needs)
        model = Code("Reference")
    else:
        crud = [op for op in ops if op in OPERATIONS]
        found = [m for op in crud for m in methods(t.spec, op, model)]
        needs.models |= {(t.module, t.class_name)} if found else set()
        needs.runtime |= {"UnsetType"} if {"update", "delete"} & set(crud) else set()
    constants = []
    for b in sorted(t.bound, key=lambda b: segment_attr(b.name)):
        if b.spec.bound == _BINDING.get(kind):
            method, constant = bound_method(b, constant_name(b), schema, needs, asking)
            found.append(method)
            constants.append(constant)
    extra = addressing(kind, ops, t, nodes[0][0], keys, names, items)
    return BuilderClass(
        name=escape.identifier(names[key]),
        module=escape.identifier(module),
        docstring=escape.docstring(f"The {t.name} {_KIND_WORDS[kind]}: {path}"),
        resource=ident,
        model=model,
        methods=tuple(found),
        children=tuple(sorted(children + extra, key=lambda c: c.attr)),
        constants=tuple(constants),
        imports=needs.frozen(),
        stream=stream_of(t, schema) if kind in ("item", "single") else None,
    )


def _item_classes(
    walked: list[tuple[Node, str]], keys: dict[int, ClassKey], schema: Schema
) -> dict[str, ClassKey]:
    """The item builder of each type that path addressing returns: the first that offers
    every item operation its spec declares, else the first."""
    found: dict[str, ClassKey] = {}
    for node, _ in walked:
        if node.target is None or node.target[0] != "item":
            continue
        name, key = node.target[1], keys[id(node)]
        declared = {"get", "update", "delete"} & set(schema[name].spec.operations)
        if name not in found or (
            declared <= set(key[2]) and not declared <= set(found[name][2])
        ):
            found[name] = key
    return found
