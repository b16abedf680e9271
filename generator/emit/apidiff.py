"""What a regenerate changes in the generated API, and whether code written against it breaks.

`changes` compares the summary a generate recorded in its manifest (`apisummary`) with the
current one. The rules, as a caller of the generated package feels them:
- breaking: a type, property, navigation property, operation, action, function, path, enum
  member, query option or header argument removed; a property or navigation property retyped
  (a collection made single or the reverse too) or given another attribute name; an operation's method, a
  key, a base, a kind or a class name (the import) changed; the item path changed or removed;
  a property made not nullable or read-only; a type made abstract; an enum's values made
  flags or single members; an open enum made closed.
- not breaking: any of those added; a property made nullable or writable; a type made concrete;
  an enum made open.
A property is reported on the type that declares it; one moved to or from a base is no change
where the model still has it. Actions, functions, `$ref` and addressing: `opsdiff`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from generator.emit.apisummary import FORMAT, USUAL_FLAGS
from generator.emit.opsdiff import addressing_changes, bound_changes
from generator.odata.typeref import DEFAULT_NAMESPACE, short, split

_TYPE_KEYS = {"abstract", "base", "class", "kind"}
_KIND_KEYS = {
    "enum": _TYPE_KEYS | {"members"},
    "complex": _TYPE_KEYS | {"properties"},
    "entity": _TYPE_KEYS | {"properties", "key", "operations", "actions", "paths"},
}
# Keys a type's summary has only where they apply, or that summaries written before they were
# recorded lack (`functions`): older summaries stay readable.
_OPTIONAL_KEYS = {"streams", "flags", "open", "functions"}

Summary = Mapping[str, Any]


@dataclass(frozen=True, order=True)
class Change:
    """One difference in the generated API: `what` names the subject, `detail` the change."""

    resource: str
    what: str
    detail: str
    breaking: bool


def changes(old: Summary | None, new: Summary) -> list[Change]:
    """What regenerating to `new` changes for callers of `old`; none without a readable `old`."""
    if old is None or not _readable(old):
        return []
    before, after = old["types"], new["types"]
    found: list[Change] = []
    try:
        for name in sorted(before.keys() | after.keys()):
            if before.get(name) != after.get(name):  # the same summary: no change
                found += _type_changes(name, before, after)
    except (AttributeError, KeyError, TypeError):
        return (
            []
        )  # a recorded summary of the right keys but not of the right values: not ours
    return sorted(found)


def _readable(old: Summary) -> bool:
    """A summary of this format: one from another version, or edited by hand, gives no report."""
    types = old.get("types")
    return (
        old.get("format") == FORMAT
        and isinstance(types, Mapping)
        and all(isinstance(t, Mapping) and _keys_fit(t) for t in types.values())
    )


def _keys_fit(t: Mapping[str, Any]) -> bool:
    kind = str(t.get("kind"))
    required = _KIND_KEYS.get(kind, set())
    return required <= set(t) <= required | _OPTIONAL_KEYS


class _Report:
    """The changes of one resource, each judged by its rule as it is added."""

    def __init__(self, resource: str) -> None:
        self.resource = resource
        self.found: list[Change] = []

    def add(self, what: str, detail: str, breaking: bool) -> None:
        self.found.append(Change(self.resource, what, detail, breaking))

    def names(self, what: str, old: Iterable[str], new: Iterable[str]) -> None:
        """Members of a set: one removed is breaking, one added is not."""
        before, after = set(old), set(new)
        for name in sorted(before ^ after):
            self.add(
                f"{what} {name}",
                "added" if name in after else "removed",
                name in before,
            )

    def value(
        self, what: str, verb: str, old: str, new: str, breaking: bool = True
    ) -> None:
        if old != new:
            self.add(what, f"{verb} {old} -> {new}", breaking)

    def flag(
        self, what: str, old: bool, new: bool, words: tuple[str, str], breaks: bool
    ) -> None:
        """A yes/no: `words` say it turned false or true; turning `breaks` is breaking."""
        if old != new:
            self.add(what, words[new], new == breaks)


def _type_changes(name: str, before: Summary, after: Summary) -> list[Change]:
    report = _Report(_display(name))
    if name not in before or name not in after:
        report.add("type", "added" if name in after else "removed", name not in after)
        return report.found
    old, new = before[name], after[name]
    report.value("kind", "changed", old["kind"], new["kind"])
    report.value("class", "renamed", old["class"], new["class"])
    report.value("base", "changed", _type_name(old["base"]), _type_name(new["base"]))
    report.value("key", "changed", _or_none(old.get("key")), _or_none(new.get("key")))
    report.flag(
        "type",
        old["abstract"],
        new["abstract"],
        ("made concrete", "made abstract"),
        breaks=True,
    )
    report.names("member", old.get("members", ()), new.get("members", ()))
    _enum_changes(report, old, new)
    _property_changes(report, name, before, after)
    _operation_changes(report, old.get("operations", {}), new.get("operations", {}))
    for what in ("action", "function"):
        was, now = old.get(f"{what}s", {}), new.get(f"{what}s", {})
        bound_changes(report, what, was, now, _type_name)
    report.names("stream", old.get("streams", ()), new.get("streams", ()))
    _path_changes(report, old.get("paths", {}), new.get("paths", {}))
    addressing_changes(report, old.get("paths", {}), new.get("paths", {}))
    return report.found


def _enum_changes(report: _Report, old: Summary, new: Summary) -> None:
    """A flags enum's attribute holds a set, another one a member: either way code breaks;
    a closed enum refuses the values an open one let a caller send."""
    flags = bool(old.get("flags")), bool(new.get("flags"))
    if flags[0] != flags[1]:
        report.add("values", "made flags" if flags[1] else "made single members", True)
    words = ("made closed: members only", "made open: any string")
    report.flag("values", bool(old.get("open")), bool(new.get("open")), words, False)


def _property_changes(
    report: _Report, name: str, before: Summary, after: Summary
) -> None:
    """Each property the type declares on either side, against what its model has on the other."""
    old_props, new_props = _properties(before, name), _properties(after, name)
    own = (
        before[name].get("properties", {}).keys()
        | after[name].get("properties", {}).keys()
    )
    for wire in sorted(own):
        old, new = old_props.get(wire), new_props.get(wire)
        navigation = any(p["navigation"] for p in (old, new) if p is not None)
        what = f"{'navigation' if navigation else 'property'} {wire}"
        if old is None or new is None:
            report.add(what, "added" if new is not None else "removed", new is None)
            continue
        report.value(what, "retyped", _type_name(old["type"]), _type_name(new["type"]))
        report.value(what, "attribute renamed", old["attr"], new["attr"])
        words = ("made not nullable", "made nullable")
        report.flag(what, old["nullable"], new["nullable"], words, breaks=False)
        words = ("made writable", "made read-only")
        report.flag(what, old["read_only"], new["read_only"], words, breaks=True)
        report.names(
            f"{what} operation", old.get("operations", ()), new.get("operations", ())
        )
        report.names(f"{what} ref operation", old.get("ref", ()), new.get("ref", ()))


def _properties(types: Summary, name: str) -> dict[str, Any]:
    """Own and inherited properties of a type, as its model has them."""
    found: dict[str, Any] = {}
    seen: set[str] = set()
    while name in types and name not in seen:
        seen.add(name)
        own = types[name].get("properties", {})
        found = {**{w: {**USUAL_FLAGS, **p} for w, p in own.items()}, **found}
        name = types[name]["base"]
    return found


def _operation_changes(report: _Report, old: Summary, new: Summary) -> None:
    report.names("operation", old, new)
    for kind in sorted(old.keys() & new.keys()):
        what = f"operation {kind}"
        report.value(what, "method changed", old[kind]["method"], new[kind]["method"])
        report.names(f"{what} query option", old[kind]["query"], new[kind]["query"])
        report.names(
            f"{what} header argument", old[kind]["headers"], new[kind]["headers"]
        )


def _path_changes(report: _Report, old: Summary, new: Summary) -> None:
    for where in ("collection", "single"):
        report.names(f"{where} path", old.get(where, ()), new.get(where, ()))
    item = old.get("item")
    shown = _or_none(item), _or_none(new.get("item"))
    report.value("item path", "changed", *shown, breaking=item is not None)


def _display(qualified: str) -> str:
    """A type as a reviewer knows it: the Graph name in microsoft.graph, qualified elsewhere."""
    return short(qualified, DEFAULT_NAMESPACE)


def _or_none(value: str | None) -> str:
    return "none" if value is None else value


def _type_name(wire: str | None) -> str:
    """`Collection(microsoft.graph.customer)` -> `Collection(customer)`; primitives as they are."""
    if wire is None:
        return "none"
    written = split(wire)
    name = _display(written.name)
    return f"Collection({name})" if written.collection else name


def render_text(found: Sequence[Change]) -> list[str]:
    """One line per change, grouped by resource, then a count line."""
    lines = [
        _printable(f"{c.resource}: {c.what} {c.detail}")
        + (" (breaking)" if c.breaking else "")
        for c in sorted(found)
    ]
    breaking = sum(c.breaking for c in found)
    return [*lines, f"{len(found)} API change(s), {breaking} breaking."]


def _printable(text: str) -> str:
    """A wire name may hold a character a terminal would act on: it is shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def render_json(found: Sequence[Change]) -> str:
    """The report for tools: `{"changes": [{resource, what, detail, breaking}], "breaking": N}`."""
    body = {
        "changes": [asdict(c) for c in sorted(found)],
        "breaking": sum(c.breaking for c in found),
    }
    return json.dumps(body, indent=2)
