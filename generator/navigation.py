"""Entity-set paths of every spec to a tree of request builders, as the Graph SDK navigates."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from generator import escape, naming, types
from generator.escape import Code
from generator.problems import InputError, Problem
from generator.spec import Spec

NAV_MODULE = "_navigation"
_KEY_HINTS = {"Guid": "UUID | str", "String": "str", "Int32": "int", "Int64": "int"}
_OPS = {
    "collection": (("list", "ListOps"), ("create", "CreateOps")),
    "item": (("get", "GetOps"), ("update", "UpdateOps"), ("delete", "DeleteOps")),
    "single": (("get", "GetOps"),),
}

# Methods of the runtime's builders and clients: a path segment or navigation property named
# like one would replace it (a root segment `close` breaks `with GraphClient(...)`).
BUILDER_MEMBERS = frozenset(
    {"aclose", "close", "delete", "get", "iterate", "patch", "post"}
)

ClassKey = tuple[str, str]


@dataclass
class _Node:
    """One path segment; resource marks say which builder class stands here."""

    segment: str
    path: str
    children: dict[str, _Node] = field(default_factory=dict)
    marks: set[ClassKey] = field(default_factory=set)
    param_type: str | None = None
    # The segments of the children by the attribute that leads to them, so a new child's clash
    # is found without renaming every sibling (a thousand resources share one parent).
    attrs: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Child:
    """A navigation step: a property for a fixed segment, or `by_<key>(key)` for a parameter."""

    attr: Code
    segment: Code | None
    segment_text: str | None
    param_hint: Code | None
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
    ops: tuple[Code, ...]
    children: tuple[Child, ...]
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class Action:
    """A bound action: a method on the item builder that POSTs to `<item>/<name>`."""

    attr: Code
    segment: Code
    statuses: Code
    docstring: Code


@dataclass(frozen=True)
class Navigation:
    root: tuple[Child, ...]
    classes: tuple[BuilderClass, ...]

    def in_module(self, module: str) -> tuple[BuilderClass, ...]:
        return self._by_module.get(module, ())

    @cached_property
    def _by_module(self) -> dict[str, tuple[BuilderClass, ...]]:
        """The classes of each module, found once: every resource asks for its own."""
        found: dict[str, list[BuilderClass]] = {}
        for c in self.classes:
            found.setdefault(c.module, []).append(c)
        return {module: tuple(classes) for module, classes in found.items()}


def build_navigation(specs: list[Spec]) -> Navigation:
    """The builder classes for every path in every spec; conflicting paths are located problems."""
    root = _Node("", "")
    problems: list[Problem] = []
    by_name = {spec.name: spec for spec in specs}
    for spec in sorted(specs, key=lambda s: s.file):
        for path in spec.collection_paths:
            _mark(root, spec, path, ("collection", spec.name), problems)
            item = path + (spec.item_path or "")
            _mark(root, spec, item, ("item", spec.name), problems)
            for nav in spec.navigation:
                _mark_navigation(
                    root, spec, f"{item}/{nav.name}", nav.type, by_name, problems
                )
    if problems:
        raise InputError(problems)
    keys = _class_keys(root)
    names = _class_names(keys)
    groups: dict[ClassKey, list[_Node]] = {}
    for node in _walk(root)[1:]:
        groups.setdefault(keys[id(node)], []).append(node)
    classes = [
        _builder_class(key, names, nodes, keys, by_name)
        for key, nodes in groups.items()
    ]
    root_children = _children([root], keys, names, "")
    return Navigation(
        root_children, tuple(sorted(classes, key=lambda c: (c.module, c.name)))
    )


def _mark(
    root: _Node,
    spec: Spec,
    path: str,
    key: ClassKey,
    problems: list[Problem],
    params: dict[str, str] | None = None,
) -> None:
    params = spec.parameters if params is None else params
    node = root
    for segment in path.strip("/").split("/"):
        is_param = segment.startswith("{")
        lookup = "{}" if is_param else segment
        child = node.children.get(lookup)
        if child is None:
            problems += _attr_clash(spec, node, segment)
            child = node.children[lookup] = _Node(segment, f"{node.path}/{segment}")
            node.attrs.setdefault(child_attr(segment), []).append(segment)
        elif child.segment != segment:
            problems.append(
                spec.problem(
                    ("paths",),
                    f"{segment} conflicts with {child.segment} at {node.path or '/'}",
                )
            )
        if is_param:
            child.param_type = params.get(segment[1:-1], "String")
        node = child
    node.marks.add(key)
    if len(node.marks) > 1:
        problems.append(
            spec.problem(
                ("paths",), f"{path} is claimed by {sorted(m[1] for m in node.marks)}"
            )
        )


def _mark_navigation(
    root: _Node,
    spec: Spec,
    path: str,
    type_name: str,
    by_name: dict[str, Spec],
    problems: list[Problem],
) -> None:
    """A navigation property is a path too: one entity, or a collection with its items."""
    item = types.collection_item(type_name)
    target = by_name.get(item or types.normalise(type_name))
    if target is None or target.kind != "entity":
        return  # reported by the model stage, with its location
    params = {**target.parameters, **spec.parameters}
    if item is None:
        _mark(root, spec, path, ("single", target.name), problems, params)
    elif target.item_path is not None:
        _mark(root, spec, path, ("collection", target.name), problems, params)
        _mark(
            root, spec, path + target.item_path, ("item", target.name), problems, params
        )


def _walk(node: _Node) -> list[_Node]:
    nodes = [node]
    for child in node.children.values():
        nodes += _walk(child)
    return nodes


def _class_keys(root: _Node) -> dict[int, ClassKey]:
    return {
        id(n): next(iter(n.marks)) if n.marks else ("nav", n.path) for n in _walk(root)
    }


def _class_names(keys: dict[int, ClassKey]) -> dict[ClassKey, str]:
    """Names as the Graph SDK gives them; two different classes never share one."""
    names: dict[ClassKey, str] = {}
    taken: set[str] = set()
    for kind, ident in sorted(set(keys.values()), key=lambda k: (k[0] != "nav", k)):
        if kind == "collection":
            base = f"{naming.class_name(ident)}CollectionRequestBuilder"
        elif kind == "single":
            base = f"{naming.class_name(ident)}RequestBuilder"
        elif kind == "item":
            base = f"{naming.class_name(ident)}ItemRequestBuilder"
        else:
            last = ident.rsplit("/", 1)[-1]
            stem = (
                last[1:-1].removesuffix("Id") + "Item" if last.startswith("{") else last
            )
            base = f"{naming.class_name(stem or 'Root')}RequestBuilder"
        names[(kind, ident)] = naming.unique(base, taken, sep="")
    return names


def _module(key: ClassKey) -> str:
    return NAV_MODULE if key[0] == "nav" else naming.module_name(key[1])


def _alias(module: str) -> str:
    """How other builder modules import one: resource modules get a leading underscore."""
    return module if module == NAV_MODULE else f"_{module}"


def _builder_class(
    key: ClassKey,
    names: dict[ClassKey, str],
    nodes: list[_Node],
    keys: dict[int, ClassKey],
    by_name: dict[str, Spec],
) -> BuilderClass:
    kind, ident = key
    ops: tuple[Code, ...] = ()
    if kind != "nav":
        declared = by_name[ident].operations
        ops = tuple(Code(mixin) for op, mixin in _OPS[kind] if op in declared)
        doc = (
            f"The {ident} {kind if kind != 'single' else 'navigation'}: {nodes[0].path}"
        )
    else:
        doc = f"Navigation to {nodes[0].path}"
    children = _children(nodes, keys, names, _module(key))
    actions = _actions(by_name[ident], children) if kind == "item" else ()
    return BuilderClass(
        name=escape.identifier(names[key]),
        module=escape.identifier(_module(key)),
        docstring=escape.docstring(doc),
        resource=None if kind == "nav" else ident,
        model=(
            escape.identifier(naming.class_name(ident)) if kind != "nav" else Code("")
        ),
        ops=ops,
        children=children,
        actions=actions,
    )


def _actions(spec: Spec, children: tuple[Child, ...]) -> tuple[Action, ...]:
    """The spec's bound actions; one that would shadow a navigation property is a problem."""
    taken: set[str] = {child.attr for child in children}
    actions, problems = [], []
    for action in sorted(spec.actions, key=lambda a: a.name):
        attr = segment_attr(action.name)
        if attr in taken:
            problems.append(
                spec.problem(("actions", action.name), f"is also .{attr} of a path")
            )
        taken.add(attr)
        doc = action.description or f"The {action.name} action of {spec.name}."
        actions.append(
            Action(
                attr=escape.identifier(attr),
                segment=escape.literal(action.name),
                statuses=escape.int_tuple(action.status),
                docstring=escape.docstring(doc),
            )
        )
    if problems:
        raise InputError(problems)
    return tuple(actions)


