"""The builder methods of operations beyond CRUD: actions and functions with typed keyword
arguments and results, and delta queries (the methods of `$ref` builders: `references`).

Each action or function is declared once per builder module, as a runtime `BoundOperation`
(its parameters' Graph types, its statuses, how its answer is read); a method's body hands
it the arguments in one line. What the methods name is collected as imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.check.pathtree import segment_attr
from generator.check.schema import Bound, Param, Schema, TypeDef
from generator.model import escape
from generator.model.escape import Code
from generator.model.methods import (
    Method,
    call_tail,
    header_arguments,
    method_docstring,
    signature,
)
from generator.model.querysets import QUERY, ordered
from generator.odata import naming, types
from generator.odata.typeref import TypeRef


@dataclass(frozen=True)
class Constant:
    """A `BoundOperation` a builder module declares once, for every class that offers it."""

    name: Code
    owner: Code
    wire: Code
    statuses: Code
    decode: Code
    fields: Code | None  # `{"wire": "Graph type", ...}`
    optional: Code | None  # `frozenset({...})`
    nullable: Code | None
    function: bool
    prefer_unknown_members: bool = False


@dataclass(frozen=True)
class Imports:
    """What a builder class names beside its own model: (module, name) from the standard
    library and the models, and names of the runtime; sorted, so its repr is a render key.
    """

    stdlib: tuple[tuple[str, str], ...] = ()
    models: tuple[tuple[str, str], ...] = ()
    runtime: tuple[str, ...] = ()


@dataclass
class Needs:
    """What the methods of a class name, gathered while they are built."""

    stdlib: set[tuple[str, str]] = field(default_factory=set)
    models: set[tuple[str, str]] = field(default_factory=set)
    runtime: set[str] = field(default_factory=set)

    def frozen(self) -> Imports:
        return Imports(
            tuple(sorted(self.stdlib)),
            tuple(sorted(self.models)),
            tuple(sorted(self.runtime)),
        )


def accepted(b: Bound) -> bool:
    """An action the service may accept (202) to finish later."""
    return not b.function and 202 in b.spec.status


def enum_wrapper(t: TypeDef) -> str:
    """The runtime's generic that holds an enum's values: one, or a set of flags."""
    return "Flags" if t.spec.flags else "EnumValue"


def constant_name(b: Bound) -> str:
    """`_FORWARD`; a collection-bound one of a name an item-bound one has too is `_..._SET`."""
    stem = naming.snake(b.name).upper() or "OPERATION"
    return f"_{stem}{'_SET' if b.spec.bound == 'collection' else ''}"


def bound_method(
    b: Bound, constant: str, schema: Schema, needs: Needs, asking: frozenset[str]
) -> tuple[Method, Constant]:
    """The method of one action or function, and the declaration its body uses; `asking`:
    the types whose values can hold enum members sent only to a client that asks (see
    `evolvable`), by which it sends `Prefer: include-unknown-enum-members` as CRUD does.
    """
    params, call_args, docs = _parameters(b, schema, needs)
    options = ordered(b.spec.query)
    taken = frozenset(a for a, _ in docs)
    headers, header_args = header_arguments(b.spec.headers, taken)
    keywords = [f"{arg}: str | None = None" for arg, _, _ in header_args]
    docs += [(arg, doc) for arg, _, doc in header_args]
    if b.delta:
        keywords.append("delta_link: str | None = None")
        docs.append(("delta_link", _DELTA_LINK))
    returns, decode = _result(b.returns, schema, needs)
    paged = b.function and b.returns is not None and b.returns.collection
    if paged:
        returns = "Paged" + returns.removeprefix("Page")
    elif returns.startswith("Page["):
        needs.runtime.add("Page")
    if accepted(b):  # a 202 with a monitor URL: `client.wait(accepted)` polls it
        needs.runtime |= {"Accepted", "accepting"}
        returns = "Accepted | None" if returns == "None" else f"{returns} | Accepted"
        decode = f"accepting({decode})"
    arguments = "{" + ", ".join(call_args) + "}"
    call = f"self._invoke({constant}, {arguments}{call_tail(options, headers)})"
    if b.delta:
        call += ", delta_link"
    summary = b.spec.description or _SUMMARY[b.spec.kind].format(name=b.name)
    needs.runtime.add("BoundOperation")
    if paged:
        needs.runtime.add("Paged")
    method = Method(
        name=escape.identifier(segment_attr(b.name)),
        params=signature(["self"], params + keywords, options),
        returns=Code(returns),
        docstring=method_docstring(summary, docs, options),
        call=Code(call),
        shape="paged" if paged else "send",
        http="GET" if b.function else "POST",
        suffix=_suffix(b),
        docs=b.spec.docs,
        spec=schema[b.owner].spec.file,
        options=options,
    )
    refs = [p.type.item for p in b.params] + ([b.returns.item] if b.returns else [])
    asks = any(ref.name in asking for ref in refs if ref.kind != "primitive")
    return method, _constant(b, constant, decode, asks)


def _suffix(b: Bound) -> str:
    """What follows the builder's path, as the docs write it: `/forward`, `/delta()`,
    `/getEmailActivityCounts(period='{period}')` (a string or an enum member quoted)."""
    if not b.function:
        return f"/{b.name}"
    return f"/{b.name}(" + ",".join(template(p.wire, p.type) for p in b.params) + ")"


def template(wire: str, ref: TypeRef) -> str:
    """`name='{name}'` for a string or an enum member, `name={name}` for another value."""
    quoted = not ref.collection and (ref.name == "String" or ref.kind == "enum")
    return f"{wire}='{{{wire}}}'" if quoted else f"{wire}={{{wire}}}"


_SUMMARY = {"action": "The {name} action.", "function": "The {name} function."}
_DELTA_LINK = "the `delta_link` of an earlier round, to resume from (given alone)."


def parameter_names(b: Bound) -> dict[str, str]:
    """The keyword argument of each parameter, by wire name: none is a query option's,
    nor `query` where the method takes its options as `**query`."""
    avoid = {"self", "delta_link", *QUERY, *(("query",) if b.spec.query else ())}
    return naming.attribute_names((p.wire for p in b.params), avoid=avoid)


def _parameters(
    b: Bound, schema: Schema, needs: Needs
) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Keyword arguments, the wire name each is sent under, and their docs."""
    attrs = parameter_names(b)
    params, call_args, docs = [], [], []
    for p in b.params:
        attr = attrs[p.wire]
        params.append(f"{attr}: {_parameter_hint(p, schema, needs)}")
        call_args.append(f"{escape.literal(p.wire)}: {attr}")
        docs.append((attr, p.description or f"the {p.wire} parameter."))
    return params, call_args, docs


