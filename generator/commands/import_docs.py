"""`graph-codegen import-docs`: specs a person can review, written from Graph docs pages."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.commands import config, importing
from generator.report.problems import InputError, Problem

if TYPE_CHECKING:
    from generator.importer import ImportResult, ServiceRoot
    from generator.odata.edm import Metadata
    from generator.report.progress import Progress

NAME = "import-docs"
HELP = "write specs from Graph docs pages"
WRITES = True


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--docs", type=Path, required=True, help="folder with resources/ and api/"
    )
    command.add_argument(
        "--metadata",
        type=Path,
        help="the service's $metadata (CSDL XML): the contract for structure, followed where "
        "the pages disagree (default: metadata of [tool.graph-codegen])",
    )
    importing.arguments(command)
    command.add_argument(
        "names",
        nargs="+",
        metavar="NAME",
        help="a type the docs document, e.g. todoTask or microsoft.graph.callRecords.callRecord",
    )


def main(args: argparse.Namespace) -> int:
    # The importer is imported when it runs: `check` must start quickly.
    from generator.commands.metadata import metadata as configured_metadata
    from generator.importer import import_docs
    from generator.importer.output.record import Source

    settings = config.load()
    problems: list[Problem] = []
    metadata = None
    try:
        metadata = configured_metadata(args.metadata, settings, required=False)
    except InputError as error:
        problems += error.problems
    if metadata is not None:
        metadata = named_in_project(metadata, settings.root)
    docs = _from_root(args.docs, settings.root)
    source = Source(NAME, docs, metadata.file if metadata else None)

    def run(
        root: ServiceRoot,
        schema: str,
        progress: Progress,
        earlier: list[tuple[str, bool]],
        present: list[str],
    ) -> ImportResult:
        return import_docs(
            args.docs,
            args.names,
            with_navigation=args.with_navigation,
            base_url=root,
            schema=schema,
            metadata=metadata,
            progress=progress,
            also=earlier,
            present=present,
        )

    return importing.run(args, settings, source, run, problems)


def _from_root(path: Path, root: Path) -> str:
    """A folder as the record names it: from the project's root, so it does not depend on
    where the import ran."""
    folder, top = path.resolve(), root.resolve()
    return (
        folder.relative_to(top).as_posix()
        if folder.is_relative_to(top)
        else str(folder)
    )


def named_in_project(metadata: Metadata, root: Path) -> Metadata:
    """The document as spec notes name it: from the project's root (or by its file name when it
    lies elsewhere), so the notes do not depend on where the import ran."""
    path = Path(metadata.file).resolve()
    top = root.resolve()
    name = path.relative_to(top).as_posix() if path.is_relative_to(top) else path.name
    return replace(metadata, file=name)
