"""OData literals in URLs, as the service parses them: function parameters and alternate keys.

Values come in their wire form (what a JSON body would carry). A string is quoted, its quotes
doubled; a Guid, a date, a time or a number is bare; a duration is `duration'PT1H'`; an enum
member is quoted; a complex value or a collection is JSON, sent through a parameter alias.
Everything but the quotes is percent-encoded, so no value can end the path segment.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from .validation import rules_of

_BARE = frozenset(
    {"Byte", "Date", "DateTimeOffset", "Decimal", "Guid", "Int16", "Int32", "Int64"}
    | {"SByte", "TimeOfDay"}
)
_QUOTED = frozenset({"String"})


def literal(type_name: str, value: Any) -> str | None:
    """The URL literal of a wire value of a Graph type; None when only JSON can say it."""
    if value is None:
        return "null"
    if type_name in _QUOTED or _enum(type_name):
        return quoted(str(value))
    if type_name == "Boolean":
        return "true" if value is True else "false"
    if type_name in ("Double", "Single"):
        return _double(value)
    if type_name == "Duration":
        return "duration" + quoted(str(value))
    if type_name == "Binary":
        text = str(value).replace("+", "-").replace("/", "_")
        return "binary" + quoted(text)
    if type_name in _BARE:
        return quote(str(value), safe="")
    return None


def quoted(text: str) -> str:
    """`'O''Neil'`: the quotes literal, everything else percent-encoded."""
    return "'" + quote(text.replace("'", "''"), safe="'") + "'"


def _enum(type_name: str) -> bool:
    try:
        return bool(rules_of(type_name).members)
    except KeyError:
        return False


def _double(value: Any) -> str:
    number = float(value) if not isinstance(value, Decimal) else value
    if isinstance(number, float) and not math.isfinite(number):
        return "NaN" if math.isnan(number) else ("INF" if number > 0 else "-INF")
    return quote(str(number), safe="")
