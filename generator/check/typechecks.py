"""The rules one checked type must keep on its own: a key, paths that fit, names msgspec takes."""

from __future__ import annotations

import re

from generator.check.schema import TypeDef
from generator.report.problems import Problem, excerpt
from generator.spec.load import Spec

_UNRENAMABLE = re.compile(r'[\\"\x00-\x1f]')
_NAVIGATION_OPS = {True: {"list", "create"}, False: {"get", "update", "delete"}}


def type_problems(t: TypeDef) -> list[Problem]:
    spec = t.spec
    problems = _wire_name_problems(spec) + _kind_problems(t)
    if t.kind == "entity":
        problems += _key_problems(t) + _path_problems(spec)
    for p in t.own:
        if p.navigation and p.operations:
            allowed = _NAVIGATION_OPS[p.type.collection]
            wrong = [op for op in p.operations if op not in allowed]
            if wrong:
                what = "a collection" if p.type.collection else "a single value"
                problems.append(
                    spec.problem(
                        ("navigation", p.wire, "operations"),
                        f"{', '.join(wrong)} not offered on {what}",
                    )
                )
    return problems


def _kind_problems(t: TypeDef) -> list[Problem]:
    if t.kind == "enum":
        return _enum_problems(t.spec)
    return _enum_fields(t.spec) + _structure_problems(t)


def _enum_problems(spec: Spec) -> list[Problem]:
    problems = []
    if not spec.members:
        problems.append(spec.problem(("members",), "an enum needs at least one member"))
    if spec.properties or spec.navigation:
        field = "properties" if spec.properties else "navigation"
        problems.append(spec.problem((field,), f"an enum type has no {field}"))
    if spec.flags:  # a flags value is its members comma-separated
        problems += [
            spec.problem(
                ("members", i), f"{excerpt(m)}: a flags enum's member has no comma"
            )
            for i, m in enumerate(spec.members)
            if "," in m
        ]
    return problems


def _enum_fields(spec: Spec) -> list[Problem]:
    """`flags` and `open` describe an enum's values; `openType` is what opens other types."""
    problems = []
    if spec.flags:
        problems.append(spec.problem(("flags",), "only an enum has flags"))
    if spec.open_enum:
        message = (
            "only an enum is open; a type that takes undeclared properties"
            " is `openType: true`"
        )
        problems.append(spec.problem(("open",), message))
    return problems


def _structure_problems(t: TypeDef) -> list[Problem]:
    spec = t.spec
    reached = [n for n in spec.navigation if n.operations]
    if t.kind == "complex" and reached:
        return [
            spec.problem(
                ("navigation", reached[0].name, "operations"),
                "a complex type's navigation is read with the value, it has no operations",
            )
        ]
    if t.kind != "entity":
        extra = (
            "operations" if spec.operations else "paths" if _has_paths(spec) else None
        )
        return (
            [spec.problem((extra,), f"a {t.kind} type has no {extra}")] if extra else []
        )
    return []


def _has_paths(spec: Spec) -> bool:
    return bool(spec.collection_paths or spec.single_paths or spec.item_path)


def _key_problems(t: TypeDef) -> list[Problem]:
    spec = t.spec
    at = ("key",) if spec.key is not None else ("name",)
    if t.key is None and spec.base is not None and t.base is None:
        return []  # the base is unknown or wrong, and reported as such
    if t.key is None:
        return [
            spec.problem(at, "an entity needs a key (`key:`, or a base type with one)")
        ]
    prop = next((p for p in t.props if p.wire == t.key), None)
    if prop is None or prop.navigation:
        return [spec.problem(at, f"the key {excerpt(t.key)} is not a property")]
    return []


def _path_problems(spec: Spec) -> list[Problem]:
    problems = []
    item_ops = sorted({"get", "update", "delete"} & set(spec.operations))
    set_ops = sorted({"list", "create"} & set(spec.operations))
    if set_ops and not spec.collection_paths:
        problems.append(
            spec.problem(("operations", set_ops[0]), "needs `paths.collection`")
        )
    if item_ops and not (spec.item_path or spec.single_paths):
        problems.append(
            spec.problem(
                ("operations", item_ops[0]), "needs `paths.item` or `paths.single`"
            )
        )
    routes = [*spec.collection_paths, *spec.single_paths, spec.item_path or ""]
    for path in routes:
        if {".", ".."} & set(path.split("/")):
            problems.append(
                spec.problem(("paths",), f"{excerpt(path)}: no . or .. segments")
            )
        for param in _params(path):
            if param not in spec.parameters:
                problems.append(
                    spec.problem(
                        ("paths",), f"the type of {{{param}}} is not in `parameters`"
                    )
                )
    if spec.item_path is not None and (
        len(_params(spec.item_path)) != 1 or spec.item_path.count("/") != 1
    ):
        problems.append(
            spec.problem(("paths", "item"), "the item path must be /{keyParameter}")
        )
    return problems


def _wire_name_problems(spec: Spec) -> list[Problem]:
    """msgspec refuses to rename a field to a name with `\\`, `"` or a C0 control character."""
    return [
        spec.problem(
            (p.section, p.wire), 'a wire name cannot hold \\, " or control characters'
        )
        for p in spec.all_properties()
        if _UNRENAMABLE.search(p.wire)
    ]


def _params(path: str) -> list[str]:
    return [seg[1:-1] for seg in path.split("/") if seg.startswith("{")]
