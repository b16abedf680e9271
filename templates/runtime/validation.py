"""Collects every problem in a payload, with JSON-pointer paths in wire names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from uuid import UUID

import msgspec

from . import registry
from .enums import unsent
from .types import RANGES, DateTimeOffset

if TYPE_CHECKING:
    from .rules import Rules

# The root of every Graph entity: deriving from it alone does not make a type polymorphic.
ENTITY = "microsoft.graph.entity"


class Issue(msgspec.Struct, frozen=True):
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


# Rules registered by hand (an operation's parameters), and read from each class once.
_REGISTRY: dict[str, Rules] = {}
_DERIVED: dict[type, Rules] = {}
_MERGED: dict[str, Rules] = {}
_TAGGED: dict[str, bool] = {}
# The OData annotations every model declares; other `@odata.*` ones are kept as they come.
_ANNOTATIONS = frozenset({"@odata.type", "@odata.context", "@odata.etag"})

Check = Callable[[Any], str | None]


def register(rules: Rules) -> Rules:
    """Make rules no class declares reachable by name (an operation's parameters)."""
    _REGISTRY[rules.name] = rules
    _MERGED.clear()
    _TAGGED.clear()
    return rules


def rules_of(name: str) -> Rules:
    """A type's rules with everything it inherits: fields, read-only and not-null names."""
    merged = _MERGED.get(name)
    if merged is None:
        own = _REGISTRY.get(name)
        if own is None:
            merged = _read(name)
        elif own.base is None or not _known(own.base):
            merged = own
        else:
            base = rules_of(own.base)
            merged = msgspec.structs.replace(
                own,
                fields={**base.fields, **own.fields},
                read_only=base.read_only | own.read_only,
                not_null=base.not_null | own.not_null,
                open_type=own.open_type or base.open_type,
            )
        _MERGED[name] = merged
    return merged


def _read(name: str) -> Rules:
    """The rules a declared type's class says, read on first use; its module imported now
    if it was not. `rules` loads then too: importing a model needs none of it. Each hint
    is read when a payload first holds its property."""
    from .rules import derive

    cls = registry.model_class(name)
    if cls is None:
        raise KeyError(name)
    found = _DERIVED.get(cls)
    if found is None:
        found = _DERIVED[cls] = derive(name, cls, lazily=True)
    return found


def _known(name: str) -> bool:
    return name in _REGISTRY or registry.known(name)


def _base(name: str) -> str | None:
    rules = _REGISTRY.get(name)
    return rules.base if rules else registry.base_of(name)


def ancestors(name: str) -> list[str]:
    """The type and every type it derives from, nearest first."""
    chain = [name]
    while (base := _base(chain[-1])) and base not in chain:
        chain.append(base)
    return chain


def derived(name: str) -> list[str]:
    """Every type that derives from `name`, directly or not, by name: those the package
    declares (loaded or not) and those registered by hand."""
    found = set(registry.derived(name))
    found.update(n for n in _REGISTRY if n != name and name in ancestors(n))
    return sorted(found)


def tagged(name: str) -> bool:
    """Whether the service needs `@odata.type` to tell this type from its relatives."""
    found = _TAGGED.get(name)
    if found is None:
        base = _base(name)
        found = _TAGGED[name] = base not in (None, ENTITY) or bool(derived(name))
    return found


def validate(
    name: str, data: Any, *, mode: str | None = None, sent: Any = None
) -> list[Issue]:
    """Every problem in `data` against the rules of `name`; `mode` "create"/"update" checks
    what may be sent, where `sent` is what the service sent of it (a value it sent comes
    back unchanged)."""
    issues: list[Issue] = []
    rules = _object(rules_of(name), data, sent, "", mode, issues)
    if mode == "create" and rules is not None and rules.abstract:
        kinds = ", ".join(n for n in derived(rules.name) if not rules_of(n).abstract)
        issues.append(Issue("", f"{rules.name} is abstract: send one of ({kinds})"))
    return issues


def _object(
    rules: Rules, data: Any, sent: Any, path: str, mode: str | None, issues: list[Issue]
) -> Rules | None:
    if not isinstance(data, Mapping):
        issues.append(Issue(path, f"expected an object, got {_kind(data)}"))
        return None
    rules = _tagged_rules(rules, data.get("@odata.type"))
    for wire, value in data.items():
        where = f"{path}/{_escape(wire)}"
        type_name = rules.fields.get(wire)
        if type_name is None:
            if wire in _ANNOTATIONS and not isinstance(value, str):
                issues.append(Issue(where, f"expected a string, got {_kind(value)}"))
            elif mode and not rules.open_type and not wire.startswith("@"):
                issues.append(Issue(where, f"not a property of {rules.name}"))
        elif mode and not path and wire in rules.read_only:
            issues.append(Issue(where, "is read-only: the server sets it"))
        elif value is None:
            if wire in rules.not_null:
                issues.append(Issue(where, "must not be null"))
        else:
            was = sent.get(wire) if isinstance(sent, Mapping) else None
            _value(type_name, value, was, where, mode, issues)
    return rules


def _tagged_rules(rules: Rules, odata_type: Any) -> Rules:
    """The rules of the derived type `@odata.type` names; an unrelated name changes nothing."""
    if isinstance(odata_type, str):
        name = odata_type.removeprefix("#")
        if _known(name) and rules.name in ancestors(name):
            return rules_of(name)
    return rules


def _value(
    type_name: str,
    value: Any,
    sent: Any,
    path: str,
    mode: str | None,
    issues: list[Issue],
) -> None:
    if type_name.startswith("Collection("):
        item = type_name[len("Collection(") : -1]
        if not isinstance(value, list):
            issues.append(Issue(path, f"expected an array, got {_kind(value)}"))
            return
        was = sent if isinstance(sent, list) else []
        anywhere = _is_enum(item)  # an enum value the service sent may move in its list
        for i, element in enumerate(value):
            former = was if anywhere else was[i] if i < len(was) else None
            _value(item, element, former, f"{path}/{i}", mode, issues)
        return
    check = _CHECKS.get(type_name)
    if check is not None:
        message = check(value)
        if message:
            issues.append(Issue(path, message))
        return
    rules = rules_of(type_name)
    if rules.members:
        _member(rules, value, sent, path, mode, issues)
        return
    _object(rules, value, sent, path, mode, issues)


def _is_enum(type_name: str) -> bool:
    return type_name not in _CHECKS and bool(rules_of(type_name).members)


def _member(
    rules: Rules,
    value: Any,
    sent: Any,
    path: str,
    mode: str | None,
    issues: list[Issue],
) -> None:
    """Any string decodes: a member the spec lacks is one the service added since. A request
    sends members only, unless the enum is open or the service sent that value there."""
    if not isinstance(value, str):
        issues.append(
            Issue(path, f"expected a {rules.name} string, got {_kind(value)}")
        )
    elif mode is not None and not rules.open:
        lacking = unsent(rules.members, rules.flags, value, sent)
        if lacking is not None:
            members = ", ".join(rules.members)
            message = f"{lacking!r} is not a {rules.name} member ({members})"
            issues.append(Issue(path, message))


def _escape(wire: str) -> str:
    return wire.replace("~", "~0").replace("/", "~1")


def _kind(value: Any) -> str:
    return {
        bool: "a boolean",
        str: "a string",
        list: "an array",
        dict: "an object",
    }.get(type(value), "null" if value is None else type(value).__name__)


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
    "DateTimeOffset": _formatted(
        "DateTimeOffset", DateTimeOffset, "'2024-01-31T10:15:00Z'"
    ),
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
