"""Where an entity lives: collection and item paths, their parameters' types, the service root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.importer import routes
from generator.importer.classify import Linked
from generator.importer.log import Log
from generator.importer.resource import ResourcePage
from generator.odata.naming import singular


@dataclass
class Paths:
    """Where an entity is: collection paths with one item path, and routes with no key (single)."""

    collection: list[str] = field(default_factory=list)
    item: str | None = None
    single: list[str] = field(default_factory=list)
    # Collection paths no list page nor keyed route shows: a create, or a plural segment read
    # without a key. Another spec's single-valued navigation there overrules them.
    guessed: list[str] = field(default_factory=list)

    def spec(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.collection and self.item:
            found = {"collection": self.collection, "item": self.item}
        if self.single:
            found["single"] = self.single
        return found

    def all(self) -> list[str]:
        return [*self.collection, *([self.item] if self.item else []), *self.single]

    def serves(self, kind: str) -> bool:
        """list and create need a collection; get, update and delete an item or a single path."""
        if kind in ("list", "create"):
            return bool(self.collection)
        return bool(self.collection or self.single)


def paths(res: ResourcePage, own: list[Linked], log: Log) -> Paths:
    """Collection paths from list/create (then get/update/delete) routes; single paths; the item key."""
    found = Paths()
    shown: list[list[str]] = []  # sets a list page or a keyed route shows
    for page in own:
        at = f"operations.{page.kind}"
        kept = _about(res.name, _readable(page, at, log), page, at, log)
        if page.kind in ("list", "create"):
            sets = [p for p in kept if not routes.is_param(p[-1])]
            _add(found.collection, sets, res.name, page, at, log)
            if page.kind == "create":
                _add(found.guessed, sets, res.name, page, at, None)
            else:
                shown.extend(sets)
        elif page.kind in ("get", "update", "delete"):
            keyed = [p for p in kept if routes.is_param(p[-1])]
            _add(found.collection, keyed, res.name, page, at, log, keyed=True)
            shown.extend(p[:-1] for p in keyed)
            unkeyed = [p for p in kept if not routes.is_param(p[-1])]
            plural = [p for p in unkeyed if _plural_of(p[-1], res.name)]
            _add(found.collection, plural, res.name, page, at, log)
            _add(found.guessed, plural, res.name, page, at, None)
            _add(
                found.single,
                [p for p in unkeyed if p not in plural],
                res.name,
                page,
                at,
                log,
            )
    found.single = [p for p in found.single if p not in found.collection]
    listed = {routes.join(routes.rename_ids(p, None)[0]) for p in shown}
    found.guessed = [p for p in found.guessed if p not in listed]
    if found.collection:
        found.item = "/{" + res.name + "Id}"
        _not_nested(found, res, log)
        if not any(p.kind in ("get", "update", "delete") for p in own):
            log.decide(
                res.page.file,
                1,
                "paths.item",
                f"no get/update/delete route; the item path is {found.item}",
            )
    return found


def _not_nested(found: Paths, res: ResourcePage, log: Log) -> None:
    """A set of the type under an item of the type (`childFolders` of a folder) would name the key
    twice in one path: such paths are left out (a decision)."""
    key = found.item[1:] if found.item else ""
    nested = [p for p in found.collection if key in p.split("/")]
    if nested:
        found.collection = [p for p in found.collection if p not in nested]
        log.decide(
            res.page.file,
            1,
            "paths.collection",
            f"{', '.join(nested)} skipped: a set of {res.name} under an item of {res.name} would "
            f"name {key} twice in one path",
        )
        if not found.collection:
            found.item = None


def _readable(page: Linked, at: str, log: Log) -> list[list[str]]:
    """The page's routes the builders can express; each other one is skipped (a decision)."""
    kept: list[list[str]] = []
    for route in page.api.routes:
        if route.method != page.method:
            continue
        parts, why = routes.readable(route.path)
        if parts is None or (len(parts) == 1 and routes.is_param(parts[0])):
            log.decide(
                page.file,
                route.line,
                at,
                f"route {route.path[:80]!r} skipped: {why or 'a key at the service root'}",
            )
        else:
            kept.append(parts)
    return kept


def _about(
    name: str, found: list[list[str]], page: Linked, at: str, log: Log
) -> list[list[str]]:
    """The routes whose set or segment names the type, when some do: a page that lists the routes
    of other types too (an extension created with its owner) keeps its own."""
    named = [p for p in found if routes.names(p, name)]
    if not named or len(named) == len(found):
        return found
    others = [routes.join(p) for p in found if p not in named]
    log.decide(
        page.file,
        page.api.routes[0].line,
        at,
        f"{len(others)} route(s) skipped: they address other types than {name} "
        f"({', '.join(others[:4])}{', ...' if len(others) > 4 else ''})",
    )
    return named


def _add(
    found: list[str],
    new: list[list[str]],
    name: str,
    page: Linked,
    at: str,
    log: Log | None,
    *,
    keyed: bool = False,
) -> None:
    renamed: list[str] = []
    for parts in new:
        named, changed = routes.rename_ids(parts, name if keyed else None)
        path = routes.join(named[:-1] if keyed else named)
        if changed:
            renamed.append(routes.join(named))
        if path not in found and path != "/":
            found.append(path)
    if renamed and log is not None:
        log.decide(
            page.file,
            page.api.routes[0].line,
            at,
            f"{{id}} placeholders renamed: {', '.join(dict.fromkeys(renamed))}",
        )


def _plural_of(segment: str, name: str) -> bool:
    """`presences` for presence: a set of the type, reached without a key."""
    return segment != singular(segment) and singular(segment).lower() == name.lower()


def base_url(res: ResourcePage, own: list[Linked], log: Log) -> str | None:
    """beta unless every example request says v1.0; None when none names a version."""
    versions = [(v, page.file, n) for page in own for v, n in page.api.versions]
    if versions and all(v == "v1.0" for v, _, _ in versions):
        return "https://graph.microsoft.com/v1.0"
    older = [(f, n) for v, f, n in versions if v == "v1.0"]
    if older:
        log.decide(
            *older[0],
            "baseUrl",
            "beta, as the other example requests say; this one says v1.0",
        )
    elif not versions:
        return None
    return "https://graph.microsoft.com/beta"


def parameters(
    paths: Sequence[str], financials: bool, log: Log, file: str, line: int
) -> dict[str, str]:
    """The type of every path parameter: Guid for financials ids (a decision), String otherwise."""
    names: list[str] = []
    for path in paths:
        for part in path.strip("/").split("/"):
            if routes.is_param(part) and routes.param(part) not in names:
                names.append(routes.param(part))
    guids = [n for n in names if financials and n.endswith("Id")]
    if guids:
        log.decide(
            file,
            line,
            "parameters",
            f"Guid for {', '.join(guids)}: financials ids are Guids in the "
            "service metadata; the pages do not say",
        )
    return {n: "Guid" if n in guids else "String" for n in names}
