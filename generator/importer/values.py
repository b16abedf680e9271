"""Whether a JSON value fits an OData primitive, by the same rules the generated models check."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

import msgspec

_RANGES = {
    "Byte": (0, 255),
    "SByte": (-128, 127),
    "Int16": (-(2**15), 2**15 - 1),
    "Int32": (-(2**31), 2**31 - 1),
    "Int64": (-(2**63), 2**63 - 1),
}
_FORMATTED: dict[str, Any] = {
    "Binary": bytes,
    "Stream": bytes,
    "Date": date,
    "DateTimeOffset": Annotated[datetime, msgspec.Meta(tz=True)],
    "Duration": timedelta,
    "Guid": UUID,
    "TimeOfDay": time,
}


def fits(value: Any, kind: str) -> bool:
    """True when a model of the generated package would accept the value for this primitive."""
    if kind in _FORMATTED:
        return isinstance(value, str) and _converts(value, _FORMATTED[kind])
    if kind in _RANGES:
        low, high = _RANGES[kind]
        return type(value) is int and low <= value <= high
    if kind == "Boolean":
        return type(value) is bool
    if kind == "String":
        return type(value) is str
    if kind in ("Double", "Single", "Decimal"):
        number = type(value) in (int, Decimal) or (
            kind != "Decimal" and type(value) is float
        )
        return number and (not isinstance(value, Decimal) or value.is_finite())
    return False


def _converts(value: str, python_type: Any) -> bool:
    try:
        msgspec.convert(value, python_type)
    except msgspec.ValidationError:
        return False
    return True
