"""The render-ready model, each part built again only when something it read has changed.

Two kinds of unit: the request builders of the whole package (`navigation`), and each type's
model (`resource <type>`). A unit is built from a schema that records what is read through
it; its key is the digests of those reads and of the values it was given (the route tree,
the service root, a type's route and whether it asks for late enum members). A later run
computes the key again from the recorded reads: the same key is the same result, taken from
the cache instead of built. A type's model taken from the cache is decoded only when
something reads more of it than its names (its files are rendered again, or a template of
the package reads it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import msgspec

from generator.check.pathtree import Node
from generator.check.schema import Schema, TypeDef
from generator.model.cache import ModelCache
from generator.model.digests import Digests, tree_digest, value_digest
from generator.model.escape import Code
from generator.model.evolvable import asking_types, prefer_unknown_members
from generator.model.navigation import Navigation, build_navigation
from generator.model.reads import WHOLE, recording
from generator.model.resources import Resource, build_resource


class Builders(msgspec.Struct, array_like=True, frozen=True):
    """The request builders, and the key of each module's classes (what its file renders)."""

    navigation: Navigation
    modules: dict[str, str]
    key: str = ""


def navigation(
    schema: Schema, tree: Node, digests: Digests, cache: ModelCache
) -> Builders:
    """The request builders of every route in the tree. Which types can hold late enum
    members is found from every type's properties: it is given to the builders, so that
    they are not built again for an edit of a property that leaves it as it was."""
    asking = asking_types(schema)
    unit, given = "navigation", (tree_digest(tree), schema.base_url, sorted(asking))
    reads = cache.reads(unit)
    key = None if reads is None else digests.key(unit, reads, given)
    found = None if key is None else cache.get(unit, key, Builders)
    if found is not None:
        return found
    view, seen = recording(schema)
    built = build_navigation(view, tree, asking)
    modules = {c.module for c in built.classes}
    key = digests.key(unit, seen, given)
    keys = {str(m): value_digest(built.in_module(m)) for m in sorted(modules)}
    found = Builders(built, keys, key)
    cache.put(unit, tuple(sorted(seen)), key, found)
    return found


class Stored(msgspec.Struct, array_like=True, frozen=True):
    """A type's model as the cache keeps it: its names, the digest of each attribute, and
    the model itself, decoded when first needed."""

    module: str
    kind: str
    class_name: str
    digests: dict[str, str]
    resource: msgspec.Raw


@dataclass(frozen=True)
class Models:
    """Every type's model (sorted by module), and by module its key and attributes' digests."""

    resources: list[Resource]
    keys: dict[str, str]
    digests: dict[str, dict[str, str]]


def resources(
    schema: Schema, routes: Navigation, digests: Digests, cache: ModelCache
) -> Models:
    """Every type's model: the ones whose key is recorded taken from the cache."""
    asking = prefer_unknown_members(schema)
    found = Models([], {}, {})
    for t in schema:
        unit = f"resource {t.qualified}"
        route, asks = routes.routes.get(t.qualified), t.qualified in asking
        given = (route, asks, schema.base_url)
        reads = cache.reads(unit)
        key = None if reads is None else digests.key(unit, reads, given)
        stored = None if key is None else cache.get(unit, key, Stored)
        if stored is None or key is None:
            view, seen = recording(schema)
            r: Resource = build_resource(t, view, route, asks)  # reads all of its type
            seen.add((t.qualified, WHOLE))
            key = digests.key(unit, seen, given)
            stored = _stored(r)
            cache.put(unit, tuple(sorted(seen)), key, stored)
        else:
            r = _lazy(stored, _loader(cache, t, schema, route, asks))
        found.resources.append(r)
        found.keys[stored.module] = key
        found.digests[stored.module] = stored.digests
    found.resources.sort(key=lambda r: r.module)
    return found


def _loader(
    cache: ModelCache, t: TypeDef, schema: Schema, route: Any, asks: bool
) -> Callable[[msgspec.Raw], Resource]:
    """Decodes a cached model; one the cache holds damaged is built again."""

    def load(data: msgspec.Raw) -> Resource:
        try:
            return cache.decode(data, Resource)
        except msgspec.DecodeError:
            return build_resource(t, schema, route, asks)

    return load


_FIELDS = tuple(f.name for f in dataclasses.fields(Resource))
_ENCODER = msgspec.msgpack.Encoder(enc_hook=str)


def _stored(r: Resource) -> Stored:
    attributes = {name: value_digest(getattr(r, name)) for name in _FIELDS}
    data = msgspec.Raw(_ENCODER.encode(r))
    return Stored(str(r.module), r.kind, str(r.class_name), attributes, data)


class _Lazy(Resource):
    """A cached model: its module, kind and class at hand, the rest decoded on first read."""

    def __getattr__(self, name: str) -> Any:
        if name not in _FIELDS:
            raise AttributeError(name)
        state = self.__dict__
        full = state.pop("_load")(state.pop("_data"))
        for field in _FIELDS:
            state.setdefault(field, getattr(full, field))
        return state[name]


def _lazy(stored: Stored, load: Callable[[msgspec.Raw], Resource]) -> Resource:
    r = object.__new__(_Lazy)
    r.__dict__.update(
        module=Code(stored.module),
        kind=stored.kind,
        class_name=Code(stored.class_name),
        _load=load,
        _data=stored.resource,
    )
    return r
