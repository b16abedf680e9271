"""JSON as the pages write it: exact decimals, trailing commas repaired, no crash on deep nesting."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def loose_json(text: str) -> tuple[Any, bool]:
    """JSON as hand-written pages have it: trailing commas are repaired (and the repair reported)."""
    try:
        return _json(text), False
    except ValueError:
        return _json(_TRAILING_COMMA.sub(r"\1", text)), True


def _json(text: str) -> Any:
    """Numbers with a fraction stay exact; nesting too deep for the parser is bad JSON, not a crash."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
