"""The actions and functions the metadata binds to a type, from the metadata alone
(import-metadata): each read as import-docs --metadata reads a documented one (`opsmeta.signed`),
with no page to add descriptions, examples or statuses.

An action is a POST of its parameters, of which a nullable one may be left out (optional); a
function a GET with its parameters in the URL; either binds to an item of the type or to a set of it, as its binding parameter says. A function named
`delta` bound to a set is the type's delta query. Of overloads, the first of each name is kept, the others noted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.importer.log import Log
from generator.importer.operations.entries import QUERY
from generator.importer.operations.opsmeta import signed, unwritable_types
from generator.importer.operations.opsmetasig import Site
from generator.importer.types.catalog import Catalog
from generator.importer.types.context import Context
from generator.odata import typeref
from generator.odata.edm import Metadata, Operation, TypeInfo

_ORDER = ("method", "bound", "status", "parameters", "returns", "query")
_RULES = {"action": "metadata.bound-action", "function": "metadata.bound-function"}


def bound_operations(
    metadata: Metadata, info: TypeInfo, ctx: Context, log: Log
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The `actions` and `functions` sections, in the metadata's order."""
    sections: dict[str, dict[str, Any]] = {"action": {}, "function": {}}
    for op in bound_to(metadata, info.qualified_name):
        section = sections[op.kind]
        at = f"{op.kind}s.{op.name}"
        if op.name in section:
            where = (
                "a set"
                if (op.binding or "").lower().startswith("collection(")
                else "an item"
            )
            log.decide(
                metadata.file,
                op.line,
                at,
                f"left out: another {op.kind} of this name (bound to {where} here) is its "
                "method; one method per name",
                rule="metadata.operation-overload",
            )
            continue
        why = unwritable_types(op, info.namespace, ctx)
        if why:
            log.decide(
                metadata.file,
                op.line,
                at,
                f"skipped: {why}",
                rule="metadata.operation-unwritable",
            )
            continue
        entry = _bare(op)
        signed(
            op, entry, Site(metadata.file, op.line, info.namespace, at, False), ctx, log
        )
        section[op.name] = {k: entry[k] for k in _ORDER if k in entry}
        log.decide(metadata.file, op.line, at, _said(op, entry), rule=_RULES[op.kind])
    return sections["action"], sections["function"]


def bound_to(metadata: Metadata, qualified: str) -> Iterator[Operation]:
    """The operations bound to an item of the type or to a set of it, in the metadata's order."""
    wanted = (qualified.lower(), f"collection({qualified.lower()})")
    for op in metadata.operations:
        if op.bound and (op.binding or "").lower() in wanted:
            yield op


def needed(catalog: Catalog, qualified: str) -> Iterator[tuple[str, str]]:
    """(operation, qualified type) of every type the metadata's operations bound to the type
    take or return, other than primitives: they come with the import."""
    service = catalog.service
    info = service.find(qualified) if service else None
    if service is None or info is None:
        return
    for op in bound_to(service.metadata, info.qualified_name):
        for written in (*(p.type for p in op.parameters[1:]), op.returns or ""):
            name = typeref.split(written).name if written else ""
            target = catalog.documented(name) if "." in name else None
            if target is not None and not name.startswith("Edm."):
                yield op.name, target


def _bare(op: Operation) -> dict[str, Any]:
    """What the metadata cannot say, as Graph answers: an action POSTs and answers 200 with
    its result; without one, 200, 204, or 202 when it runs on (`event.accept`), which the
    caller gets as an `Accepted` when it names a monitor. A function answers 200; one that
    answers a collection takes the query options a list does."""
    if op.kind == "function":
        many = (op.returns or "").startswith("Collection(")
        return {"status": [200], **({"query": list(QUERY["list"])} if many else {})}
    return {"method": "POST", "status": [200] if op.returns else [200, 202, 204]}


def _said(op: Operation, entry: dict[str, Any]) -> str:
    """The decision: what the operation is, where it binds, what it takes and returns."""
    kind = "a delta query" if _is_delta(op) else f"a bound {op.kind}"
    where = "a set" if entry.get("bound") == "collection" else "an item"
    names = ", ".join(entry.get("parameters", {})) or "no parameters"
    result = entry.get("returns", "nothing")
    return f"{kind} on {where}, from the metadata: takes {names}, returns {result}"


def _is_delta(op: Operation) -> bool:
    return (
        op.kind == "function"
        and op.name == "delta"
        and (op.binding or "").startswith("Collection(")
    )
