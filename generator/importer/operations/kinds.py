"""The kinds of operation beyond a type's own CRUD, each from the routes of its page: an action,
a function, a media stream, a reference; and the paths before them that address the type.
"""

from __future__ import annotations

from generator.importer.docs import inline
from generator.importer.docs.api import ApiPage
from generator.importer.docs.resource import Method, ResourcePage
from generator.importer.operations import bound, subject, tails
from generator.importer.operations.linked import Linked, Skip
from generator.importer.operations.opsmeta import declared
from generator.importer.operations.routes import is_param, names
from generator.importer.operations.tails import Address
from generator.importer.types.context import Context


def action(
    res: ResourcePage,
    row: Method,
    api: ApiPage,
    parsed: list[list[str]],
    ctx: Context,
    skip: Skip,
) -> Linked | None:
    """A POST to a name: bound to a set of the type, else to an item (a key, a singleton)."""
    name = bound.operation_name(parsed[0][-1])
    if not bound.is_name(name):
        skip("action.bad-name", f"{name!r} is not an action name")
        return None
    prefixes = own(res, [p[:-1] for p in parsed if len(p) > 1], ctx, skip)
    if prefixes is None:
        return None
    binding = bound.binding(list(prefixes[0]), res.name)
    return Linked(row, api, "action", name, "POST", binding, prefixes)


def function(
    res: ResourcePage,
    row: Method,
    api: ApiPage,
    verb: str,
    found: list[Address],
    ctx: Context,
    skip: Skip,
) -> Linked | None:
    """`GET .../name(a=...)`, `GET .../delta`, or a GET of a name the page calls a function."""
    called = found[0].tail == tails.CALL
    name = bound.operation_name(found[0].name if called else found[0].last)
    if verb != "GET" or not bound.is_name(name):
        skip(
            "action.bad-function",
            f"{name!r} is not a function name, or not called with GET",
        )
        return None
    paths = [a.parts if called else a.parts[:-1] for a in found if a.parts]
    if not any(paths):
        skip(
            "action.service-root",
            f"{name} is called on the service root, not on {res.name}",
        )
        return None
    prefixes = own(res, [p for p in paths if p], ctx, skip)
    if prefixes is None:
        return None
    binding = bound.binding(list(prefixes[0]), res.name)
    arguments = tuple(dict.fromkeys(k for a in found for k in a.arguments))
    return Linked(
        row, api, "function", name, verb, binding, prefixes, arguments=arguments
    )


def own(
    res: ResourcePage, prefixes: list[list[str]], ctx: Context, skip: Skip
) -> tuple[tuple[str, ...], ...] | None:
    """The paths before an operation's name that address the type: a key after a set named for
    it (or a base type), or a single path that is neither a property of the type nor named for
    another entity; None (skipped) when none does."""
    own = subject.names_of(res, ctx)
    kept, other = [], ""
    for prefix in prefixes:
        why = subject.other_subject(res, prefix, own, ctx)
        if why:
            other = other or why
        else:
            kept.append(tuple(prefix))
    if not kept:
        other = other or "the service root"  # no route has a path before its name
        skip(
            "operation.addresses-other-type",
            f"its routes address {other}, not {res.name}",
        )
        return None
    return tuple(kept)


def function_like(
    res: ResourcePage, row: Method, api: ApiPage, found: list[Address], ctx: Context
) -> bool:
    """A GET of a name that is no navigation property, no set of the type and no key, on a page
    that calls it a function or names it in its title (`Range: UsedRange`)."""
    last = found[0].last
    if is_param(last) or last in {m.name for m in res.relationships}:
        return False
    if names([last], res.name) or not found[0].parts or len(found[0].parts) < 2:
        return False
    qualified = f"{res.namespace}.{res.name}"
    if declared(ctx.catalog.service, ctx.catalog, qualified, last, "function"):
        return True  # the metadata declares a function of that name bound to the type
    return bound.says_function(row, api, found)


def stream(
    res: ResourcePage,
    row: Method,
    api: ApiPage,
    verb: str,
    found: list[Address],
    ctx: Context,
    skip: Skip,
) -> Linked | None:
    """`$value` or `content`: the entity's bytes, read (GET) or replaced (PUT)."""
    stream = found[0]
    name = stream.tail or stream.last
    paths = [a.parts if a.tail else a.parts[:-1] for a in found if a.parts]
    prefixes = own(res, [p for p in paths if p], ctx, skip)
    if prefixes is None:
        return None
    op = "get" if verb == "GET" else "put"
    return Linked(row, api, "stream", name, verb, prefixes=prefixes, op=op)


def reference(
    res: ResourcePage,
    row: Method,
    api: ApiPage,
    verb: str,
    found: list[Address],
    ctx: Context,
    skip: Skip,
) -> Linked | None:
    """`.../members/$ref` (get, post; put on a single value) or `.../members/{id}/$ref`
    (delete): the references of one of the type's navigation properties."""
    parts = found[0].parts or []
    keyed = bool(parts) and is_param(parts[-1])
    navigation = parts[-2] if keyed and len(parts) > 1 else parts[-1] if parts else ""
    if navigation not in {m.name for m in (*res.relationships, *res.properties)}:
        skip(
            "navigation.ref-not-navigation",
            f"$ref of {navigation!r}, which is no navigation property of {res.name}",
        )
        return None
    op = {"GET": "get", "POST": "post", "PUT": "put", "DELETE": "delete"}[verb]
    cut = -2 if keyed else -1
    owners = own(
        res, [a.parts[:cut] for a in found if a.parts and a.parts[:cut]], ctx, skip
    )
    if owners is None:
        return None
    return Linked(row, api, "ref", navigation, verb, prefixes=owners, op=op)


def alternate(found: list[Address], res: ResourcePage, ctx: Context) -> list[Address]:
    """`/users(userPrincipalName='{upn}')`: a call of a set of the type with arguments that are its
    properties is its item by an alternate key."""
    props = subject.property_names(res, ctx)
    result = []
    for a in found:
        keys = a.arguments
        if (
            a.tail == tails.CALL
            and keys
            and all(k in props for k in keys)
            and bound.is_set_of(a.name, res.name)
            and a.parts is not None
        ):
            key = "{" + res.name + "Id}"
            a = Address([*a.parts, a.name, key], arguments=keys, by_path=a.by_path)
        result.append(a)
    return result


def cells(res: ResourcePage) -> dict[str, str]:
    """The type cell of each of the type's rows, as plain text."""
    return {m.name: inline.plain(m.type) for m in res.properties}
