"""An action or function named like a path segment under its type's builders would hide it
(`range` of a worksheet beside the path `.../worksheets/{id}/range` of a workbookRange): the path
stays, with everything the other type offers there, and the operation goes (a decision).
"""

from __future__ import annotations

from typing import Any

from generator.importer.docs.pages import link_target
from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.operations import routes
from generator.importer.specs.closure import Wanted
from generator.importer.types.context import Context
from generator.odata.naming import snake

Built = tuple[Wanted, dict[str, Any], Log]


def unshadowed(built: list[Built], ctx: Context) -> list[Built]:
    """Each entity's actions and functions, less those a child path of its builders names."""
    children: dict[str, set[str]] = {}
    specs = {w.qualified.lower(): spec for w, spec, _ in built}
    for wanted, spec, _ in built:
        for path in _paths(spec):
            parts = path.strip("/").split("/")
            parent = _shape(parts[:-1])
            children.setdefault(parent, set()).add(snake(parts[-1]))
        chain = [specs.get(q.lower(), {}) for q in ctx.catalog.chain(wanted.qualified)]
        navigation = {snake(n) for s in chain for n in s.get("navigation", {})}
        for path in _items(spec):
            children.setdefault(_shape(path.strip("/").split("/")), set()).update(
                navigation
            )
    for wanted, spec, log in built:
        where = {
            "item": [_shape(p.strip("/").split("/")) for p in _items(spec)],
            "collection": [
                _shape(p.strip("/").split("/"))
                for p in spec.get("paths", {}).get("collection", [])
            ],
        }
        for section in ("actions", "functions"):
            for name, entry in list(spec.get(section, {}).items()):
                bound = entry.get("bound", "item")
                if any(snake(name) in children.get(p, set()) for p in where[bound]):
                    del spec[section][name]
                    res = ctx.catalog.resource(wanted.qualified)
                    log.decide(
                        res.page.file,
                        _row(res, entry.get("docs", "")),
                        f"{section}.{name}",
                        f"left out: a path below the {bound} builders of "
                        f"{wanted.name} has a segment {name}, which the method would hide; "
                        "the path stays",
                        rule="unify.hidden-segment",
                    )
    return built


def _paths(spec: dict[str, Any]) -> list[str]:
    """Every path a spec's builders stand at: collections, items and single paths."""
    paths = spec.get("paths", {})
    return [*paths.get("collection", []), *_items(spec), *paths.get("single", [])]


def _items(spec: dict[str, Any]) -> list[str]:
    paths = spec.get("paths", {})
    item = paths.get("item", "")
    found = [p + item for p in paths.get("collection", [])] if item else []
    return [*found, *paths.get("single", [])]


def _shape(parts: list[str]) -> str:
    return "/".join("{}" if routes.is_param(p) else p.lower() for p in parts)


def _row(res: ResourcePage, docs: str) -> int:
    """The line of the Methods row that links the operation's page (1 when none does)."""
    for method in res.methods:
        if method.link and link_target(method.link, "resources") == docs:
            return method.line
    return 1
