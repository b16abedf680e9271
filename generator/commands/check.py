"""`graph-codegen check`: exit 1 when the output folder is not what `generate` would write."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from generator.commands import target
from generator.emit import manifest
from generator.emit.run import Mode, run

NAME = "check"
HELP = "exit 1 when generated/ is not what generate would write"


def arguments(command: argparse.ArgumentParser) -> None:
    target.arguments(command)
    command.add_argument(
        "--diff",
        action="store_true",
        help="print unified diffs, with paths that `git apply` takes",
    )
    command.add_argument(
        "--fail-on-breaking",
        action="store_true",
        help="exit 1 when the API changes in a way that breaks callers",
    )
    command.add_argument(
        "--baseline",
        type=Path,
        metavar="MANIFEST",
        help="compare the API with this manifest (another revision's "
        "generated/.graph-codegen.json) instead of the last generate's",
    )


def main(args: argparse.Namespace) -> int:
    where = target.target(args)
    mode = Mode.DIFF if args.diff else Mode.CHECK
    baseline = None if args.baseline is None else manifest.load(args.baseline)
    request = replace(
        target.request(args, mode),
        fail_on_breaking=args.fail_on_breaking,
        baseline=baseline,
    )
    return run(where, request).print()
