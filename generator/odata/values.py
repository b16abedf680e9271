"""Whether a value fits an OData primitive, by the rules the generated models check it with.

The messages are the generated runtime's (templates/runtime/validation.py), so a spec's example
is refused at check time with the words its generated test would have failed with.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any
from uuid import UUID

import msgspec

RANGES = {
    "Byte": (0, 255),
    "SByte": (-128, 127),
    "Int16": (-(2**15), 2**15 - 1),
    "Int32": (-(2**31), 2**31 - 1),
    "Int64": (-(2**63), 2**63 - 1),
}
# Formatted strings: the Python type msgspec reads each into, and an example for the message.
_FORMATTED: dict[str, tuple[Any, str]] = {
    "Binary": (bytes, "base64 'aGVsbG8='"),
    "Stream": (bytes, "base64 'aGVsbG8='"),
    "Date": (date, "'2024-01-31'"),
    "DateTimeOffset": (
        Annotated[datetime, msgspec.Meta(tz=True)],
        "'2024-01-31T10:15:00Z'",
    ),
    "Duration": (timedelta, "'PT1H30M'"),
    "Guid": (UUID, "'5d115c9c-44e3-ea11-bb43-000d3a2feca1'"),
    "TimeOfDay": (time, "'10:30:00'"),
}

Check = Callable[[Any], str | None]


def problem(value: Any, primitive: str) -> str | None:
    """Why `value` (as YAML or JSON gives it) is not a value of the primitive, or None (also
    for a primitive the runtime takes any value of)."""
    check = _CHECKS.get(primitive)
    return None if check is None else check(value)


def fits(value: Any, primitive: str) -> bool:
    return problem(value, primitive) is None


def kind(value: Any) -> str:
    """How a value is named in messages: `a string`, `an array`, `null`."""
    return {
        bool: "a boolean",
        str: "a string",
        list: "an array",
        dict: "an object",
        int: "an integer",
        Decimal: "a number",
        float: "a number",
    }.get(type(value), "null" if value is None else type(value).__name__)


def _integer(name: str) -> Check:
    low, high = RANGES[name]

    def check(value: Any) -> str | None:
        if type(value) is not int:
            return f"expected an integer ({name}), got {kind(value)}"
        if not low <= value <= high:
            return f"{value} is out of range for {name} ({low}..{high})"
        return None

    return check


def _formatted(name: str) -> Check:
    python_type, example = _FORMATTED[name]

    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"expected a {name} string, got {kind(value)}"
        try:
            msgspec.convert(value, python_type)
        except msgspec.ValidationError:
            return f"{value[:60]!r} is not a valid {name} (expected e.g. {example})"
        return None

    return check


def _decimal(value: Any) -> str | None:
    """Money never passes through a binary float."""
    if type(value) in (int, Decimal):
        return (
            None if Decimal(value).is_finite() else "expected a finite decimal number"
        )
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return f"{value[:60]!r} is not a decimal number"
        return None if number.is_finite() else "expected a finite decimal number"
    return f"expected a decimal number, got {kind(value)}"


def _double(value: Any) -> str | None:
    if type(value) in (int, float, Decimal):
        return None
    return f"expected a number, got {kind(value)}"


def _plain(python_type: type, label: str) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not python_type:
            return f"expected {label}, got {kind(value)}"
        return None

    return check


_CHECKS: dict[str, Check] = {
    "Boolean": _plain(bool, "a boolean"),
    "Decimal": _decimal,
    "Double": _double,
    "Single": _double,
    "String": _plain(str, "a string"),
    **{name: _formatted(name) for name in _FORMATTED},
    **{name: _integer(name) for name in RANGES},
}
