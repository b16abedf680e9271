"""The path tree to request-builder classes, as the Graph SDK navigates: one class per kind of
node, its methods from the spec's operations, its children as properties and `by_<key>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from generator.check.pathtree import (
    Node,
    action_problems,
    build_tree,
    child_attr,
    segment_attr,
    walk,
)
from generator.check.schema import Schema
from generator.model import escape
from generator.model.classkeys import ClassKey, class_keys
from generator.model.escape import Code
from generator.model.methods import Method, methods
from generator.model.routes import Step, item_routes
from generator.model.streams import Stream, stream_of
from generator.odata import naming, types
from generator.report.problems import InputError
from generator.spec.load import Spec

NAV_MODULE = "_navigation"
_KIND_WORDS = {"collection": "collection", "item": "item", "single": "entity"}


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
    actions: tuple[Action, ...] = ()
    stream: Stream | None = None  # `.content`, on the item and single builders

    @property
    def lists(self) -> bool:
        """Whether it reads pages (`get` returns a Page, `iterate` an iterator)."""
        return any(m.returns is None for m in self.methods)


@dataclass(frozen=True)
class Action:
    """A bound action: a method on the item builder that POSTs to `<item>/<name>`."""

    attr: Code
    segment: Code
    statuses: Code
    docstring: Code
    returns: Code  # `Accepted` where the service may answer 202
    call: Code  # the runtime builder's call, without `self.`

    @property
    def accepted(self) -> bool:
        """Whether the action may run long, so its builders module imports `Accepted`."""
        return "Accepted" in self.returns


@dataclass(frozen=True)
class Navigation:
    root: tuple[Child, ...]
    classes: tuple[BuilderClass, ...]
    routes: dict[str, tuple[Step, ...]]  # by type: the steps to its first item

    def in_module(self, module: str) -> tuple[BuilderClass, ...]:
        return self._by_module.get(module, ())

    @cached_property
    def _by_module(self) -> dict[str, tuple[BuilderClass, ...]]:
        """The classes of each module, found once: every resource asks for its own."""
        found: dict[str, list[BuilderClass]] = {}
        for c in self.classes:
            found.setdefault(c.module, []).append(c)
        return {module: tuple(classes) for module, classes in found.items()}


def build_navigation(schema: Schema, tree: Node | None = None) -> Navigation:
    """The builder classes for every path of every entity in the schema (from its tree of
    routes, when the check stage has built it already)."""
    if tree is None:
        tree, problems = build_tree(schema)
        problems += action_problems(tree, schema)
        if problems:
            raise InputError(problems)
    root = tree
    walked = walk(root)
    keys = class_keys(walked)
    groups: dict[ClassKey, list[tuple[Node, str]]] = {}
    for node, path in walked[1:]:
        groups.setdefault(keys[id(node)], []).append((node, path))
    names = _class_names({key: nodes[0][1] for key, nodes in groups.items()}, schema)
    classes = [
        _builder_class(key, names, nodes, keys, schema) for key, nodes in groups.items()
    ]
    return Navigation(
        _children([root], keys, names, "", schema),
        tuple(sorted(classes, key=lambda c: (c.module, c.name))),
        item_routes(root, schema),
    )


def _class_names(paths: dict[ClassKey, str], schema: Schema) -> dict[ClassKey, str]:
    """Names as the Graph SDK gives them; two different classes never share one. Of the
    builders of one type and kind, the one with the most operations has the plain name
    (`TodoTaskCollectionRequestBuilder`); another is named for its path (`RecentTasks...`),
    and builders whose paths end alike are told apart by as much of the path before as it
    takes (`UserDrive...`, `MeTodoLists...` and `UserTodoLists...`).
    """
    variants = sorted(paths, key=lambda k: (k[:2], -len(k[2]), k[2]))
    plain = {k[:2]: k for k in reversed(variants) if k[0] != "nav"}
    order = sorted(paths, key=lambda k: (plain.get(k[:2]) != k, k[0] != "nav", k))
    bases = {key: _base_name(key, paths[key], plain, schema) for key in order}
    names: dict[ClassKey, str] = {}
    taken: set[str] = set()
    for key in order:
        if plain.get(key[:2]) == key:
            names[key] = naming.unique(bases[key], taken, sep="")
    groups: dict[str, list[ClassKey]] = {}
    for key in order:
        if key not in names:
            groups.setdefault(bases[key], []).append(key)
    for base, keys in groups.items():
        chosen = _told_apart([paths[k] for k in keys], base, taken)
        for key, name in zip(keys, chosen, strict=True):
            names[key] = naming.unique(name, taken, sep="")
    return names


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
    if plain[key[:2]] == key:
        word = {"collection": "Collection", "item": "Item", "single": ""}[kind]
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
    nodes: list[tuple[Node, str]],
    keys: dict[int, ClassKey],
    schema: Schema,
) -> BuilderClass:
    kind, ident, ops = key
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
    return BuilderClass(
        name=escape.identifier(names[key]),
        module=escape.identifier(module),
        docstring=escape.docstring(f"The {t.name} {_KIND_WORDS[kind]}: {path}"),
        resource=ident,
        model=model,
        methods=tuple(m for op in ops for m in methods(t.spec, op, model)),
        children=children,
        actions=_actions(t.spec, t.name) if kind != "collection" else (),
        stream=stream_of(t, schema) if kind != "collection" else None,
    )


def _actions(spec: Spec, name: str) -> tuple[Action, ...]:
    """The spec's bound actions, as methods of its item builder."""
    return tuple(
        _action(action.name, action.status, action.description, name)
        for action in sorted(spec.actions, key=lambda a: a.name)
    )


def _action(wire: str, status: tuple[int, ...], description: str, owner: str) -> Action:
    """A 202 in the statuses: the method returns the operation's monitor URL (`Accepted`)."""
    segment, statuses = escape.literal(wire), escape.int_tuple(status)
    if status == (202,):
        returns, call = "Accepted", f"_accepted_action({segment})"
    elif 202 in status:
        returns, call = (
            "Accepted | None",
            f"_maybe_accepted_action({segment}, {statuses})",
        )
    else:
        returns, call = "None", f"_action({segment}, {statuses})"
    return Action(
        attr=escape.identifier(segment_attr(wire)),
        segment=segment,
        statuses=statuses,
        docstring=escape.docstring(description or f"The {wire} action of {owner}."),
        returns=Code(returns),
        call=Code(call),
    )


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
                hint, segment = escape.Code(key.hint), None
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
