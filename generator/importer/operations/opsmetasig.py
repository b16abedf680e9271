"""An operation's parameters and result as the metadata declares them, over what its page
says: names, types and nullability from the metadata, descriptions and `Optional.` marks from
the page; each difference a decision naming the metadata line. Without a page (import-metadata)
the metadata's reading is the whole of it, and there is no difference to decide.

In: the entry for the operation (its page's, or a bare one) and the metadata's `Operation`.
Out: the entry's `parameters` and `returns`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.importer.log import Log
from generator.importer.types.context import Context
from generator.odata import typeref
from generator.odata.edm import Operation, Parameter
from generator.odata.types import PRIMITIVES


@dataclass(frozen=True)
class Site:
    """Where an operation's decisions stand (its page's Methods row, or the metadata's line),
    the namespace its types are spelled from, and its place in the spec (`actions.forward`);
    `paged` when a page read the entry the metadata now overrules."""

    file: str
    line: int
    namespace: str
    at: str
    paged: bool = True


def parameters(
    op: Operation, written: dict[str, Any], site: Site, ctx: Context, log: Log
) -> dict[str, Any]:
    """The metadata's parameters, in its order, with the page's descriptions and optional marks."""
    service = ctx.catalog.service
    assert service is not None
    by_name = {n.lower(): (n, e) for n, e in written.items()}
    found: dict[str, Any] = {}
    for parameter in op.parameters[1:]:
        spelled, _ = spec_type(parameter.type, site.namespace, ctx)
        assert spelled is not None  # opsmeta.unwritable said so
        name, ours = by_name.pop(parameter.name.lower(), (None, {}))
        omitted = not site.paged and op.kind == "action" and parameter.nullable
        found[parameter.name] = _parameter(parameter, spelled, ours, omitted)
        said = _said(name, ours, parameter, spelled) if site.paged else ""
        if said:
            log.decide(
                site.file,
                site.line,
                f"{site.at}.parameters.{parameter.name}",
                f"{_shown(found[parameter.name])}, as the metadata says "
                f"({service.where(parameter.line)}); {said}",
                rule="metadata.parameter",
            )
    for name, _ in by_name.values():
        log.decide(
            site.file,
            site.line,
            f"{site.at}.parameters.{name}",
            f"left out: the metadata's {op.kind} ({service.where(op.line)}) has no such "
            "parameter",
            rule="metadata.parameter-left-out",
        )
    return found


def _parameter(
    parameter: Parameter, spelled: str, ours: dict[str, Any], omitted: bool
) -> dict[str, Any]:
    """One parameter: optional when the metadata or the page says so, or when the request may
    leave it out (`omitted`: a nullable action parameter, with no page to say otherwise).
    """
    entry: dict[str, Any] = {"type": spelled}
    if ours.get("description"):
        entry["description"] = ours["description"]
    if parameter.optional or ours.get("optional") or omitted:
        entry["optional"] = True
    if parameter.nullable:
        entry["nullable"] = True
    return entry


def _said(
    name: str | None, ours: dict[str, Any], parameter: Parameter, spelled: str
) -> str:
    """What the page says that the metadata overrules, or nothing."""
    if name is None:
        return "the page does not list it"
    if name != parameter.name:
        return f"the page spells it {name}"
    if ours.get("type") != spelled:
        return f"the page says {ours.get('type')}"
    return ""


def _shown(entry: dict[str, Any]) -> str:
    return str(entry["type"]) + (", nullable" if entry.get("nullable") else "")


def returns(
    op: Operation, entry: dict[str, Any], site: Site, ctx: Context, log: Log
) -> None:
    """The metadata's result over the page's (a decision when they differ)."""
    service = ctx.catalog.service
    assert service is not None
    ours = entry.get("returns")
    spelled = spec_type(op.returns, site.namespace, ctx)[0] if op.returns else None
    if spelled == ours:
        return
    if spelled is None:
        del entry["returns"]
    else:
        entry["returns"] = spelled
    if not site.paged:
        return
    log.decide(
        site.file,
        site.line,
        f"{site.at}.returns",
        f"{spelled or 'nothing'}, as the metadata says ({service.where(op.line)}); the page "
        f"says {ours or 'nothing'}",
        rule="metadata.returns",
    )


def spec_type(written: str, namespace: str, ctx: Context) -> tuple[str | None, str]:
    """A metadata type reference as the spec writes it, or why it cannot be written."""
    ref = typeref.split(written)
    if "." not in ref.name or ref.name.startswith("Edm."):
        name = ref.name.removeprefix("Edm.")
        if name not in PRIMITIVES:
            return None, "is no OData type the generator has"
        return (f"Collection({name})" if ref.collection else name), ""
    found = ctx.catalog.documented(ref.name)
    if found is None:
        return None, "is documented on no page of the docs"
    if not ctx.is_imported(found):
        return (
            None,
            "is not imported (--with-navigation imports the entities operations use)",
        )
    name = ctx.catalog.spelled(found, namespace)
    return (f"Collection({name})" if ref.collection else name), ""
