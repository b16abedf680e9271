"""References need a link: `$ref` post and put name the added entity by a URL of its set at the
service root (`/directoryObjects/{id}`), so they stay only where the import has such a set.
"""

from __future__ import annotations

from typing import Any

from generator.importer.closure import Wanted
from generator.importer.context import Context
from generator.importer.index import GRAPH
from generator.importer.log import Log

Built = tuple[Wanted, dict[str, Any], Log]


def linkable(built: list[Built], ctx: Context) -> list[Built]:
    """Each navigation's `$ref` post and put, kept when its target type (or a base type) has a
    collection path of one segment among the specs of the run; left out otherwise (a decision).
    """
    rooted = {
        w.qualified.lower()
        for w, spec, _ in built
        if any(p.count("/") == 1 for p in spec.get("paths", {}).get("collection", []))
    }
    for wanted, spec, log in built:
        res = ctx.catalog.resource(wanted.qualified)
        for name, nav in spec.get("navigation", {}).items():
            adding = [r for r in nav.get("ref", []) if r in ("post", "put")]
            target = _qualified(str(nav.get("type", "")), res.namespace, ctx)
            chain = ctx.catalog.chain(target) if target else []
            if not adding or any(q.lower() in rooted for q in chain):
                continue
            nav["ref"] = [r for r in nav["ref"] if r not in adding]
            if not nav["ref"]:
                del nav["ref"]
            line = next((m.line for m in res.relationships if m.name == name), 1)
            shown = (target or "its target").rsplit(".", 1)[-1]
            log.decide(
                res.page.file,
                line,
                f"navigation.{name}.ref",
                f"{', '.join(adding)} left out: a reference is added by the URL of the "
                f"entity in its set at the service root, and no spec of this import gives "
                f"{shown} one (a collection path of one segment)",
            )
    return built


def _qualified(spelled: str, namespace: str, ctx: Context) -> str | None:
    name = spelled.removeprefix("Collection(").removesuffix(")")
    for candidate in (name, f"{namespace}.{name}", f"{GRAPH}.{name}"):
        found = ctx.catalog.documented(candidate)
        if found is not None:
            return found
    return None
