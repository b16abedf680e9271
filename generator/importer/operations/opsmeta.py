"""Actions and functions as the service metadata declares them. With `--metadata`, an operation
a page documents takes the metadata's parameters and return type, which are exact there (the
pages' descriptions and `Optional.` marks are kept); its binding (an item or a set) follows
`IsBound` and the binding parameter's type. Each difference is a decision naming the metadata
line; an operation the metadata does not declare is kept as its page says (a decision too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.metadata.service import Service
from generator.importer.operations import opsmetasig
from generator.importer.operations.opsmetasig import Site
from generator.importer.types.catalog import Catalog
from generator.importer.types.context import Context
from generator.odata import typeref
from generator.odata.edm import Operation

if TYPE_CHECKING:
    from generator.importer.operations.linked import Linked

_INDEXES: dict[int, dict[str, list[Operation]]] = {}


def declared(
    service: Service | None, catalog: Catalog, qualified: str, name: str, kind: str
) -> list[Operation]:
    """The metadata's operations of a name and kind bound to the type or a base type, the type's
    own first."""
    if service is None:
        return []
    chain = [q.lower() for q in catalog.chain(qualified)]
    found = []
    for op in _index(service).get(name.lower(), []):
        bound = typeref.split(op.binding or "").name.lower()
        if op.kind == kind and bound in chain:
            found.append((chain.index(bound), op))
    return [op for _, op in sorted(found, key=lambda f: f[0])]


def _index(service: Service) -> dict[str, list[Operation]]:
    """The bound operations by name, read once per metadata document."""
    key = id(service.metadata)
    if key not in _INDEXES:
        index: dict[str, list[Operation]] = {}
        for op in service.metadata.operations:
            if op.bound:
                index.setdefault(op.name.lower(), []).append(op)
        _INDEXES[key] = index
    return _INDEXES[key]


def follow(
    res: ResourcePage,
    qualified: str,
    page: Linked,
    entry: dict[str, Any],
    ctx: Context,
    log: Log,
    *,
    page_ok: bool = True,
) -> bool:
    """The entry as the metadata declares its operation. When the import cannot write one of the
    metadata's types, the page's reading is kept (`page_ok`), else the operation is skipped:
    False (each a decision)."""
    service = ctx.catalog.service
    if service is None:
        return page_ok
    at = f"{page.kind}s.{page.name}"
    found = _chosen(
        declared(service, ctx.catalog, qualified, page.name, page.kind), page
    )
    if found is None:
        log.decide(
            res.page.file,
            page.row.line,
            at,
            f"not in the metadata ({service.metadata.file}) as {_a(page.kind)} bound to "
            f"{res.name} or a base type: kept as the page says",
            rule="metadata.operation-unknown",
        )
        return page_ok
    unwritable = unwritable_types(found, res.namespace, ctx)
    if unwritable:
        what = "kept as the page says" if page_ok else f"{page.row.title!r} skipped"
        log.decide(
            res.page.file,
            page.row.line,
            at,
            f"{what}: {unwritable}",
            rule="metadata.operation-unwritable",
        )
        return page_ok
    signed(
        found, entry, Site(res.page.file, page.row.line, res.namespace, at), ctx, log
    )
    return True


def signed(
    op: Operation, entry: dict[str, Any], site: Site, ctx: Context, log: Log
) -> None:
    """The entry as the metadata declares the operation: where it binds, its parameters (with
    what the page adds to them) and its result. The one reading of an operation's signature,
    for import-docs --metadata and import-metadata alike."""
    _bound(op, entry, site, ctx, log)
    parameters = opsmetasig.parameters(op, entry.get("parameters", {}), site, ctx, log)
    if parameters:
        entry["parameters"] = parameters
    else:
        entry.pop("parameters", None)
    opsmetasig.returns(op, entry, site, ctx, log)


def unwritable_types(op: Operation, namespace: str, ctx: Context) -> str:
    """Why the import cannot write one of the operation's types, else nothing."""
    service = ctx.catalog.service
    assert service is not None
    for parameter in op.parameters[1:]:
        spelled, why = opsmetasig.spec_type(parameter.type, namespace, ctx)
        if spelled is None:
            return (
                f"the metadata's parameter {parameter.name} is {parameter.type}, which {why} "
                f"({service.where(parameter.line)})"
            )
    if op.returns is not None:
        why = opsmetasig.spec_type(op.returns, namespace, ctx)[1]
        if why:
            return f"the metadata's result is {op.returns}, which {why} ({service.where(op.line)})"
    return ""


def _bound(
    op: Operation, entry: dict[str, Any], site: Site, ctx: Context, log: Log
) -> None:
    """The binding the metadata's binding parameter says: an item, or a set (`Collection(T)`)."""
    assert ctx.catalog.service is not None
    many = (op.binding or "").startswith("Collection(")
    if many == (entry.get("bound") == "collection"):
        return
    if many:
        entry["bound"] = "collection"
    else:
        del entry["bound"]
    if site.paged:
        log.decide(
            site.file,
            site.line,
            f"{site.at}.bound",
            f"{'collection' if many else 'item'}, as the metadata says "
            f"({ctx.catalog.service.where(op.line)})",
            rule="metadata.bound",
        )


def _chosen(candidates: list[Operation], page: Linked) -> Operation | None:
    """Of the overloads, the one bound as the page binds it, whose parameters the page names."""
    if not candidates:
        return None
    wanted = page.bound == "collection"
    named = {p.name.lower() for p in (*page.api.parameters, *page.api.body_parameters)}

    def score(op: Operation) -> tuple[bool, int]:
        many = (op.binding or "").startswith("Collection(")
        return many == wanted, len(named & {p.name.lower() for p in op.parameters[1:]})

    return max(candidates, key=score)


def needed(
    catalog: Catalog, qualified: str, pages: list[Linked]
) -> Iterator[tuple[str, str]]:
    """(operation, qualified type) of the documented types the metadata's declarations of the
    pages' operations take or return: they come with the import."""
    service = catalog.service
    if service is None:
        return
    for page in pages:
        found = _chosen(
            declared(service, catalog, qualified, page.name, page.kind), page
        )
        if found is None:
            continue
        for written in (*(p.type for p in found.parameters[1:]), found.returns or ""):
            name = typeref.split(written).name if written else ""
            target = catalog.documented(name) if "." in name else None
            if target is not None:
                yield page.name, target


def _a(kind: str) -> str:
    return f"an {kind}" if kind == "action" else f"a {kind}"
