"""Checks over the specs of one import, by the rules the generated package applies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.importer.log import Decision
from generator.odata import values
from generator.odata.typeref import collection_item, normalise
from generator.odata.types import PRIMITIVES
from generator.spec.load import Spec


def _named(type_name: str, specs: dict[str, Spec]) -> Spec | None:
    return specs.get(type_name.rsplit(".", 1)[-1])


def _all_types(spec: Spec, specs: dict[str, Spec]) -> dict[str, str]:
    base = _named(spec.base, specs) if spec.base else None
    inherited = _all_types(base, specs) if base else {}
    return {**inherited, **{p.wire: p.type for p in spec.properties}}


def _valid(value: Any, type_name: str, specs: dict[str, Spec]) -> bool:
    item = collection_item(type_name)
    if item is not None:
        return isinstance(value, list) and all(_valid(v, item, specs) for v in value)
    spec = _named(type_name, specs)
    if spec is None:
        return values.fits(value, normalise(type_name))
    if spec.kind == "enum":
        return value in spec.members
    types = _all_types(spec, specs)
    return isinstance(value, dict) and all(
        k in types and _valid(v, types[k], specs) for k, v in value.items()
    )


def bad_examples(specs: dict[str, Spec]) -> list[str]:
    """The types whose example a generated model would refuse."""
    return [
        spec.name
        for spec in specs.values()
        if spec.example is not None and not _valid(spec.example, spec.name, specs)
    ]


def dangling(specs: dict[str, Spec]) -> list[str]:
    """`type.at: name` for every type reference that is neither a primitive nor a spec of the run."""
    found = []
    for spec in specs.values():
        refs = [(f"{spec.name}.base", spec.base)] if spec.base else []
        refs += [(f"{spec.name}.{p.wire}", p.type) for p in spec.all_properties()]
        for at, ref in refs:
            name = normalise(collection_item(ref) or ref)
            if name not in PRIMITIVES and _named(name, specs) is None:
                found.append(f"{at}: {ref}")
    return found


def decided(decisions: Iterable[Decision]) -> list[str]:
    """Each decision as `page:line: rule: field`: the rule that took it, where, about what;
    tests assert these and the specs' data, not the decision's wording."""
    return [f"{d.file}:{d.line}: {d.rule}: {d.at}" for d in decisions]
