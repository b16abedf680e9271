"""`graph-codegen routes`: every request the generated client can send, and the call that
sends it, so a docs page's `POST /me/events/{id}/forward` finds its method at once."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from generator.commands import target
from generator.emit.run import Exit
from generator.report.problems import InputError

NAME = "routes"
HELP = "list every request the generated client can send, with the call that sends it"
_WIDEST_PATH = 72  # wider paths push their call right, past the column


def arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "filter",
        nargs="?",
        metavar="FILTER",
        help="only the requests whose method, path or call holds this text (any case)",
    )
    command.add_argument(
        "--json",
        action="store_true",
        help="a JSON list of {method, path, call, async_call, spec, docs}, for tools",
    )
    command.add_argument("--specs", type=Path, help="spec folder (default: specs/)")
    command.add_argument(
        "--templates",
        type=Path,
        help="folder of templates that replace the shipped ones of the same name",
    )
    command.add_argument(
        "--out", type=Path, help="output folder, as generate takes it (not written)"
    )


def main(args: argparse.Namespace) -> int:
    """The specs checked as `generate` checks them, then their builders' requests."""
    from generator.check.reserved import reserved
    from generator.check.stage import checked
    from generator.model.navigation import build_navigation
    from generator.model.requests import requests
    from generator.render.templates import TemplateSet
    from generator.spec.folder import load_specs

    found = target.target(args)
    templates = TemplateSet.over_shipped(found.templates)
    linked = templates.outside(found.root or Path.cwd())
    if linked:
        raise InputError(linked)
    loaded = load_specs(found.specs, root=found.root)
    schema, tree = checked(loaded, reserved(templates.runtime()))
    listed = [
        r
        for r in requests(schema, tree, build_navigation(schema, tree))
        if args.filter is None or r.matches(args.filter)
    ]
    if args.json:
        print(json.dumps([asdict(r) for r in listed], indent=2))
    else:
        width = min(max((len(r.path) for r in listed), default=0), _WIDEST_PATH)
        for r in listed:
            print(f"{r.method:<6} {r.path:<{width}}  {r.call}")
        print(f"graph-codegen: {len(listed)} request(s).", file=sys.stderr)
    return Exit.OK
