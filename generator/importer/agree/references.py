"""References need a link: `$ref` post and put name the added entity by a URL of its set at the
service root (`/directoryObjects/{id}`), so they stay only where the import has such a set.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from generator.importer.docs.api import read_api
from generator.importer.docs.index import GRAPH
from generator.importer.docs.pages import link_target
from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.specs.closure import Wanted
from generator.importer.types.context import Context

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
            shown = (target or "its target").rsplit(".", 1)[-1]
            for line in _rows(res, name, ctx):
                log.decide(
                    res.page.file,
                    line,
                    f"navigation.{name}.ref",
                    f"{', '.join(adding)} left out: a reference is added by the URL of the "
                    f"entity in its set at the service root, and no spec of this import "
                    f"gives {shown} one (a collection path of one segment)",
                    rule="navigation.ref-unaddressable",
                )
    return built


def _rows(res: ResourcePage, name: str, ctx: Context) -> list[int]:
    """The Methods rows whose pages add a reference to the navigation property (POST or PUT of
    `.../name/$ref`), else its Relationships row."""
    found = []
    for method in res.methods:
        path = link_target(method.link, "resources") if method.link else None
        page = ctx.reader.page(path, used=False) if path else None
        if page is not None and any(
            r.method in ("POST", "PUT")
            and r.path.split("?")[0].rstrip("/").endswith(f"/{name}/$ref")
            for r in read_api(replace(page, problems=[])).routes
        ):
            found.append(method.line)
    line = next((m.line for m in res.relationships if m.name == name), 1)
    return found or [line]


def _qualified(spelled: str, namespace: str, ctx: Context) -> str | None:
    name = spelled.removeprefix("Collection(").removesuffix(")")
    for candidate in (name, f"{namespace}.{name}", f"{GRAPH}.{name}"):
        found = ctx.catalog.documented(candidate)
        if found is not None:
            return found
    return None
