"""What can be checked of a spec that failed its schema: its type names, its path parameters,
its example, each read only where the schema did not refuse the value (or what holds it).

So a broken operation does not hide, until the next run, an unknown type, a path parameter the
spec does not declare, or an example that does not fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.check.examples import check_object, props_of
from generator.check.resolve import Resolver
from generator.check.schema import Schema
from generator.odata.typeref import TypeRef
from generator.report.problems import Problem
from generator.spec.draft import Draft

_PATHS = ("collection", "item", "single")


def draft_problems(
    drafts: Iterable[Draft], resolver: Resolver, schema: Schema
) -> list[Problem]:
    """Every problem the drafts hold besides their schema's (the resolver reports types)."""
    problems: list[Problem] = []
    for draft in drafts:
        props = _typed_props(draft, resolver)
        problems += _parameter_problems(draft)
        problems += _example_problems(
            draft, {**_inherited(draft, resolver, schema), **props}, schema
        )
    return problems


def _typed_props(draft: Draft, resolver: Resolver) -> dict[str, tuple[TypeRef, bool]]:
    """Each readable property's type, its name checked; what an example is read with."""
    found = {}
    for section in ("properties", "navigation"):
        for wire, prop in _mapping(draft, (section,)).items():
            at = (section, wire, "type")
            written = prop.get("type") if isinstance(prop, dict) else None
            if not isinstance(written, str) or not draft.readable(at):
                continue
            ref = resolver.ref(draft, written, at)
            nullable = prop.get("nullable", True)
            if (
                ref is not None
                and draft.readable((section, wire))
                and isinstance(nullable, bool)
            ):
                found[wire] = (ref, nullable)
    return found


def _inherited(
    draft: Draft, resolver: Resolver, schema: Schema
) -> dict[str, tuple[TypeRef, bool]]:
    base = draft.data.get("base")
    if not isinstance(base, str) or not draft.readable(("base",)):
        return {}
    ref = resolver.ref(draft, base, ("base",))
    known = schema.types.get(ref.name) if ref is not None else None
    return props_of(known) if known is not None else {}


def _parameter_problems(draft: Draft) -> list[Problem]:
    """A path names a parameter that `parameters` does not declare (its type aside)."""
    if "parameters" in draft.data and not isinstance(draft.data["parameters"], dict):
        return []  # refused as a whole: its names cannot be read
    declared = set(_mapping(draft, ("parameters",), readable_only=False))
    problems = []
    for where, path in _routes(draft):
        for segment in path.split("/"):
            name = (
                segment[1:-1]
                if segment.startswith("{") and segment.endswith("}")
                else None
            )
            if name is not None and name not in declared:
                message = f"the type of {{{name}}} is not in `parameters`"
                problems.append(draft.problem(where, message))
    return problems


def _routes(draft: Draft) -> list[tuple[tuple[str | int, ...], str]]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    for kind, value in _mapping(draft, ("paths",)).items():
        if kind not in _PATHS:
            continue
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, path in items:
            where = ("paths", kind) if index is None else ("paths", kind, index)
            if isinstance(path, str) and draft.readable(where):
                found.append((where, path))
    return found


def _example_problems(
    draft: Draft, props: dict[str, tuple[TypeRef, bool]], schema: Schema
) -> list[Problem]:
    example = draft.data.get("example")
    if example is None or not draft.readable(("example",)):
        return []
    name = draft.data.get("name")
    found = check_object(str(name), props, example, ("example",), schema)
    return [draft.problem(at, message) for at, message in found]


def _mapping(
    draft: Draft, path: tuple[str, ...], readable_only: bool = True
) -> dict[str, Any]:
    """A mapping of the draft's data, empty when it is none or was refused."""
    value: Any = draft.data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, dict) or (readable_only and not draft.readable(path)):
        return {}
    return value
