"""What `generate` and `check` work on: the command line over `[tool.graph-codegen]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands import config
from generator.emit.outguard import placement
from generator.emit.run import Mode, Request, Target
from generator.report.problems import InputError, Problem
from generator.spec.cachefolder import NAME as CACHE

# Said where no pyproject.toml configures a project: the first thing a new user runs into.
_START = "; `graph-codegen init` starts a project here"


def arguments(command: argparse.ArgumentParser) -> None:
    """The options `generate` and `check` share: where specs, templates and output are."""
    command.add_argument("--specs", type=Path, help="spec folder (default: specs/)")
    command.add_argument(
        "--templates",
        type=Path,
        help="folder of templates that replace the shipped ones of the same name",
    )
    command.add_argument("--out", type=Path, help="output folder (default: generated/)")
    command.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress line on the terminal (errors and the summary still print)",
    )
    command.add_argument(
        "--full",
        action="store_true",
        help="render every file and trust nothing the output folder or the cache "
        "records (for CI and hooks: a file edited with its hash in the manifest is found)",
    )
    command.add_argument(
        "--report",
        choices=("text", "json"),
        default="text",
        help="how to print what changed in the generated API (json: for tools)",
    )


def target(args: argparse.Namespace) -> Target:
    """The command line over `[tool.graph-codegen]`; a folder that does not exist, or an output
    folder that would hold the project or its inputs, is a problem."""
    settings = config.load()
    specs = args.specs or settings.specs
    templates = args.templates or settings.templates
    out = args.out or settings.out
    problems = [
        setting_problem(
            settings,
            what,
            given,
            f"the {what} folder {folder(settings.shown(path))} does not exist"
            + (
                _START
                if what == "specs" and given is None and not settings.lines
                else ""
            ),
        )
        for what, path, given in (
            ("specs", specs, args.specs),
            ("templates", templates, args.templates),
        )
        if path is not None and not path.is_dir()
    ]
    misplaced = placement(out, settings.root, specs, templates)
    if misplaced is not None:
        message = (
            f"the output folder {folder(settings.shown(out))} {misplaced}; generate "
            "owns every file of its output folder: name a folder of its own "
            "(default: generated)"
        )
        problems.append(setting_problem(settings, "out", args.out, message))
    if problems:
        raise InputError(problems)
    return Target(
        specs=specs,
        templates=templates,
        out=out,
        keep=settings.keep,
        shown_out=settings.shown(out),
        diff_prefix=_repository_path(out, settings.root),
        cache=settings.root / CACHE,
        keep_at=settings.keep_at(),
        # Only a configured output folder can have moved; `--out` writes elsewhere for once.
        root=settings.root if args.out is None else None,
    )


def folder(shown: str) -> str:
    """A folder as messages name it: `specs/`, but `.` and `..` as they are."""
    return shown if shown in (".", "..") else f"{shown}/"


def setting_problem(
    settings: config.Config, key: str, given: Path | None, message: str
) -> Problem:
    """A problem with a setting: at its line in pyproject.toml, or of the command line."""
    if given is not None:
        return Problem("", 0, f"--{key} {given}: {message}")
    file, line = settings.where(key)
    return Problem(
        file, line, f"[tool.graph-codegen] {key}: {message}" if file else message
    )


def request(args: argparse.Namespace, mode: Mode) -> Request:
    """How the run reports, as the shared options ask."""
    return Request(
        mode=mode, json=args.report == "json", quiet=args.quiet, full=args.full
    )


def _repository_path(out: Path, root: Path) -> str:
    """The output folder relative to the top of its git work tree, else to the project root."""
    folder = out.resolve()
    tops = [t for t in (folder, *folder.parents) if (t / ".git").exists()]
    for top in (*tops[:1], root.resolve()):
        if folder.is_relative_to(top):
            return f"{folder.relative_to(top).as_posix()}/"
    return f"{folder.as_posix().lstrip('/')}/"
