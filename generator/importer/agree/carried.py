"""What a derived type's pages send to its base type's paths, carried over to the base."""

from __future__ import annotations

from typing import Any

from generator.importer.log import Log
from generator.importer.specs.closure import Wanted
from generator.importer.types.context import Context

Built = tuple[Wanted, dict[str, Any], Log]


def carry_bound(
    derived: Built, base: Built, target: str, at: tuple[str, ...], ctx: Context
) -> None:
    """The actions and functions a derived type's pages send to its base type's set or items
    at `at` (`POST /managedAppPolicies/{id}/assign` on a targetedManagedAppProtection) become
    the base's, as its operations do: the path serves every derived type (a decision).
    """
    bound = "collection" if target == "collection" else "item"
    name = derived[0].qualified.rsplit(".", 1)[-1]
    for section in ("actions", "functions"):
        theirs = base[1].setdefault(section, {})
        for wire, entry in derived[1].get(section, {}).items():
            sent = derived[2].sent.get(f"{section}.{wire}", [])
            if entry.get("bound", "item") != bound or wire in theirs or at not in sent:
                continue
            theirs[wire] = entry
            base[2].used(entry["docs"])
            base[2].decide(
                ctx.catalog.resource(base[0].qualified).page.file,
                1,
                f"{section}.{wire}",
                f"from the page of {name} ({entry['docs']}), which sends it to this type's "
                "paths; they serve every type derived from this one",
                rule="unify.derived-paths-action",
            )
        if not theirs:
            del base[1][section]


def navigation_items(built: list[Built], ctx: Context) -> list[Built]:
    """Operations a page documents on the items of a navigation property (`DELETE
    /groups/{id}/appRoleAssignments/{id}`) become the target type's when its spec lacks them
    and has an item path: the navigation's items are its items (a decision either way).
    """
    specs = {w.qualified.lower(): (w, spec, log) for w, spec, log in built}
    for wanted, _, log in built:
        for target, kind, entry, file, line in log.items:
            found = specs.get(target.lower())
            at = f"operations.{kind}"
            name = target.rsplit(".", 1)[-1]
            if found is None or not _has_items(found[1]):
                why = "is not imported" if found is None else "has no item path"
                log.decide(
                    file,
                    line,
                    at,
                    f"skipped: it is {name}'s, which {why}",
                    rule="unify.item-operation-skipped",
                )
                continue
            operations = found[1].setdefault("operations", {})
            if kind in operations:
                continue
            operations[kind] = entry
            found[2].used(entry["docs"])
            found[2].decide(
                ctx.catalog.resource(found[0].qualified).page.file,
                1,
                at,
                f"from the page of {wanted.name} ({entry['docs']}), which sends it to an "
                f"item of a navigation property of {wanted.name} to {name}",
                rule="unify.item-operation",
            )
    return built


def _has_items(spec: dict[str, Any]) -> bool:
    paths = spec.get("paths", {})
    return bool(paths.get("item") or paths.get("single"))
