"""A spec's `example` against its types, at check time: what the generated example test decodes.

The example is what the service sends, so it is read as the generated models decode a payload:
each property's value must fit its type (an Int32 in range, a Guid in form, an enum member, a
nested object of its type), a property that is not nullable must not be null, and properties
the type does not declare are kept, not refused. `@odata.type` naming a derived type checks the
value as that type, as decoding does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.check.schema import Schema, TypeDef
from generator.odata import values
from generator.odata.edm import UNKNOWN_FUTURE_VALUE
from generator.odata.typeref import TypeRef
from generator.report.problems import excerpt

# Where a problem is, below `example`, and what it is.
Found = list[tuple[tuple[str | int, ...], str]]
Props = Mapping[str, tuple[TypeRef, bool]]  # wire name -> (type, nullable)
_ANNOTATIONS = ("@odata.type", "@odata.etag")


def example_problems(t: TypeDef, schema: Schema) -> Found:
    """Every problem of the example of a checked type, each at its path below `example`."""
    example = t.spec.example
    if example is None:
        return []
    found: Found = []
    _object(t.qualified, props_of(t), example, ("example",), schema, found)
    return found


def props_of(t: TypeDef) -> dict[str, tuple[TypeRef, bool]]:
    """A type's properties and navigation properties, inherited ones too, by wire name."""
    return {p.wire: (p.type, p.nullable) for p in t.props}


def check_object(
    name: str, props: Props, data: Any, path: tuple[str | int, ...], schema: Schema
) -> Found:
    """The problems of one object value read as the type `name` with these properties."""
    found: Found = []
    _object(name, props, data, path, schema, found)
    return found


def _object(
    name: str,
    props: Props,
    data: Any,
    path: tuple[str | int, ...],
    schema: Schema,
    found: Found,
) -> None:
    if not isinstance(data, dict):
        found.append((path, f"expected an object, got {values.kind(data)}"))
        return
    derived = _derived(name, data.get("@odata.type"), schema)
    if derived is not None:
        props = props_of(derived)
    for wire, value in data.items():
        where = (*path, wire)
        if wire in _ANNOTATIONS:
            if not isinstance(value, str):
                found.append((where, f"expected a string, got {values.kind(value)}"))
            continue
        if wire not in props:
            continue  # kept in additional_data, as the service's new properties are
        ref, nullable = props[wire]
        if value is None:
            if not nullable:
                found.append((where, "must not be null"))
            continue
        _value(ref, value, where, schema, found)


def _derived(name: str, odata_type: Any, schema: Schema) -> TypeDef | None:
    """The type `@odata.type` names when it derives from `name` (or is it), else None."""
    if not isinstance(odata_type, str):
        return None
    tagged = odata_type.removeprefix("#")
    if tagged not in schema.types:
        return None
    lineage = [t.qualified for t in schema.lineage(tagged)]
    return schema[tagged] if name in lineage else None


def _value(
    ref: TypeRef,
    value: Any,
    path: tuple[str | int, ...],
    schema: Schema,
    found: Found,
) -> None:
    if ref.collection:
        if not isinstance(value, list):
            found.append((path, f"expected an array, got {values.kind(value)}"))
            return
        for index, item in enumerate(value):
            _value(ref.item, item, (*path, index), schema, found)
        return
    if ref.kind == "primitive":
        message = values.problem(value, ref.name)
        if message:
            found.append((path, message))
        return
    target = schema.types.get(ref.name)
    if target is None:
        return  # a type that failed its own checks: reported there
    if target.kind == "enum":
        message = _member(target, value)
        if message:
            found.append((path, message))
        return
    _object(target.qualified, props_of(target), value, path, schema, found)


def _member(t: TypeDef, value: Any) -> str | None:
    """Why a value is not one of the enum's, as the spec knows them (a flags value: each of
    its comma-separated parts); an open enum takes any string."""
    spec = t.spec
    if not isinstance(value, str):
        return f"expected a {t.name} member (a string), got {values.kind(value)}"
    if spec.open_enum:
        return None
    members = {*spec.members, UNKNOWN_FUTURE_VALUE}
    given = (value.split(",") if value else []) if spec.flags else [value]
    unknown = [m for m in given if m not in members]
    if not unknown:
        return None
    shown = ", ".join(spec.members[:12]) + (" ..." if len(spec.members) > 12 else "")
    return f"{excerpt(unknown[0])} is not a {t.name} member ({shown})"
