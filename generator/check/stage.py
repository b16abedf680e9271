"""The check stage: every spec against the others, every problem gathered before anything is built."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from generator.check.drafts import draft_problems
from generator.check.examples import example_problems
from generator.check.operations import (
    bound_operations,
    name_problems,
    operation_problems,
)
from generator.check.pathtree import Node, build_tree
from generator.check.reserved import Reserved
from generator.check.resolve import (
    Report,
    Resolver,
    inheritance_order,
    kind_of,
    own_props,
    typedef,
    with_derived,
)
from generator.check.schema import Schema, TypeDef
from generator.check.streams import stream_clashes, stream_problems
from generator.check.typechecks import type_problems
from generator.odata import naming
from generator.odata.typeref import DEFAULT_NAMESPACE, Kind
from generator.report.problems import InputError, excerpt
from generator.spec.folder import Loaded
from generator.spec.load import Spec

DEFAULT_BASE_URL = "https://graph.microsoft.com/beta"


def check(loaded: Loaded, reserved: Reserved) -> Schema:
    """Every problem of every spec at once (schema-level and cross-spec), or the typed schema."""
    return checked(loaded, reserved)[0]


def checked(loaded: Loaded, reserved: Reserved) -> tuple[Schema, Node]:
    """The typed schema and the tree of its routes, which the builders are made from."""
    problems = list(loaded.problems)
    specs = _unique(loaded.specs, problems.append)
    names = _python_names(specs, reserved, problems.append)
    kinds: dict[str, Kind] = {s.qualified_name: kind_of(s.kind) for s in specs}
    resolver = Resolver(kinds, loaded.broken, problems.append)
    bases = {s.qualified_name: resolver.base(s) for s in specs}
    order = inheritance_order(specs, bases, problems.append)
    types_: dict[str, TypeDef] = {}
    for spec in order:
        base = types_.get(bases[spec.qualified_name] or "")
        own = own_props(spec, resolver, base)
        found = typedef(
            spec,
            names[spec.qualified_name],
            bases[spec.qualified_name],
            own,
            types_,
            reserved,
        )
        bound = bound_operations(spec, resolver, base)
        types_[spec.qualified_name] = replace(found, bound=bound)
    for t in types_.values():
        problems += type_problems(t)
    problems += stream_problems(specs, resolver)
    schema = Schema(with_derived(types_), _base_url(specs, problems.append))
    for t in schema:
        problems += operation_problems(t, schema)
        problems += [t.spec.problem(at, m) for at, m in example_problems(t, schema)]
    problems += draft_problems(loaded.drafts, resolver, schema)
    tree, path_problems = build_tree(schema)
    problems += path_problems + name_problems(tree, schema)
    problems += stream_clashes(tree, schema)
    if problems:
        raise InputError(problems)
    return schema, tree


def _unique(specs: list[Spec], report: Report) -> list[Spec]:
    """One spec per qualified type name; a second one is a problem at its `name`."""
    seen: dict[str, Spec] = {}
    for spec in specs:
        first = seen.setdefault(spec.qualified_name, spec)
        if first is not spec:
            report(
                spec.problem(("name",), f"{excerpt(spec.name)} is also {first.file}")
            )
    return list(seen.values())


def _python_names(
    specs: list[Spec], reserved: Reserved, report: Report
) -> dict[str, tuple[str, str]]:
    """Class and module per type; a name shared across namespaces is prefixed outside microsoft.graph."""
    plain = {
        s.qualified_name: naming.class_name(s.name, reserved.classes) for s in specs
    }
    shared = {c for c, n in Counter(plain.values()).items() if n > 1}
    result: dict[str, tuple[str, str]] = {}
    taken: dict[str, Spec] = {}
    for spec in sorted(specs, key=lambda s: (s.namespace != DEFAULT_NAMESPACE, s.file)):
        stem = spec.name
        if plain[spec.qualified_name] in shared and spec.namespace != DEFAULT_NAMESPACE:
            stem = f"{spec.namespace.rsplit('.', 1)[-1]}_{spec.name}"
        names = (naming.class_name(stem, reserved.classes), naming.module_name(stem))
        # Module and class names both: `v1_0` and `v10` are two modules but one class V10.
        keys = {f"class {names[0]}", f"module {names[1]}"}
        clash = next((taken[k] for k in sorted(keys) if k in taken), None)
        if clash is not None:
            report(
                spec.problem(
                    ("name",), f"{excerpt(spec.name)} clashes with {clash.file}"
                )
            )
        taken.update(dict.fromkeys(keys, spec))
        result[spec.qualified_name] = names
    return result


def _base_url(specs: list[Spec], report: Report) -> str:
    """One client, one service root: every entity spec that names one must agree on it."""
    urls = {s.base_url: s for s in specs if s.kind == "entity" and s.base_url}
    first, *others = sorted(urls) or [DEFAULT_BASE_URL]
    for other in others:
        report(
            urls[other].problem(
                ("baseUrl",), f"{excerpt(other)} differs from {excerpt(first)}"
            )
        )
    return first
