"""An entity's operations from its own pages (CRUD on the paths it has, actions, functions,
streams, the example of get or list), or from the metadata alone (import-metadata).

In: the pages about the type (`importer.settle`) and its paths (`importer.endpoints`). Out: the
spec's `operations`, `actions`, `functions`, `streams` and `example`, each decision logged.
"""

from __future__ import annotations

from typing import Any

from generator.importer.docs.markdown import Fence
from generator.importer.log import Log
from generator.importer.metadata.metaroutes import Routes
from generator.importer.operations import endpoints, examples, metabound, metaops
from generator.importer.operations.boundspec import bound_operations, streams
from generator.importer.operations.entries import OWN, operation
from generator.importer.operations.linked import Linked
from generator.importer.types.context import Context


def operations(
    qualified: str,
    own: list[Linked],
    found: endpoints.Paths,
    spec: dict[str, Any],
    ctx: Context,
    log: Log,
) -> None:
    """Operations from the first page of each kind that has a path, actions, the example of get (or list)."""
    first = {kind: next((p for p in own if p.kind == kind), None) for kind in OWN}
    spec["operations"] = {
        kind: operation(kind, page.api, page.method, log)
        for kind, page in first.items()
        if page is not None and found.serves(kind)
    }
    for kind, page in first.items():
        if page is not None and not found.serves(kind):
            log.decide(
                page.file,
                page.api.routes[0].line,
                f"operations.{kind}",
                "skipped: none of its routes gives the path it needs "
                f"({'a collection' if kind in ('list', 'create') else 'an item or single'} path)",
                rule="route.no-path",
            )
    if found.collection or found.single:
        res = ctx.catalog.resource(qualified)
        spec["actions"], spec["functions"] = bound_operations(
            res, qualified, own, ctx, log
        )
        spec["streams"] = streams(res, own, ctx, log)
    responses = [
        (page.file, page.api.response)
        for page in (first["get"], first["list"])
        if page and page.api.response
    ]
    if not responses and ctx.catalog.resource(qualified).representation:
        res = ctx.catalog.resource(qualified)
        assert res.representation is not None
        responses = [(res.page.file, res.representation)]
    example(qualified, responses, spec, ctx, log)


def described_routes(
    qualified: str, spec: dict[str, Any], routes: Routes, ctx: Context, log: Log
) -> None:
    """Paths, operations, actions, functions and streams from the metadata alone
    (import-metadata)."""
    metadata = routes.metadata
    info = metadata.types[qualified]
    found = routes.of(qualified)
    spec.update(metaops.paths(metadata, info, found, routes.depth, log))
    spec["operations"] = metaops.operations(metadata, info, found, log)
    if found:
        spec["actions"], spec["functions"] = metabound.bound_operations(
            metadata, info, ctx, log
        )
        spec["streams"] = metaops.streams(metadata, info, log)


def example(
    qualified: str,
    fences: list[tuple[str, Fence]],
    spec: dict[str, Any],
    ctx: Context,
    log: Log,
) -> None:
    """The first usable example payload, checked against the types: what does not fit is replaced."""
    for file, fence in fences:
        payload = examples.payload(fence, file, "example", log)
        data = examples.unwrap(payload, file, fence.line, log)
        if data:
            checked = examples.checked(data, qualified, ctx, file, fence.line, log)
            if checked:
                spec["example"] = checked
            return
