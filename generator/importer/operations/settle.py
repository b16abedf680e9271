"""Which of the pages a type's Methods table links are about it: their routes name it, or go
through the paths its own pages give it; the others are skipped (a decision at the row).
"""

from __future__ import annotations

from dataclasses import replace

from generator.importer.docs.resource import ResourcePage
from generator.importer.log import Log
from generator.importer.operations import routes, subject
from generator.importer.operations.linked import OWN, Linked
from generator.importer.types.context import Context
from generator.odata.naming import singular, split_words


def settled(
    res: ResourcePage, linked: list[Linked], ctx: Context, log: Log
) -> list[Linked]:
    """The pages about the type, in the Methods table's order.

    A list, create, get, update or delete page whose routes all go to sets named for another
    entity is that entity's, when other pages name the type (`POST /me/messages` on the calendar
    page). A page of
    navigation, an action, a function, a stream or a reference keeps the routes that go through
    a path the type's own pages give it, or that name it; when the type has no such path, every
    route it has (a singleton's: `/search/query`).
    """
    own = subject.names_of(res, ctx)
    crud = [p for p in linked if p.kind in OWN]
    naming = any(_names(list(r), own) for p in crud for r in p.prefixes)
    known: set[str] = set()
    kept: dict[int, Linked] = {}
    for page in crud:
        whys = [_foreign(res, page, list(r), own, ctx) for r in page.prefixes]
        if naming and page.prefixes and all(whys):
            _skip("operation.addresses-other-type", res, page, whys[0], log)
            continue
        through = tuple(r for r, w in zip(page.prefixes, whys, strict=True) if not w)
        kept[id(page)] = replace(page, prefixes=through) if naming else page
        for route in kept[id(page)].prefixes:
            known.add(_shape(route))
            if route and routes.is_param(route[-1]):
                known.add(_shape(route[:-1]))
    for page in (p for p in linked if p.kind not in OWN):
        through = tuple(r for r in page.prefixes if _through(r, own, known))
        if page.prefixes and not through:
            _skip(
                "operation.no-path-leads",
                res,
                page,
                f"no path of {res.name} leads there",
                log,
            )
            continue
        kept[id(page)] = replace(page, prefixes=through)
    return [kept[id(p)] for p in linked if id(p) in kept]


def _foreign(
    res: ResourcePage, page: Linked, route: list[str], own: list[str], ctx: Context
) -> str:
    """Why a route of a list, create, get, update or delete page is another type's, else "":
    a set named for another entity, or a list or create at a name that is no set (`.../reply`).
    """
    why = subject.other_subject(res, route, own, ctx)
    if why or _names(route, own):
        return why
    keyed = bool(route) and routes.is_param(route[-1])
    if len(route) < 1 + keyed:
        return ""  # a key at the service root: no path at all (a decision of its own)
    last = route[-2] if keyed else route[-1]
    plural = singular(last) != last
    if (keyed or plural) and not _loosely(last, own):
        return f"{last}, a set not named for it"
    if page.kind in ("list", "create") and not plural:
        return f"{last}, which is no set"
    return ""


def _loosely(segment: str, own: list[str]) -> bool:
    """The segment's last word, singular, is the last word of the type's name or a base's:
    `assignmentCategories` for educationCategory, `b2xUserFlows` for b2xIdentityUserFlow.
    """
    words = split_words(segment)
    last = singular(words[-1]) if words else ""
    return any(split_words(n)[-1:] == [last] for n in own)


def _through(route: tuple[str, ...], own: list[str], known: set[str]) -> bool:
    """A route goes through the type's paths: any, when its pages give none; else one of them,
    an item of a set named exactly for it (`/drive/items/{id}` is a driveItem's only when its
    pages say so: listItems are `items` too), or a single path named for it."""
    if not known or _shape(route) in known:
        return True
    if route and routes.is_param(route[-1]):  # an item of a set its pages do not give
        return len(route) > 1 and singular(route[-2]).lower() in {
            n.lower() for n in own
        }
    return _names(list(route), own)


def _names(route: list[str], own: list[str]) -> bool:
    """The set before a key, or the last segment, is named for the type or a base type."""
    if route and routes.is_param(route[-1]):
        route = route[:-1]
    return bool(route) and any(routes.names(route[-1:], n) for n in own)


def _shape(route: tuple[str, ...] | list[str]) -> str:
    return "/".join("{}" if routes.is_param(p) else p.lower() for p in route)


def _skip(rule: str, res: ResourcePage, page: Linked, why: str, log: Log) -> None:
    shown = routes.join(page.prefixes[0]) if page.prefixes else page.file
    log.decide(
        res.page.file,
        page.row.line,
        "operations",
        f"{page.row.title!r} skipped: its routes address {shown} ({why}), not {res.name}",
        rule=rule,
    )
