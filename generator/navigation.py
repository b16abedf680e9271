"""The paths of every spec to a tree of request builders, as the Graph SDK navigates, each
with one thin method per operation the spec declares."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property

from generator import escape, naming, types
from generator.escape import Code
from generator.problems import InputError, Problem
from generator.spec import NavigationSpec, OperationSpec, Spec

NAV_MODULE = "_navigation"
_KEY_HINTS = {"Guid": "UUID | str", "String": "str", "Int32": "int", "Int64": "int"}
_OPERATIONS = ("list", "create", "get", "update", "delete")
_KINDS = {
    "collection": ("list", "create"),
    "item": ("get", "update", "delete"),
    "single": ("get", "update", "delete"),
}
_KIND_WORDS = {"collection": "collection", "item": "item", "single": "entity"}
# Sent by the client on every call that needs them; any other header is a keyword argument.
STANDARD_HEADERS = frozenset({"authorization", "content-type", "if-match"})
# OData query options: the keyword's type, and what it sends.
_QUERY = {
    "top": ("int | None", "`$top`: at most this many items."),
    "skip": ("int | None", "`$skip`: skip this many items first."),
    "filter": ("str | None", "`$filter`: an OData filter, such as `amount gt 100`."),
    "select": ("list[str] | None", "`$select`: the properties to return (wire names)."),
    "orderby": ("list[str] | None", "`$orderby`: properties to sort by (`name desc`)."),
    "expand": ("list[str] | None", "`$expand`: navigation properties to include."),
    "count": ("bool | None", "`$count`: ask for the number of items (`Page.count`)."),
    "search": ("str | None", "`$search`: a search expression."),
}
_PAGING_SKIPS = ("skip", "count")  # iterate pages with nextLinks and reads no count

# Methods of the runtime's builders and clients: a path segment or navigation property named
# like one would replace it (a root segment `close` breaks `with GraphClient(...)`).
BUILDER_MEMBERS = frozenset(
    {"aclose", "close", "delete", "get", "iterate", "patch", "post", "put"}
)

Target = tuple[str, str]  # (collection | item | single, the spec's name)
ClassKey = tuple[str, str, tuple[str, ...]]  # a target and its operations, or nav paths


@dataclass
class _Node:
    """One path segment; the target says which builder class stands here."""

    segment: str
    children: dict[str, _Node] = field(default_factory=dict)
    target: Target | None = None
    ops: set[str] = field(default_factory=set)
    param_type: str | None = None
    named_by_item: bool = False  # an item route named its parameter: no other spec may
    # The fixed-segment children by the attribute that leads to them, so a new segment's clash
    # is found without renaming every sibling (a thousand resources can share one parent).
    attrs: dict[str, list[_Node]] = field(
        default_factory=dict, repr=False, compare=False
    )


@dataclass(frozen=True)
class _Route:
    """A path a spec declares, what stands at its end, and which operations apply there."""

    path: str
    target: Target
    ops: frozenset[str]
    params: dict[str, str]
    item: bool = False  # the last segment is the key of the target's item path


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
class Method:
    """One operation: a thin method whose body hands the runtime's call to the session."""

    name: Code
    params: Code  # `self` and the keyword arguments, on one line
    returns: Code | None  # None: an iterator of the model, sync or async by mode
    docstring: Code
    call: Code


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
    root = _Node("")
    problems: list[Problem] = []
    by_name = {spec.name: spec for spec in specs}
    for spec in sorted(specs, key=lambda s: s.file):
        for route in _routes(spec, by_name):
            _mark(root, spec, route, problems)
    if problems:
        raise InputError(problems)
    walked = _walk(root, "")
    keys = {id(node): _class_key(node, path) for node, path in walked}
    groups: dict[ClassKey, list[tuple[_Node, str]]] = {}
    for node, path in walked[1:]:
        groups.setdefault(keys[id(node)], []).append((node, path))
    names = _class_names({key: nodes[0][1] for key, nodes in groups.items()})
    classes = [
        _builder_class(key, names, nodes, keys, by_name)
        for key, nodes in groups.items()
    ]
    root_children = _children([root], keys, names, "")
    return Navigation(
        root_children, tuple(sorted(classes, key=lambda c: (c.module, c.name)))
    )


