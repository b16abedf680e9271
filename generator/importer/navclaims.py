"""A set of a type where another spec's navigation leads to an unrelated type: the navigation's
Relationships row names the type there, so the set goes from the other spec (a decision).

Sets named alike meet this way: `/sites/{id}/lists/{id}/items` is a list's `items` (listItem)
though a driveItem page's routes pass through it, `items` naming driveItems too.
"""

from __future__ import annotations

from typing import Any

from generator.importer.closure import Wanted
from generator.importer.context import Context
from generator.importer.log import Log
from generator.importer.specpaths import Key, claimed, key, without
from generator.odata import typeref

Built = tuple[Wanted, dict[str, Any], Log]


def navigated(built: list[Built], ctx: Context) -> list[Built]:
    """Each entity's sets, less those another spec's navigation gives an unrelated type; a
    navigation counts only from a path that itself stays."""
    entities = [b for b in built if b[1].get("kind") == "entity"]
    reached = _reached(entities, ctx)
    lost: dict[int, dict[str, tuple[str, str, Key]]] = {}
    for b in entities:
        for path in b[1].get("paths", {}).get("collection", []):
            for target, through, owner in reached.get(key(path), []):
                if not _related(b[0].qualified, target, ctx):
                    lost.setdefault(id(b), {})[path] = (target, through, owner)
    gone = {key(p) for paths in lost.values() for p in paths}
    for b in entities:
        mine = {
            p: why for p, why in lost.get(id(b), {}).items() if why[2][:-1] not in gone
        }
        if mine:
            _drop(*b, mine, ctx)
    return built


def _drop(
    wanted: Wanted,
    spec: dict[str, Any],
    log: Log,
    lost: dict[str, tuple[str, str, Key]],
    ctx: Context,
) -> None:
    paths = spec["paths"]
    kept = [p for p in paths.get("collection", []) if p not in lost]
    without(spec, kept, list(paths.get("single", [])))
    res = ctx.catalog.resource(wanted.qualified)
    for path, (target, through, _) in lost.items():
        log.decide(
            res.page.file,
            1,
            "paths.collection",
            f"{path} skipped: {through} leads there to "
            f"{target.rsplit('.', 1)[-1]}, not {wanted.name}",
        )


def _reached(
    entities: list[Built], ctx: Context
) -> dict[Key, list[tuple[str, str, Key]]]:
    """(target type, `owner.navigation`, the owner's path) of every collection navigation, by
    the path it reaches."""
    by_name = {w.qualified.lower(): (w, spec) for w, spec, _ in entities}
    found: dict[Key, list[tuple[str, str, Key]]] = {}
    for wanted, spec, _ in entities:
        owners = [p for kind, p in claimed(spec) if kind != "collection"]
        for base in ctx.catalog.chain(wanted.qualified):
            holder = by_name.get(base.lower())
            for name, entry in (
                (holder[1] if holder else {}).get("navigation", {}).items()
            ):
                ref = typeref.split(str(entry.get("type", "")))
                target = _qualified(ref.name, holder[0] if holder else wanted, ctx)
                if ref.collection and target:
                    for owner in owners:
                        found.setdefault(key(f"{owner}/{name}"), []).append(
                            (target, f"{wanted.name}.{name}", key(owner))
                        )
    return found


def _qualified(name: str, owner: Wanted, ctx: Context) -> str | None:
    namespace = owner.qualified.rsplit(".", 1)[0]
    for candidate in (name, f"{namespace}.{name}", f"microsoft.graph.{name}"):
        found = ctx.catalog.documented(candidate)
        if found is not None:
            return found
    return None


def _related(one: str, other: str, ctx: Context) -> bool:
    """One type is the other or derives from it, either way."""
    lower = [q.lower() for q in ctx.catalog.chain(one)]
    return other.lower() in lower or one.lower() in [
        q.lower() for q in ctx.catalog.chain(other)
    ]
