"""Everything the named types need, transitively: base types, the complex types and enums they use."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.importer import metadata
from generator.importer.boundspec import needed
from generator.importer.catalog import Catalog


@dataclass(frozen=True)
class Wanted:
    """A type of the run, why it is there, and the chain of types that led to it."""

    qualified: str
    why: str
    chain: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.qualified.rsplit(".", 1)[-1]


def closure(catalog: Catalog, roots: list[str], with_navigation: bool) -> list[Wanted]:
    """The named types, then every type they need, each once, in the order they were found."""
    found: list[Wanted] = []
    seen: set[str] = set()
    queue = deque(Wanted(q, "", (q.rsplit(".", 1)[-1],)) for q in roots)
    while queue:
        wanted = queue.popleft()
        if wanted.qualified.lower() in seen:
            continue
        seen.add(wanted.qualified.lower())
        found.append(wanted)
        queue.extend(_needs(catalog, wanted, with_navigation))
    return found


def _needs(catalog: Catalog, wanted: Wanted, navigation: bool) -> Iterator[Wanted]:
    res = catalog.resource(wanted.qualified)
    name = res.name
    base = catalog.base(wanted.qualified).qualified
    if base:
        yield _next(wanted, base, f"base type of {name}")
    held = (
        catalog.kind(wanted.qualified) == "complex"
    )  # its navigation comes with its value
    for member, target in _targets(catalog, wanted.qualified):
        kind = catalog.kind(target)
        if kind == "entity" and (navigation or held):
            yield _next(wanted, target, f"navigation target of {name}.{member}")
        elif kind != "entity":
            word = "enum" if kind == "enum" else "complex type"
            yield _next(wanted, target, f"{word} of {name}.{member}")
    for used, target in needed(catalog, wanted.qualified):
        kind = catalog.kind(target)
        if kind != "entity" or navigation:
            yield _next(wanted, target, f"{kind} type of {name}.{used}")


def _targets(catalog: Catalog, qualified: str) -> Iterator[tuple[str, str]]:
    """(name, qualified type) of every row and metadata property whose type is a documented one."""
    res = catalog.resource(qualified)
    rows = [(m, "property") for m in res.properties]
    rows += [(m, "navigation") for m in res.relationships]
    for member, what in rows:
        if member.name.startswith("@"):
            continue
        resolved = catalog.resolve(member, res, what)
        if not catalog.is_navigation(resolved, what):
            kept = metadata.follow(catalog, qualified, member, resolved).resolved
            resolved = kept or replace(resolved, target=None)
        if resolved.target is not None and catalog.known(resolved.target):
            yield member.name, resolved.target
    for added in metadata.added(catalog, qualified):
        if added.kept and added.typed and not added.typed.primitive:
            yield added.info.name, added.typed.name


def _next(wanted: Wanted, qualified: str, why: str) -> Wanted:
    return Wanted(qualified, why, (*wanted.chain, qualified.rsplit(".", 1)[-1]))
