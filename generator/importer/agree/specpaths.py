"""The paths of a spec being built (plain data): what it claims, and what follows when one goes."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from generator.importer.operations import routes

Key = tuple[str, ...]


def claimed(spec: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(kind, full path) of every path a spec claims: collection, item and single."""
    paths = spec.get("paths", {})
    for path in paths.get("collection", []):
        yield "collection", path
        yield "item", path + paths["item"]
    for path in paths.get("single", []):
        yield "single", path


def key(path: str) -> Key:
    """A path with its parameters unnamed: two specs that name them apart still meet."""
    return tuple("{}" if routes.is_param(p) else p for p in path.strip("/").split("/"))


def without(spec: dict[str, Any], collection: list[str], single: list[str]) -> None:
    """The spec keeps only these collection and single paths; what loses its path goes too."""
    paths = spec.get("paths", {})
    new: dict[str, Any] = {}
    if collection:
        new = {"collection": collection, "item": paths["item"]}
        if paths.get("alternateKeys"):
            new["alternateKeys"] = paths["alternateKeys"]
    if single:
        new["single"] = single
    if new and paths.get("byPath"):
        new["byPath"] = True
    spec["paths"] = new
    served(spec, bool(collection), bool(collection or single))


def dropping(spec: dict[str, Any], lost: Collection[str]) -> None:
    """The spec loses these of its collection and single paths, as `without` says."""
    paths = spec.get("paths", {})
    without(
        spec,
        [p for p in paths.get("collection", []) if p not in lost],
        [p for p in paths.get("single", []) if p not in lost],
    )


def served(spec: dict[str, Any], collection: bool, item: bool) -> None:
    """Operations and actions that lost their path are left out; parameters follow the paths."""
    operations = spec.get("operations", {})
    for kind in list(operations):
        if (kind in ("list", "create") and not collection) or not item:
            del operations[kind]
    for section in ("actions", "functions"):
        for name, entry in list(spec.get(section, {}).items()):
            if not (collection if entry.get("bound") == "collection" else item):
                del spec[section][name]
    if not item:
        spec.pop("streams", None)
    parameters(spec)


def parameters(spec: dict[str, Any]) -> None:
    """Each parameter of the paths, with the type it had (String when it is new)."""
    old = spec.get("parameters", {})
    names = [
        routes.param(p)
        for _, path in claimed(spec)
        for p in path.strip("/").split("/")
        if routes.is_param(p)
    ]
    spec["parameters"] = {n: old.get(n, "String") for n in dict.fromkeys(names)}
    if not spec["parameters"]:
        spec.pop("parameters")
    if not spec.get("paths"):
        spec.pop("paths", None)
