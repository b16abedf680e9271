"""Which builder method of a set of specs a docs route reaches, read from the specs alone.

The specs' paths and navigation make a tree of nodes (a set, an item, a single entity), as the
generator's path tree does; at each node, the operations its type declares for that kind of
node, and the type's (and its base types') actions, functions, streams and references, as
docs/spec-format.md describes them. A docs route (`POST /me/events/{id}/forward`) is walked down
that tree; what it ends on is the builder method that sends it, or why there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_ROOT = re.compile(r"^https?://graph\.microsoft\.com/(?:v1\.0|beta)", re.IGNORECASE)
_GUID = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE
)
_CALL = re.compile(r"^([^()]*)\((.*)\)$")
_KIND_OPS = {
    "collection": ("list", "create"),
    "item": ("get", "update", "delete"),
    "single": ("get", "update", "delete"),
}
_VERB_OPS = {
    "collection": {"GET": "list", "POST": "create"},
    "item": {"GET": "get", "PATCH": "update", "PUT": "update", "DELETE": "delete"},
}
_VERB_OPS["single"] = _VERB_OPS["item"]
PARAM = "{}"
BY_PATH = ":path:"


@dataclass
class Node:
    """One path segment: which types stand here, as what, with which operations."""

    children: dict[str, Node] = field(default_factory=dict)
    targets: list[tuple[str, str, frozenset[str]]] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)  # the $ref operations of a navigation

    def child(self, segment: str) -> Node:
        return self.children.setdefault(segment, Node())


@dataclass(frozen=True)
class Reached:
    """The builder method a route ends on: its kind, name and spec entry; or why none."""

    kind: str  # list, create, get, update, delete, action, function, stream, ref; "" for none
    name: str = ""
    entry: dict[str, Any] | None = None
    why: str = ""


class Served:
    """Every spec of an import as a tree of builder nodes."""

    def __init__(self, texts: dict[str, str]) -> None:
        specs = [yaml.safe_load(text) for text in texts.values()]
        self.types: dict[str, dict[str, Any]] = {}
        for spec in specs:
            namespace = spec.get("namespace", "microsoft.graph")
            self.types[f"{namespace}.{spec['name']}".lower()] = spec
        self.root = Node()
        for spec in specs:
            if spec.get("kind") == "entity":
                self._add(spec)

    def qualified(self, name: str, spec: dict[str, Any]) -> str:
        """A type name of a spec, qualified: its own namespace first, then microsoft.graph."""
        name = name.removeprefix("Collection(").removesuffix(")").removeprefix("graph.")
        for full in (
            f"{spec.get('namespace', 'microsoft.graph')}.{name}",
            f"microsoft.graph.{name}",
            name,
        ):
            if full.lower() in self.types:
                return full.lower()
        return name.lower()

    def chain(self, qualified: str) -> list[dict[str, Any]]:
        """A type's spec and its base types' specs, the type first."""
        found: list[dict[str, Any]] = []
        spec = self.types.get(qualified)
        while spec is not None and spec not in found:
            found.append(spec)
            base = spec.get("base")
            spec = self.types.get(self.qualified(base, spec)) if base else None
        return found

    def _add(self, spec: dict[str, Any]) -> None:
        name = self.qualified(spec["name"], spec)
        paths = spec.get("paths") or {}
        declared = frozenset(spec.get("operations") or {})
        owners: list[str] = []
        for path in paths.get("collection", []):
            self._mark(path, "collection", name, declared)
            if paths.get("item"):
                owners.append(path + paths["item"])
                self._mark(owners[-1], "item", name, declared)
        for path in paths.get("single", []):
            owners.append(path)
            self._mark(path, "single", name, declared)
        for owner in owners:
            for base in self.chain(name):
                for prop, nav in (base.get("navigation") or {}).items():
                    self._navigation(f"{owner}/{prop}", nav, base)

    def _navigation(
        self, path: str, nav: dict[str, Any], owner: dict[str, Any]
    ) -> None:
        target = self.qualified(str(nav.get("type", "")), owner)
        spec = self.types.get(target)
        if spec is None or spec.get("kind") != "entity":
            return
        many = str(nav.get("type", "")).startswith("Collection(")
        ops = frozenset(nav.get("operations") or (["list"] if many else ["get"]))
        node = self._mark(path, "collection" if many else "single", target, ops)
        node.refs.extend(nav.get("ref") or [])
        if many and (spec.get("paths") or {}).get("item"):
            item = self._mark(
                path + "/{}", "item", target, frozenset(spec.get("operations") or {})
            )
            item.refs.extend(r for r in nav.get("ref") or [] if r == "delete")

    def _mark(self, path: str, kind: str, target: str, ops: frozenset[str]) -> Node:
        node = self.root
        for segment in split(path):
            node = node.child(segment)
        node.targets.append((kind, target, ops & frozenset(_KIND_OPS[kind])))
        return node

    def reach(self, method: str, route: str) -> Reached:
        """The builder method that sends `method route`, or why no builder sends it."""
        parts = split(route)
        node, at = self.root, 0
        while at < len(parts) and parts[at] in node.children:
            node, at = node.children[parts[at]], at + 1
        if not node.targets:
            return Reached("", why=f"no builder at /{'/'.join(parts[: at + 1])}")
        return self._rest(method, node, parts[at:], parts[:at])

    def _rest(
        self, method: str, node: Node, rest: list[str], done: list[str]
    ) -> Reached:
        """What follows a node of the tree: nothing, a key, a path, an operation or a reference."""
        if not rest:
            return self._operation(method, node)
        head, tail = rest[0], rest[1:]
        shown = "/" + "/".join(done + [head])
        if head == "$ref":
            op = {"GET": "get", "POST": "post", "DELETE": "delete", "PUT": "put"}.get(
                method, ""
            )
            if op in node.refs and not tail:
                return Reached("ref", op)
            return Reached("", why=f"no $ref {op} at /{'/'.join(done)}")
        if head == BY_PATH:
            if self._by_path(node):
                return self._rest(method, node, tail, done + [head])
            return Reached("", why="no root:/path: addressing")
        if head.startswith("("):
            if self._alternate(node, head[1:-1]) and PARAM in node.children:
                return self._walk(method, node.children[PARAM], tail, done + [head])
            return Reached("", why=f"no alternate key {head[:40]}")
        if tail and tail[0].startswith("("):
            head, tail = head + tail[0], tail[1:]
        if tail:
            return Reached("", why=f"no builder at {shown}")
        return self._bound(method, node, head)

    def _walk(
        self, method: str, node: Node, rest: list[str], done: list[str]
    ) -> Reached:
        """Down the tree from a node as far as the route's segments go, then what follows."""
        while rest and rest[0] in node.children:
            node, done, rest = node.children[rest[0]], done + [rest[0]], rest[1:]
        return self._rest(method, node, rest, done)

    def _operation(self, method: str, node: Node) -> Reached:
        for kind, _, ops in node.targets:
            op = _VERB_OPS[kind].get(method)
            if op in ops:
                return Reached(op)
        return Reached("", why=f"no {method} operation there")

    def _by_path(self, node: Node) -> bool:
        return any(
            (spec.get("paths") or {}).get("byPath")
            for _, target, _ in node.targets
            for spec in self.chain(target)
        )

    def _alternate(self, node: Node, args: str) -> list[str]:
        names = [a.split("=", 1)[0].strip() for a in args.split(",") if "=" in a]
        keys = {
            k.lower()
            for _, target, _ in node.targets
            for spec in self.chain(target)
            for k in (spec.get("paths") or {}).get("alternateKeys", [])
        }
        return [n for n in names if n.lower() in keys]

    def _bound(self, method: str, node: Node, segment: str) -> Reached:
        """An action, a function or a stream of the node's type (or a base type's)."""
        call = _CALL.match(segment)
        name = (call.group(1) if call else segment).split(".")[-1]
        for kind, target, _ in node.targets:
            bound = "collection" if kind == "collection" else "item"
            for spec in self.chain(target):
                section = "functions" if method == "GET" else "actions"
                for wire, entry in (spec.get(section) or {}).items():
                    if (
                        wire.lower() == name.lower()
                        and entry.get("bound", "item") == bound
                    ):
                        return Reached(section[:-1], wire, entry)
                streams = spec.get("streams") or {}
                for wire, entry in streams.items():
                    ops = {"GET": "get", "PUT": "put", "PATCH": "put"}.get(method, "")
                    if wire.lower() == name.lower() and ops in entry.get(
                        "operations", []
                    ):
                        return Reached("stream", wire, entry)
        return Reached("", why=f"no {method} {segment[:40]} bound to the node's type")


def split(route: str) -> list[str]:
    """A route's segments, lower case: parameters (`{x}`, keys in parentheses, Guids) as `{}`,
    `root:/a/b:` as `root` then `:path:`, the query left out."""
    path = _ROOT.sub("", route.strip()).split("?", 1)[0]
    path = re.sub(r":/[^:]*(?::|$)", "/" + BY_PATH + "/", path)
    found: list[str] = []
    for part in _segments(path):
        call = _CALL.match(part)
        name, args = (call.group(1), call.group(2).strip()) if call else (part, "")
        if name.startswith("{") and name.endswith("}") or _GUID.match(name):
            found.append(PARAM)
        elif name:
            found.append(name if name == BY_PATH else name.lower())
        if re.fullmatch(r"'?(\{[^{}]*\}|[^=,]*)'?", args) and args:
            found.append(PARAM)  # a key in parentheses: x('{id}'), x('abc')
        elif args:
            found.append(f"({args})")
    return found


def _segments(path: str) -> list[str]:
    """Split on `/` outside parentheses (a function's arguments may hold one)."""
    parts, depth, current = [], 0, ""
    for char in path:
        depth += char == "("
        depth -= char == ")"
        if char == "/" and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]
