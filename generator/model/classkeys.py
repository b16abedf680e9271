"""Which nodes of the path tree share a request-builder class.

Nodes of one type, kind and operations share a class. A class that serves several routes
(`/teams/{id}` and `/me/joinedTeams/{id}`) leads, by each of its properties, to one class
whatever the route: so the nodes a property reaches from any of them share that class, which
offers the union of what they offer (`.schedule.shifts` from both routes). A node no type
claims takes the class of the typed nodes it shares a property with.
"""

from __future__ import annotations

from generator.check.pathtree import ALTERNATE, OPERATIONS, Node

ClassKey = tuple[str, str, tuple[str, ...]]  # a target and its operations, or nav paths
# What else sets a class apart: alternate keys on its collection paths, and a `$ref` below
# (a reference belongs to the navigation property, not to every route of its type).
REF = "ref"
_FEATURES = (*OPERATIONS, ALTERNATE, REF)


def class_key(node: Node, path: str) -> ClassKey:
    """The class of a node on its own: its target and operations, or its path."""
    if node.target is None:
        return ("nav", path, ())
    kind, name = node.target
    offered = node.ops | ({REF} if "$ref" in node.children else set())
    return (kind, name, tuple(op for op in _FEATURES if op in offered))


def class_keys(walked: list[tuple[Node, str]]) -> dict[int, ClassKey]:
    """The class of every node (by `id`), once the classes serving several routes are merged."""
    classes = _Classes(walked)
    while classes.merge_alike() | classes.merge_reached():
        pass
    return classes.keys()


class _Classes:
    """Nodes in classes (union-find over node ids, a class named by its first node)."""

    def __init__(self, walked: list[tuple[Node, str]]) -> None:
        self.nodes = {id(node): node for node, _ in walked}
        self.order = {id(node): i for i, (node, _) in enumerate(walked)}
        self.own = {id(node): class_key(node, path) for node, path in walked}
        self.parent = {n: n for n in self.nodes}
        self.members = {n: [n] for n in self.nodes}

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, ids: list[int]) -> bool:
        """Put the classes of `ids` together, when one class can serve them all."""
        roots = sorted({self.find(n) for n in ids}, key=self.order.__getitem__)
        if len(roots) < 2:
            return False
        if self.key([m for r in roots for m in self.members[r]]) is None:
            return False
        for other in roots[1:]:
            self.parent[other] = roots[0]
            self.members[roots[0]] += self.members.pop(other)
        return True

    def key(self, ids: list[int]) -> ClassKey | None:
        """One class for these nodes: of their one type and kind, with every operation any
        of them offers; None when they stand for different types or kinds."""
        typed = {self.own[n][:2] for n in ids if self.own[n][0] != "nav"}
        if not typed:
            return self.own[min(ids, key=self.order.__getitem__)]
        if len(typed) > 1:
            return None
        kind, name = typed.pop()
        ops = {op for n in ids for op in self.own[n][2]}
        return (kind, name, tuple(op for op in _FEATURES if op in ops))

    def merge_alike(self) -> bool:
        """Classes that came to have the same key are one class."""
        by_key: dict[ClassKey | None, list[int]] = {}
        for root, ids in list(self.members.items()):
            by_key.setdefault(self.key(ids), []).append(root)
        by_key.pop(None, None)
        merged = [self.union(roots) for roots in by_key.values()]
        return any(merged)

    def merge_reached(self) -> bool:
        """What one property leads to from the nodes of one class is one class."""
        changed = False
        for root in list(self.members):
            reached: dict[str, list[int]] = {}
            for n in self.members.get(root, ()):
                for lookup, child in self.nodes[n].children.items():
                    reached.setdefault(lookup, []).append(id(child))
            for ids in reached.values():
                changed |= self.union(ids)
        return changed

    def keys(self) -> dict[int, ClassKey]:
        final = {root: self.key(ids) for root, ids in self.members.items()}
        return {n: final[self.find(n)] or self.own[n] for n in self.nodes}
