"""The specs of a folder as one OpenAPI 3.0 document, to time other generators on the same API.

A schema per type with the same properties and formats, and the same paths and operations
with their status codes, path and query parameters and optional headers. Only what a client
generator reads is converted; descriptions, examples and notes are left out.

Usage: python benchmarks/openapi_doc.py SPECS_DIR > openapi.json   (from the repository root)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.spec.folder import load_specs
from generator.spec.load import OperationSpec, Spec

# OData primitive -> (OpenAPI type, format or None).
PRIMITIVES: dict[str, tuple[str, str | None]] = {
    "Binary": ("string", "byte"),
    "Boolean": ("boolean", None),
    "Byte": ("integer", "int32"),
    "Date": ("string", "date"),
    "DateTimeOffset": ("string", "date-time"),
    "Decimal": ("number", "decimal"),
    "Double": ("number", "double"),
    "Duration": ("string", "duration"),
    "Guid": ("string", "uuid"),
    "Int16": ("integer", "int32"),
    "Int32": ("integer", "int32"),
    "Int64": ("integer", "int64"),
    "SByte": ("integer", "int32"),
    "Single": ("number", "float"),
    "Stream": ("string", "binary"),
    "String": ("string", None),
    "TimeOfDay": ("string", "time"),
}
QUERY: dict[str, dict[str, Any]] = {
    "top": {"type": "integer", "format": "int32"},
    "skip": {"type": "integer", "format": "int32"},
    "count": {"type": "boolean"},
}
_COLLECTION = re.compile(r"^Collection\((?P<item>[^()]+)\)$")
_NOT_PARAMETERS = {"authorization", "content-type"}


def document(specs: list[Spec]) -> dict[str, Any]:
    """One OpenAPI document for every spec: schemas, then paths."""
    paths: dict[str, dict[str, Any]] = {}
    for spec in specs:
        if spec.kind == "entity":
            _add_paths(paths, spec)
    base_url = next(
        (s.base_url for s in specs if s.base_url), "https://graph.microsoft.com"
    )
    return {
        "openapi": "3.0.3",
        "info": {"title": "Graph", "version": "1.0"},
        "servers": [{"url": base_url}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": {
                s.name: _schema(s) for s in sorted(specs, key=lambda s: s.name)
            },
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }


def _schema(spec: Spec) -> dict[str, Any]:
    if spec.kind == "enum":
        return {"type": "string", "enum": list(spec.members)}
    properties = {}
    for prop in spec.all_properties():
        value = _type(prop.type)
        if prop.read_only:
            value = {**value, "readOnly": True} if "$ref" not in value else value
        if prop.nullable and "$ref" not in value:
            value = {**value, "nullable": True}
        properties[prop.wire] = value
    own = {"type": "object", "properties": properties}
    if spec.base:
        return {"allOf": [_ref(spec.base), own]}
    return own


def _type(name: str) -> dict[str, Any]:
    match = _COLLECTION.match(name.strip())
    if match:
        return {"type": "array", "items": _type(match.group("item"))}
    bare = re.sub(r"^(Edm|microsoft\.graph)\.", "", name.strip())
    if bare in PRIMITIVES:
        kind, form = PRIMITIVES[bare]
        return {"type": kind, "format": form} if form else {"type": kind}
    return _ref(bare)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name.rsplit('.', 1)[-1]}"}


def _add_paths(paths: dict[str, dict[str, Any]], spec: Spec) -> None:
    """Collection and item routes, single routes, bound actions and navigation routes."""
    items = [c + spec.item_path for c in spec.collection_paths if spec.item_path]
    for index, route in enumerate(spec.collection_paths):
        for op in spec.operations.values():
            if op.target == "collection":
                _add(paths, route, spec, op, index)
    for index, route in enumerate([*items, *spec.single_paths]):
        for op in spec.operations.values():
            if op.target == "item":
                _add(paths, route, spec, op, index)
        for action in spec.actions:
            operation = _operation(f"{action.name}_{spec.name}_{index}", route, spec)
            operation["responses"] = {
                str(s): {"description": "done"} for s in action.status
            }
            paths.setdefault(f"{route}/{action.name}", {}).setdefault("post", operation)
        for nav in spec.navigation:
            many = _COLLECTION.match(nav.type.strip()) is not None
            operation = _operation(f"get_{spec.name}_{nav.name}_{index}", route, spec)
            operation["responses"] = _success(
                [200], _list_of(nav.type) if many else _type(nav.type)
            )
            paths.setdefault(f"{route}/{nav.name}", {}).setdefault("get", operation)


def _add(
    paths: dict[str, dict[str, Any]],
    route: str,
    spec: Spec,
    op: OperationSpec,
    index: int,
) -> None:
    operation = _operation(f"{op.kind}_{spec.name}_{index}", route, spec)
    operation["parameters"] += [_query(name) for name in op.query]
    operation["parameters"] += [
        {
            "name": h.name,
            "in": "header",
            "required": h.required,
            "schema": {"type": "string"},
        }
        for h in op.headers
        if h.name.lower() not in _NOT_PARAMETERS
    ]
    body = _list_of(spec.name) if op.kind == "list" else _ref(spec.name)
    if op.method in ("POST", "PATCH", "PUT"):
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(spec.name)}},
        }
    operation["responses"] = _success(op.status, body)
    paths.setdefault(route, {}).setdefault(op.method.lower(), operation)


def _operation(operation_id: str, route: str, spec: Spec) -> dict[str, Any]:
    names = re.findall(r"\{(\w+)\}", route)
    return {
        "operationId": operation_id,
        "parameters": [
            {
                "name": n,
                "in": "path",
                "required": True,
                "schema": _type(spec.parameters.get(n, "String")),
            }
            for n in names
        ],
    }


def _query(name: str) -> dict[str, Any]:
    return {
        "name": f"${name}",
        "in": "query",
        "required": False,
        "schema": QUERY.get(name, {"type": "string"}),
    }


def _list_of(type_name: str) -> dict[str, Any]:
    """A page of a collection, as Graph sends it: `value` and the link to the next page."""
    match = _COLLECTION.match(type_name.strip())
    item = match.group("item") if match else type_name
    return {
        "type": "object",
        "properties": {
            "value": {"type": "array", "items": _type(item)},
            "@odata.nextLink": {"type": "string", "nullable": True},
        },
    }


def _success(
    statuses: tuple[int, ...] | list[int], body: dict[str, Any]
) -> dict[str, Any]:
    """A body for 200 and 201, none for the rest (204, 202)."""
    responses: dict[str, Any] = {}
    for status in statuses:
        response: dict[str, Any] = {"description": "success"}
        if status in (200, 201):
            response["content"] = {"application/json": {"schema": body}}
        responses[str(status)] = response
    return responses


def write(specs_dir: Path, target: Path) -> None:
    """The document of a spec folder, as JSON; a spec that does not load is a bug of the caller."""
    loaded = load_specs(specs_dir)
    if loaded.problems:
        raise SystemExit("\n".join(str(p) for p in loaded.problems))
    target.write_text(json.dumps(document(loaded.specs), indent=1), encoding="utf-8")


if __name__ == "__main__":
    loaded = load_specs(Path(sys.argv[1]))
    json.dump(document(loaded.specs), sys.stdout, indent=1)
