"""What import-docs and import-metadata share: the options, the spec folder as it is (specs,
the record of the last imports), writing or showing what changes, and the summary.

One type after another gives what one call gives: the types named before from the same
source are imported again with the new ones, and merged over their specs, keeping review.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import config
from generator.emit.run import Exit
from generator.report.problems import InputError, Problem
from generator.spec import yamlsource

if TYPE_CHECKING:
    from generator.importer import ImportResult, ServiceRoot
    from generator.importer.output.plan import Plan
    from generator.importer.output.record import Record, Source
    from generator.report.progress import Progress


def arguments(command: argparse.ArgumentParser) -> None:
    """The options every import takes."""
    command.add_argument(
        "--specs", type=Path, help="spec folder to write to (default: specs/)"
    )
    command.add_argument(
        "--force",
        action="store_true",
        help="re-import the named types' specs that exist: your edits since the last "
        "import are kept, conflicts listed",
    )
    command.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would change, spec by spec; write nothing",
    )
    command.add_argument(
        "--with-navigation",
        action="store_true",
        help="import the targets of navigation properties too, transitively",
    )
    command.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress line on the terminal (the summary still prints)",
    )
    command.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print every decision, every type added and every spec written",
    )
    command.add_argument(
        "--report",
        choices=("text", "json"),
        default="text",
        help="json: one document on stdout for tools",
    )


@dataclass(frozen=True)
class Folder:
    """The spec folder as an import finds it."""

    path: Path
    shown: str
    present: dict[str, str]  # spec file -> the qualified name of its type
    record: Record
    # spec file -> the navigation its notes say was skipped, with the type it lacked
    skipped: dict[str, list[tuple[str, str]]]
    roots: dict[str, str]  # entity spec file -> the baseUrl it names


# An import: told the service root, the schema reference, the progress, the types named
# before from the same source (with their navigation flag) and the types present.
Importer = Callable[
    ["ServiceRoot", str, "Progress", list[tuple[str, bool]], list[str]], "ImportResult"
]


def run(
    args: argparse.Namespace,
    settings: config.Config,
    source: Source,
    importer: Importer,
    problems: list[Problem],
) -> int:
    """Import, plan what changes, then show it (--dry-run) or write it; print the summary.
    `problems` found before the import (a bad metadata file) are reported with its own.
    """
    from generator.commands import importreport
    from generator.importer.output.plan import plan

    specs = args.specs or settings.specs
    folder = _folder(specs, settings)
    earlier = [
        (q, n.navigation) for q, n in folder.record.named.items() if n.source == source
    ]
    result = _imported(args, settings, folder, importer, earlier, problems)
    current = {f: _read(specs / f) for f in result.specs if (specs / f).is_file()}
    named = set(result.named)
    planned = plan(
        result.specs,
        current,
        folder.record,
        named=named,
        force=args.force,
        schema=_schema(settings, specs),
        shown=folder.shown,
    )
    if planned.problems:
        raise InputError(planned.problems)
    stale = _stale(folder, result)
    report = importreport.Report(result, planned, folder.shown, stale, args.dry_run)
    if not args.dry_run:
        _write(folder, planned, result, args, source)
    report.print(args.verbose, args.report == "json")
    return Exit.OK


def _imported(
    args: argparse.Namespace,
    settings: config.Config,
    folder: Folder,
    importer: Importer,
    earlier: list[tuple[str, bool]],
    problems: list[Problem],
) -> ImportResult:
    """The import on the service root the project's specs name; the progress line is gone
    before anything else prints, and every problem is reported at once."""
    from generator.report.progress import Terminal, for_stderr

    progress = for_stderr(args.quiet or args.report == "json")

    def root(named: list[str], every: list[str]) -> str | None:
        """The root of the specs this import leaves as they are (it rewrites the named
        ones, and merges the ones it wrote before)."""
        rewritten = set(every) if args.force else set(named)
        rewritten |= set(every) & set(folder.record.specs)
        roots = {url for file, url in folder.roots.items() if file not in rewritten}
        return min(roots) if roots else None

    result = None
    try:
        schema = _schema(settings, folder.path)
        result = importer(
            root, schema, progress, earlier, list(folder.present.values())
        )
    except InputError as error:
        problems = [*problems, *error.problems]
    finally:
        if isinstance(progress, Terminal):
            progress.close()
    if problems or result is None:
        raise InputError(problems)
    return result


def _schema(settings: config.Config, specs: Path) -> str:
    from generator.render.jobs import SCHEMA

    return os.path.relpath(settings.out / SCHEMA, specs.resolve()).replace(os.sep, "/")


def _folder(specs: Path, settings: config.Config) -> Folder:
    """The specs already there (by the type each names) and the record of the last imports."""
    from generator.importer.output.record import FILE, Record, parse

    present: dict[str, str] = {}
    skipped: dict[str, list[tuple[str, str]]] = {}
    roots: dict[str, str] = {}
    for path in sorted(specs.glob("*.yaml")) if specs.is_dir() else []:
        data = _yaml(path)
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            namespace = data.get("namespace") or "microsoft.graph"
            present[path.name] = f"{namespace}.{data['name']}"
            skipped[path.name] = _skipped(data.get("notes"))
            if data.get("kind") == "entity" and data.get("baseUrl"):
                roots[path.name] = str(data["baseUrl"])
    record_path = specs / FILE
    record = Record()
    if record_path.is_file():
        record = parse(_read(record_path), settings.shown(record_path))
    return Folder(specs, settings.shown(specs), present, record, skipped, roots)


def _yaml(path: Path) -> object:
    """A spec already in the folder, read as `generate` reads specs (plain values only); None
    when it cannot be, as the import then writes beside it."""
    try:
        return yamlsource.load(path.read_text(encoding="utf-8"), path.name)[0]
    except (OSError, UnicodeDecodeError, InputError):
        return None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError([Problem(str(path), 0, f"cannot read: {error}")]) from None


def _skipped(notes: object) -> list[tuple[str, str]]:
    """The navigation a spec's notes say was skipped, each with the type it lacked."""
    found = []
    for note in notes if isinstance(notes, list) else []:
        decision = str(note.get("decision", "")) if isinstance(note, dict) else ""
        if " skipped: resource " in decision:
            target = decision.rpartition("resource ")[2].split(" ", 1)[0]
            found.append((str(note.get("at", "")), target))
    return found


def _stale(folder: Folder, result: ImportResult) -> list[tuple[str, str, str]]:
    """Specs of the folder this import does not rewrite that skipped navigation to a type it
    imports: (spec file, navigation property, type) for each, to say what to re-import.
    """
    imported = {q.rsplit(".", 1)[-1] for q in result.types.values()}
    return [
        (file, at, target)
        for file in sorted(set(folder.present) - set(result.specs))
        for at, target in folder.skipped.get(file, [])
        if target in imported
    ]


def _write(
    folder: Folder,
    planned: Plan,
    result: ImportResult,
    args: argparse.Namespace,
    source: Source,
) -> None:
    """The specs that change, then the record of what the import wrote."""
    from generator.importer import write_specs
    from generator.importer.output.record import FILE, Named
    from generator.importer.output.write import write_record

    write_specs(folder.path, planned.writes())
    record = folder.record
    for spec in planned.specs:
        if spec.entry is not None:
            record.specs[spec.file] = spec.entry
    for file in result.named:
        record.named[result.types[file]] = Named(source, args.with_navigation)
    write_record(folder.path, FILE, record.dump())
