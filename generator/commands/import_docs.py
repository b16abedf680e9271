"""`graph-codegen import-docs`: specs a person can review, written from Graph docs pages."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import config
from generator.emit.run import Exit
from generator.report.problems import InputError, Problem

if TYPE_CHECKING:
    from generator.importer import ImportResult
    from generator.odata.edm import Metadata

NAME = "import-docs"
HELP = "write specs from Graph docs pages"
WRITES = True


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--docs", type=Path, required=True, help="folder with resources/ and api/"
    )
    command.add_argument(
        "--specs", type=Path, help="spec folder to write to (default: specs/)"
    )
    command.add_argument(
        "--force", action="store_true", help="replace specs that exist already"
    )
    command.add_argument(
        "--with-navigation",
        action="store_true",
        help="import the targets of navigation properties too, transitively",
    )
    command.add_argument(
        "--metadata",
        type=Path,
        help="the service's $metadata (CSDL XML): followed where the pages disagree "
        "(default: metadata of [tool.graph-codegen])",
    )
    command.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress line on the terminal (errors and decisions still print)",
    )
    command.add_argument(
        "names",
        nargs="+",
        metavar="NAME",
        help="a type the docs document, e.g. todoTask or microsoft.graph.callRecords.callRecord",
    )


def main(args: argparse.Namespace) -> int:
    # The importer is imported when it runs: `check` must start quickly.
    from generator.importer import write_specs

    settings = config.load()
    specs = args.specs or settings.specs
    result = _imported(args, settings, specs)
    for decision in result.decisions:
        print(decision, file=sys.stderr)
    for added in result.added:
        print(f"graph-codegen: {added}", file=sys.stderr)
    existing = {name for name in result.specs if (specs / name).exists()}
    named = sorted(existing & set(result.named))
    if named and not args.force:
        message = "exists and may hold reviewed decisions; pass --force to replace it"
        raise InputError(
            [Problem(settings.shown(specs / n), 0, message) for n in named]
        )
    kept = sorted(existing - set(result.named)) if not args.force else []
    for name in kept:
        shown = settings.shown(specs / name)
        print(f"graph-codegen: kept {shown} (it exists; --force replaces it)")
    wanted = {k: v for k, v in result.specs.items() if k not in kept}
    for name in write_specs(specs, wanted):
        print(f"graph-codegen: wrote {settings.shown(specs / name)}")
    return Exit.OK


def _imported(
    args: argparse.Namespace, settings: config.Config, specs: Path
) -> ImportResult:
    """The import, on the service root the project's specs name; a bad metadata file and bad
    pages are reported together. The progress line is gone before anything else prints.
    """
    from generator.commands.metadata import metadata as configured_metadata
    from generator.importer import import_docs
    from generator.render.jinja import SCHEMA
    from generator.report.progress import Terminal, for_stderr

    schema = os.path.relpath(settings.out / SCHEMA, specs.resolve()).replace(
        os.sep, "/"
    )
    problems: list[Problem] = []
    metadata = None
    try:
        metadata = configured_metadata(args.metadata, settings, required=False)
    except InputError as error:
        problems += error.problems
    if metadata is not None:
        metadata = _named_in_project(metadata, settings.root)
    progress = for_stderr(args.quiet)

    def root(named: list[str], every: list[str]) -> str | None:
        return _service_root(specs, set(every if args.force else named))

    try:
        result = import_docs(
            args.docs,
            args.names,
            with_navigation=args.with_navigation,
            base_url=root,
            schema=schema,
            metadata=metadata,
            progress=progress,
        )
    except InputError as error:
        problems += error.problems
    finally:
        if isinstance(progress, Terminal):
            progress.close()
    if problems:
        raise InputError(problems)
    return result


def _service_root(specs: Path, replaced: set[str]) -> str | None:
    """The baseUrl the entity specs already in the folder name (one client, one service root)."""
    import yaml

    roots = set()
    for path in sorted(specs.glob("*.yaml")) if specs.is_dir() else []:
        if path.name in replaced:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if (
            isinstance(data, dict)
            and data.get("kind") == "entity"
            and data.get("baseUrl")
        ):
            roots.add(str(data["baseUrl"]))
    return min(roots) if roots else None


def _named_in_project(metadata: Metadata, root: Path) -> Metadata:
    """The document as spec notes name it: from the project's root (or by its file name when it
    lies elsewhere), so the notes do not depend on where the import ran."""
    path = Path(metadata.file).resolve()
    top = root.resolve()
    name = path.relative_to(top).as_posix() if path.is_relative_to(top) else path.name
    return replace(metadata, file=name)
