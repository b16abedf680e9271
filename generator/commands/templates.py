"""`graph-codegen templates`: the shipped templates, listed or copied out to be overridden.

Overriding a template starts from the shipped one; this command finds it wherever the tool is
installed (a pipx environment included), and never overwrites a file that is there already.
"""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

from generator.commands import config
from generator.emit.run import Exit
from generator.render.templates import RETIRED, VALIDATION, TemplateSet
from generator.report.problems import InputError, Problem, suggestion

NAME = "templates"
HELP = "list the shipped templates, or copy one out to override it"
WRITES = True


def arguments(command: argparse.ArgumentParser) -> None:
    what = command.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--list",
        action="store_true",
        help="every shipped template, and which ones the project overrides",
    )
    what.add_argument(
        "--copy",
        nargs=2,
        metavar=("NAME", "DIR"),
        help="copy the shipped template NAME (as --list names it) into DIR",
    )


def main(args: argparse.Namespace) -> int:
    settings = config.load()
    templates = TemplateSet.over_shipped(settings.templates)
    if args.list:
        overridden = set(templates.overridden())
        for name in templates.shipped_names():
            mark = ""
            if name in overridden:
                mark = f"  (overridden by {settings.shown(templates.files[name])})"
            print(f"{name}{mark}")
        print(f"({', '.join(RETIRED)}: no more; {VALIDATION})")
        return Exit.OK
    name, into = args.copy
    return _copy(templates, settings, name, Path(into))


def _copy(
    templates: TemplateSet, settings: config.Config, name: str, into: Path
) -> int:
    names = templates.shipped_names()
    if name in RETIRED:
        message = f"{name} is no template any more: {RETIRED[name]}"
        raise InputError([Problem("", 0, message)])
    if name not in names:
        message = (
            f"no shipped template is named {name!r}{suggestion(name, names)}; "
            "`graph-codegen templates --list` names them"
        )
        raise InputError([Problem("", 0, message)])
    target = into / name
    if target.exists() or target.is_symlink():
        message = (
            "exists already; it is left as it is (remove it to copy the shipped one)"
        )
        raise InputError([Problem(settings.shown(target), 0, message)])
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(templates.folders[-1] / name, target)
    print(f"graph-codegen: copied {name} to {settings.shown(target)}")
    used = (
        settings.templates or settings.root / "templates"
    )  # the default once it exists
    if _other(into, used):
        print(
            f'graph-codegen: set templates = "{_relative(into, settings.root)}" under '
            "[tool.graph-codegen] (or pass --templates) so generate uses it"
        )
    return Exit.OK


def _other(into: Path, configured: Path) -> bool:
    return into.resolve() != configured.resolve()


def _relative(folder: Path, root: Path) -> str:
    return os.path.relpath(folder.resolve(), root.resolve()).replace(os.sep, "/")