def _routes(spec: Spec, by_name: dict[str, Spec]) -> Iterator[_Route]:
    """The spec's own routes, and the routes its navigation properties lead to."""
    declared = frozenset(spec.operations)
    owners = [path + (spec.item_path or "") for path in spec.collection_paths]
    for path in spec.collection_paths:
        yield _route(path, ("collection", spec.name), declared, spec.parameters)
        if spec.item_path is not None:
            item = path + spec.item_path
            yield _route(item, ("item", spec.name), declared, spec.parameters, True)
    for path in spec.single_paths:
        yield _route(path, ("single", spec.name), declared, spec.parameters)
    for owner in owners + list(spec.single_paths):
        for nav in spec.navigation:
            yield from _navigation_routes(spec, f"{owner}/{nav.name}", nav, by_name)


def _navigation_routes(
    spec: Spec, path: str, nav: NavigationSpec, by_name: dict[str, Spec]
) -> Iterator[_Route]:
    """A navigation property is a route too: one entity, or a collection with its items;
    its `operations` say what its builder offers."""
    item = types.collection_item(nav.type)
    target = by_name.get(item or types.normalise(nav.type))
    if target is None or target.kind != "entity":
        return  # reported by the model stage, with its location
    params = {**target.parameters, **spec.parameters}
    allowed = frozenset(nav.operations)
    if item is None:
        yield _route(path, ("single", target.name), allowed, params)
        return
    yield _route(path, ("collection", target.name), allowed, params)
    if target.item_path is not None:
        declared = frozenset(target.operations)
        key = path + target.item_path
        yield _route(key, ("item", target.name), declared, params, True)


def _route(
    path: str,
    target: Target,
    ops: frozenset[str],
    params: dict[str, str],
    item: bool = False,
) -> _Route:
    return _Route(path, target, ops & frozenset(_KINDS[target[0]]), params, item)


def _mark(root: _Node, spec: Spec, route: _Route, problems: list[Problem]) -> None:
    node, here = root, ""
    segments = route.path.strip("/").split("/")
    for i, segment in enumerate(segments):
        is_param = segment.startswith("{")
        lookup = "{}" if is_param else segment
        child = node.children.get(lookup)
        if child is None:
            problems += _attr_clash(spec, node, segment, here or "/")
            child = node.children[lookup] = _Node(segment)
            if not is_param:
                node.attrs.setdefault(child_attr(segment), []).append(child)
        names_item = route.item and i == len(segments) - 1
        if is_param and _names_parameter(child, names_item):
            child.segment, child.named_by_item = segment, names_item
            child.param_type = route.params.get(segment[1:-1], "String")
        node, here = child, f"{here}/{child.segment}"
    if node.target is not None and node.target != route.target:
        claims = sorted({node.target[1], route.target[1]})
        problems.append(
            spec.problem(("paths",), f"{route.path} is claimed by {claims}")
        )
    node.target = route.target
    node.ops |= route.ops


def _names_parameter(node: _Node, names_item: bool) -> bool:
    """The first spec (by file) names a parameter, unless a later one's item path has it."""
    return node.param_type is None or (names_item and not node.named_by_item)


def _walk(node: _Node, path: str) -> list[tuple[_Node, str]]:
    nodes = [(node, path)]
    for child in node.children.values():
        nodes += _walk(child, f"{path}/{child.segment}")
    return nodes


def _class_key(node: _Node, path: str) -> ClassKey:
    if node.target is None:
        return ("nav", path, ())
    kind, name = node.target
    return (kind, name, tuple(op for op in _OPERATIONS if op in node.ops))


def _class_names(paths: dict[ClassKey, str]) -> dict[ClassKey, str]:
    """Names as the Graph SDK gives them; two different classes never share one. Of the
    builders of one type and kind, the one with the most operations has the plain name
    (`TodoTaskCollectionRequestBuilder`); another is named for its path (`RecentTasks...`).
    """
    variants = sorted(paths, key=lambda k: (k[:2], -len(k[2]), k[2]))
    plain = {k[:2]: k for k in reversed(variants) if k[0] != "nav"}
    order = sorted(paths, key=lambda k: (k[0] != "nav", plain.get(k[:2]) != k, k))
    names: dict[ClassKey, str] = {}
    taken: set[str] = set()
    for key in order:
        kind, ident, _ = key
        last = paths[key].rsplit("/", 1)[-1]
        if kind == "nav":
            stem = last[1:-1].removesuffix("Id") + "Item" if last[:1] == "{" else last
            base = f"{naming.class_name(stem or 'Root')}RequestBuilder"
        elif plain[key[:2]] == key:
            word = {"collection": "Collection", "item": "Item", "single": ""}[kind]
            base = f"{naming.class_name(ident)}{word}RequestBuilder"
        else:
            base = f"{naming.class_name(last.strip('{}'))}RequestBuilder"
        names[key] = naming.unique(base, taken, sep="")
    return names


