"""Where an entity lives: collection and item paths, their parameters' types, the service root."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.operations import routes, tails
from generator.importer.operations.linked import BOUND, OWN, Linked
from generator.odata.naming import singular


@dataclass
class Paths:
    """Where an entity is: collection paths with one item path, and routes with no key (single)."""

    collection: list[str] = field(default_factory=list)
    item: str | None = None
    single: list[str] = field(default_factory=list)
    alternate: list[str] = field(default_factory=list)  # alternate keys of the items
    by_path: bool = False  # items addressed by path below an item (`root:/a/b.txt:`)
    # Collection paths no list page nor keyed route shows: a create, or a plural segment read
    # without a key. Another spec's single-valued navigation there overrules them.
    guessed: list[str] = field(default_factory=list)

    def spec(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.collection and self.item:
            found = {"collection": self.collection, "item": self.item}
            if self.alternate:
                found["alternateKeys"] = self.alternate
        if self.single:
            found["single"] = self.single
        if self.by_path and found:
            found["byPath"] = True
        return found

    def all(self) -> list[str]:
        return [*self.collection, *([self.item] if self.item else []), *self.single]

    def serves(self, kind: str) -> bool:
        """list and create need a collection; get, update and delete an item or a single path."""
        if kind in ("list", "create"):
            return bool(self.collection)
        return bool(self.collection or self.single)


def paths(res: ResourcePage, linked: list[Linked], log: Log) -> Paths:
    """Collection paths from list/create (then get/update/delete) routes; single paths; the item
    key; and the paths of the type that navigation, actions, functions, streams and references
    go through (`/me/onenote` of `GET /me/onenote/notebooks`)."""
    found = Paths()
    shown: list[list[str]] = []  # sets a list page or a keyed route shows
    for page in linked:
        at = _at(page)
        _unreadable(page, at, log)
        kept = _about(res.name, [list(p) for p in page.prefixes if p], page, at, log)
        keyed = [p for p in kept if routes.is_param(p[-1])]
        unkeyed = [p for p in kept if not routes.is_param(p[-1])]
        if page.kind in ("list", "create"):
            _add(found.collection, unkeyed, res.name, page, at, log)
            if page.kind == "create":
                _add(found.guessed, unkeyed, res.name, page, at, None)
            else:
                shown.extend(unkeyed)
            continue
        _add(found.collection, keyed, res.name, page, at, log, keyed=True)
        shown.extend(p[:-1] for p in keyed)
        if page.bound == "collection" and page.kind in BOUND:
            _add(found.collection, unkeyed, res.name, page, at, log)
            _add(found.guessed, unkeyed, res.name, page, at, None)
            continue
        plural = [p for p in unkeyed if _plural_of(p[-1], res.name)]
        _add(found.collection, plural, res.name, page, at, log)
        _add(found.guessed, plural, res.name, page, at, None)
        single = [p for p in unkeyed if p not in plural]
        _add(found.single, single, res.name, page, at, log)
    found.single = [p for p in found.single if p not in found.collection]
    listed = {routes.join(routes.rename_ids(p, None)[0]) for p in shown}
    found.guessed = [p for p in found.guessed if p not in listed]
    found.alternate = list(dict.fromkeys(k for p in linked for k in p.alternate))
    found.by_path = any(p.by_path for p in linked)
    if found.collection:
        found.item = "/{" + res.name + "Id}"
        _not_nested(found, res, log)
        if not any(p.kind in ("get", "update", "delete") for p in linked):
            log.decide(
                res.page.file,
                1,
                "paths.item",
                f"no get/update/delete route; the item path is {found.item}",
                rule="route.item-path",
            )
    return found


def rebound(linked: list[Linked], found: Paths) -> list[Linked]:
    """An action or function the page sends to a path that another page lists or creates at (a
    collection path of the type) binds to the set, not to an item."""
    sets = {_shape(p) for p in found.collection}
    return [
        (
            replace(page, bound="collection")
            if page.kind in BOUND
            and page.bound == "item"
            and page.prefixes
            and all(_shape(routes.join(p)) in sets for p in page.prefixes)
            else page
        )
        for page in linked
    ]


def _shape(path: str) -> str:
    """A path with its parameters unnamed."""
    return "/".join(
        "{}" if routes.is_param(p) else p for p in path.strip("/").split("/")
    )


def _at(page: Linked) -> str:
    """Where a page's decisions go in the spec: `operations.get`, `actions.forward`, ..."""
    if page.kind in BOUND:
        return f"{page.kind}s.{page.name}"
    if page.kind in ("navigation", "ref", "item"):
        return f"navigation.{page.name}"
    if page.kind == "stream":
        return f"streams.{page.name}"
    return f"operations.{page.kind}"


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
            rule="route.key-twice",
        )
        if not found.collection:
            found.item = None


def _unreadable(page: Linked, at: str, log: Log) -> None:
    """Each route of the page the builders cannot express, or that is not the operation the page
    documents (a `$value` among the routes of a get), is skipped (a decision)."""
    for route in page.api.routes:
        if route.method != page.method:
            continue
        found = tails.address(route.path)
        why = found.why
        if found.arguments and set(found.arguments) <= set(page.alternate):
            continue  # an item by an alternate key: `/users(userPrincipalName='{upn}')`
        if found.parts is not None and found.tail not in tails.expected(page.kind):
            why = tails.unexpected(found)
        elif found.by_path and found.after and page.kind in OWN:
            why = tails.BY_PATH_THEN_MORE
        elif found.parts is not None and len(found.parts) == 1:
            why = "a key at the service root" if routes.is_param(found.parts[0]) else ""
        if why:
            log.decide(
                page.file,
                route.line,
                at,
                f"route {route.path[:80]!r} skipped: {why}",
                rule="route.unexpressible",
            )


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
        rule="route.other-types",
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
            rule="route.placeholders-renamed",
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
            rule="route.beta",
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
            rule="route.financials-guid",
        )
    return {n: "Guid" if n in guids else "String" for n in names}
