"""The specs of one run agree: one service root, one type per path, one name per path parameter."""

from __future__ import annotations

from typing import Any

from generator.importer.agree import conflicts, specpaths
from generator.importer.agree.baseurls import base_urls
from generator.importer.agree.carried import carry_bound
from generator.importer.agree.specpaths import Key
from generator.importer.log import Log
from generator.importer.operations import routes
from generator.importer.specs.closure import Wanted
from generator.importer.types.context import Context

Built = tuple[Wanted, dict[str, Any], Log]
_ORDER = {
    kind: n for n, kind in enumerate(("list", "create", "get", "update", "delete"))
}


def unify(built: list[Built], ctx: Context, base_url: str | None = None) -> list[Built]:
    """Every entity of the run on one service root, each path claimed once, parameters named alike."""
    entities = [b for b in built if b[1]["kind"] == "entity"]
    base_urls(entities, ctx, base_url)
    _claims(entities, ctx)
    conflicts.settle(entities, ctx)
    _parameter_names(entities, ctx)
    return built


def _claims(entities: list[Built], ctx: Context) -> None:
    """A path two types claim stays with one: a base type over the types derived from it, else the
    type its last segment names; the others drop it (a decision)."""
    claims: dict[Key, list[tuple[str, Built]]] = {}
    for b in entities:
        for kind, path in specpaths.claimed(b[1]):
            claims.setdefault(specpaths.key(path), []).append((kind, b))
    losers: dict[int, dict[Key, str]] = (
        {}
    )  # a losing spec: each path it loses, and to whom
    for key, claimants in claims.items():
        names = {b[0].qualified for _, b in claimants}
        if len(names) < 2:
            continue
        keep = _winner(key, [b for _, b in claimants], ctx)
        for _, b in claimants:
            if b[0].qualified != keep:
                losers.setdefault(id(b), {})[key] = keep
    by_name = {b[0].qualified: b for b in entities}
    for b in entities:
        if id(b) in losers:
            for key, keep in sorted(losers[id(b)].items()):
                if keep in ctx.catalog.chain(b[0].qualified):
                    _carry(b, by_name[keep], key, ctx)
            _drop(b, set(losers[id(b)]), ctx)


def _winner(key: Key, claimants: list[Built], ctx: Context) -> str:
    """The type the path's last set names; among those, the base of the others; else the first."""
    names = sorted({b[0].qualified for b in claimants})
    segment = next((p for p in reversed(key) if p != "{}"), "")
    named = [n for n in names if routes.names([segment], n.rsplit(".", 1)[-1])]
    names = named or names
    chains = {n: ctx.catalog.chain(n) for n in names}
    bases = [n for n in names if all(n in chains[o] for o in names)]
    return (bases or names)[0]


def _carry(derived: Built, base: Built, key: Key, ctx: Context) -> None:
    """The operations a derived type's pages document on its base type's set, and the base's
    pages do not (a webApp created by a POST to mobileApps), become the base's: the set takes
    every type derived from its own (a decision)."""
    wanted, spec, _ = derived
    collections = {
        specpaths.key(p) for p in spec.get("paths", {}).get("collection", [])
    }
    target = "collection" if key in collections else "item"
    base_ops = base[1].setdefault("operations", {})
    for kind, op in spec.get("operations", {}).items():
        if op.get("target") == target and kind not in base_ops:
            base_ops[kind] = op
            if op.get("docs"):
                base[2].used(op["docs"])  # the base's spec names the page it came from
            name = wanted.qualified.rsplit(".", 1)[-1]
            base[2].decide(
                ctx.catalog.resource(base[0].qualified).page.file,
                1,
                f"operations.{kind}",
                f"from the page of {name} ({op.get('docs', 'its page')}), which sends it to "
                f"this type's set; the set takes every type derived from this one",
                rule="unify.derived-set-operation",
            )
    base[1]["operations"] = dict(
        sorted(base_ops.items(), key=lambda item: _ORDER.get(item[0], len(_ORDER)))
    )
    carry_bound(derived, base, target, key, ctx)


def _drop(built: Built, keys: set[Key], ctx: Context) -> None:
    """Take the paths another type keeps out of a spec; what no longer has a path goes too."""
    wanted, spec, log = built
    paths = spec.get("paths", {})
    single = [p for p in paths.get("single", []) if specpaths.key(p) not in keys]
    collection = [
        p
        for p in paths.get("collection", [])
        if specpaths.key(p) not in keys and specpaths.key(p + paths["item"]) not in keys
    ]
    dropped = [
        p
        for p in paths.get("collection", []) + paths.get("single", [])
        if p not in collection + single
    ]
    file = ctx.catalog.resource(wanted.qualified).page.file
    log.decide(
        file,
        1,
        "paths",
        f"{', '.join(dropped)}: another type of this import claims the same path; dropped here",
        rule="unify.path-claimed",
    )
    specpaths.without(spec, collection, single)


def _parameter_names(entities: list[Built], ctx: Context) -> None:
    """One name for the parameter at each place of the path tree: the key of the type whose set
    it is (when the set names it, else whose item path it is), else the name most paths give it.
    """
    votes: dict[Key, dict[str, set[str]]] = {}
    owners: dict[Key, str] = {}
    items: dict[Key, str] = {}  # the key of the type whose item path it is
    keys: dict[Key, set[str]] = {}
    for wanted, spec, _ in entities:
        for kind, path in specpaths.claimed(spec):
            parts = path.strip("/").split("/")
            for i, part in enumerate(parts):
                if not routes.is_param(part):
                    continue
                key = specpaths.key("/".join(parts[: i + 1]))
                votes.setdefault(key, {}).setdefault(part, set()).add(wanted.qualified)
                if kind == "item" and i == len(parts) - 1:
                    keys.setdefault(key, set()).add(part)
                    if routes.names(parts[:i], wanted.name):
                        owners.setdefault(key, part)
                    items.setdefault(key, part)
    chosen = {
        key: owners.get(key)
        or items.get(key)
        or max(
            sorted(names),
            key=lambda n: (len(names[n]), n in keys.get(key, set())),
        )
        for key, names in votes.items()
    }
    for built in entities:
        _rename(built, chosen, ctx)


def _rename(built: Built, chosen: dict[Key, str], ctx: Context) -> None:
    """Parameters named as chosen; the item parameter stays the spec's own: `_claims` left its
    item paths to this one type, so the names chosen there are its own."""
    wanted, spec, log = built
    paths = spec.get("paths", {})
    if not paths:
        return
    renamed: list[str] = []

    def named(path: str) -> str:
        parts = path.strip("/").split("/")
        for i, part in enumerate(parts):
            if routes.is_param(part):
                parts[i] = chosen.get(specpaths.key("/".join(parts[: i + 1])), part)
        new = "/" + "/".join(parts)
        if new != path:
            renamed.append(f"{path} -> {new}")
        return new

    for field in ("collection", "single"):
        if field in paths:
            paths[field] = list(dict.fromkeys(named(p) for p in paths[field]))
    if renamed:
        log.decide(
            ctx.catalog.resource(wanted.qualified).page.file,
            1,
            "paths",
            f"parameters named as the other specs of this import name them: {', '.join(renamed)}",
            rule="unify.parameters-renamed",
        )
    specpaths.parameters(spec)