def _module(key: ClassKey) -> str:
    return NAV_MODULE if key[0] == "nav" else naming.module_name(key[1])


def _alias(module: str) -> str:
    """How other builder modules import one: resource modules get a leading underscore."""
    return module if module == NAV_MODULE else f"_{module}"


def _builder_class(
    key: ClassKey,
    names: dict[ClassKey, str],
    nodes: list[tuple[_Node, str]],
    keys: dict[int, ClassKey],
    by_name: dict[str, Spec],
) -> BuilderClass:
    kind, ident, ops = key
    path = nodes[0][1]
    children = _children([n for n, _ in nodes], keys, names, _module(key))
    if kind == "nav":
        return BuilderClass(
            name=escape.identifier(names[key]),
            module=escape.identifier(_module(key)),
            docstring=escape.docstring(f"Navigation to {path}"),
            resource=None,
            model=Code(""),
            methods=(),
            children=children,
        )
    spec = by_name[ident]
    model = escape.identifier(naming.class_name(ident))
    return BuilderClass(
        name=escape.identifier(names[key]),
        module=escape.identifier(_module(key)),
        docstring=escape.docstring(f"The {ident} {_KIND_WORDS[kind]}: {path}"),
        resource=ident,
        model=model,
        methods=tuple(m for op in ops for m in _methods(spec, op, model)),
        children=children,
        actions=_actions(spec, children) if kind != "collection" else (),
    )


def _methods(spec: Spec, op: str, model: Code) -> list[Method]:
    """The builder methods of one operation: `get` and `iterate` for a list. A navigation
    may offer an operation its target's spec does not describe: it has no options then.
    """
    operation = spec.operations.get(op) or _DEFAULT_OPERATIONS[op]
    status = escape.int_tuple(operation.status)
    name = spec.name
    if op == "list":
        paged = tuple(q for q in operation.query if q not in _PAGING_SKIPS)
        read = f"self._list({model}, {status}"
        return [
            _method(operation, "get", f"Page[{model}]", read, _LIST_DOC, name),
            _method(operation, "iterate", None, read, _ITERATE_DOC, name, paged),
        ]
    if op == "create":
        call = f"self._create({model}, body, {status}"
        return [_method(operation, "post", model, call, _CREATE_DOC, name, body=model)]
    if op == "get":
        call = f"self._read({model}, {status}"
        return [_method(operation, "get", model, call, _GET_DOC, name)]
    if op == "update":
        verb, method = operation.method.lower(), escape.literal(operation.method)
        call = f"self._update({method}, {model}, body, {status}, if_match"
        returns, doc = f"{model} | None", _UPDATE_DOCS[verb]
        return [_method(operation, verb, returns, call, doc, name, body=model)]
    call = f"self._delete({status}, if_match"
    return [_method(operation, "delete", "None", call, _DELETE_DOC, name)]


_DEFAULT_OPERATIONS = {
    kind: OperationSpec(kind, method, target, status, (), (), 0)
    for kind, method, target, status in (
        ("list", "GET", "collection", (200,)),
        ("create", "POST", "collection", (201,)),
        ("get", "GET", "item", (200,)),
        ("update", "PATCH", "item", (200, 204)),
        ("delete", "DELETE", "item", (204,)),
    )
}
_LIST_DOC = "One page of {name} items."
_ITERATE_DOC = "Every {name} item, following `@odata.nextLink` page after page."
_CREATE_DOC = "Create one {name}: POST every property set, validated before it is sent."
_GET_DOC = "The {name}, as the service has it now."
_DELETE_DOC = "Delete the {name}."
_UPDATE_DOCS = {
    "patch": (
        "Update the {name}; None when the service answers 204.\n\n"
        "PATCH sends what changed since the service sent the model, or every property "
        "set of a model built here."
    ),
    "put": (
        "Replace the {name}; None when the service answers 204.\n\n"
        "PUT sends every property set, less the read-only ones the service sent and that "
        "did not change."
    ),
}
_IF_MATCH = "the `If-Match` header: the etag (`odata_etag`) the entity must still have."


