"""`graph-codegen generate`: the output folder written from the specs, only what changed rendered."""

from __future__ import annotations

import argparse

from generator.commands import target
from generator.emit.run import Mode, run

NAME = "generate"
HELP = "write generated/ from the specs (only what changed is rendered)"
WRITES = True


def arguments(command: argparse.ArgumentParser) -> None:
    target.arguments(command)


def main(args: argparse.Namespace) -> int:
    return run(target.target(args), target.request(args, Mode.WRITE)).print()
