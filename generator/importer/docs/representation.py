"""A resource page's JSON representation, read loosely: what it shows for a property."""

from __future__ import annotations

from typing import Any

from generator.importer.docs.jsontext import loose_json
from generator.importer.docs.resource import ResourcePage


def value_of(res: ResourcePage, name: str) -> Any:
    """The value the representation shows for a property, or None when it shows none."""
    return shown(res).get(name)


def shown(res: ResourcePage) -> dict[str, Any]:
    """The representation as a dict; {} when the page has none or it is not JSON."""
    fence = res.representation
    body = fence.body if fence else ()
    start = next((i for i, t in enumerate(body) if t.lstrip().startswith("{")), None)
    if start is None:
        return {}
    try:
        data, _ = loose_json("\n".join(body[start:]))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
