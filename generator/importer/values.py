"""Whether a JSON value fits an OData primitive, by the same rules the generated models check."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import msgspec

from generator.odata.types import PRIMITIVES


def fits(value: Any, kind: str) -> bool:
    """True when a model of the generated package would accept the value for this primitive."""
    primitive = PRIMITIVES.get(kind)
    if primitive is None:
        return False
    if primitive.wire == "text":
        return isinstance(value, str) and _converts(value, primitive.converted())
    if primitive.range is not None:
        low, high = primitive.range
        return type(value) is int and low <= value <= high
    if primitive.wire in ("boolean", "string"):
        return type(value) is primitive.python
    number = type(value) in (int, Decimal) or (
        primitive.wire == "number" and type(value) is float
    )
    return number and (not isinstance(value, Decimal) or value.is_finite())


def _converts(value: object, python_type: Any) -> bool:
    try:
        msgspec.convert(value, python_type)
    except msgspec.ValidationError:
        return False
    return True
