"""`graph-codegen drift`: exit 1 when the specs differ from the service's CSDL metadata."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands import config
from generator.commands.target import folder, setting_problem
from generator.emit.run import Exit
from generator.report.problems import InputError, Problem

NAME = "drift"
HELP = "exit 1 when the specs differ from the service's CSDL metadata"


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--metadata",
        type=Path,
        help="a $metadata (CSDL XML) file (default: metadata of [tool.graph-codegen])",
    )
    command.add_argument("--specs", type=Path, help="spec folder (default: specs/)")


def main(args: argparse.Namespace) -> int:
    """Compare the specs with the metadata; bad input of either kind is reported together."""
    # Loading specs imports jsonschema: only when it runs, so `check` starts quickly.
    from generator.check.drift import compare
    from generator.commands.metadata import metadata as configured_metadata
    from generator.spec.folder import load_specs

    settings = config.load()
    specs = args.specs or settings.specs
    problems: list[Problem] = []
    metadata = None
    try:
        metadata = configured_metadata(args.metadata, settings, required=True)
    except InputError as error:
        problems += error.problems
    try:
        if not specs.is_dir():
            message = f"the specs folder {folder(settings.shown(specs))} does not exist"
            raise InputError([setting_problem(settings, "specs", args.specs, message)])
        loaded = load_specs(specs, root=settings.root)
        problems += loaded.problems
    except InputError as error:
        problems += error.problems
    if problems or metadata is None:
        raise InputError(problems)
    differences = compare(loaded.specs, metadata)
    for difference in differences:
        print(difference)
    if differences:
        print(
            f"graph-codegen: {len(differences)} difference(s) between {settings.shown(specs)}/"
            f" and {metadata.file}.",
            file=sys.stderr,
        )
        return Exit.DRIFT
    print(
        f"graph-codegen: {len(loaded.specs)} spec(s) in {settings.shown(specs)}/"
        f" agree with {metadata.file}."
    )
    return Exit.OK
