"""FakeGraph's evolvable enums: members added after `unknownFutureValue` reach only a client
that asks for them with `Prefer: include-unknown-enum-members`, as the Graph docs describe.

`hide_late_members(graph, {"messageType": {"systemEventMessage"}})` plugs the rule into a
FakeGraph: every JSON answer to a request without that preference carries `unknownFutureValue`
instead of those members, wherever the property stands (nested objects and lists too).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from fake_graph import FakeGraph, RecordedRequest, dumps

SENTINEL = "unknownFutureValue"
PREFERENCE = "include-unknown-enum-members"


def hide_late_members(graph: FakeGraph, late: Mapping[str, Iterable[str]]) -> None:
    """Answer the sentinel for these members of these properties (wire names), unless asked."""
    members = {name: frozenset(values) for name, values in late.items()}

    def hook(request: RecordedRequest, response: Any) -> None:
        if asks(request) or "json" not in response.headers.get("Content-Type", ""):
            return
        body = json.loads(response.body, parse_float=Decimal)
        response.body = dumps(_hidden(body, members)).encode()

    graph.answer_hooks.append(hook)


def asks(request: RecordedRequest) -> bool:
    """Whether a request asks for the members added after the sentinel."""
    preferences = request.headers.get("prefer", "").split(",")
    return PREFERENCE in (p.strip() for p in preferences)


def _hidden(value: Any, late: Mapping[str, frozenset[str]]) -> Any:
    if isinstance(value, list):
        return [_hidden(v, late) for v in value]
    if not isinstance(value, dict):
        return value
    return {
        key: _hide(item, late[key]) if key in late else _hidden(item, late)
        for key, item in value.items()
    }


def _hide(value: Any, members: frozenset[str]) -> Any:
    """A property's value with its late members replaced: one, a list, or flags `"a,b"`."""
    if isinstance(value, list):
        return [_hide(v, members) for v in value]
    if not isinstance(value, str):
        return value
    return ",".join(SENTINEL if part in members else part for part in value.split(","))
