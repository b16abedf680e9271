"""Everything the named types need, transitively: base types, the complex types and enums they
use, and every type their actions, functions and streams take or return."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.importer.metadata import metaprops
from generator.importer.metadata.metaroutes import Routes
from generator.importer.operations import metabound
from generator.importer.operations.boundspec import needed
from generator.importer.types import metanav
from generator.importer.types.catalog import Catalog


@dataclass(frozen=True)
class Wanted:
    """A type of the run, why it is there, and the chain of types that led to it."""

    qualified: str
    why: str
    chain: tuple[str, ...]
    navigates: bool = False  # its navigation targets come too (`--with-navigation`)

    @property
    def name(self) -> str:
        return self.qualified.rsplit(".", 1)[-1]


def closure(
    catalog: Catalog,
    roots: list[str],
    navigating: set[str],
    routes: Routes | None = None,
) -> list[Wanted]:
    """The named types, then every type they need, each once, in the order they were found;
    the navigation targets of the roots in `navigating` (and of what they need) too. With the
    metadata's routes (import-metadata), the types of the operations bound to a type that has
    a path come too."""
    found: list[Wanted] = []
    seen: dict[str, bool] = {}  # by qualified name: whether its navigation was followed
    queue = deque(
        Wanted(q, "", (q.rsplit(".", 1)[-1],), q in navigating) for q in roots
    )
    while queue:
        wanted = queue.popleft()
        key = wanted.qualified.lower()
        if key in seen and (seen[key] or not wanted.navigates):
            continue
        if key not in seen:
            found.append(wanted)
        seen[key] = wanted.navigates
        queue.extend(_needs(catalog, wanted, wanted.navigates, routes))
    return found


def _needs(
    catalog: Catalog, wanted: Wanted, navigation: bool, routes: Routes | None
) -> Iterator[Wanted]:
    res = catalog.resource(wanted.qualified)
    name = res.name
    base = catalog.base(wanted.qualified).qualified
    if base:
        yield _next(wanted, base, f"base type of {name}")
    held = (
        catalog.kind(wanted.qualified) == "complex"
    )  # its navigation comes with its value
    listed = {m.name for m in (*res.properties, *res.relationships)}
    for member, target in _targets(catalog, wanted.qualified):
        kind = catalog.kind(target)
        if kind == "entity" and (navigation or (held and member in listed)):
            yield _next(wanted, target, f"navigation target of {name}.{member}")
        elif kind != "entity":
            word = "enum" if kind == "enum" else "complex type"
            yield _next(wanted, target, f"{word} of {name}.{member}")
    used_by = needed(catalog, wanted.qualified)
    if routes is not None and res.origin == "metadata" and routes.of(wanted.qualified):
        used_by = metabound.needed(catalog, wanted.qualified)
    for used, target in used_by:
        # An entity an operation takes or returns comes as a type, as a base type does: its
        # own navigation only with `--with-navigation`.
        yield _next(wanted, target, f"operation type of {name}.{used}")


def _targets(catalog: Catalog, qualified: str) -> Iterator[tuple[str, str]]:
    """(name, qualified type) of every row and metadata property whose type is a documented one."""
    res = catalog.resource(qualified)
    rows = [(m, "property") for m in res.properties]
    navigation = metanav.rows(catalog, qualified, list(res.relationships), None)
    rows += [(m, "navigation") for m in navigation]
    for member, what in rows:
        if member.name.startswith("@"):
            continue
        resolved = catalog.resolve(member, res, what)
        if not catalog.is_navigation(resolved, what):
            kept = metaprops.follow(catalog, qualified, member, resolved).resolved
            resolved = kept or replace(resolved, target=None)
        if resolved.target is not None and catalog.known(resolved.target):
            yield member.name, resolved.target
    for added in metaprops.added(catalog, qualified):
        if added.kept and added.typed and not added.typed.primitive:
            yield added.info.name, added.typed.name


def _next(wanted: Wanted, qualified: str, why: str) -> Wanted:
    chain = (*wanted.chain, qualified.rsplit(".", 1)[-1])
    return Wanted(qualified, why, chain, wanted.navigates)