def _children(
    nodes: list[_Node], keys: dict[int, ClassKey], names: dict[ClassKey, str], here: str
) -> tuple[Child, ...]:
    """Children of the classes at `nodes`; a class in another module is reached through its alias."""
    merged: dict[str, Child] = {}
    for node in nodes:
        for child in node.children.values():
            target = keys[id(child)]
            module = _module(target)
            prefix = "" if module == here else f"{_alias(module)}."
            attr = child_attr(child.segment)
            if child.segment.startswith("{"):
                hint = escape.Code(_KEY_HINTS.get(child.param_type or "String", "str"))
                segment = None
            else:
                hint, segment = None, escape.literal(child.segment)
            merged.setdefault(
                attr,
                Child(
                    attr=escape.identifier(attr),
                    segment=segment,
                    segment_text=None if segment is None else child.segment,
                    param_hint=hint,
                    target_module=module,
                    module_prefix=Code(prefix),
                    target_class=escape.identifier(names[target]),
                ),
            )
    return tuple(merged[a] for a in sorted(merged))


def _attr_clash(spec: Spec, node: _Node, segment: str) -> list[Problem]:
    """Two segments under one node must not become one property (`fooBar`, `foo_bar`)."""
    attr = child_attr(segment)
    return [
        spec.problem(
            ("paths",),
            f"{segment} and {other} at {node.path or '/'} are both .{attr}",
        )
        for other in node.attrs.get(attr, ())
    ]


@cache
def child_attr(segment: str) -> str:
    """`by_<key>` for a {parameter}, a property for a fixed segment."""
    if segment.startswith("{"):
        return "by_" + naming.snake(segment[1:-1])
    return segment_attr(segment)


def segment_attr(segment: str) -> str:
    """The property that leads to a fixed path segment."""
    return naming.safe_identifier(
        naming.snake(segment), avoid=BUILDER_MEMBERS, fallback="segment"
    )