def _parameter_hint(p: Param, schema: Schema, needs: Needs) -> str:
    """Required or optional, may be null or not: `T`, `T | None`, `T | None = None` (None
    leaves it out) and `T | None | UnsetType = UNSET` (None sends null)."""
    hint = value_hint(p.type, schema, needs)
    if not p.optional:
        return f"{hint} | None" if p.nullable else hint
    if not p.nullable:
        return f"{hint} | None = None"
    needs.runtime |= {"UNSET", "UnsetType"}
    return f"{hint} | None | UnsetType = UNSET"


def value_hint(ref: TypeRef, schema: Schema, needs: Needs) -> str:
    """The Python type of a value a method takes or returns: a plain class (ranges and time
    zones are checked by validation), a model or an enum class."""
    if ref.collection:
        return f"list[{value_hint(ref.item, schema, needs)}]"
    if ref.kind == "primitive":
        hint, module = types.value_class(ref.name)
        if module:
            needs.stdlib.add((module, hint))
        return hint
    t = schema[ref.name]
    needs.models.add((t.module, t.class_name))
    if (
        t.kind == "enum"
    ):  # a member, or one the service added since (flags: a set of them)
        wrapper = enum_wrapper(t)
        needs.runtime.add(wrapper)
        return f"{wrapper}[{t.class_name}]"
    return t.class_name


def _result(ref: TypeRef | None, schema: Schema, needs: Needs) -> tuple[str, str]:
    """The method's return hint and the decoder of the answer (which takes the class of an
    enum: an unknown member decodes all the same)."""
    reader, argument, returns = _reader(ref, schema, needs)
    needs.runtime.add(reader)
    return returns, f"{reader}({argument})" if argument else reader


def _reader(ref: TypeRef | None, schema: Schema, needs: Needs) -> tuple[str, str, str]:
    """The runtime's decoder, what it is given, and the method's return hint."""
    if ref is None:
        return "reads_nothing", "", "None"
    item = value_hint(ref.item, schema, needs)
    if ref.kind == "primitive" and ref.name == "Stream" and not ref.collection:
        return "reads_bytes", "", "bytes"
    if ref.kind == "enum":  # a member the service added since decodes all the same
        kind = schema[ref.name].class_name
        if ref.collection:
            return "reads_members", kind, f"Page[{item}]"
        return "reads_member", kind, item
    if ref.collection:
        reader = "reads_page" if ref.is_model else "reads_values"
        return reader, item, f"Page[{item}]"
    return ("reads_model" if ref.is_model else "reads_value"), item, item


def _constant(b: Bound, name: str, decode: str, asks: bool) -> Constant:
    fields = [
        f"{escape.literal(p.wire)}: {escape.literal(p.type.wire)}" for p in b.params
    ]
    optional = [p.wire for p in b.params if p.optional and not p.nullable]
    return Constant(
        name=escape.identifier(name),
        owner=escape.literal(b.owner),
        wire=escape.literal(b.name),
        statuses=escape.int_tuple(b.spec.status),
        decode=Code(decode),
        fields=Code("{" + ", ".join(fields) + "}") if fields else None,
        optional=_names(optional),
        nullable=_names([p.wire for p in b.params if p.nullable]),
        function=b.function,
        prefer_unknown_members=asks,
    )


def _names(wires: list[str]) -> Code | None:
    """`frozenset({"a", "b"})`, or None for none."""
    if not wires:
        return None
    return Code("frozenset({" + ", ".join(escape.literal(w) for w in wires) + "})")
