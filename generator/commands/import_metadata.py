"""`graph-codegen import-metadata`: specs from the service's CSDL `$metadata` alone."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import config, importing
from generator.commands.import_docs import named_in_project
from generator.report.problems import InputError, Problem

if TYPE_CHECKING:
    from generator.importer import ImportResult, ServiceRoot
    from generator.report.progress import Progress

NAME = "import-metadata"
HELP = "write specs from the service's $metadata alone"
WRITES = True


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "metadata", type=Path, metavar="FILE", help="a $metadata (CSDL XML) file"
    )
    command.add_argument(
        "--depth",
        type=int,
        default=None,
        help="how many contained navigation steps below an entity set or singleton a path "
        "may take (default: 3)",
    )
    importing.arguments(command)
    command.add_argument(
        "names",
        nargs="+",
        metavar="NAME",
        help="a type the metadata declares, e.g. todoTask or "
        "microsoft.graph.callRecords.callRecord",
    )


def main(args: argparse.Namespace) -> int:
    from generator.importer import DEPTH, import_metadata
    from generator.importer.output.record import Source
    from generator.odata import csdl

    settings = config.load()
    problems: list[Problem] = []
    depth = DEPTH if args.depth is None else args.depth
    if depth < 0:
        problems.append(
            Problem("", 0, f"--depth {depth} is not a depth (0 or more steps)")
        )
    try:
        metadata = named_in_project(csdl.load(args.metadata), settings.root)
    except InputError as error:
        raise InputError([*problems, *error.problems]) from None
    source = Source(NAME, None, metadata.file, depth)

    def run(
        root: ServiceRoot,
        schema: str,
        progress: Progress,
        earlier: list[tuple[str, bool]],
        present: list[str],
    ) -> ImportResult:
        return import_metadata(
            metadata,
            args.names,
            depth=max(depth, 0),
            with_navigation=args.with_navigation,
            base_url=root,
            schema=schema,
            progress=progress,
            also=earlier,
            present=present,
        )

    return importing.run(args, settings, source, run, problems)
