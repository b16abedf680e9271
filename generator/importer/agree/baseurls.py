"""One service root for every spec of a run: the one the project's specs name, else the one
most of the run's example requests name, else the one the docs folder's API pages name (a
decision at each spec whose own examples say otherwise, or nothing).

In: the entities' specs as built, each with the root its examples name. Out: each spec's
`baseUrl`, agreed.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from generator.importer.docs.pages import Reader
from generator.importer.log import Log
from generator.importer.specs.closure import Wanted
from generator.importer.types.context import Context

Built = tuple[Wanted, dict[str, Any], Log]
ROOT = "https://graph.microsoft.com/"
BETA = ROOT + "beta"
V1 = ROOT + "v1.0"
_VERSION = re.compile(r"https://graph\.microsoft\.com/(v1\.0|beta)/")


def base_urls(entities: list[Built], ctx: Context, project: str | None) -> None:
    """The service root the project's specs name, else the one most of the run's example requests
    name, else the one the docs folder's API pages name; the client lets callers change it.
    """
    said = Counter(spec["baseUrl"] for _, spec, _ in entities if spec.get("baseUrl"))
    folder = None if project or said else docs_version(ctx.reader)
    url = project or (max(sorted(said), key=lambda u: said[u]) if said else folder)
    described = (
        ctx.routes is not None
    )  # from the metadata alone: no example says a root
    url = url or (V1 if described else BETA)
    for wanted, spec, log in entities:
        res = ctx.catalog.resource(wanted.qualified)
        file = res.page.file
        line = res.block_line if res.origin in ("built-in", "metadata") else 1
        own = spec.get("baseUrl")
        if project and own != project:
            log.decide(
                file,
                line,
                "baseUrl",
                f"{project}, as the project's other specs name it (one client, one service "
                f"root); {'its examples say ' + own if own else 'no example request names one'}",
                rule="unify.project-base-url",
            )
        elif own is None and not said and described:
            log.decide(
                file,
                line,
                "baseUrl",
                f"{url.removeprefix(ROOT)}: the metadata does not say which version it "
                "describes; edit it for another",
                rule="unify.base-url-metadata",
            )
        elif own is None and not said:
            where = (
                "the docs folder's API pages say so" if folder else "the docs never say"
            )
            log.decide(
                file,
                line,
                "baseUrl",
                f"{url.removeprefix(ROOT)}: no example request names a version; {where}",
                rule="unify.base-url-default",
            )
        elif own is None:
            log.decide(
                file,
                line,
                "baseUrl",
                f"{url}: no example request of its own names a version; "
                "the other specs of this import say so",
                rule="unify.base-url-from-others",
            )
        elif own != url:
            log.decide(
                file,
                line,
                "baseUrl",
                f"{url}, as the other specs of this import say; its "
                f"examples say {own}",
                rule="unify.base-url-agreed",
            )
        spec["baseUrl"] = url


def docs_version(reader: Reader) -> str | None:
    """The service root most API pages of the docs folder name: a v1.0 folder says v1.0."""
    said: Counter[str] = Counter()
    root = reader.root
    if root is None:
        return None
    for page in reader.listing("api"):
        try:
            text = (root / page).read_text("utf-8", errors="replace")
        except OSError:
            continue
        said.update(set(_VERSION.findall(text)))
    if not said:
        return None
    return ROOT + max(sorted(said), key=lambda v: said[v])
