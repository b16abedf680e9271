"""A set of a type where another spec's navigation leads to an unrelated type: the navigation's
Relationships row names the type there, so the set goes from the other spec (a decision).

Sets named alike meet this way: `/sites/{id}/lists/{id}/items` is a list's `items` (listItem)
though a driveItem page's routes pass through it, `items` naming driveItems too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.importer.agree.specpaths import Key, claimed, key, without
from generator.importer.log import Log
from generator.importer.specs.closure import Wanted
from generator.importer.types.context import Context
from generator.odata import typeref

Built = tuple[Wanted, dict[str, Any], Log]


@dataclass(frozen=True)
class Step:
    """A collection navigation property reached from an item or single path of its owner."""

    target: str  # the qualified name of its type
    owner: str  # the owner type's name
    name: str
    entry: dict[str, Any]  # the navigation property's spec entry
    through: Key  # the owner's path it is reached from

    @property
    def shown(self) -> str:
        return f"{self.owner}.{self.name}"


def navigated(built: list[Built], ctx: Context) -> list[Built]:
    """Each entity's sets, less those another spec's navigation reaches with another type: an
    unrelated type's, or a base type's, whose builder serves the derived type there (its
    operations carried to the navigation and the base). A navigation counts only from a path
    that itself stays."""
    entities = [b for b in built if b[1].get("kind") == "entity"]
    reached = _reached(entities, ctx)
    lost: dict[int, dict[str, Step]] = {}
    for b in entities:
        for path in b[1].get("paths", {}).get("collection", []):
            for step in reached.get(key(path), []):
                if step.target.lower() != b[0].qualified.lower() and not _derived(
                    step.target, b[0].qualified, ctx
                ):
                    lost.setdefault(id(b), {})[path] = step
    gone = {key(p) for paths in lost.values() for p in paths}
    by_name = {b[0].qualified.lower(): b for b in entities}
    for b in entities:
        mine = {
            p: s for p, s in lost.get(id(b), {}).items() if s.through[:-1] not in gone
        }
        for step in mine.values():
            # A base type's. conflicts.py drops such paths first, comparing names exactly: a
            # base the metadata spells in another case than its page (Plate, plate) comes here.
            if _related(b[0].qualified, step.target, ctx):
                _carry(b, step, by_name.get(step.target.lower()), ctx)
        if mine:
            _drop(*b, mine, ctx)
    return built


def _carry(derived: Built, step: Step, base: Built | None, ctx: Context) -> None:
    """The derived type's operations on its set go to the navigation there (list, create) and
    to the base type's spec (get, update, delete on its items), when they lack them."""
    ops = derived[1].get("operations", {})
    listed = step.entry.setdefault("operations", ["list"])
    for kind in ("list", "create"):
        if kind in ops and kind not in listed:
            listed.append(kind)
    paths = base[1].get("paths", {}) if base is not None else {}
    if base is not None and (paths.get("item") or paths.get("single")):
        theirs = base[1].setdefault("operations", {})
        for kind in ("get", "update", "delete"):
            if kind in ops and kind not in theirs:
                theirs[kind] = ops[kind]
                base[2].decide(
                    ctx.catalog.resource(base[0].qualified).page.file,
                    1,
                    f"operations.{kind}",
                    f"from the page of {derived[0].name}, whose items {step.shown} reaches: "
                    "the base type's builder serves every derived type",
                    rule="unify.derived-operation",
                )


def _drop(
    wanted: Wanted,
    spec: dict[str, Any],
    log: Log,
    lost: dict[str, Step],
    ctx: Context,
) -> None:
    paths = spec["paths"]
    kept = [p for p in paths.get("collection", []) if p not in lost]
    without(spec, kept, list(paths.get("single", [])))
    res = ctx.catalog.resource(wanted.qualified)
    for path, step in lost.items():
        target = step.target.rsplit(".", 1)[-1]
        log.decide(
            res.page.file,
            1,
            "paths.collection",
            f"{path} skipped: {step.shown} leads there to {target}, not {wanted.name}"
            + (
                f"; {target}'s builder serves it there, with its operations"
                if _related(wanted.qualified, step.target, ctx)
                else ""
            ),
            rule="unify.path-leads-elsewhere",
        )


def _reached(entities: list[Built], ctx: Context) -> dict[Key, list[Step]]:
    """Every collection navigation property, by the path it reaches."""
    by_name = {w.qualified.lower(): (w, spec) for w, spec, _ in entities}
    found: dict[Key, list[Step]] = {}
    for wanted, spec, _ in entities:
        owners = [p for kind, p in claimed(spec) if kind != "collection"]
        for base in ctx.catalog.chain(wanted.qualified):
            holder = by_name.get(base.lower())
            if holder is None:
                continue
            for name, entry in holder[1].get("navigation", {}).items():
                ref = typeref.split(str(entry.get("type", "")))
                target = _qualified(ref.name, holder[0], ctx)
                for owner in owners if ref.collection and target else []:
                    step = Step(target or "", wanted.name, name, entry, key(owner))
                    found.setdefault(key(f"{owner}/{name}"), []).append(step)
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


def _derived(one: str, other: str, ctx: Context) -> bool:
    """`one` derives from `other` (the base type's navigation is served by its own builder)."""
    return other.lower() in [q.lower() for q in ctx.catalog.chain(one)[1:]]
