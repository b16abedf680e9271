"""Media streams (`streams:`), checked against the other specs and the builders they join."""

from __future__ import annotations

from generator.check.pathtree import Node, child_attr, segment_attr, walk
from generator.check.resolve import Resolver
from generator.check.schema import Schema
from generator.report.problems import Problem, excerpt
from generator.spec.load import Spec, StreamSpec

ATTR = "content"  # the builder attribute of a stream, `content` or `$value` alike


def stream_problems(specs: list[Spec], resolver: Resolver) -> list[Problem]:
    """A stream belongs to an entity; what a PUT or an upload answers with is an entity."""
    problems: list[Problem] = []
    for spec in specs:
        for stream in spec.streams:
            at = ("streams", stream.segment)
            if spec.kind != "entity":
                problems.append(spec.problem(at, "only an entity has a media stream"))
            problems += _returns_problems(spec, stream, resolver)
    return problems


def _returns_problems(
    spec: Spec, stream: StreamSpec, resolver: Resolver
) -> list[Problem]:
    at = ("streams", stream.segment, "returns")
    if stream.returns is None:
        if "upload" in stream.operations:
            message = (
                "an upload answers with the item it made: name its type in returns"
            )
            return [spec.problem(("streams", stream.segment, "operations"), message)]
        return []
    ref = resolver.ref(spec, stream.returns, at)
    if ref is None:
        return []
    if ref.collection or ref.kind != "entity":
        return [spec.problem(at, f"{excerpt(stream.returns)} is not an entity type")]
    return []


def stream_clashes(root: Node, schema: Schema) -> list[Problem]:
    """`.content` of an item builder would hide a path segment, or an action or a function
    named so."""
    clashing: dict[str, Spec] = {}
    for node, _ in walk(root):
        if node.target is None or node.target[0] == "collection":
            continue
        spec = schema[node.target[1]].spec
        if not spec.streams:
            continue
        taken = {child_attr(c.segment) for c in node.children.values()}
        bound = schema[node.target[1]].bound
        taken |= {segment_attr(b.name) for b in bound if b.spec.bound == "item"}
        if ATTR in taken:
            clashing.setdefault(spec.qualified_name, spec)
    message = (
        f"is .{ATTR} of the item builder, which a path, an action or a function takes"
    )
    return [
        spec.problem(("streams", spec.streams[0].segment), message)
        for spec in clashing.values()
    ]
