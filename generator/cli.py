"""graph-codegen: typed Python clients for Microsoft Graph resources, generated from YAML specs.

Exit codes: 0 when all is well (or generated/ is current), 1 when check or drift finds a
difference, 2 on bad input (every problem printed as file:line: message; nothing written).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator import __version__
from generator.commands import config
from generator.emit import manifest
from generator.emit.run import Exit, Mode, Request, Target, run
from generator.report.problems import FormatError, InputError, Problem

if TYPE_CHECKING:
    from generator.importer import ImportResult
    from generator.odata.csdl import Metadata

_EPILOG = """Exit codes: 0 done (or generated/ is current), 1 a difference (check, drift),
2 bad input, every problem printed as file:line: message and nothing written.
Settings: [tool.graph-codegen] in the nearest pyproject.toml (specs, templates, out,
keep, metadata), paths relative to that file. The spec format: docs/spec-format.md."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "import-docs":
            return _import_docs(args)
        if args.command == "drift":
            return _drift(args)
        return run(_target(args), _request(args)).print()
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.level == "error" for p in error.problems)
        print(
            f"graph-codegen: {errors} problem(s); nothing was written.", file=sys.stderr
        )
        return Exit.ERROR
    except (FormatError, OSError) as error:
        print(f"graph-codegen: {error}; nothing was written.", file=sys.stderr)
        return Exit.ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="graph-codegen",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"graph-codegen {__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in (
        ("generate", "write generated/ from the specs (only what changed is rendered)"),
        ("check", "exit 1 when generated/ is not what generate would write"),
    ):
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--specs", type=Path, help="spec folder (default: specs/)")
        command.add_argument(
            "--templates",
            type=Path,
            help="folder of templates that replace the shipped ones of the same name",
        )
        command.add_argument(
            "--out", type=Path, help="output folder (default: generated/)"
        )
        command.add_argument(
            "--quiet",
            "-q",
            action="store_true",
            help="no progress line on the terminal (errors and the summary still print)",
        )
        command.add_argument(
            "--report",
            choices=("text", "json"),
            default="text",
            help="how to print what changed in the generated API (json: for tools)",
        )
        if name == "check":
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
    importer = commands.add_parser(
        "import-docs", help="write specs from Graph docs pages"
    )
    importer.add_argument(
        "--docs", type=Path, required=True, help="folder with resources/ and api/"
    )
    importer.add_argument(
        "--specs", type=Path, help="spec folder to write to (default: specs/)"
    )
    importer.add_argument(
        "--force", action="store_true", help="replace specs that exist already"
    )
    importer.add_argument(
        "--with-navigation",
        action="store_true",
        help="import the targets of navigation properties too, transitively",
    )
    importer.add_argument(
        "--metadata",
        type=Path,
        help="the service's $metadata (CSDL XML): followed where the pages disagree "
        "(default: metadata of [tool.graph-codegen])",
    )
    importer.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="no progress line on the terminal (errors and decisions still print)",
    )
    importer.add_argument(
        "names",
        nargs="+",
        metavar="NAME",
        help="a type the docs document, e.g. todoTask or microsoft.graph.callRecords.callRecord",
    )
    _drift_parser(commands)
    return parser


def _target(args: argparse.Namespace) -> Target:
    """The command line over `[tool.graph-codegen]`; a folder that does not exist is a problem."""
    settings = config.load()
    specs = args.specs or settings.specs
    templates = args.templates or settings.templates
    out = args.out or settings.out
    problems = [
        Problem(settings.shown(path), 1, f"the {what} folder does not exist")
        for what, path in (("specs", specs), ("templates", templates))
        if path is not None and not path.is_dir()
    ]
    if problems:
        raise InputError(problems)
    return Target(
        specs=specs,
        templates=templates,
        out=out,
        keep=settings.keep,
        shown_out=settings.shown(out),
        diff_prefix=_repository_path(out, settings.root),
        cache=settings.root / ".graph-codegen-cache",
    )


def _request(args: argparse.Namespace) -> Request:
    check = args.command == "check"
    mode = Mode.WRITE if not check else Mode.DIFF if args.diff else Mode.CHECK
    baseline = None
    if check and args.baseline is not None:
        baseline = manifest.load(args.baseline)
    return Request(
        mode=mode,
        json=args.report == "json",
        fail_on_breaking=check and args.fail_on_breaking,
        baseline=baseline,
        quiet=args.quiet,
    )


def _repository_path(out: Path, root: Path) -> str:
    """The output folder relative to the top of its git work tree, else to the project root."""
    folder = out.resolve()
    tops = [t for t in (folder, *folder.parents) if (t / ".git").exists()]
    for top in (*tops[:1], root.resolve()):
        if folder.is_relative_to(top):
            return f"{folder.relative_to(top).as_posix()}/"
    return f"{folder.as_posix().lstrip('/')}/"


