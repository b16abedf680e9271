"""What an import prints: quiet by default (first what the user must act on, then counts),
every decision with `--verbose`, one JSON document with `--report json`, and with `--dry-run`
what would change, spec by spec."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.importer.output import summary
from generator.importer.output.reimport import ABSENT, shown

if TYPE_CHECKING:
    from generator.importer import ImportResult
    from generator.importer.output.plan import Plan, Planned

# How many located lines of one kind the quiet summary shows before it counts the rest.
SHOWN = 15
_VERBS = {
    "new": "wrote",
    "updated": "updated",
    "replaced": "replaced",
    "unchanged": "unchanged",
    "kept": "kept",
}


@dataclass(frozen=True)
class Report:
    result: ImportResult
    plan: Plan
    folder: str  # the specs folder as messages name it
    stale: list[tuple[str, str, str]]  # (spec file, navigation, type) to re-import
    dry_run: bool

    def print(self, verbose: bool, as_json: bool) -> None:
        if as_json:
            print(json.dumps(self.data(), indent=1, default=str, ensure_ascii=False))
            return
        if verbose:
            for decision in self.result.decisions:
                print(decision, file=sys.stderr)
            for added in self.result.added:
                print(f"graph-codegen: {added}", file=sys.stderr)
        for line in self.act_on(verbose):
            print(line, file=sys.stderr)
        for spec in self.plan.specs:
            if self.dry_run or verbose or spec.conflicts:
                print("\n".join(self._spec(spec)))
        for line in self.counts():
            print(line)

    def act_on(self, every: bool) -> Iterator[str]:
        lines = self.act_lines(every)
        if lines:
            yield "graph-codegen: act on these first:"
            yield from (f"  {line}" for line in lines)

    def act_lines(self, every: bool) -> list[str]:
        """What the user must look at first: conflicts, named types with no operation,
        operations skipped, properties dropped, specs to re-import."""
        lines = list(self._conflicts()) + list(self._unserved())
        for why in ("operation skipped", "property dropped"):
            found = [d for d in self.result.decisions if summary.act_on(d) == why]
            lines += [str(d) for d in found[: None if every else SHOWN]]
            if len(found) > SHOWN and not every:
                lines.append(f"  ... and {len(found) - SHOWN} more {why} (--verbose)")
        for file, at, target in self.stale:
            lines.append(
                f"{self.folder}/{file}: {at} was skipped for lack of {target}, which this "
                "import wrote: re-import that spec's type to add it"
            )
        return lines

    def _conflicts(self) -> Iterator[str]:
        for spec in self.plan.specs:
            for c in spec.conflicts:
                yield (
                    f"{self.folder}/{spec.file}: {c.pointer}: you and the import both "
                    f"changed it: yours {shown(c.before)} is kept; the import's is "
                    f"{shown(c.after)}"
                )

    def _unserved(self) -> Iterator[str]:
        result = self.result
        for found in summary.unserved(result.specs, result.named, result.decisions):
            why = (
                f": {len(found.why)} skipped, as said below"
                if found.why
                else ": its page lists none the import could read"
            )
            yield f"{self.folder}/{found.spec}: {found.name} has no operation{why}"

    def _spec(self, spec: Planned) -> Iterator[str]:
        verb = _VERBS[spec.action] if not self.dry_run else spec.action
        extra = " (it exists; the import did not write it: --force replaces it)"
        yield f"graph-codegen: {verb} {self.folder}/{spec.file}" + (
            extra if spec.action == "kept" else ""
        )
        if self.dry_run:
            for d in spec.changed:
                yield f"    {d.pointer}: {shown(d.before)} -> {shown(d.after)}"
            for pointer in spec.kept:
                yield f"    {pointer}: your edit is kept"

    def counts(self) -> Iterator[str]:
        actions = [s.action for s in self.plan.specs]
        done = ", ".join(f"{actions.count(a)} {a}" for a in _VERBS if a in actions)
        yield f"graph-codegen: {len(actions)} spec(s): {done}"
        reasons = summary.added_by_reason(self.result.added)
        if reasons:
            listed = ", ".join(f"{n} {why}" for why, n in reasons.most_common())
            yield f"graph-codegen: {len(self.result.added)} type(s) added: {listed}"
        kinds = summary.counts(self.result.decisions)
        if kinds:
            listed = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
            yield (
                f"graph-codegen: {len(self.result.decisions)} decision(s): {listed}; "
                "each is a note of its spec (--verbose prints them)"
            )
        if self.dry_run:
            yield "graph-codegen: --dry-run: nothing was written."

    def data(self) -> dict[str, Any]:
        """The report as one JSON document."""
        return {
            "dryRun": self.dry_run,
            "specs": [_spec_data(s) for s in self.plan.specs],
            "added": self.result.added,
            "act": self.act_lines(True),
            "decisions": [
                {
                    "file": d.file,
                    "line": d.line,
                    "at": d.at,
                    "kind": summary.kind(d),
                    "rule": d.rule,
                    "decision": d.text,
                    "spec": d.spec,
                }
                for d in self.result.decisions
            ],
        }


def _spec_data(spec: Planned) -> dict[str, Any]:
    def value(v: Any) -> Any:
        return None if v is ABSENT else v

    return {
        "file": spec.file,
        "action": spec.action,
        "changed": [
            {"field": d.pointer, "before": value(d.before), "after": value(d.after)}
            for d in spec.changed
        ],
        "kept": list(spec.kept),
        "conflicts": [
            {"field": c.pointer, "yours": value(c.before), "imported": value(c.after)}
            for c in spec.conflicts
        ],
    }
