"""Actions and functions as the service metadata declares them. With `--metadata`, an operation
a page documents takes the metadata's parameters and return type, which are exact there (the
pages' descriptions and `Optional.` marks are kept); its binding (an item or a set) follows
`IsBound` and the binding parameter's type. Each difference is a decision naming the metadata
line; an operation the metadata does not declare is kept as its page says (a decision too).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from generator.importer.catalog import Catalog
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.metadata import Service
from generator.importer.resource import ResourcePage
from generator.odata import typeref
from generator.odata.edm import Operation, Parameter
from generator.odata.types import PRIMITIVES

if TYPE_CHECKING:
    from generator.importer.linked import Linked

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
    unwritable = _unwritable(found, res, ctx)
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
    _bound(res.page.file, page, found, entry, at, service.where(found.line), log)
    parameters = _parameters(
        res, page, found, entry.get("parameters", {}), ctx, at, log
    )
    if parameters:
        entry["parameters"] = parameters
    else:
        entry.pop("parameters", None)
    _returns(res, page, found, entry, ctx, at, log)
    return True


def _unwritable(op: Operation, res: ResourcePage, ctx: Context) -> str:
    """Why the import cannot write one of the operation's types, else nothing."""
    service = ctx.catalog.service
    assert service is not None
    for parameter in op.parameters[1:]:
        spelled, why = spec_type(parameter.type, res.namespace, ctx)
        if spelled is None:
            return (
                f"the metadata's parameter {parameter.name} is {parameter.type}, which {why} "
                f"({service.where(parameter.line)})"
            )
    if op.returns is not None and spec_type(op.returns, res.namespace, ctx)[0] is None:
        why = spec_type(op.returns, res.namespace, ctx)[1]
        return f"the metadata's result is {op.returns}, which {why} ({service.where(op.line)})"
    return ""


def _bound(
    file: str,
    page: Linked,
    op: Operation,
    entry: dict[str, Any],
    at: str,
    where: str,
    log: Log,
) -> None:
    """The binding the metadata's binding parameter says: an item, or a set (`Collection(T)`)."""
    many = (op.binding or "").startswith("Collection(")
    if many == (entry.get("bound") == "collection"):
        return
    entry["bound"] = "collection" if many else "item"
    log.decide(
        file,
        page.row.line,
        f"{at}.bound",
        f"{entry['bound']}, as the metadata says ({where})",
        rule="metadata.bound",
    )
    if entry["bound"] == "item":
        del entry["bound"]


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


def _parameters(
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
    return entry["type"] + (", nullable" if entry.get("nullable") else "")


def _returns(
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
