"""`graph-codegen docs`: the reference pages that ship with the tool, printed where it runs.

An installed graph-codegen has no repository around it: the spec format and the templates'
reference are package data (`generator/docs/` in a wheel, `docs/` of the repository in an
editable install), so `graph-codegen docs spec-format` works wherever the tool does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.emit.run import Exit
from generator.report.problems import InputError, Problem, suggestion

NAME = "docs"
HELP = "print a reference page that ships with the tool (spec-format, templates)"
TOPICS = {
    "spec-format": "the spec format, field by field",
    "templates": "what each template writes and receives, and how to override one",
}


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "topic",
        nargs="?",
        metavar="TOPIC",
        help=f"one of {', '.join(TOPICS)}; without it, the topics are listed",
    )
    command.add_argument(
        "--path",
        action="store_true",
        help="print where the page is installed instead of the page",
    )


def main(args: argparse.Namespace) -> int:
    if args.topic is None:
        for topic, what in TOPICS.items():
            print(f"{topic:<14} {what}")
        return Exit.OK
    if args.topic not in TOPICS:
        hint = suggestion(args.topic, TOPICS)
        message = f"no page {args.topic!r}{hint}; the pages: {', '.join(TOPICS)}"
        raise InputError([Problem("", 0, message)])
    page = folder() / f"{args.topic}.md"
    if args.path:
        print(page)
    else:
        sys.stdout.write(page.read_text(encoding="utf-8"))
    return Exit.OK


def folder() -> Path:
    """Where the reference pages are: inside the package in a wheel, or in the repository."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "docs"
    return inside if inside.is_dir() else package.parent / "docs"
