"""Collects every problem in a payload, with JSON-pointer paths in wire names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any
from uuid import UUID

import msgspec

from .types import RANGES, DateTimeOffset


@dataclass(frozen=True)
class Issue:
    """One problem: where (a JSON pointer such as `/lineNumber`) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message}"


class ValidationError(ValueError):
    """A payload or model that does not match its resource; `.errors` lists every problem."""

    def __init__(self, errors: list[Issue]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


@dataclass(frozen=True)
class Rules:
    """What one generated validation module declares: wire names, OData types, read-only names."""

    name: str
    base: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    read_only: frozenset[str] = frozenset()
    not_null: frozenset[str] = frozenset()
    members: tuple[str, ...] = ()
    abstract: bool = False
    open_type: bool = False


_REGISTRY: dict[str, Rules] = {}
# The OData annotations every model declares; other `@odata.*` ones are kept as they come.
_ANNOTATIONS = frozenset({"@odata.type", "@odata.etag"})

Check = Callable[[Any], str | None]


def register(rules: Rules) -> Rules:
    """Make a resource's rules reachable by name, so nested types need no import cycles."""
    _REGISTRY[rules.name] = rules
    return rules


def validate(name: str, data: Any, *, mode: str | None = None) -> list[Issue]:
    """Every problem in `data` against the rules of `name`; `mode` "create"/"update" checks read-only."""
    issues: list[Issue] = []
    _object(_rules(name), data, "", mode, issues)
    return issues


def _rules(name: str) -> Rules:
    """A type's rules with its base types' fields, read-only and not-null names merged in."""
    rules = _REGISTRY[name]
    if rules.base is None:
        return rules
    base = _rules(rules.base)
    return Rules(
        rules.name,
        None,
        {**base.fields, **rules.fields},
        base.read_only | rules.read_only,
        base.not_null | rules.not_null,
        rules.members,
        rules.abstract,
        rules.open_type,
    )


def _object(rules: Rules, data: Any, path: str, mode: str | None, issues: list[Issue]) -> None:
    if not isinstance(data, Mapping):
        issues.append(Issue(path, f"expected an object, got {_kind(data)}"))
        return
    for wire, value in data.items():
        where = f"{path}/{_escape(wire)}"
        type_name = rules.fields.get(wire)
        if type_name is None:
            if wire in _ANNOTATIONS and not isinstance(value, str):
                issues.append(Issue(where, f"expected a string, got {_kind(value)}"))
            continue
        if mode is not None and wire in rules.read_only:
            issues.append(Issue(where, "is read-only: the server sets it"))
        elif value is None:
            if wire in rules.not_null:
                issues.append(Issue(where, "must not be null"))
        else:
            _value(type_name, value, where, issues)


def _value(type_name: str, value: Any, path: str, issues: list[Issue]) -> None:
    if type_name.startswith("Collection("):
        item = type_name[len("Collection(") : -1]
        if not isinstance(value, list):
            issues.append(Issue(path, f"expected an array, got {_kind(value)}"))
            return
        for i, element in enumerate(value):
            _value(item, element, f"{path}/{i}", issues)
        return
    check = _CHECKS.get(type_name)
    if check is not None:
        message = check(value)
        if message:
            issues.append(Issue(path, message))
        return
    rules = _rules(type_name)
    if rules.members:
        if value not in rules.members:
            issues.append(Issue(path, f"{value!r} is not a {type_name} member"))
        return
    _object(rules, value, path, None, issues)


def _escape(wire: str) -> str:
    return wire.replace("~", "~0").replace("/", "~1")


def _kind(value: Any) -> str:
    return {bool: "a boolean", str: "a string", list: "an array", dict: "an object"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _integer(type_name: str) -> Check:
    low, high = RANGES[type_name]

    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected an integer ({type_name}), got {_kind(value)}"
        if not low <= value <= high:
            return f"{value} is out of range for {type_name} ({low}..{high})"
        return None

    return check


def _formatted(type_name: str, python_type: Any, example: str) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, str):
            return f"expected a {type_name} string, got {_kind(value)}"
        try:
            msgspec.convert(value, python_type)
        except msgspec.ValidationError:
            return f"{value!r} is not a valid {type_name} (expected e.g. {example})"
        return None

    return check


def _decimal(value: Any) -> str | None:
    """Money never passes through a binary float: a float here is a caller's mistake."""
    if isinstance(value, bool | float):
        return f"expected a decimal number, got {_kind(value)}"
    if isinstance(value, int):
        return None
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except InvalidOperation:
            return f"{value!r} is not a decimal number"
    if not isinstance(value, Decimal):
        return f"expected a decimal number, got {_kind(value)}"
    return None if value.is_finite() else "expected a finite decimal number"


def _double(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return f"expected a number, got {_kind(value)}"
    return None


def _plain(python_type: type, label: str) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not python_type:
            return f"expected {label}, got {_kind(value)}"
        return None

    return check


_CHECKS: dict[str, Check] = {
    "Binary": _formatted("Binary", bytes, "base64 'aGVsbG8='"),
    "Boolean": _plain(bool, "a boolean"),
    "Date": _formatted("Date", date, "'2024-01-31'"),
    "DateTimeOffset": _formatted("DateTimeOffset", DateTimeOffset, "'2024-01-31T10:15:00Z'"),
    "Decimal": _decimal,
    "Double": _double,
    "Duration": _formatted("Duration", timedelta, "'PT1H30M'"),
    "Guid": _formatted("Guid", UUID, "'5d115c9c-44e3-ea11-bb43-000d3a2feca1'"),
    "Single": _double,
    "Stream": _formatted("Stream", bytes, "base64 'aGVsbG8='"),
    "String": _plain(str, "a string"),
    "TimeOfDay": _formatted("TimeOfDay", time, "'10:30:00'"),
    **{name: _integer(name) for name in RANGES},
}
