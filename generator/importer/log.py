"""Decisions (warnings that also become the spec's notes) and errors, each at a page and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.importer.rules import RULES
from generator.report.problems import Problem


@dataclass(frozen=True, order=True)
class Decision(Problem):
    """A decision as a located warning; `at` is the spec field it is about, `text` what was
    decided, `rule` the id of the importer rule that took it (see `importer.rules`), `spec`
    the spec file it is noted in (set once the file is named)."""

    at: str = ""
    text: str = ""
    spec: str = ""
    rule: str = ""


@dataclass
class Log:
    """What one resource's import decided and what was wrong with its pages."""

    notes: list[dict[str, str]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    # Collection paths read from no list page nor keyed route (see endpoints.Paths.guessed):
    # the stage that makes the specs agree may read them as single-valued.
    guessed: list[str] = field(default_factory=list)
    # Operations its pages document on the items of a navigation property, for the target
    # type's spec: (target type, operation kind, the operation, the Methods row's file, line).
    items: list[tuple[str, str, dict[str, Any], str, int]] = field(default_factory=list)
    # The paths (parameters as `{}`) each action and function (`actions.name`) is sent to.
    sent: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def decide(
        self,
        file: str,
        line: int,
        at: str,
        decision: str,
        *,
        rule: str,
        says_where: bool = False,
    ) -> None:
        """Record a decision, and the rule that took it, in the spec's notes and as a warning
        at the page line it came from."""
        if rule not in RULES:
            raise ValueError(
                f"no importer rule {rule!r}: add it to generator/importer/rules"
            )
        source = f"{file}:{line}"
        self.notes.append(
            {"at": at, "decision": decision, "rule": rule, "source": source}
        )
        message = decision if says_where else f"{at}: {decision}"
        self.decisions.append(
            Decision(file, line, message, "warning", at, decision, rule=rule)
        )

    def error(self, file: str, line: int, message: str) -> None:
        self.errors.append(Problem(file, line, message))

    def used(self, file: str) -> None:
        """A page the spec was transcribed from, listed once under `docs`."""
        if file not in self.docs:
            self.docs.append(file)
