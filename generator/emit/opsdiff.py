"""The API of actions, functions, references and addressing in the change report, and what
breaks a caller: an action or function removed or bound elsewhere, its result retyped, a
parameter removed, retyped, added as required, made required or not nullable; a `$ref`
operation, an alternate key or path addressing removed. Additions and loosenings do not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from generator.check.schema import Bound, TypeDef

Summary = Mapping[str, Any]
TypeName = Callable[[str | None], str]


class _Report(Protocol):
    """The changes of one resource (apidiff's), each judged by its rule as it is added."""

    def add(self, what: str, detail: str, breaking: bool) -> None: ...

    def names(self, what: str, old: Iterable[str], new: Iterable[str]) -> None: ...

    def value(
        self, what: str, verb: str, old: str, new: str, breaking: bool = True
    ) -> None: ...

    def flag(
        self, what: str, old: bool, new: bool, words: tuple[str, str], breaks: bool
    ) -> None: ...


def bound_summary(t: TypeDef, kind: str) -> dict[str, Any]:
    """The type's own actions (or functions): binding, parameters, result."""
    return {
        b.name: _bound(b)
        for b in t.bound
        if b.owner == t.qualified and b.spec.kind == kind
    }


def _bound(b: Bound) -> dict[str, Any]:
    parameters = {
        p.wire: {"type": p.type.wire, "optional": p.optional, "nullable": p.nullable}
        for p in b.params
    }
    returns = None if b.returns is None else b.returns.wire
    return {"bound": b.spec.bound, "parameters": parameters, "returns": returns}


def addressing_summary(t: TypeDef) -> dict[str, Any]:
    return {
        "alternate_keys": sorted(t.spec.alternate_keys),
        "by_path": t.spec.by_path,
    }


def bound_changes(
    report: _Report, what: str, old: Any, new: Any, type_name: TypeName
) -> None:
    """Actions (or functions) added or removed, and what changed in those on both sides."""
    report.names(what, old, new)
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return  # a summary from before parameters were recorded
    for name in sorted(old.keys() & new.keys()):
        label, was, now = f"{what} {name}", old[name], new[name]
        report.value(label, "bound changed", was["bound"], now["bound"])
        report.value(
            label,
            "result retyped",
            type_name(was["returns"]),
            type_name(now["returns"]),
        )
        _parameter_changes(
            report, label, was["parameters"], now["parameters"], type_name
        )


def _parameter_changes(
    report: _Report, label: str, old: Summary, new: Summary, type_name: TypeName
) -> None:
    for wire in sorted(old.keys() | new.keys()):
        what = f"{label} parameter {wire}"
        if wire not in old:  # a new required one breaks every call written before
            report.add(what, "added", not new[wire]["optional"])
            continue
        if wire not in new:
            report.add(what, "removed", True)
            continue
        was, now = old[wire], new[wire]
        report.value(what, "retyped", type_name(was["type"]), type_name(now["type"]))
        words = ("made required", "made optional")
        report.flag(what, was["optional"], now["optional"], words, breaks=False)
        words = ("made not nullable", "made nullable")
        report.flag(what, was["nullable"], now["nullable"], words, breaks=False)


def addressing_changes(report: _Report, old: Summary, new: Summary) -> None:
    report.names(
        "alternate key", old.get("alternate_keys", ()), new.get("alternate_keys", ())
    )
    words = ("removed", "added")
    was, now = old.get("by_path", False), new.get("by_path", False)
    report.flag("path addressing", was, now, words, breaks=False)
