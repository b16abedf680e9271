"""The steps from the client to an item builder of each type, which the generated tests walk."""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.pathtree import Node, child_attr
from generator.check.schema import Schema


@dataclass(frozen=True)
class Step:
    """One step from the client to a node: a property, or `by_<key>` with the key's type."""

    attr: str
    segment: str | None
    param_type: str | None


def item_routes(root: Node, schema: Schema) -> dict[str, tuple[Step, ...]]:
    """For each type, the steps to an item builder of it that offers every operation its spec
    declares (the first such in walk order), else to its first item builder; a type with
    no item (a singleton) to its first single builder that offers them all."""
    found: dict[str, list[tuple[bool, tuple[Step, ...]]]] = {}
    singles: dict[str, tuple[Step, ...]] = {}

    def visit(node: Node, steps: tuple[Step, ...]) -> None:
        for child in node.children.values():
            param = child.segment.startswith("{")
            step = Step(
                child_attr(child.segment),
                None if param else child.segment,
                child.param_type if param else None,
            )
            here = (*steps, step)
            if child.target and child.target[0] == "item" and param:
                declared = set(schema[child.target[1]].spec.operations)
                offered = child.ops | node.ops
                found.setdefault(child.target[1], []).append(
                    (declared <= offered, here)
                )
            elif child.target and child.target[0] == "single":
                declared = set(schema[child.target[1]].spec.operations)
                if declared <= child.ops:
                    singles.setdefault(child.target[1], here)
            visit(child, here)

    visit(root, ())
    items = {
        name: next((s for full, s in routes if full), routes[0][1])
        for name, routes in found.items()
    }
    return {**singles, **items}
