"""What a resource's generated tests need: sample payloads as exact literals, and their contracts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import msgspec

from generator.check.pathtree import segment_attr
from generator.check.schema import Schema, TypeDef
from generator.model import escape
from generator.model.escape import Code
from generator.model.routes import Step
from generator.odata import types
from generator.odata.typeref import TypeRef

_ENCODER = msgspec.json.Encoder(decimal_format="number")
_WIRE = msgspec.json.Decoder(float_hook=Decimal)
_OPERATIONS = ("list", "create", "get", "update", "delete")
_CLIENT_CONTRACTS = {f"{op.capitalize()}Contract" for op in (*_OPERATIONS, "action")}
# The path of BASE_URL in templates/runtime/testing.py, which the generated tests talk to.
TEST_BASE_PATH = "/beta"


@dataclass(frozen=True)
class TestData:
    """The literals a generated test class carries, and the runtime contracts it inherits."""

    doc: Code
    example: Code | None
    samples: Code
    bad: Code
    decimal: Code | None
    uses_decimal: bool
    read_only: tuple[Code, ...]
    contracts: tuple[Code, ...]
    actions: Code
    route: Route | None


def test_data(
    t: TypeDef, schema: Schema, steps: tuple[Step, ...] | None = None
) -> TestData:
    """Sample values for every property, inherited ones too (one good, one bad)."""
    spec, props = t.spec, t.props
    samples = {p.wire: sample(p.type, schema, good=True) for p in props}
    bad = {p.wire: sample(p.type, schema, good=False) for p in props}
    decimal = next((p.wire for p in props if p.type == _DECIMAL), None)
    what = (
        "its model, its validation and its request builders"
        if spec.operations
        else "its model and its validation"
    )
    if spec.kind == "enum":
        what = "every member is its wire value, both ways"
    read_only = tuple(p.wire for p in props if p.read_only)
    contracts = _contracts(t, decimal is not None, bool(read_only), steps is not None)
    return TestData(
        doc=escape.docstring(f"Tests of {spec.name}: {what}."),
        example=None if spec.example is None else _literal(spec.example),
        samples=_literal(samples),
        bad=_literal(bad),
        decimal=None if decimal is None else escape.literal(decimal),
        uses_decimal=_has_decimal(_wire([spec.example, samples, bad])),
        read_only=tuple(escape.literal(w) for w in read_only),
        contracts=contracts,
        route=route(steps) if steps and set(contracts) & _CLIENT_CONTRACTS else None,
        actions=escape.python_value(
            {segment_attr(a.name): [a.name, list(a.status)] for a in spec.actions}
        ),
    )


_DECIMAL = TypeRef("primitive", "Decimal")


def sample(ref: TypeRef, schema: Schema, *, good: bool) -> Any:
    """A wire value of a type: one it accepts, or one it must refuse."""
    if ref.collection:
        return [sample(ref.item, schema, good=True)] if good else "not an array"
    if ref.kind == "primitive":
        primitive = types.PRIMITIVES[ref.name]
        return primitive.sample if good else primitive.bad
    target = schema[ref.name]
    if target.kind == "enum":
        return target.spec.members[0] if good else "notAMember"
    if not good:
        return "not an object"
    return {"@odata.type": f"#{target.qualified}"} if tagged(target) else {}


def tagged(t: TypeDef) -> bool:
    """Whether the runtime writes `@odata.type` for values of the type: it has derived types,
    or derives from a type other than entity, as the service needs to tell them apart.
    """
    return t.base not in (None, "microsoft.graph.entity") or bool(t.derived)


def _wire(value: Any) -> Any:
    """A value as it comes back from the wire: every non-integer number a Decimal."""
    return _WIRE.decode(_ENCODER.encode(value))


def _literal(value: Any) -> Code:
    return escape.python_value(_wire(value))


def _has_decimal(value: Any) -> bool:
    """Whether the literals need `Decimal`, so the import is there only then."""
    if isinstance(value, Decimal):
        return True
    if isinstance(value, dict):
        value = list(value.values())
    return isinstance(value, list) and any(_has_decimal(v) for v in value)


def _contracts(
    t: TypeDef, has_decimal: bool, has_read_only: bool, has_route: bool
) -> tuple[Code, ...]:
    """The runtime test contracts the spec calls for, in a fixed order. An abstract type is
    never created; operations are tested where the builder tree has an item of the type.
    """
    spec = t.spec
    names = ["ModelContract"]
    names += ["ExampleContract"] if spec.example is not None else []
    names += ["DecimalContract"] if has_decimal else []
    names += ["ReadOnlyContract"] if has_read_only else []
    if has_route:
        skipped = {"create"} if t.abstract else set()
        names += [
            f"{op.capitalize()}Contract"
            for op in _OPERATIONS
            if op in spec.operations and op not in skipped
        ]
        names += ["ActionContract"] if spec.actions else []
    return tuple(Code(n) for n in names)


@dataclass(frozen=True)
class Route:
    """How a generated test reaches a resource: the navigation expression and the URL path."""

    collection: Code
    item: Code
    collection_path: Code
    item_path: Code


def route(steps: tuple[Step, ...], base_path: str = TEST_BASE_PATH) -> Route:
    """The builder calls and URL paths of a route through the tree, with sample keys."""
    calls, path, n = [], base_path, 0
    for step in steps:
        if step.segment is None:
            n += 1
            key_type = types.key_type(step.param_type)
            key = key_type.sample.format(n)
            arg = key if key_type.number else escape.literal(key)
            calls.append(f"{step.attr}({arg})")
            path += f"/{key}"
        else:
            calls.append(step.attr)
            path += f"/{step.segment}"
    collection_path = path.rsplit("/", 1)[0]
    return Route(
        collection=Code(".".join(calls[:-1])),
        item=Code(".".join(calls)),
        collection_path=escape.literal(collection_path),
        item_path=escape.literal(path),
    )
