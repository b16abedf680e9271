"""The example payload: a response example with its placeholder values turned into valid samples."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from generator.importer.docs.jsontext import loose_json
from generator.importer.docs.markdown import Fence
from generator.importer.log import Log
from generator.importer.types.context import Context, WireType
from generator.odata import values
from generator.odata.types import PRIMITIVES

_PLACEHOLDER = re.compile(
    r"^(?:Edm\.)?(String|Guid|Decimal|Integer|Int16|Int32|Int64|Boolean|Date|DateTimeOffset|Double|Single|Byte"
    r"|SByte|Binary|Duration|TimeOfDay|Stream|Float|Number|Timestamp)(?:\s*\([^)]*\))?$",
    re.IGNORECASE,
)
_STAND_IN = re.compile(r"^[A-Za-z ]+-value$|^<[^>]*>$|^\{[^{}]*\}$", re.IGNORECASE)
_DROP = object()


def payload(fence: Fence, file: str, at: str, log: Log) -> Any:
    """The JSON of an example fence (after any status line and headers), or None when it is unusable."""
    start = next(
        (i for i, t in enumerate(fence.body) if t.lstrip().startswith(("{", "["))), None
    )
    if start is None:
        return None
    try:
        data, repaired = loose_json("\n".join(fence.body[start:]))
    except ValueError as error:
        line = fence.line + start + getattr(error, "lineno", 1)
        log.decide(
            file,
            line,
            at,
            f"the example is not valid JSON ({getattr(error, 'msg', error)}); not used",
            rule="example.invalid-json",
        )
        return None
    if repaired:
        log.decide(
            file,
            fence.line + 1 + start,
            at,
            "trailing commas in the example JSON repaired",
            rule="example.trailing-commas",
        )
    return data


def unwrap(data: Any, file: str, line: int, log: Log) -> dict[str, Any] | None:
    """One entity from a response: `value` lists give their first item; a `value` wrapper is dropped."""
    if isinstance(data, dict) and isinstance(data.get("value"), list):
        items = [v for v in data["value"] if isinstance(v, dict)]
        return items[0] if items else None
    if (
        isinstance(data, dict)
        and isinstance(data.get("value"), dict)
        and len(data) == 1
    ):
        log.decide(
            file,
            line,
            "example",
            'the response example wraps the entity in "value"; unwrapped',
            rule="example.value-unwrapped",
        )
        return dict(data["value"])
    return data if isinstance(data, dict) else None


def checked(
    data: dict[str, Any], qualified: str, ctx: Context, file: str, line: int, log: Log
) -> dict[str, Any]:
    """The example with every value checked against its type: what does not fit is replaced or dropped."""
    changed: list[str] = []
    result = _object(data, qualified, ctx, changed, "", 0)
    if changed:
        log.decide(
            file,
            line,
            "example",
            "values that are placeholders or do not fit their types replaced by samples "
            f"built from the types, or dropped: {', '.join(changed[:12])}"
            + (f" and {len(changed) - 12} more" if len(changed) > 12 else ""),
            rule="example.values-replaced",
        )
    return result


def _object(
    data: dict[str, Any],
    qualified: str,
    ctx: Context,
    changed: list[str],
    prefix: str,
    depth: int,
) -> dict[str, Any]:
    types = ctx.wire_types(qualified)
    result: dict[str, Any] = {}
    for key, value in data.items():
        at = f"{prefix}{key}"
        wire = types.get(key)
        if key.startswith("@") or wire is None or value is None:
            changed.append(at)
            continue
        fixed = _value(value, wire, ctx, changed, at, depth)
        if fixed is _DROP:
            changed.append(at)
        else:
            result[key] = fixed
    return result


def _value(
    value: Any, wire: WireType, ctx: Context, changed: list[str], at: str, depth: int
) -> Any:
    if not wire.collection:
        return _one(value, wire, ctx, changed, at, depth)
    if not isinstance(value, list):
        changed.append(at)
        return []
    items = [_one(v, wire, ctx, changed, at, depth) for v in value if v is not None]
    return [v for v in items if v is not _DROP]


def _one(
    value: Any, wire: WireType, ctx: Context, changed: list[str], at: str, depth: int
) -> Any:
    if wire.primitive:
        if values.fits(value, wire.name) and not _is_placeholder(value, wire.name):
            return value
        changed.append(at)
        return _sample(wire.name)
    kind = ctx.kind(wire.name)
    if kind == "enum":
        members = ctx.members(wire.name)
        if isinstance(value, str) and value in members:
            return value
        changed.append(at)
        return members[0] if members else _DROP
    if isinstance(value, dict) and any(not k.startswith("@") for k in value):
        return _object(value, wire.name, ctx, changed, f"{at}.", depth + 1)
    changed.append(at)
    return built(wire.name, ctx, depth + 1)


def built(qualified: str, ctx: Context, depth: int = 0) -> Any:
    """A value of a complex type made from its property types: primitives and enums, one level deep."""
    result: dict[str, Any] = {}
    for name, wire in ctx.wire_types(qualified).items():
        if wire.collection:
            continue
        if wire.primitive:
            result[name] = _sample(wire.name)
        elif ctx.kind(wire.name) == "enum" and ctx.members(wire.name):
            result[name] = ctx.members(wire.name)[0]
    return result


def _is_placeholder(value: Any, kind: str) -> bool:
    """A type name or a `-value` stand-in written where a value belongs: never test data."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    bare = text.rsplit(".", 1)[-1]
    return (
        bool(_PLACEHOLDER.match(text))
        or bare.lower() == kind.lower()
        or bool(_STAND_IN.match(text))
    )


def _sample(kind: str) -> Any:
    sample = PRIMITIVES[kind].sample
    return Decimal(str(sample)) if kind == "Decimal" else sample
