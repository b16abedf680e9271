"""What a resource's generated tests need: sample payloads as exact literals, and their contracts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import msgspec

from generator.check.pathtree import segment_attr
from generator.check.schema import Bound, Schema, TypeDef
from generator.model import escape
from generator.model.escape import Code
from generator.model.operations import accepted, parameter_names
from generator.model.routes import Step
from generator.odata import types
from generator.odata.typeref import TypeRef
from generator.spec.load import StreamSpec

_ENCODER = msgspec.json.Encoder(decimal_format="number")
_WIRE = msgspec.json.Decoder(float_hook=Decimal)
_OPERATIONS = ("list", "create", "get", "update", "delete")
_CLIENT_CONTRACTS = {f"{op.capitalize()}Contract" for op in (*_OPERATIONS, "action")}
_CLIENT_CONTRACTS |= {"ContentGetContract", "ContentPutContract"}
# The path of BASE_URL in templates/runtime/testing.py, which the generated tests talk to.
TEST_BASE_PATH = "/beta"


@dataclass(frozen=True)
class TestData:
    """The literals a generated test class carries, and the runtime contracts it inherits."""

    doc: Code
    example: Code | None
    samples: Code
    bad: Code
    new_members: Code  # enum properties holding members the spec lacks
    decimal: Code | None
    uses_decimal: bool
    read_only: tuple[Code, ...]
    contracts: tuple[Code, ...]
    contract_imports: tuple[tuple[Code, tuple[Code, ...]], ...]  # runtime module, names
    actions: Code
    route: Route | None
    stream: Code | None = None  # the content contracts' [segment, answers an entity]


def test_data(
    t: TypeDef, schema: Schema, steps: tuple[Step, ...] | None = None
) -> TestData:
    """Sample values for every property, inherited ones too (one good, one bad)."""
    spec, props = t.spec, t.props
    samples = {p.wire: sample(p.type, schema, good=True) for p in props}
    bad = {p.wire: sample(p.type, schema, good=False) for p in props}
    new_members = {
        p.wire: unlisted(p.type, schema[p.type.name])
        for p in props
        if p.type.kind == "enum"
    }
    decimal = next((p.wire for p in props if p.type == _DECIMAL), None)
    what = (
        "its model, its validation and its request builders"
        if spec.operations
        else "its model and its validation"
    )
    if spec.kind == "enum":
        what = "every member is its wire value, both ways; a value it lacks is kept"
    read_only = tuple(p.wire for p in props if p.read_only)
    sets = steps is not None and bool(steps) and steps[-1].segment is None
    bound = bound_samples(t, schema, sets=sets)
    contracts = _contracts(
        t,
        (decimal is not None, bool(read_only), bool(new_members), bool(bound)),
        None if steps is None else sets,
    )
    return TestData(
        doc=escape.docstring(f"Tests of {spec.name}: {what}."),
        example=None if spec.example is None else _block("example", spec.example),
        samples=_block("samples", samples),
        bad=_block("bad", bad),
        new_members=_block("new_members", new_members),
        decimal=None if decimal is None else escape.literal(decimal),
        uses_decimal=_has_decimal(_wire([spec.example, samples, bad, bound])),
        read_only=tuple(escape.literal(w) for w in read_only),
        contracts=contracts,
        contract_imports=contract_imports(contracts),
        route=route(steps) if steps and set(contracts) & _CLIENT_CONTRACTS else None,
        actions=_block("actions", bound),
        stream=_stream(spec.streams[0]) if spec.streams else None,
    )


def _stream(stream: StreamSpec) -> Code:
    answers = escape.python_value(stream.returns is not None)
    return Code(f"({escape.literal(stream.segment)}, {answers})")


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
        members = target.spec.members
        return (
            ",".join(members[:2] if target.spec.flags else members[:1]) if good else 42
        )
    if not good:
        return "not an object"
    return {"@odata.type": f"#{target.qualified}"} if tagged(target) else {}


def unlisted(ref: TypeRef, enum: TypeDef) -> Any:
    """A wire value of an enum property that holds a member its spec lacks, beside a known
    one where the value has room for two (a list, a flags set)."""
    members = enum.spec.members
    added = next(
        f"addedLater{n or ''}"
        for n in range(len(members) + 1)
        if f"addedLater{n or ''}" not in members
    )
    value = f"{members[0]},{added}" if enum.spec.flags else added
    return [members[0], value] if ref.collection else value


def tagged(t: TypeDef) -> bool:
    """Whether the runtime writes `@odata.type` for values of the type: it has derived types,
    or derives from a type other than entity, as the service needs to tell them apart.
    """
    return t.base not in (None, "microsoft.graph.entity") or bool(t.derived)


def _wire(value: Any) -> Any:
    """A value as it comes back from the wire: every non-integer number a Decimal."""
    return _WIRE.decode(_ENCODER.encode(value))


def _block(name: str, value: Any) -> Code:
    """The literal of a test class's `name: ClassVar[dict[str, Any]] = ...` line (in the
    shipped template), in the layout black gives it."""
    wire = _wire(value)
    if not isinstance(wire, dict):
        return escape.python_value(wire)
    return escape.python_block(wire, len(f"    {name}: ClassVar[dict[str, Any]] = "))


def _has_decimal(value: Any) -> bool:
    """Whether the literals need `Decimal`, so the import is there only then."""
    if isinstance(value, Decimal):
        return True
    if isinstance(value, dict):
        value = list(value.values())
    return isinstance(value, list) and any(_has_decimal(v) for v in value)


def _contracts(
    t: TypeDef, has: tuple[bool, bool, bool, bool], sets: bool | None
) -> tuple[Code, ...]:
    """The runtime test contracts the spec calls for, in a fixed order. An abstract type is
    never created; operations are tested where the builder tree has an item of the type
    (`sets`: None without one, else whether its route has a set), each only if the route
    reaches it: a singleton is neither listed nor created.
    """
    spec = t.spec
    has_decimal, has_read_only, has_enums, has_actions = has
    names = ["ModelContract"]
    names += ["ExampleContract"] if spec.example is not None else []
    names += ["DecimalContract"] if has_decimal else []
    names += ["ReadOnlyContract"] if has_read_only else []
    names += ["NewMembersContract"] if has_enums else []
    if sets is not None:
        skipped = {"create"} if t.abstract else set()
        skipped |= set() if sets else {"list", "create"}
        names += [
            f"{op.capitalize()}Contract"
            for op in _OPERATIONS
            if op in spec.operations and op not in skipped
        ]
        names += ["ActionContract"] if has_actions else []
        streamed = spec.streams[0].operations if spec.streams else ()
        names += [
            f"Content{op.capitalize()}Contract"
            for op in ("get", "put")
            if op in streamed
        ]
        if has_enums and "list" in spec.operations:
            names.append("NewMembersPageContract")
    return tuple(Code(n) for n in names)


def bound_samples(t: TypeDef, schema: Schema, *, sets: bool) -> dict[str, Any]:
    """Each action and function by its method that the tested route reaches (those bound to
    a set only when it has one): where it is bound, sample arguments (by keyword) and what
    they send (by wire name), a sample answer and the kind of result.
    """
    found = {}
    for b in t.bound:
        if b.spec.bound == "collection" and not sets:
            continue
        names = parameter_names(b)
        sent = {p.wire: sample(p.type, schema, good=True) for p in b.params}
        result, answer = _answer(b, schema)
        found[segment_attr(b.name)] = {
            "bound": b.spec.bound,
            "function": b.function,
            "segment": b.name,
            "status": b.spec.status[0],
            "arguments": {names[w]: v for w, v in sent.items()},
            "sent": sent,
            "answer": answer,
            "result": result,
            "accepted": accepted(b),
        }
    return found


def _answer(b: Bound, schema: Schema) -> tuple[str, Any]:
    """The kind of result (none, bytes, model, value, page, paged) and a body to answer."""
    ref = b.returns
    if ref is None:
        return "none", None
    one = sample(ref.item, schema, good=True)
    if ref.collection:
        return ("paged" if b.function else "page"), {"value": [one]}
    if ref.kind == "primitive" and ref.name == "Stream":
        return "bytes", "text"
    return ("model", one) if ref.is_model else ("value", {"value": one})


# The contracts of enums, and of models' enum properties, live in a runtime module of their own.
_ENUM_CONTRACTS = frozenset(
    {"EnumContract", "FlagsContract", "NewMembersContract", "NewMembersPageContract"}
)


def contract_imports(
    contracts: tuple[Code, ...],
) -> tuple[tuple[Code, tuple[Code, ...]], ...]:
    """The runtime modules a test module imports its contracts from, each with its names."""
    by_module: dict[str, list[Code]] = {}
    for name in sorted(contracts):
        module = "testing_enums" if name in _ENUM_CONTRACTS else "testing"
        by_module.setdefault(module, []).append(name)
    return tuple((Code(m), tuple(n)) for m, n in sorted(by_module.items()))


@dataclass(frozen=True)
class Route:
    """How a generated test reaches a resource: the navigation expression and the URL path."""

    collection: Code | None  # None for a single entity (a singleton)
    item: Code
    collection_path: Code
    item_path: Code
    # The same navigation as a method body's lines, a statement per keyed step.
    collection_lines: tuple[Code, ...] | None = None
    item_lines: tuple[Code, ...] = ()


# The column of a test method's body in the shipped template.
_BODY = 8


def route(steps: tuple[Step, ...], base_path: str = TEST_BASE_PATH) -> Route:
    """The builder calls and URL paths of a route through the tree, with sample keys."""
    calls: list[tuple[str, str | None]] = []  # attribute, key argument
    path, n = base_path, 0
    for step in steps:
        if step.segment is None:
            n += 1
            key_type = types.key_type(step.param_type)
            key = key_type.sample.format(n)
            arg = key if key_type.number else escape.literal(key)
            calls.append((step.attr, arg))
            path += f"/{key}"
        else:
            calls.append((step.attr, None))
            path += f"/{step.segment}"
    collection_path = path.rsplit("/", 1)[0]
    single = not steps or steps[-1].segment is not None  # a singleton: no collection
    return Route(
        collection=None if single else _expression(calls[:-1]),
        item=_expression(calls),
        collection_path=escape.literal(collection_path),
        item_path=escape.literal(path),
        collection_lines=None if single else _statements(calls[:-1]),
        item_lines=_statements(calls),
    )


def _expression(calls: list[tuple[str, str | None]]) -> Code:
    return Code(".".join(a if k is None else f"{a}({k})" for a, k in calls))


def _statements(calls: list[tuple[str, str | None]]) -> tuple[Code, ...]:
    """`node = client.a.by_b(key)`, `node = node.c.by_d(key)`, ..., `return node.e`: short
    lines, each in the layout black gives it, so black has nothing to change."""
    groups: list[list[tuple[str, str | None]]] = [[]]
    for call in calls:
        groups[-1].append(call)
        if call[1] is not None:
            groups.append([])
    if not groups[-1] and len(groups) > 1:
        groups.pop()
    lines: list[Code] = []
    for i, group in enumerate(groups):
        target = "return " if i == len(groups) - 1 else "node = "
        start = "client" if i == 0 else "node"
        lines += _wrapped(target + ".".join([start, *(a for a, _ in group)]), group)
    return tuple(lines)


def _wrapped(head: str, group: list[tuple[str, str | None]]) -> list[Code]:
    """One statement ending in a call with one argument: on one line when it fits, else its
    argument on a line of its own, as black splits it."""
    key = group[-1][1] if group else None
    if key is None:
        return [Code(head)]
    if _BODY + len(head) + len(key) + 2 <= escape.WIDTH or (
        _BODY + len(head) + 1 > escape.WIDTH or _BODY + 4 + len(key) > escape.WIDTH
    ):
        return [Code(f"{head}({key})")]
    return [Code(f"{head}("), Code(f"    {key}"), Code(")")]
