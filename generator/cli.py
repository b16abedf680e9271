"""graph-codegen: typed Python clients for Microsoft Graph resources, generated from YAML specs.

Exit codes: 0 when all is well (or generated/ is current), 1 when check or drift finds a
difference, 2 on bad input (every problem printed as file:line: message; nothing written).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Protocol, cast

from generator import __version__
from generator.emit.run import Exit
from generator.report.problems import FormatError, InputError

# The subcommands, in the order `--help` lists them: each is generator/commands/<module>.py.
COMMANDS = (
    "init",
    "generate",
    "check",
    "import_docs",
    "import_metadata",
    "drift",
    "routes",
    "templates",
    "docs",
)

_EPILOG = """Exit codes: 0 done (or generated/ is current), 1 a difference (check, drift),
2 bad input, every problem printed as file:line: message and nothing written.
Settings: [tool.graph-codegen] in the nearest pyproject.toml (specs, templates, out,
keep, metadata), paths relative to that file. The spec format, installed with the
tool: `graph-codegen docs spec-format` (`--path` prints where it is)."""


class Command(Protocol):
    """What a module of generator/commands/ offers: its name, its options, what it does."""

    NAME: str
    HELP: str

    def arguments(self, command: argparse.ArgumentParser) -> None: ...

    def main(self, args: argparse.Namespace) -> int: ...


def main(argv: Sequence[str] | None = None) -> int:
    commands = {c.NAME: c for c in map(command, COMMANDS)}
    args = _parser(commands.values()).parse_args(argv)
    # Only a command that writes says it did not: check, drift and routes never write.
    after = "; nothing was written." if _writes(commands[args.command]) else "."
    try:
        return commands[args.command].main(args)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.level == "error" for p in error.problems)
        print(f"graph-codegen: {errors} problem(s){after}", file=sys.stderr)
        return Exit.ERROR
    except BrokenPipeError:  # `graph-codegen templates --list | head`: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.DRIFT
    except (FormatError, OSError) as error:
        print(f"graph-codegen: {error}{after}", file=sys.stderr)
        return Exit.ERROR


def _writes(module: Command) -> bool:
    """A command module that writes files says so with `WRITES = True`."""
    return bool(getattr(module, "WRITES", False))


def command(module: str) -> Command:
    """A subcommand's module; each keeps what only it needs imported when it runs."""
    return cast(Command, importlib.import_module(f"generator.commands.{module}"))


def _parser(commands: Iterable[Command]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graph-codegen",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"graph-codegen {__version__}"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for each in commands:
        each.arguments(
            subparsers.add_parser(each.NAME, help=each.HELP, description=each.HELP)
        )
    return parser