def _method(
    operation: OperationSpec,
    name: str,
    returns: str | None,
    call: str,
    summary: str,
    resource: str,
    query: tuple[str, ...] | None = None,
    *,
    body: Code | None = None,
) -> Method:
    """A method: its signature, its docstring (each argument and what it sends), its call."""
    wanted = operation.query if query is None else query
    options = [q for q in _QUERY if q in wanted]
    headers, header_args = _headers(operation)
    params, keywords, docs = ["self"], [], []
    if body is not None:
        params.append(f"body: {body}")
        docs.append(("body", "the model to send."))
    if operation.kind in ("update", "delete"):
        keywords.append("if_match: str | None = None")
        docs.append(("if_match", _IF_MATCH))
    for q in options:
        keywords.append(f"{q}: {_QUERY[q][0]} = None")
        docs.append((q, _QUERY[q][1]))
    for arg, _, doc in header_args:
        keywords.append(f"{arg}: str | None = None")
        docs.append((arg, doc))
    arguments = headers + "".join(f", {q}={q}" for q in options)
    return Method(
        name=escape.identifier(name),
        params=Code(", ".join(params + (["*", *keywords] if keywords else []))),
        returns=None if returns is None else Code(returns),
        docstring=_docstring(summary.format(name=resource), docs),
        call=Code(f"{call}{arguments})"),
    )


def _headers(operation: OperationSpec) -> tuple[str, list[tuple[str, str, str]]]:
    """The operation's own headers: keyword arguments (snake_case of the header name), and
    the dict argument that sends them."""
    taken = {"self", "body", "if_match", *_QUERY}
    args: list[tuple[str, str, str]] = []
    for header in operation.headers:
        if header.name.lower() in STANDARD_HEADERS:
            continue
        arg = naming.unique(
            naming.safe_identifier(naming.snake(header.name), avoid=taken), taken
        )
        example = f", such as {header.value!r}" if header.value else ""
        args.append((arg, header.name, f"the `{header.name}` header{example}."))
    if not args:
        return "", []
    pairs = ", ".join(f"{escape.literal(name)}: {arg}" for arg, name, _ in args)
    return f", {{{pairs}}}", args


def _docstring(text: str, args: list[tuple[str, str]]) -> Code:
    """A method's docstring: what it does, then each argument and what it sends."""
    summary, _, detail = text.partition("\n\n")
    if not args and not detail:
        return escape.docstring(summary)
    lines = [_text(summary)]
    if detail:
        lines += ["", *(_text(line) for line in textwrap.wrap(detail, 80))]
    lines += ["", "Args:"] if args else []
    lines += [f"    {name}: {_text(doc)}" for name, doc in args]
    indent = "\n" + " " * 8
    body = indent.join(lines).replace(indent + "\n", "\n\n")
    return Code(f'"""{body}{indent}"""')


def _text(text: str) -> str:
    """One docstring line, escaped as `escape.docstring` escapes a whole docstring."""
    return escape.docstring(text)[3:-3]


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
                    param_type=child.param_type if segment is None else None,
                    target_module=module,
                    module_prefix=Code(prefix),
                    target_class=escape.identifier(names[target]),
                ),
            )
    return tuple(merged[a] for a in sorted(merged))


def _attr_clash(spec: Spec, node: _Node, segment: str, here: str) -> list[Problem]:
    """Two segments under one node must not become one property (`fooBar`, `foo_bar`)."""
    attr = child_attr(segment)
    others = list(node.attrs.get(attr, ()))
    parameter = node.children.get(
        "{}"
    )  # the one child whose segment a later spec may rename
    if parameter is not None and child_attr(parameter.segment) == attr:
        others.append(parameter)
    return [
        spec.problem(
            ("paths",), f"{segment} and {other.segment} at {here} are both .{attr}"
        )
        for other in others
    ]


@cache  # asked again for the same segments by every route and every builder class
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