def _service_root(specs: Path, replaced: set[str]) -> str | None:
    """The baseUrl the entity specs already in the folder name (one client, one service root)."""
    import yaml

    roots = set()
    for path in sorted(specs.glob("*.yaml")) if specs.is_dir() else []:
        if path.name in replaced:
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if (
            isinstance(data, dict)
            and data.get("kind") == "entity"
            and data.get("baseUrl")
        ):
            roots.add(str(data["baseUrl"]))
    return min(roots) if roots else None


def _import_docs(args: argparse.Namespace) -> int:
    from generator.importer import write_specs

    settings = config.load()
    specs = args.specs or settings.specs
    result = _imported(args, settings, specs)
    for decision in result.decisions:
        print(decision, file=sys.stderr)
    for added in result.added:
        print(f"graph-codegen: {added}", file=sys.stderr)
    existing = {name for name in result.specs if (specs / name).exists()}
    named = sorted(existing & set(result.named))
    if named and not args.force:
        message = "exists and may hold reviewed decisions; pass --force to replace it"
        raise InputError(
            [Problem(settings.shown(specs / n), 1, message) for n in named]
        )
    kept = sorted(existing - set(result.named)) if not args.force else []
    for name in kept:
        shown = settings.shown(specs / name)
        print(f"graph-codegen: kept {shown} (it exists; --force replaces it)")
    wanted = {k: v for k, v in result.specs.items() if k not in kept}
    for name in write_specs(specs, wanted):
        print(f"graph-codegen: wrote {settings.shown(specs / name)}")
    return Exit.OK


def _imported(
    args: argparse.Namespace, settings: config.Config, specs: Path
) -> ImportResult:
    """The import, on the service root the project's specs name; a bad metadata file and bad
    pages are reported together. The progress line is gone before anything else prints.
    """
    from generator.importer import import_docs
    from generator.render.jinja import SCHEMA
    from generator.report.progress import Terminal, for_stderr

    schema = os.path.relpath(settings.out / SCHEMA, specs.resolve()).replace(
        os.sep, "/"
    )
    problems: list[Problem] = []
    metadata = None
    try:
        metadata = _metadata(args.metadata, settings, required=False)
    except InputError as error:
        problems += error.problems
    if metadata is not None:
        metadata = _named_in_project(metadata, settings.root)
    progress = for_stderr(args.quiet)

    def root(named: list[str], every: list[str]) -> str | None:
        return _service_root(specs, set(every if args.force else named))

    try:
        result = import_docs(
            args.docs,
            args.names,
            with_navigation=args.with_navigation,
            base_url=root,
            schema=schema,
            metadata=metadata,
            progress=progress,
        )
    except InputError as error:
        problems += error.problems
    finally:
        if isinstance(progress, Terminal):
            progress.close()
    if problems:
        raise InputError(problems)
    return result


def _metadata(
    given: Path | None, settings: config.Config, required: bool
) -> Metadata | None:
    """The CSDL document the command line names, else the configured one; None when neither does."""
    from generator.odata import csdl

    if given is not None:
        return csdl.load(given)
    if settings.metadata is not None:
        return csdl.load(settings.metadata, settings.shown(settings.metadata))
    if not required:
        return None
    where = settings.shown(settings.file) if settings.file else config.PYPROJECT
    message = (
        "no metadata file to compare with: pass --metadata FILE, or name one in "
        '[tool.graph-codegen] (metadata = "metadata.xml")'
    )
    raise InputError([Problem(where, 1, message)])


def _named_in_project(metadata: Metadata, root: Path) -> Metadata:
    """The document as spec notes name it: from the project's root (or by its file name when it
    lies elsewhere), so the notes do not depend on where the import ran."""
    path = Path(metadata.file).resolve()
    top = root.resolve()
    name = path.relative_to(top).as_posix() if path.is_relative_to(top) else path.name
    return replace(metadata, file=name)


def _drift_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    drift = commands.add_parser(
        "drift", help="exit 1 when the specs differ from the service's CSDL metadata"
    )
    drift.add_argument(
        "--metadata",
        type=Path,
        help="a $metadata (CSDL XML) file (default: metadata of [tool.graph-codegen])",
    )
    drift.add_argument("--specs", type=Path, help="spec folder (default: specs/)")


def _drift(args: argparse.Namespace) -> int:
    """Compare the specs with the metadata; bad input of either kind is reported together."""
    from generator.commands.drift import compare
    from generator.spec.load import load_specs

    settings = config.load()
    specs = args.specs or settings.specs
    problems: list[Problem] = []
    metadata = None
    try:
        metadata = _metadata(args.metadata, settings, required=True)
    except InputError as error:
        problems += error.problems
    try:
        if not specs.is_dir():
            raise InputError(
                [Problem(settings.shown(specs), 1, "the specs folder does not exist")]
            )
        loaded = load_specs(specs)
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
