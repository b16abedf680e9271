"""What an import says when it is done: first what the user must act on (a named type with no
operations, an operation skipped, a property dropped), then counts of specs and of decisions
by kind. Every decision stays in its spec's notes; `--verbose` prints each one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import yaml

from generator.importer.log import Decision

# The spec fields a decision can be about; any other `at` names a property.
FIELDS = (
    "name",
    "kind",
    "base",
    "abstract",
    "description",
    "baseUrl",
    "key",
    "openType",
    "flags",
    "members",
    "properties",
    "navigation",
    "paths",
    "parameters",
    "operations",
    "actions",
    "functions",
    "example",
)
# A Methods row or an operation left out: `'Get thing' skipped: ...`, `skipped: none of ...`.
_SKIPPED = re.compile(r"^(?:'[^']*' skipped|skipped|left out)\b")
# A property the spec does not get: `dropped: ...`, `left out: ...`.
_DROPPED = re.compile(r"^(?:dropped|left out)\b")


def kind(decision: Decision) -> str:
    """The spec field a decision is about (`operations`, `properties`, ...)."""
    root = decision.at.split(".", 1)[0]
    return root if root in FIELDS else "properties"


def act_on(decision: Decision) -> str | None:
    """Why a decision needs the user, or None: an operation skipped, a property dropped."""
    field = kind(decision)
    if field in ("operations", "actions", "functions") and _SKIPPED.match(
        decision.text
    ):
        return "operation skipped"
    if field == "properties" and _DROPPED.match(decision.text):
        return "property dropped"
    return None


@dataclass(frozen=True)
class Unserved:
    """A named entity whose spec has no operation: what its pages' skipped rows said."""

    spec: str
    name: str
    why: list[Decision]


def unserved(
    specs: dict[str, str], named: list[str], decisions: list[Decision]
) -> list[Unserved]:
    """The named entities with no operation and no action, with the decisions that cost them."""
    found: list[Unserved] = []
    for file in named:
        data = yaml.safe_load(specs[file])
        if (
            data.get("kind") != "entity"
            or data.get("operations")
            or data.get("actions")
        ):
            continue
        why = [
            d for d in decisions if d.spec == file and act_on(d) == "operation skipped"
        ]
        found.append(Unserved(file, str(data.get("name")), why))
    return found


def counts(decisions: list[Decision]) -> Counter[str]:
    """How many decisions of each kind, most first."""
    return Counter(kind(d) for d in decisions)


def added_by_reason(added: list[str]) -> Counter[str]:
    """`added itemBody (complex type of todoTask.body)` counted as `complex type`."""
    found: Counter[str] = Counter()
    for line in added:
        reason = line.partition("(")[2].rstrip(")")
        found[reason.split(" of ", 1)[0]] += 1
    return found
