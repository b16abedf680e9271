"""Rules of building a type's properties and navigation from its Properties and Relationships
rows."""

from __future__ import annotations

from generator.importer.rules.rule import Rule

RULES = (
    Rule(
        "property.none",
        "A page whose Properties table lists nothing gives the type no properties of its own.",
        "bad_docs/missing_properties/resources/thing.md",
    ),
    Rule(
        "property.listed-twice",
        "A property listed twice keeps its first row.",
        "bad_docs/duplicate_property/resources/thing.md",
    ),
    Rule(
        "property.annotation-row",
        "An OData annotation row (`@odata.type`) is not a property.",
        "docs_v1/resources/gizmo.md",
    ),
    Rule(
        "property.inherited",
        "A row the base type's spec has is dropped from the derived type's.",
        "bad_docs/api_block_comment/resources/thing.md",
    ),
    Rule(
        "property.bad-name",
        "A row whose name is not a property name is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "property.server-set",
        "The key inherited from entity and the properties the server sets are read-only, "
        "even where a request body table lists them.",
        "docs/api/widget-create.md",
    ),
    Rule(
        "property.financials-key-guid",
        "A financials entity's id is a Guid, as the service metadata has it.",
        "rules/resources/ledger.md",
    ),
    Rule(
        "property.enum-values-lacking",
        "Values a row lists that its enum's page lacks are noted; the enum follows its page.",
        "docs_v1/resources/gizmomanual.md",
    ),
    Rule(
        "property.relationship-not-entity",
        "A Relationships row whose type is not an entity is a property.",
        "rules/resources/knob.md",
    ),
    Rule(
        "navigation.entity-property",
        "A Properties row whose type is an entity is navigation.",
        "docs_v1/resources/gizmo.md",
    ),
    Rule(
        "navigation.inherited",
        "A Relationships row the base type's spec has is dropped from the derived type's.",
        "rules/resources/fancyknob.md",
    ),
    Rule(
        "navigation.not-resource",
        "A Relationships row whose type is a primitive or names no type is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "navigation.not-imported",
        "Navigation to a type the import does not bring is skipped (--with-navigation "
        "brings it).",
        "docs_v1/resources/doohickey.md",
    ),
    Rule(
        "navigation.page-skipped",
        "A Methods row on a navigation property the spec does not write is skipped.",
        "docs_v1/resources/doohickey.md",
    ),
    Rule(
        "navigation.single-valued",
        "A navigation the Relationships table says is single-valued stays so, though its "
        "get page says it returns a collection.",
        "rules/resources/knob.md",
    ),
    Rule(
        "navigation.create-single",
        "A POST to a single-valued navigation is not a create: the object is created in its "
        "own collection.",
        "rules/resources/knob.md",
    ),
    Rule(
        "navigation.ref-method",
        "A $ref method the navigation's cardinality does not allow is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "navigation.ref-not-navigation",
        "A $ref route on a segment that is no navigation property of the type is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "navigation.ref-unaddressable",
        "Adding a $ref is left out when no spec gives the target an entity set at the "
        "service root (the reference is its URL there).",
        "docs_v1/resources/doohickey.md",
    ),
)
