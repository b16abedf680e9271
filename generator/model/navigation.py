"""The path tree to request-builder classes, as the Graph SDK navigates: one class per kind of
node, its methods from the spec's operations, its children as properties and `by_<key>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.check.operations import BY_PATH, entity_set, name_problems
from generator.check.pathtree import (
    ALTERNATE,
    OPERATIONS,
    Node,
    build_tree,
    child_attr,
    segment_attr,
    walk,
)
from generator.check.schema import Schema, TypeDef
from generator.model import escape
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
    reference_methods,
)
from generator.model.routes import Step, item_routes
from generator.model.streams import Stream, stream_of
from generator.odata import naming, types
from generator.report.problems import InputError

NAV_MODULE = "_navigation"
_KIND_WORDS = {
    "collection": "collection",
    "item": "item",
    "single": "entity",
    "references": "references ($ref)",
    "reference": "reference ($ref)",
}
_KEY, _BY_KEY = Code("key"), Code("self._key(key)")
# A key argument takes what a model's key property holds: UNSET too (refused at run time).
_UNSET = " | UnsetType"
_BINDING = {"collection": "collection", "item": "item", "single": "item"}
_CLASS_WORDS = {
    "collection": "Collection",
    "item": "Item",
    "single": "",
    "references": "References",
    "reference": "Reference",
}


@dataclass(frozen=True)
class Child:
    """A navigation step: a property for a fixed segment, or `by_<key>(key)` for a parameter."""

    attr: Code
    segment: Code | None
    segment_text: str | None
    param_hint: Code | None
    param_type: str | None  # the key's OData type, for a parameter
    target_module: str
    module_prefix: Code
    target_class: Code
    param_name: Code = _KEY
    path_call: Code = _BY_KEY  # the path of the builder it returns
    address: str = (
        ""  # an alternate key's wire name, or BY_PATH: another way to an item
    )


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
    names = _class_names({key: nodes[0][1] for key, nodes in groups.items()}, schema)
    items = _item_classes(walked, keys, schema)
    asking = asking_types(schema) if asking is None else asking
    classes = [
        _builder_class(key, names, (nodes, keys), schema, items, asking)
        for key, nodes in groups.items()
    ]
    return Navigation(
        _children([root], keys, names, "", schema),
        tuple(sorted(classes, key=lambda c: (c.module, c.name))),
        item_routes(root, schema),
        {id(node): names[keys[id(node)]] for node, _ in walked[1:]},
    )


def _class_names(paths: dict[ClassKey, str], schema: Schema) -> dict[ClassKey, str]:
    """Names as the Graph SDK gives them; two different classes never share one. Of the
    builders of one type and kind, the one with the most operations has the plain name
    (`TodoTaskCollectionRequestBuilder`); another is named for its path (`RecentTasks...`),
    and builders whose paths end alike are told apart by as much of the path before as it
    takes (`UserDrive...`, `MeTodoLists...` and `UserTodoLists...`).
    """
    variants = sorted(paths, key=lambda k: (k[:2], *_weight(k)))
    plain = {k[:2]: k for k in reversed(variants) if k[0] != "nav"}
    order = sorted(paths, key=lambda k: (plain.get(k[:2]) != k, k[0] != "nav", k))
    bases = {key: _base_name(key, paths[key], plain, schema) for key in order}
    names: dict[ClassKey, str] = {}
    taken: set[str] = set()
    for key in order:
        if plain.get(key[:2]) == key and bases[key] not in taken:
            names[key] = naming.unique(bases[key], taken, sep="")
        elif plain.get(key[:2]) == key:  # `DriveItem` the type, `Drive` + `Item`
            bases[key] = _base_name(key, paths[key], {}, schema)
    groups: dict[str, list[ClassKey]] = {}
    for key in order:
        if key not in names:
            groups.setdefault(bases[key], []).append(key)
    for base, keys in groups.items():
        chosen = _told_apart([paths[k] for k in keys], base, taken)
        for key, name in zip(keys, chosen, strict=True):
            names[key] = naming.unique(name, taken, sep="")
    return names


def _weight(key: ClassKey) -> tuple[int, int, tuple[str, ...]]:
    """The plain name goes to the most operations, then to the fewest other features."""
    ops = sum(op in OPERATIONS for op in key[2])
    return (-ops, len(key[2]) - ops, key[2])


def _told_apart(paths: list[str], base: str, taken: set[str]) -> list[str]:
    """The names of builders whose own names agree: the shortest qualification by the path
    before them under which they all differ from each other and from the names taken."""
    if len(paths) == 1 and base not in taken:
        return [base]
    deepest = max(len(p.strip("/").split("/")) for p in paths)
    for depth in range(1, deepest + 1):
        names = [_qualified(p, base, depth) for p in paths]
        if len(set(names)) == len(names) and not taken & set(names):
            return names
    return [_qualified(p, base, deepest) for p in paths]


def _base_name(
    key: ClassKey, path: str, plain: dict[tuple[str, str], ClassKey], schema: Schema
) -> str:
    kind, ident, _ = key
    last = path.rsplit("/", 1)[-1]
    if kind == "nav":
        stem = last[1:-1].removesuffix("Id") + "Item" if last[:1] == "{" else last
        return f"{naming.class_name(stem or 'Root')}RequestBuilder"
    if kind in ("references", "reference"):  # `$ref` of an item: ...ItemReference...
        item = kind == "reference" and path.rsplit("/", 2)[-2].startswith("{")
        word = "ItemReference" if item else _CLASS_WORDS[kind]
        return f"{schema[ident].class_name.rstrip('_')}{word}RequestBuilder"
    if plain.get(key[:2]) == key:
        word = _CLASS_WORDS[kind]
        return f"{schema[ident].class_name.rstrip('_')}{word}RequestBuilder"
    return f"{naming.class_name(last.strip('{}'))}RequestBuilder"


def _qualified(path: str, base: str, depth: int) -> str:
    """A name told apart by `depth` sets (or singletons) of the path before it, singular:
    `/users/{id}/drive` -> UserDrive...; an item by its set's own name first:
    `/drives/{driveId}` -> DrivesItem..., `/me/todo/lists/{id}` -> MeTodoListsItem..."""
    parts = path.strip("/").split("/")
    if parts[-1].startswith("{") and len(parts) > 1:
        parts, base = parts[:-1], f"{naming.class_name(parts[-2])}ItemRequestBuilder"
        depth -= 1
    words = [p for p in parts[:-1] if not p.startswith("{")]
    before = words[len(words) - depth :] if depth > 0 else []
    return "".join(naming.class_name(naming.singular(w)) for w in before) + base


def _module(key: ClassKey, schema: Schema) -> str:
    return NAV_MODULE if key[0] == "nav" else schema[key[1]].module


def _alias(module: str) -> str:
    """How other builder modules import one: resource modules get a leading underscore."""
    return module if module == NAV_MODULE else f"_{module}"


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
    module = _module(key, schema)
    children = _children([n for n, _ in nodes], keys, names, module, schema)
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
    extra = _addressing(kind, ops, t, nodes[0][0], keys, names, items)
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


def _addressing(
    kind: str,
    ops: tuple[str, ...],
    t: TypeDef,
    node: Node,
    keys: dict[int, ClassKey],
    names: dict[ClassKey, str],
    items: dict[str, ClassKey],
) -> tuple[Child, ...]:
    """`by_<alternate key>(value)` on a collection, `item_by_path(path)` on an item: both
    lead to an item builder of the type."""
    found = []
    if kind == "collection" and ALTERNATE in ops and "{}" in node.children:
        target = escape.identifier(names[keys[id(node.children["{}"])]])
        props = {p.wire: p for p in t.props}
        for name in t.spec.alternate_keys:
            type_name = props[name].type.name
            hint = types.key_type(type_name).hint + _UNSET
            call = f"self._alternate({escape.literal(name)}, {escape.literal(type_name)}, key)"
            found.append(
                Child(
                    attr=escape.identifier("by_" + naming.snake(name)),
                    segment=None,
                    segment_text=None,
                    param_hint=Code(hint),
                    param_type=type_name,
                    target_module=t.module,
                    module_prefix=Code(""),
                    target_class=target,
                    path_call=Code(call),
                    address=name,
                )
            )
    if kind in ("item", "single") and t.spec.by_path and t.qualified in items:
        found.append(
            Child(
                attr=Code(BY_PATH),
                segment=None,
                segment_text=None,
                param_hint=Code("str"),
                param_type=None,
                target_module=t.module,
                module_prefix=Code(""),
                target_class=escape.identifier(names[items[t.qualified]]),
                param_name=Code("path"),
                path_call=Code("self._by_path(path)"),
                address=BY_PATH,
            )
        )
    return tuple(found)


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


def _children(
    nodes: list[Node],
    keys: dict[int, ClassKey],
    names: dict[ClassKey, str],
    here: str,
    schema: Schema,
) -> tuple[Child, ...]:
    """Children of the classes at `nodes`; a class in another module is reached through its alias."""
    merged: dict[str, Child] = {}
    for node in nodes:
        for child in node.children.values():
            target = keys[id(child)]
            module = _module(target, schema)
            prefix = "" if module == here else f"{_alias(module)}."
            attr = child_attr(child.segment)
            if child.segment.startswith("{"):
                key = types.key_type(child.param_type)
                hint, segment = escape.Code(f"{key.hint}{_UNSET}"), None
            else:
                hint, segment = None, escape.literal(child.segment)
            merged.setdefault(
                attr,
                Child(
                    attr=escape.identifier(attr),
                    segment=segment,
                    segment_text=None if segment is None else child.segment,
                    param_hint=hint,
                    param_type=child.param_type if segment is None else None,
                    target_module=module,
                    module_prefix=Code(prefix),
                    target_class=escape.identifier(names[target]),
                ),
            )
    return tuple(merged[a] for a in sorted(merged))
