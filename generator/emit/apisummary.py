"""The public API of a checked schema as small JSON, every key sorted: what a generate records
in its manifest and `apidiff` compares with the next."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from generator.emit.opsdiff import addressing_summary, bound_summary

if TYPE_CHECKING:  # `check` reports changes without loading the spec machinery
    from generator.check.schema import Prop, Schema, TypeDef
    from generator.spec.load import OperationSpec

FORMAT = 1  # raised when the summary's shape changes: an older one then gives no report
USUAL_FLAGS = {"navigation": False, "nullable": True, "read_only": False}


def summary(schema: Schema) -> dict[str, Any]:
    """The public API of every type by qualified name: small, JSON-able, every key sorted."""
    return summary_of({t.qualified: type_summary(t) for t in schema})


def summary_of(types: Mapping[str, Any]) -> dict[str, Any]:
    """The summary of these types' summaries (by qualified name)."""
    return {"format": FORMAT, "types": dict(sorted(types.items()))}


def type_summary(t: TypeDef) -> dict[str, Any]:
    """The public API of one type: a function of its definition alone."""
    found: dict[str, Any] = _sorted(_type(t))
    return found


def _type(t: TypeDef) -> dict[str, Any]:
    found: dict[str, Any] = {
        "abstract": t.abstract,
        "base": t.base,
        "class": t.class_name,
        "kind": t.kind,
    }
    if t.kind == "enum":
        kinds = {"flags": t.spec.flags, "open": t.spec.open_enum}
        found.update((k, True) for k, v in kinds.items() if v)
        return {**found, "members": sorted(t.spec.members)}
    found["properties"] = {p.wire: _prop(p) for p in t.own}
    if t.kind == "entity":
        found.update(_entity(t), key=t.key)
    return found


def _prop(p: Prop) -> dict[str, Any]:
    """Attribute and type; a flag only where it is not the usual value, to keep it short."""
    flags = {
        "navigation": p.navigation,
        "nullable": p.nullable,
        "read_only": p.read_only,
    }
    found: dict[str, Any] = {"attr": p.attr, "type": p.type.wire}
    found.update((k, v) for k, v in flags.items() if v != USUAL_FLAGS[k])
    if p.navigation:
        found["operations"] = sorted(p.operations)
    if p.ref:
        found["ref"] = sorted(p.ref)
    return found


def _entity(t: TypeDef) -> dict[str, Any]:
    spec = t.spec
    streams = sorted(f"{s.segment} {op}" for s in spec.streams for op in s.operations)
    return {
        **({"streams": streams} if streams else {}),
        "actions": bound_summary(t, "action"),
        "functions": bound_summary(t, "function"),
        "operations": {k: _operation(op) for k, op in spec.operations.items()},
        "paths": {
            "collection": sorted(spec.collection_paths),
            "item": spec.item_path,
            "single": sorted(spec.single_paths),
            **addressing_summary(t),
        },
    }


def _operation(op: OperationSpec) -> dict[str, Any]:
    """The client sends the standard headers itself; other headers are arguments."""
    from generator.model.methods import (
        STANDARD_HEADERS,
    )  # with the spec machinery, not before

    headers = (h.name for h in op.headers if h.name.lower() not in STANDARD_HEADERS)
    return {"headers": sorted(headers), "method": op.method, "query": sorted(op.query)}


def _sorted(value: Any) -> Any:
    """Every mapping with its keys in order, so the JSON is the same bytes with or without sort_keys."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    return value
