"""An entity's paths, operations and stream from the metadata alone: its routes from the
entity container, what their capability annotations allow, its bytes when it is a media entity.
Each is a decision at the metadata line it comes from; its actions and functions:
`operations.metabound`.
"""

from __future__ import annotations

from typing import Any

from generator.importer.log import Log
from generator.importer.metadata.metaroutes import Route, parameter
from generator.importer.operations.entries import QUERY
from generator.odata.edm import CAPABILITIES, Metadata, TypeInfo

# Operation kind -> the capability term and property that may forbid it.
_RESTRICTION = {
    "create": ("InsertRestrictions", "Insertable"),
    "update": ("UpdateRestrictions", "Updatable"),
    "delete": ("DeleteRestrictions", "Deletable"),
}
_KEYS = {"Edm.Guid": "Guid", "Edm.Int32": "Int32", "Edm.Int64": "Int64"}
_AUTHORIZATION = {"name": "Authorization", "value": "Bearer {token}", "required": True}
_JSON = {"name": "Content-Type", "value": "application/json", "required": True}
_IF_MATCH = {"name": "If-Match", "value": "{etag}", "required": False}


def paths(
    metadata: Metadata, info: TypeInfo, routes: list[Route], depth: int, log: Log
) -> dict[str, Any]:
    """The spec's paths and parameters: the sets with one item path, and the single paths."""
    file = metadata.file
    sets = [r.path for r in routes if r.collection]
    single = [r.path for r in routes if not r.collection]
    found: dict[str, Any] = {}
    if sets:
        found = {"collection": sets, "item": "/" + parameter(info)}
    if single:
        found["single"] = single
    if not found:
        log.decide(
            file,
            info.line,
            "paths",
            f"none: no entity set, singleton or contained navigation of the metadata leads "
            f"to it within {depth} step(s); navigation reaches it",
            rule="metadata.no-paths",
        )
        return {}
    shown = ", ".join(f"{r.path} ({file}:{r.line})" for r in routes[:3])
    more = f", and {len(routes) - 3} more" if len(routes) > 3 else ""
    log.decide(
        file,
        info.line,
        "paths",
        f"from the entity container: {shown}{more}",
        rule="metadata.paths",
    )
    return {"paths": found, "parameters": _parameters(metadata, found)}


def _parameters(metadata: Metadata, found: dict[str, Any]) -> dict[str, str]:
    """Each parameter's type: the key type of the entity whose item it addresses."""
    keyed = {
        parameter(i)[1:-1]: i for i in metadata.types.values() if i.kind == "entity"
    }
    names: list[str] = []
    for path in [
        *found.get("collection", []),
        found.get("item", ""),
        *found.get("single", []),
    ]:
        names += [
            s[1:-1]
            for s in path.split("/")
            if s.startswith("{") and s[1:-1] not in names
        ]
    result: dict[str, str] = {}
    for name in names:
        info = keyed.get(name)
        key = (
            next((t.key[0] for t in metadata.lineage(info) if t.key), None)
            if info
            else None
        )
        prop = (
            metadata.find_property(info.qualified_name, key) if info and key else None
        )
        result[name] = _KEYS.get(prop.type, "String") if prop else "String"
    return result


def operations(
    metadata: Metadata, info: TypeInfo, routes: list[Route], log: Log
) -> dict[str, Any]:
    """What the routes offer: list and create on sets, get, update and delete on items and
    single paths, each unless every route's capabilities forbid it (a decision)."""
    sets = [r for r in routes if r.collection]
    places = {
        "list": sets,
        "create": sets,
        "get": routes,
        "update": routes,
        "delete": sets,  # a singleton is not deleted
    }
    found: dict[str, Any] = {}
    for kind, where in places.items():
        allowed = [r for r in where if _allows(metadata, r, kind)]
        if where and not allowed:
            restriction = _RESTRICTION[kind][0]
            log.decide(
                metadata.file,
                where[0].line,
                f"operations.{kind}",
                f"left out: the metadata's {restriction} forbid it wherever the type is",
                rule="metadata.restricted",
            )
        elif allowed:
            found[kind] = _operation(kind)
            log.decide(
                metadata.file,
                allowed[0].line,
                f"operations.{kind}",
                f"from the metadata: {allowed[0].source.rsplit('.', 1)[-1]} offers it",
                rule="metadata.operation",
            )
    return found


def _allows(metadata: Metadata, route: Route, kind: str) -> bool:
    if kind not in _RESTRICTION:
        return True
    term, flag = _RESTRICTION[kind]
    value = metadata.term(route.source, f"{CAPABILITIES}.{term}")
    return not (isinstance(value, dict) and value.get(flag) is False)


def _operation(kind: str) -> dict[str, Any]:
    method = {"list": "GET", "create": "POST", "get": "GET", "update": "PATCH"}
    op: dict[str, Any] = {
        "method": method.get(kind, "DELETE"),
        "target": "collection" if kind in ("list", "create") else "item",
        "status": {"create": [201], "update": [200, 204], "delete": [204]}.get(
            kind, [200]
        ),
        "headers": [
            _AUTHORIZATION,
            *([_JSON] if kind in ("create", "update") else []),
            *([_IF_MATCH] if kind in ("update", "delete") else []),
        ],
    }
    if kind in QUERY:
        op["query"] = list(QUERY[kind])
    return op


def streams(metadata: Metadata, info: TypeInfo, log: Log) -> dict[str, Any]:
    """A media entity's bytes at `$value` (HasStream, which derived types inherit), else its
    stream property `content` (a drive item's file): read and replaced, as OData offers either
    (a decision at the line that says so). A type has one stream: the media one wins."""
    media = next((t for t in metadata.lineage(info) if t.has_stream), None)
    if media is not None:
        log.decide(
            metadata.file,
            media.line,
            "streams.$value",
            f"get and put of the bytes at $value: {media.name} is a media entity (HasStream)",
            rule="metadata.stream",
        )
        return {"$value": {"operations": ["get", "put"]}}
    found = metadata.find_property(info.qualified_name, "content")
    if found is None or found.type != "Edm.Stream":
        return {}
    log.decide(
        metadata.file,
        found.line,
        "streams.content",
        "get and put of the bytes at content: the property is an Edm.Stream",
        rule="metadata.stream-property",
    )
    return {"content": {"operations": ["get", "put"]}}
