"""An operation's parameters and result as the metadata declares them, over what its page
says: names, types and nullability from the metadata, descriptions and `Optional.` marks from
the page; each difference a decision naming the metadata line.

In: the page's entry for the operation and the metadata's `Operation`. Out: the entry's
`parameters` and `returns`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.types.context import Context
from generator.odata import typeref
from generator.odata.edm import Operation, Parameter
from generator.odata.types import PRIMITIVES

if TYPE_CHECKING:
    from generator.importer.operations.linked import Linked


def parameters(
    res: ResourcePage,
    page: Linked,
    op: Operation,
    written: dict[str, Any],
    ctx: Context,
    at: str,
    log: Log,
) -> dict[str, Any]:
    """The metadata's parameters, in its order, with the page's descriptions and optional marks."""
    service = ctx.catalog.service
    assert service is not None
    by_name = {n.lower(): (n, e) for n, e in written.items()}
    found: dict[str, Any] = {}
    for parameter in op.parameters[1:]:
        spelled, _ = spec_type(parameter.type, res.namespace, ctx)
        assert spelled is not None  # _unwritable said so
        name, ours = by_name.pop(parameter.name.lower(), (None, {}))
        found[parameter.name] = _parameter(parameter, spelled, ours)
        said = _said(name, ours, parameter, spelled)
        if said:
            log.decide(
                res.page.file,
                page.row.line,
                f"{at}.parameters.{parameter.name}",
                f"{_shown(found[parameter.name])}, as the metadata says "
                f"({service.where(parameter.line)}); {said}",
                rule="metadata.parameter",
            )
    for name, _ in by_name.values():
        log.decide(
            res.page.file,
            page.row.line,
            f"{at}.parameters.{name}",
            f"left out: the metadata's {op.kind} ({service.where(op.line)}) has no such "
            "parameter",
            rule="metadata.parameter-left-out",
        )
    return found


def _parameter(
    parameter: Parameter, spelled: str, ours: dict[str, Any]
) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": spelled}
    if ours.get("description"):
        entry["description"] = ours["description"]
    if parameter.optional or ours.get("optional"):
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
    res: ResourcePage,
    page: Linked,
    op: Operation,
    entry: dict[str, Any],
    ctx: Context,
    at: str,
    log: Log,
) -> None:
    service = ctx.catalog.service
    assert service is not None
    ours = entry.get("returns")
    spelled = spec_type(op.returns, res.namespace, ctx)[0] if op.returns else None
    if spelled == ours:
        return
    if spelled is None:
        del entry["returns"]
    else:
        entry["returns"] = spelled
    log.decide(
        res.page.file,
        page.row.line,
        f"{at}.returns",
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
