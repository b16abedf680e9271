"""The ways from one request builder to the next: a property per fixed segment, `by_<key>`
per parameter, alternate key and path, each a `Child` naming the class it returns."""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.operations import BY_PATH
from generator.check.pathtree import ALTERNATE, Node, child_attr
from generator.check.schema import Schema, TypeDef
from generator.model import escape
from generator.model.classkeys import ClassKey
from generator.model.escape import Code
from generator.odata import naming, types

NAV_MODULE = "_navigation"
_KEY, _BY_KEY = Code("key"), Code("self._key(key)")
# A key argument takes what a model's key property holds: UNSET too (refused at run time).
_UNSET = " | UnsetType"


@dataclass(frozen=True)
class Child:
    """A navigation step: a property for a fixed segment, or `by_<key>(key)` for a parameter."""

    attr: Code
    segment: Code | None
    segment_text: str | None
    param_hint: Code | None
    param_type: str | None  # the key's OData type, for a parameter
    target_module: str
    module_prefix: Code
    target_class: Code
    param_name: Code = _KEY
    path_call: Code = _BY_KEY  # the path of the builder it returns
    address: str = (
        ""  # an alternate key's wire name, or BY_PATH: another way to an item
    )


def module_of(key: ClassKey, schema: Schema) -> str:
    """The module a builder class goes to: the shared navigation module, or its type's."""
    return NAV_MODULE if key[0] == "nav" else schema[key[1]].module


def _alias(module: str) -> str:
    """How other builder modules import one: resource modules get a leading underscore."""
    return module if module == NAV_MODULE else f"_{module}"


def addressing(
    kind: str,
    ops: tuple[str, ...],
    t: TypeDef,
    node: Node,
    keys: dict[int, ClassKey],
    names: dict[ClassKey, str],
    items: dict[str, ClassKey],
) -> tuple[Child, ...]:
    """`by_<alternate key>(value)` on a collection, `item_by_path(path)` on an item: both
    lead to an item builder of the type."""
    found = []
    if kind == "collection" and ALTERNATE in ops and "{}" in node.children:
        target = escape.identifier(names[keys[id(node.children["{}"])]])
        props = {p.wire: p for p in t.props}
        for name in t.spec.alternate_keys:
            type_name = props[name].type.name
            hint = types.key_type(type_name).hint + _UNSET
            call = f"self._alternate({escape.literal(name)}, {escape.literal(type_name)}, key)"
            found.append(
                Child(
                    attr=escape.identifier("by_" + naming.snake(name)),
                    segment=None,
                    segment_text=None,
                    param_hint=Code(hint),
                    param_type=type_name,
                    target_module=t.module,
                    module_prefix=Code(""),
                    target_class=target,
                    path_call=Code(call),
                    address=name,
                )
            )
    if kind in ("item", "single") and t.spec.by_path and t.qualified in items:
        found.append(
            Child(
                attr=Code(BY_PATH),
                segment=None,
                segment_text=None,
                param_hint=Code("str"),
                param_type=None,
                target_module=t.module,
                module_prefix=Code(""),
                target_class=escape.identifier(names[items[t.qualified]]),
                param_name=Code("path"),
                path_call=Code("self._by_path(path)"),
                address=BY_PATH,
            )
        )
    return tuple(found)


def children_of(
    nodes: list[Node],
    keys: dict[int, ClassKey],
    names: dict[ClassKey, str],
    here: str,
    schema: Schema,
) -> tuple[Child, ...]:
    """Children of the classes at `nodes`; a class in another module is reached through its alias."""
    merged: dict[str, Child] = {}
    for node in nodes:
        for child in node.children.values():
            target = keys[id(child)]
            module = module_of(target, schema)
            prefix = "" if module == here else f"{_alias(module)}."
            attr = child_attr(child.segment)
            if child.segment.startswith("{"):
                key = types.key_type(child.param_type)
                hint, segment = escape.Code(f"{key.hint}{_UNSET}"), None
            else:
                hint, segment = None, escape.literal(child.segment)
            merged.setdefault(
                attr,
                Child(
                    attr=escape.identifier(attr),
                    segment=segment,
                    segment_text=None if segment is None else child.segment,
                    param_hint=hint,
                    param_type=child.param_type if segment is None else None,
                    target_module=module,
                    module_prefix=Code(prefix),
                    target_class=escape.identifier(names[target]),
                ),
            )
    return tuple(merged[a] for a in sorted(merged))
