"""Whether a value fits an OData primitive, by the rules the generated models check it with.

The rules come from the one type table (`odata.types`: each primitive's JSON form, range and
time-zone rule); the messages are the generated runtime's, so a spec's example is refused at
check time with the words its generated test would have failed with. The importer keeps a docs
page's example value by the same rule, so what it keeps is what the check accepts.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import msgspec

from generator.odata.types import PRIMITIVES, Primitive
from generator.report.problems import excerpt


def problem(value: Any, name: str) -> str | None:
    """Why `value` (as YAML or JSON gives it) is not a value of the primitive, or None (also
    for a name the table does not have: that is reported where the type is written)."""
    primitive = PRIMITIVES.get(name)
    if primitive is None:
        return None
    if primitive.range is not None:
        return _integer(primitive, value)
    return _BY_WIRE[primitive.wire](primitive, value)


def fits(value: Any, name: str) -> bool:
    """True when a model of the generated package accepts the value for this primitive."""
    return name in PRIMITIVES and problem(value, name) is None


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


def _integer(primitive: Primitive, value: Any) -> str | None:
    assert primitive.range is not None
    low, high = primitive.range
    if type(value) is not int:
        return f"expected an integer ({primitive.name}), got {kind(value)}"
    if not low <= value <= high:
        return f"{value} is out of range for {primitive.name} ({low}..{high})"
    return None


def _text(primitive: Primitive, value: Any) -> str | None:
    """A string in a form its Python type reads (a Guid, a date, base64)."""
    if not isinstance(value, str):
        return f"expected a {primitive.name} string, got {kind(value)}"
    try:
        msgspec.convert(value, primitive.converted())
    except msgspec.ValidationError:
        example = f"expected e.g. {primitive.sample!r}"
        return f"{excerpt(value)} is not a valid {primitive.name} ({example})"
    return None


def _decimal(primitive: Primitive, value: Any) -> str | None:
    """Money never passes through a binary float; a decimal string is a number too."""
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return f"{excerpt(value)} is not a decimal number"
    if type(value) not in (int, Decimal):
        return f"expected a decimal number, got {kind(value)}"
    return None if Decimal(value).is_finite() else "expected a finite decimal number"


def _number(primitive: Primitive, value: Any) -> str | None:
    if type(value) in (int, float, Decimal):
        return None
    return f"expected a number, got {kind(value)}"


def _exact(primitive: Primitive, value: Any) -> str | None:
    if type(value) is primitive.python:
        return None
    label = "a boolean" if primitive.python is bool else "a string"
    return f"expected {label}, got {kind(value)}"


_BY_WIRE = {
    "text": _text,
    "decimal": _decimal,
    "number": _number,
    "boolean": _exact,
    "string": _exact,
    "integer": _integer,
}
