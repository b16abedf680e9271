"""The importer's rules, one registry per stage: each way of reading the docs or the metadata
that decides what no page says outright, as one entry with a stable id, a one-line description
and the fixture page that shows it. Every decision carries its rule's id (`Decision.rule`, the
spec's `notes[].rule`), so tests and reviewers name the rule, not the wording.

In: nothing (a leaf every stage may import). Out: `RULES`, each rule by its id.
Add a rule: one entry in its stage's module, one fixture page under tests/fixtures that shows
it, reached by an import in tests/test_importer_rules.py.
"""

from __future__ import annotations

from generator.importer.rules.members import RULES as MEMBERS
from generator.importer.rules.metadata import RULES as METADATA
from generator.importer.rules.operations import RULES as OPERATIONS
from generator.importer.rules.pages import RULES as PAGES
from generator.importer.rules.rule import Rule
from generator.importer.rules.unify import RULES as UNIFY

__all__ = ["RULES", "STAGES", "Rule"]

# The registries in the order the import runs: a type's page, its rows, its operations, the
# metadata it follows, the specs made to agree.
STAGES: dict[str, tuple[Rule, ...]] = {
    "pages": PAGES,
    "members": MEMBERS,
    "operations": OPERATIONS,
    "metadata": METADATA,
    "unify": UNIFY,
}
RULES: dict[str, Rule] = {r.id: r for stage in STAGES.values() for r in stage}
