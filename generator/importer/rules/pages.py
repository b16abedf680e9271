"""Rules of reading one type's page: its tables, its type cells, and what the page says of the
type (name, kind, base, key, members)."""

from __future__ import annotations

from generator.importer.rules.rule import Rule

RULES = (
    Rule(
        "page.row-cells",
        "A table row with more or fewer cells than its header is read as far as it goes, or "
        "its last cells as one (an unescaped |).",
        "bad_docs/broken_table/resources/thing.md",
    ),
    Rule(
        "type.name-from-title",
        "The page title's spelling of the type's name wins over the resource block's.",
        "docs_v1/resources/gizmotag.md",
    ),
    Rule(
        "type.abstract-said",
        "A type whose description says it is abstract is abstract, whatever the resource "
        "block says.",
        "docs_v1/resources/gizmotag.md",
    ),
    Rule(
        "type.base-inherits",
        'An "Inherits from" line linking a nearer base type wins over a resource block '
        "that says entity.",
        "docs_v1/resources/gizmotag.md",
    ),
    Rule(
        "type.base-from-rows",
        "A page that names no base type derives from the type most of its rows say they are "
        "inherited from.",
        "docs_v1/resources/intune-gizmos-turbogizmo.md",
    ),
    Rule(
        "type.base-undocumented",
        "A base type documented nowhere is left out: the type has no base, and its inherited "
        "properties are missing.",
        "rules/resources/gaugecolor.md",
    ),
    Rule(
        "type.entity-base",
        "An entity page that names no base type derives from entity, which gives the key id.",
        "docs_v1/resources/gizmomanual.md",
    ),
    Rule(
        "type.financials-base",
        "A financials entity does not derive from entity: its key id is its own (a Guid).",
        "rules/resources/ledger.md",
    ),
    Rule(
        "type.entity-built-in",
        "entity, which no page documents, is written as Graph's abstract base type with the "
        "key id.",
        "bad_docs/api_block_comment/resources/thing.md",
    ),
    Rule(
        "type.unkeyed-complex",
        "An entity page whose key is no row of it, with no base, methods or relationships, "
        "is a complex type (copied from an entity's template).",
        "conflicts/resources/tray.md",
    ),
    Rule(
        "type.keyless-complex-base",
        "An entity page whose key is no row of it, deriving from a complex type, is a "
        "complex type.",
        "conflicts/resources/smalltray.md",
    ),
    Rule(
        "type.key-id",
        "An entity page that names no key property is keyed by its id row.",
        "rules/resources/ledgerline.md",
    ),
    Rule(
        "type.flags-said",
        "An enum whose description says its values combine is a flags enum.",
        "docs_v1/resources/enums.md",
    ),
    Rule(
        "type.member-skipped",
        "An enum row with no member name, or one listed twice, is skipped.",
        "rules/resources/needlestate.md",
    ),
    Rule(
        "type.todo-dropped",
        "**TODO: Add Description** placeholders are dropped from descriptions.",
        "docs/resources/widgetsize.md",
    ),
    Rule(
        "cell.alias",
        "A type cell that spells a primitive another way (Int, string, DateTime) is read as "
        "the OData primitive.",
        "docs/resources/widget.md",
    ),
    Rule(
        "cell.unknown-type",
        "A type cell saying the type is unknown drops the property.",
        "docs_v1/resources/intune-gizmo-tuple_2ofgizmo.md",
    ),
    Rule(
        "cell.no-type",
        "A type cell that names no type, where the JSON representation shows none either, "
        "drops the property.",
        "bad_docs/not_a_type/resources/thing.md",
    ),
    Rule(
        "cell.type-from-representation",
        "A type cell that names no type takes the primitive the JSON representation shows.",
        "rules/resources/dial.md",
    ),
    Rule(
        "cell.ambiguous-name",
        "A type name several namespaces document is the one nearest the page's namespace.",
        "bad_docs/ambiguous_property_type/resources/box.md",
    ),
    Rule(
        "cell.json",
        "Json, which no page documents, is an empty open complex type.",
        "docs_v1/resources/gizmomanual.md",
    ),
    Rule(
        "cell.inline-enum",
        "An undocumented type whose row lists possible values is an enum of those values.",
        "docs_v1/resources/gizmo.md",
    ),
    Rule(
        "cell.string-from-representation",
        "An undocumented type the JSON representation shows as a string is String.",
        "rules/resources/dial.md",
    ),
    Rule(
        "cell.object-stand-in",
        "An undocumented type the JSON representation shows as an object is an empty "
        "complex type that keeps the values' properties as additional data.",
        "bad_docs/undocumented_type_cased/resources/thing.md",
    ),
    Rule(
        "cell.stand-in",
        "An undocumented type the page says nothing of is an empty open complex type, for "
        "review.",
        "bad_docs/undocumented_type/resources/thing.md",
    ),
    Rule(
        "cell.union",
        "A cell naming several types (`A or B`) is their nearest common base type, else the "
        "first.",
        "docs_v1/resources/gizmo.md",
    ),
)
