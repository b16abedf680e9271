"""Rules of following the service's metadata (CSDL): where it and the pages disagree, and what
`import-metadata` (or `import-docs --metadata`) writes from it where no page says."""

from __future__ import annotations

from generator.importer.rules.rule import Rule

RULES = (
    Rule(
        "metadata.written-type",
        "A type no page documents is written from the metadata: kind, base, flags, key, "
        "members, properties.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.type-missing",
        "A type the metadata lacks follows its pages for all of it.",
        "metadata/cases/missing_type.xml",
    ),
    Rule(
        "metadata.property-type-undeclared",
        "A metadata property of a type the metadata declares nowhere and no page documents "
        "has an empty open complex type stand in for it.",
        "metadata/cases/undeclared_type.xml",
    ),
    Rule(
        "metadata.type-unwritable",
        "A metadata property whose type is no OData type the generator has is left out.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.name",
        "A type's name is spelt as the metadata spells it.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.kind",
        "A type is an entity or a complex type as the metadata says.",
        "metadata/cases/kind.xml",
    ),
    Rule(
        "metadata.keyless-entity",
        "An entity the metadata gives no base type and no key derives from entity, for its "
        "key id.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.base",
        "A type's base type is the metadata's, when the docs document it.",
        "metadata/cases/base.xml",
    ),
    Rule(
        "metadata.no-base",
        "A type the metadata gives no base type has none.",
        "metadata/cases/base_none.xml",
    ),
    Rule(
        "metadata.base-needs-key",
        "An entity the metadata gives neither base nor key keeps the docs' base type.",
        "metadata/cases/keyless_entity.xml",
    ),
    Rule(
        "metadata.base-unknown",
        "A metadata base type documented nowhere (or the type itself) leaves the docs' base "
        "type.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.abstract",
        "A type is abstract as the metadata says.",
        "metadata/cases/abstract.xml",
    ),
    Rule(
        "metadata.open-type",
        "A type is open as the metadata says.",
        "metadata/cases/open_type.xml",
    ),
    Rule(
        "metadata.flags",
        "An enum is a flags enum as the metadata's IsFlags says.",
        "metadata/cases/flags.xml",
    ),
    Rule(
        "metadata.members-added",
        "Enum members only the metadata has are added.",
        "metadata/cases/enum_members.xml",
    ),
    Rule(
        "metadata.member-kept",
        "An enum member the page lists and the metadata lacks is kept.",
        "metadata/cases/enum_members.xml",
    ),
    Rule(
        "metadata.members-order",
        "Enum members follow the metadata's order.",
        "metadata/cases/members_order.xml",
    ),
    Rule(
        "metadata.sentinel-place",
        "unknownFutureValue sits where the metadata has it: before the members the service "
        "sends only to a client that asks.",
        "metadata/cases/sentinel.xml",
    ),
    Rule(
        "metadata.sentinel-added",
        "unknownFutureValue is added where the metadata has it and the page does not.",
        "metadata/cases/enum_members.xml",
    ),
    Rule(
        "metadata.property-type",
        "A property's type and nullability are the metadata's where the page says otherwise.",
        "metadata/cases/collection.xml",
    ),
    Rule(
        "metadata.type-kept",
        "A property keeps the page's type where the metadata's cannot be written.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.not-nullable",
        "A property the metadata says is not nullable is not nullable.",
        "metadata/cases/nullable.xml",
    ),
    Rule(
        "metadata.navigation-as-property",
        "A Properties row the metadata declares as navigation stays a property, as the page "
        "has it.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.property-undeclared",
        "A property row the metadata type does not declare is kept, as the page lists it.",
        "metadata/cases/docs_only.xml",
    ),
    Rule(
        "metadata.property-on-base",
        "A property row the metadata declares on a base type is dropped: the base's spec has "
        "it.",
        "metadata/cases/declared_on_base.xml",
    ),
    Rule(
        "metadata.property-declared-elsewhere",
        "A property row the metadata declares on another type, not a base, is kept.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.property-added",
        "A property only the metadata declares is added.",
        "metadata/cases/base_none.xml",
    ),
    Rule(
        "metadata.property-unwritable",
        "A property only the metadata declares, whose type cannot be written, is left out.",
        "metadata/cases/metadata_only_type.xml",
    ),
    Rule(
        "metadata.property-listed-on-base",
        "A property the metadata declares on the type and the docs on a base stays on the "
        "base.",
        "metadata/cases/listed_on_base.xml",
    ),
    Rule(
        "metadata.computed",
        "A property the metadata marks Core.Computed is read-only.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.navigation-type",
        "A navigation property's type is the metadata's where the page says otherwise.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.navigation-added",
        "Navigation only the metadata declares is added.",
        "metadata/cases/navigation.xml",
    ),
    Rule(
        "metadata.navigation-undeclared",
        "A Relationships row the metadata type does not declare is kept.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.navigation-on-base",
        "A Relationships row the metadata declares on a base type is dropped.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.navigation-declared-elsewhere",
        "A Relationships row the metadata declares on another type, not a base, is kept.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.paths",
        "A type's paths come from the entity container: its sets, singletons and contained "
        "navigation.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.no-paths",
        "A type no set, singleton or contained navigation leads to within the depth has no "
        "paths.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.operation",
        "An operation the metadata's capability annotations allow somewhere the type is, is "
        "written.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.restricted",
        "An operation the metadata's capability annotations forbid wherever the type is, is "
        "left out.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.stream-property",
        "An entity's stream property content (Edm.Stream) is its stream, read and replaced, "
        "unless it is a media entity.",
        "csdl/operations.xml",
    ),
    Rule(
        "metadata.bound-action",
        "An action bound to the type or a set of it is written from the metadata: its binding, "
        "parameters and result.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.bound-function",
        "A function bound to the type or a set of it is written from the metadata: its binding, "
        "parameters and result; delta on a set is the type's delta query.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.stream",
        "A media entity (HasStream, or derived from one) has its bytes at $value, read and "
        "replaced.",
        "csdl/service.xml",
    ),
    Rule(
        "metadata.operation-unknown",
        "An action or function the metadata does not bind to the type is kept as the page "
        "says.",
        "metadata/operations.xml",
    ),
    Rule(
        "metadata.operation-overload",
        "Of operations of one name bound to a type (overloads, or one bound to the set beside "
        "one bound to an item), import-metadata keeps the first as the method.",
        "csdl/operations.xml",
    ),
    Rule(
        "metadata.operation-unwritable",
        "An action or function whose metadata signature cannot be written is kept as the page "
        "says, or skipped.",
        "metadata/operations.xml",
    ),
    Rule(
        "metadata.bound",
        "An action or function binds to the item or the collection as the metadata says.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.parameter",
        "An operation parameter's name and type are the metadata's.",
        "metadata/operations.xml",
    ),
    Rule(
        "metadata.parameter-left-out",
        "A parameter the metadata's operation lacks is left out.",
        "metadata/knob.xml",
    ),
    Rule(
        "metadata.returns",
        "An operation's result is the metadata's.",
        "metadata/operations.xml",
    ),
)
