"""What a Methods row's page is about when it is not the type: another type it returns, a
property or navigation its routes address, or another entity its last set names."""

from __future__ import annotations

import re

from generator.importer.docs import inline
from generator.importer.docs.api import ApiPage
from generator.importer.docs.pages import link_target
from generator.importer.docs.resource import Method, ResourcePage
from generator.importer.operations.routes import is_param, names
from generator.importer.types.context import Context
from generator.odata.naming import singular

_TYPE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


def returns_other(res: ResourcePage, row: Method, api: ApiPage, ctx: Context) -> str:
    """The types a Methods row (else its page's Response section) says it returns, when it names
    types and none of them is this one. A link names the type its page documents, so
    `[Page](onenotepage.md)` is onenotePage, not a type called Page."""
    own = {n.lower() for n in names_of(res, ctx)}
    linked = [
        (text.strip("*` "), link_target(target, "resources"))
        for text, target in inline.links(row.returns, res.page.references)
    ]
    found = [_linked_type(text, path, ctx) for text, path in linked]
    found = [t for t in found if _TYPE.match(t)]
    if not found:
        found = [_linked_type(text, path, ctx) for text, path in api.returns]
        found = [t for t in found if _TYPE.match(t)]
    if not found or any(n.rsplit(".", 1)[-1].lower() in own for n in found):
        return ""
    return ", ".join(dict.fromkeys(found))


def _linked_type(text: str, path: str | None, ctx: Context) -> str:
    """The type a link's page documents, else the link's text."""
    documented = [
        d for d in ctx.catalog.index.by_file.get(path or "", []) if d.section is None
    ]
    return documented[0].name if documented else text


def returns_text(res: ResourcePage, row: Method) -> str:
    """A Methods row that says in words what it returns (`download Url`), not naming the type."""
    text = inline.plain(row.returns).strip()
    if not text or inline.links(row.returns, res.page.references):
        return ""
    if text.lower() in ("none", "no content") or res.name.lower() in text.lower():
        return ""
    return repr(text[:40])


def addresses(res: ResourcePage, parsed: list[list[str]], ctx: Context) -> str:
    """What a page's routes address when it is not the type: one of its properties (a content
    stream), one of its navigation properties, or, on a route through a set of the type,
    another entity their last set names (`.../items/{id}/permissions/{id}` on a driveItem).
    """
    own = [n.lower() for n in names_of(res, ctx)]
    if any(names(p, n) for p in parsed for n in own):
        return ""
    route = parsed[0]
    at = max((i for i, s in enumerate(route) if not is_param(s)), default=None)
    if at is None:
        return ""
    last = route[at]
    if last in {m.name for m in (*res.properties, *res.relationships)}:
        if last not in property_names(res, ctx):
            return f"its {last} navigation"
        if not is_param(route[-1]):
            return f"its {last} property"
    if (
        at >= 2
        and is_param(route[at - 1])
        and any(names(route[: at - 1], n) for n in own)
    ):
        return f"{last} of a {res.name}, which its page lists no relationship for"
    if not any(names(route[:at], n) for n in own):
        return ""  # a derived type's page may document its base type's set
    for word in dict.fromkeys((singular(last), last)):
        for found in ctx.catalog.index.find(word, res.namespace):
            if (
                found.name.lower() == word.lower()
                and ctx.kind(found.qualified) == "entity"
            ):
                return f"{found.name} (the type its last set names)"
    return ""


def property_names(res: ResourcePage, ctx: Context) -> set[str]:
    """The names of the type's rows that are values, not navigation."""
    return {
        m.name
        for m in res.properties
        if not ctx.catalog.is_navigation(
            ctx.catalog.resolve(m, res, "property"), "property"
        )
    }


def names_of(res: ResourcePage, ctx: Context) -> list[str]:
    """The type's name and its base types' names: a route naming any of them is about it."""
    qualified = f"{res.namespace}.{res.name}"
    return [q.rsplit(".", 1)[-1] for q in ctx.catalog.chain(qualified)] + [res.name]


def says_one(row: Method, api: ApiPage) -> bool:
    """A GET without a key that returns one object: a singleton or a single-valued navigation."""
    returns = inline.plain(row.returns).lower()
    listed = row.title.lower().startswith("list") or "collection" in returns
    return bool(returns) and not listed and not api.says_collection


def other_subject(
    res: ResourcePage, prefix: list[str], own: list[str], ctx: Context
) -> str:
    """What the path before an operation's name addresses when it is not the type, else "".

    A path must not end with one of the type's navigation properties (`/drives/{id}/root` is a
    drive's root driveItem); a set, keyed or not, must not be named for another entity
    (`/applications/{id}` on a servicePrincipal, `.../messages` on a channel). A singleton or a
    single-valued navigation (`/me/planner`) says nothing of its type: it is taken as this one.
    """
    keyed = is_param(prefix[-1])
    segment = prefix[-2] if keyed and len(prefix) > 1 else prefix[-1]
    if is_param(segment):
        return ""
    if segment in navigation_names(res, ctx) and not keyed:
        return f"its {segment} navigation"
    if any(names([segment], n) for n in own):
        return ""
    if not keyed and singular(segment) == segment:
        return ""
    for word in dict.fromkeys((singular(segment), segment)):
        for found in ctx.catalog.index.find(word, res.namespace):
            if (
                found.name.lower() == word.lower()
                and ctx.kind(found.qualified) == "entity"
            ):
                return f"{found.name} (the type {segment} names)"
    return ""


def navigation_names(res: ResourcePage, ctx: Context) -> set[str]:
    """The names of the type's relationships and of its rows whose type is an entity."""
    values = property_names(res, ctx)
    return {m.name for m in (*res.properties, *res.relationships)} - values
