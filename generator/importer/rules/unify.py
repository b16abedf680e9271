"""Rules of making the specs of one import agree: one service root, one builder per path, the
operations and paths that pass between a type, its base and the types navigation leads to.
"""

from __future__ import annotations

from generator.importer.rules.rule import Rule

RULES = (
    Rule(
        "unify.project-base-url",
        "Every spec takes the service root the project's other specs name (one client, one "
        "root).",
        "docs_v1/resources/entity.md",
    ),
    Rule(
        "unify.base-url-agreed",
        "Every spec of one import takes the service root most of its examples name.",
        "rules/resources/gauge.md",
    ),
    Rule(
        "unify.base-url-from-others",
        "A spec whose examples name no version takes the other specs' service root.",
        "docs/resources/widget.md",
    ),
    Rule(
        "unify.base-url-default",
        "An import whose examples name no version uses v1.0.",
        "bad_docs/api_block_comment/resources/thing.md",
    ),
    Rule(
        "unify.base-url-metadata",
        "import-metadata uses v1.0: the metadata does not say which version it describes.",
        "csdl/service.xml",
    ),
    Rule(
        "unify.path-claimed",
        "A path two types of one import claim is dropped from the one the pages show less.",
        "docs_v1/resources/lightsignal.md",
    ),
    Rule(
        "unify.parameters-renamed",
        "Path parameters are named as the other specs of the import name them.",
        "docs_v1/resources/gizmopart.md",
    ),
    Rule(
        "unify.path-single",
        "A path that single-valued navigation leads to addresses one object.",
        "conflicts/resources/panel.md",
    ),
    Rule(
        "unify.navigation-collection",
        "A navigation the pages list or address by key is a collection, though its row names "
        "one object.",
        "conflicts/resources/hub.md",
    ),
    Rule(
        "unify.path-collection-navigation",
        "A path where a navigation is a collection is skipped: that builder serves its items.",
        "rules/resources/knoblight.md",
    ),
    Rule(
        "unify.path-action-segment",
        "A path whose segment is an action of another type is skipped.",
        "rules/resources/knobtuner.md",
    ),
    Rule(
        "unify.path-leads-elsewhere",
        "A path where navigation leads to another type is skipped: that type's builder serves "
        "it.",
        "rules/resources/knobface.md",
    ),
    Rule(
        "unify.base-path-lost",
        "A path where navigation leads to the type's base is the base's: its builder serves "
        "the derived type too.",
        "conflicts/resources/lamp.md",
    ),
    Rule(
        "unify.derived-set-operation",
        "An operation a derived type's page sends to its base type's set goes to the base's "
        "spec.",
        "docs_v1/resources/gizmosignal.md",
    ),
    Rule(
        "unify.derived-operation",
        "An operation of a derived type that navigation to its base reaches goes to the "
        "base's spec.",
        "conflicts/resources/plate.md",
    ),
    Rule(
        "unify.derived-paths-action",
        "An action or function a derived type's page sends to its base's paths goes to the "
        "base's spec.",
        "rules/resources/knob.md",
    ),
    Rule(
        "unify.item-operation",
        "An operation a page sends to an item of a navigation goes to the target type's spec.",
        "docs_v1/resources/gizmopart.md",
    ),
    Rule(
        "unify.item-operation-skipped",
        "An operation on items of a navigation is skipped when the target type is not imported "
        "or has no item path.",
        "rules/resources/knob.md",
    ),
    Rule(
        "unify.hidden-segment",
        "A navigation, action or function named as a segment of a path below the builder is "
        "left out: the path stays.",
        "docs_v1/resources/doohickey.md",
    ),
)
