"""Claims between specs that the generator would refuse, settled by the import with a decision.

The pages of two types may disagree about one path: a spec reads a set where its parent's
Relationships row says one object, or a route ends in the name of an action of the type it is
under. The claim the pages show better is kept, the other goes (a decision either way), so what
an import writes always generates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.importer.agree.specpaths import Key, claimed, dropping, key, without
from generator.importer.log import Log
from generator.importer.specs.closure import Wanted
from generator.importer.types.context import Context
from generator.odata import naming, typeref

Built = tuple[Wanted, dict[str, Any], Log]


@dataclass(frozen=True)
class Step:
    """A navigation property reached from an item or single path of the type that has it."""

    holder: Built  # the spec that declares the navigation property
    name: str
    path: str  # the full path it reaches, as the owner's route writes it
    collection: bool
    target: str  # the bare name of the type it leads to


def settle(entities: list[Built], ctx: Context) -> None:
    """Every path of every spec agrees with the navigation and the actions above it."""
    _cardinality(entities, ctx)
    _served_by_base(entities, ctx)
    _actions(entities, ctx)


def _served_by_base(entities: list[Built], ctx: Context) -> None:
    """A path of a derived type where a navigation of its base type leads (the extensions of
    an event, for an openTypeExtension) goes: the base type's builder serves the derived types
    too, as a base type's set does."""
    steps = _steps(entities, ctx)
    for built in entities:
        spec = built[1]
        paths = spec.get("paths", {})
        bases = {
            q.rsplit(".", 1)[-1] for q in ctx.catalog.chain(built[0].qualified)[1:]
        }
        lost: dict[str, Step] = {}
        for path in (*paths.get("collection", []), *paths.get("single", [])):
            based = [s for s in steps.get(key(path), []) if s.target in bases]
            if based:
                lost[path] = based[0]
        if not lost:
            continue
        dropping(spec, lost)
        file = ctx.catalog.resource(built[0].qualified).page.file
        for path, step in lost.items():
            built[2].decide(
                file,
                1,
                "paths",
                f"{path} skipped: {step.holder[0].name}.{step.name} leads there, to its base "
                f"type {step.target}, whose builder serves {built[0].name} too",
                rule="unify.base-path-lost",
            )


def _steps(entities: list[Built], ctx: Context) -> dict[Key, list[Step]]:
    """The navigation routes of the run, by path key: each type's own and its bases'."""
    by_name = {b[0].qualified.lower(): b for b in entities}
    found: dict[Key, list[Step]] = {}
    for built in entities:
        owners = [p for kind, p in claimed(built[1]) if kind != "collection"]
        for base in ctx.catalog.chain(built[0].qualified):
            holder = by_name.get(base.lower())
            if holder is None:
                continue
            for name, entry in holder[1].get("navigation", {}).items():
                written = typeref.split(entry["type"])
                target = written.name.rsplit(".", 1)[-1]
                for owner in owners:
                    path = f"{owner}/{name}"
                    found.setdefault(key(path), []).append(
                        Step(holder, name, path, written.collection, target)
                    )
    return found


def _cardinality(entities: list[Built], ctx: Context) -> None:
    """A set where a navigation is single-valued: the navigation becomes a collection when a
    list page or a keyed route shows the set, else the path is read as one object; a single
    path where a navigation is a collection is left to the navigation's builder."""
    steps = _steps(entities, ctx)
    for built in entities:
        spec = built[1]
        paths = spec.get("paths", {})
        guessed = {key(p) for p in built[2].guessed}
        for path in list(paths.get("collection", [])):
            single = [s for s in steps.get(key(path), []) if not s.collection]
            if single and key(path) in guessed:
                _to_single(built, path, single[0], ctx)
            for step in single if key(path) not in guessed else []:
                _to_collection(step, built, path, ctx)
        for path in list(paths.get("single", [])):
            many = [s for s in steps.get(key(path), []) if s.collection]
            if many:
                _drop_single(built, path, many[0], ctx)


def _to_collection(step: Step, built: Built, path: str, ctx: Context) -> None:
    """The navigation property is a collection, as the set's pages show (a decision)."""
    entry = step.holder[1]["navigation"][step.name]
    if typeref.split(entry["type"]).collection:
        return  # settled by another route already
    entry["type"] = f"Collection({entry['type']})"
    ops = entry.get("operations", [])
    if ops:
        entry["operations"] = ["list" for op in ops if op == "get"]
    file, line = _row(step.holder, step.name, ctx)
    step.holder[2].decide(
        file,
        line,
        f"navigation.{step.name}",
        f"{entry['type']}: the pages of {built[0].name} list it or address its items by "
        f"key ({path}); the row names one object",
        rule="unify.navigation-collection",
    )


def _to_single(built: Built, path: str, step: Step, ctx: Context) -> None:
    """The path addresses one object, as the navigation there says (a decision)."""
    spec = built[1]
    paths = spec["paths"]
    collection = [p for p in paths["collection"] if p != path]
    single = [
        *paths.get("single", []),
        *([path] if path not in paths.get("single", []) else []),
    ]
    without(spec, collection, single)
    file = ctx.catalog.resource(built[0].qualified).page.file
    built[2].decide(
        file,
        1,
        "paths",
        f"{path}: one object, as {step.holder[0].name}.{step.name} is single-valued; "
        "no list page nor keyed route shows a set there",
        rule="unify.path-single",
    )


def _drop_single(built: Built, path: str, step: Step, ctx: Context) -> None:
    spec = built[1]
    paths = spec["paths"]
    single = [p for p in paths["single"] if p != path]
    without(spec, paths.get("collection", []), single)
    file = ctx.catalog.resource(built[0].qualified).page.file
    built[2].decide(
        file,
        1,
        "paths",
        f"{path} skipped: {step.holder[0].name}.{step.name} is a collection there, "
        "whose builder serves its items",
        rule="unify.path-collection-navigation",
    )


def _actions(entities: list[Built], ctx: Context) -> None:
    """A path named like an action of the type it is under goes: the action's page is explicit."""
    actions: dict[Key, tuple[Built, str]] = {}
    for built in entities:
        owners = [p for kind, p in claimed(built[1]) if kind != "collection"]
        for name in built[1].get("actions", {}):
            for owner in owners:
                actions.setdefault(_named(f"{owner}/{name}"), (built, name))
    for built in entities:
        spec = built[1]
        paths = spec.get("paths", {})
        lost = [
            p
            for p in (*paths.get("collection", []), *paths.get("single", []))
            if _named(p) in actions
        ]
        if not lost:
            continue
        dropping(spec, lost)
        file = ctx.catalog.resource(built[0].qualified).page.file
        for path in lost:
            holder, name = actions[_named(path)]
            docs = holder[1].get("actions", {}).get(name, {}).get("docs", "its page")
            built[2].decide(
                file,
                1,
                "paths",
                f"{path} skipped: {name} there is an action of {holder[0].name} ({docs})",
                rule="unify.path-action-segment",
            )


def _named(path: str) -> Key:
    """A path's key with its last segment as the builder attribute it becomes."""
    found = key(path)
    return (*found[:-1], naming.snake(found[-1]))


def _row(holder: Built, name: str, ctx: Context) -> tuple[str, int]:
    """Where the page of the spec that declares a navigation property lists it."""
    res = ctx.catalog.resource(holder[0].qualified)
    rows = [m.line for m in (*res.relationships, *res.properties) if m.name == name]
    return res.page.file, rows[0] if rows else 1
