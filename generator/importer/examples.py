"""The example payload: a response example with its placeholder values turned into valid samples."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from generator.importer.context import Context
from generator.importer.jsontext import loose_json
from generator.importer.log import Log
from generator.importer.markdown import Fence
from generator.types import PRIMITIVES, collection_item

_PLACEHOLDER = re.compile(
    r"^(?:Edm\.)?(String|Guid|Decimal|Integer|Int16|Int32|Int64|Boolean|Date|DateTimeOffset|Double|Single|Byte"
    r"|SByte|Binary|Duration|TimeOfDay|Stream|Float|Number|Timestamp)(?:\s*\([^)]*\))?$"
)
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
        )
        return None
    if repaired:
        log.decide(
            file,
            fence.line + 1 + start,
            at,
            "trailing commas in the example JSON repaired",
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
        )
        return dict(data["value"])
    return data if isinstance(data, dict) else None


def samples(
    data: dict[str, Any],
    types: dict[str, str],
    ctx: Context,
    file: str,
    line: int,
    log: Log,
) -> dict[str, Any]:
    """Placeholder values ("Decimal", "String (timestamp)") become valid samples or are dropped: a decision."""
    changed: list[str] = []
    result = _fix(data, types, ctx, changed, "")
    if changed:
        log.decide(
            file,
            line,
            "example",
            f"placeholder values replaced by valid samples or dropped: {', '.join(changed)}",
        )
    return result


def _fix(
    data: dict[str, Any],
    types: dict[str, str],
    ctx: Context,
    changed: list[str],
    prefix: str,
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in data.items():
        kind = types.get(key)
        fixed = (
            value
            if key.startswith("@")
            else _value(value, kind, ctx, changed, f"{prefix}{key}")
        )
        if fixed is not _DROP:
            result[key] = fixed
    return result


def _value(
    value: Any, kind: str | None, ctx: Context, changed: list[str], at: str
) -> Any:
    item = collection_item(kind) if kind else None
    if isinstance(value, list) and item:
        fixed = [_value(v, item, ctx, changed, at) for v in value]
        return [v for v in fixed if v is not _DROP]
    nested = ctx.property_types(kind) if kind else None
    if isinstance(value, dict) and nested is not None:
        return _fix(value, nested, ctx, changed, f"{at}.")
    if not isinstance(value, str) or not _is_placeholder(value, kind):
        return value
    changed.append(at)
    return _sample(kind, ctx)


def _is_placeholder(value: str, kind: str | None) -> bool:
    bare = value.strip().rsplit(".", 1)[-1]
    return bool(_PLACEHOLDER.match(value.strip())) or (
        kind is not None and bare.lower() == kind.lower()
    )


def _sample(kind: str | None, ctx: Context) -> Any:
    if kind in PRIMITIVES:
        sample = PRIMITIVES[kind].sample
        return Decimal(str(sample)) if kind == "Decimal" else sample
    members = ctx.members(kind) if kind else ()
    return members[0] if members else _DROP
