"""What an import does with each spec it produced, given the spec folder as it is and the
record of the last imports: write it (new), merge it over a reviewed spec (updated, with the
reviewer's edits kept and conflicts named), leave it (unchanged, or kept: a spec the import
did not write, whose edits it cannot tell apart), or refuse to touch a named type's spec
without `--force`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.importer.output.record import Entry, Record, entry
from generator.importer.output.reimport import Difference, merge
from generator.importer.output.specyaml import emit, ordered
from generator.report.problems import Problem
from generator.spec import yamlsource


@dataclass(frozen=True)
class Planned:
    """One spec file and what the import does to it."""

    file: str
    action: str  # new | updated | unchanged | kept | replaced
    text: str | None = None  # what to write; None: nothing
    entry: Entry | None = None  # the record of what the import wrote
    changed: tuple[Difference, ...] = ()
    kept: tuple[str, ...] = ()
    conflicts: tuple[Difference, ...] = ()


@dataclass
class Plan:
    specs: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def writes(self) -> dict[str, str]:
        return {p.file: p.text for p in self.specs if p.text is not None}


def plan(
    produced: dict[str, str],
    current: dict[str, str],
    record: Record,
    *,
    named: set[str],
    force: bool,
    schema: str,
    shown: str,
) -> Plan:
    """Each produced spec against the one in the folder (`current`, by file name); `named`
    are the files of the types named in this call, `shown` the specs folder as messages name it.
    """
    result = Plan()
    for file, text in sorted(produced.items()):
        data = _data(text, file)
        written = entry(data)
        if file not in current:
            result.specs.append(Planned(file, "new", text, written))
        elif file in named and not force:
            message = (
                "exists and may hold reviewed decisions; pass --force to re-import it"
                + (" (your edits are kept)" if file in record.specs else "")
            )
            result.problems.append(Problem(f"{shown}/{file}", 0, message))
        elif file in record.specs:
            present = _data(current[file], f"{shown}/{file}")
            result.specs.append(
                _merged(file, data, text, present, record.specs[file], schema)
            )
        elif file in named or force:
            result.specs.append(Planned(file, "replaced", text, written))
        else:
            result.specs.append(Planned(file, "kept"))
    return result


def _merged(
    file: str,
    new: dict[str, Any],
    text: str,
    present: dict[str, Any],
    last: Entry,
    schema: str,
) -> Planned:
    merged = merge(new, present, last)
    written = entry(new)
    if not merged.changed and not merged.kept:
        return Planned(file, "unchanged", None, written)
    if not merged.kept:  # nothing of the reviewer's: the import's own text
        return Planned(file, "updated", text, written, merged.changed)
    if not merged.changed and not merged.conflicts:
        return Planned(file, "unchanged", None, written, (), merged.kept)
    return Planned(
        file,
        "updated",
        emit(ordered(merged.data), schema),
        written,
        merged.changed,
        merged.kept,
        merged.conflicts,
    )


def _data(text: str, file: str) -> dict[str, Any]:
    """A spec's YAML as data (numbers as Decimal); a broken file is a located error."""
    data, _ = yamlsource.load(text, file)
    return data if isinstance(data, dict) else {}
