"""The command line: thin argument parsing over the pipeline; exit 0 current, 1 drift, 2 error."""

from __future__ import annotations

import argparse
import enum
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

from generator import emit
from generator.emit import Mode
from generator.format import FormatError
from generator.pipeline import MANIFEST, Options, fingerprint, produce
from generator.problems import InputError, Problem


class Exit(enum.IntEnum):
    OK = 0
    DRIFT = 1
    ERROR = 2


_DEFAULTS = {"specs": "specs", "templates": "templates", "out": "generated"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "import-docs":
            return _import_docs(args)
        if args.command == "drift":
            return _drift(args)
        options = _options(args)
        mode = (
            Mode.WRITE
            if args.command == "generate"
            else Mode.DIFF if args.diff else Mode.CHECK
        )
        return _run(options, mode)
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
    parser = argparse.ArgumentParser(prog="graph-codegen", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("generate", "write the generated package from the specs"),
        ("check", "exit 1 when the generated package is not what the specs produce"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--specs", type=Path, help="spec folder (default: specs/)")
        command.add_argument(
            "--templates", type=Path, help="template folder (default: templates/)"
        )
        command.add_argument(
            "--out", type=Path, help="output folder (default: generated/)"
        )
        if name == "check":
            command.add_argument(
                "--diff", action="store_true", help="print unified diffs"
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
        "names",
        nargs="+",
        metavar="NAME",
        help="a type the docs document, e.g. todoTask or microsoft.graph.callRecords.callRecord",
    )
    _drift_parser(commands)
    return parser


def _config() -> dict[str, str]:
    """`[tool.graph-codegen]` of ./pyproject.toml, over the built-in defaults."""
    path = Path("pyproject.toml")
    settings = dict(_DEFAULTS)
    if path.is_file():
        try:
            table = (
                tomllib.loads(path.read_text(encoding="utf-8"))
                .get("tool", {})
                .get("graph-codegen", {})
            )
        except tomllib.TOMLDecodeError as error:
            raise InputError(
                [Problem(str(path), 1, f"invalid TOML: {error}")]
            ) from None
        settings.update({k: str(v) for k, v in table.items() if k in _DEFAULTS})
    return settings


def _options(args: argparse.Namespace) -> Options:
    config = _config()
    specs = args.specs or Path(config["specs"])
    templates = args.templates or Path(config["templates"])
    if not templates.is_dir() and args.templates is None:
        templates = _shipped_templates()
    problems = [
        Problem(str(path), 1, f"the {what} folder does not exist")
        for what, path in (("specs", specs), ("templates", templates))
        if not path.is_dir()
    ]
    if problems:
        raise InputError(problems)
    return Options(specs, templates, args.out or Path(config["out"]))


def _shipped_templates() -> Path:
    """The templates installed with the tool, for projects that keep none of their own."""
    beside = Path(__file__).resolve().parent / "templates"  # an installed wheel
    return (
        beside
        if beside.is_dir()
        else Path(__file__).resolve().parent.parent / "templates"
    )


def _run(options: Options, mode: Mode) -> int:
    inputs = fingerprint(options)
    if mode is Mode.CHECK:
        recorded = emit.read_manifest(options.out)
        hashes = recorded.get("files")
        if recorded.get("inputs") == inputs and isinstance(hashes, dict):
            return _report(options.out, emit.compare_with_manifest(options.out, hashes))
    files = produce(options)
    if mode is Mode.WRITE:
        touched = emit.write(options.out, files, inputs)
        print(
            f"graph-codegen: {len(touched)} file(s) written or removed in {options.out}/"
        )
        return Exit.OK
    drift = emit.compare(options.out, files)
    if mode is Mode.DIFF:
        sys.stdout.writelines(emit.diffs(options.out, files, drift))
    if not drift and emit.read_manifest(options.out).get("inputs") != inputs:
        print(
            f"note: {options.out}/{MANIFEST} predates this generator; `generate` refreshes it"
        )
    return _report(options.out, drift)


def _report(out: Path, drift: emit.Drift) -> int:
    if not drift:
        print(f"graph-codegen: {out}/ is current.")
        return Exit.OK
    for line in drift.lines():
        print(f"{out}/{line}")
    print(
        f"graph-codegen: {out}/ is not current; run `graph-codegen generate`.",
        file=sys.stderr,
    )
    return Exit.DRIFT


def _import_docs(args: argparse.Namespace) -> int:
    from generator.importer import import_docs, write_specs

    result = import_docs(args.docs, args.names, with_navigation=args.with_navigation)
    for decision in result.decisions:
        print(decision, file=sys.stderr)
    for added in result.added:
        print(f"graph-codegen: {added}", file=sys.stderr)
    specs = args.specs or Path(_config()["specs"])
    existing = {name for name in result.specs if (specs / name).exists()}
    named = sorted(existing & set(result.named))
    if named and not args.force:
        message = "exists and may hold reviewed decisions; pass --force to replace it"
        raise InputError([Problem(str(specs / n), 1, message) for n in named])
    kept = sorted(existing - set(result.named)) if not args.force else []
    for name in kept:
        print(f"graph-codegen: kept {specs / name} (it exists; --force replaces it)")
    wanted = {k: v for k, v in result.specs.items() if k not in kept}
    for name in write_specs(specs, wanted):
        print(f"graph-codegen: wrote {specs / name}")
    return Exit.OK


def _drift_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    drift = commands.add_parser(
        "drift", help="exit 1 when the specs differ from the service's CSDL metadata"
    )
    drift.add_argument(
        "--metadata", type=Path, required=True, help="a $metadata (CSDL XML) file"
    )
    drift.add_argument("--specs", type=Path, help="spec folder (default: specs/)")


def _drift(args: argparse.Namespace) -> int:
    """Compare the specs with the metadata; bad input of either kind is reported together."""
    from generator import csdl
    from generator.drift import compare
    from generator.spec import load_specs

    specs = args.specs or Path(_config()["specs"])
    problems: list[Problem] = []
    try:
        metadata = csdl.load(args.metadata)
    except InputError as error:
        problems += error.problems
    try:
        if not specs.is_dir():
            raise InputError(
                [Problem(str(specs), 1, "the specs folder does not exist")]
            )
        loaded = load_specs(specs)
        problems += loaded.problems
    except InputError as error:
        problems += error.problems
    if problems:
        raise InputError(problems)
    differences = compare(loaded.specs, metadata)
    for difference in differences:
        print(difference)
    if differences:
        print(
            f"graph-codegen: {len(differences)} difference(s) between {specs}/"
            f" and {args.metadata}.",
            file=sys.stderr,
        )
        return Exit.DRIFT
    print(
        f"graph-codegen: {len(loaded.specs)} spec(s) in {specs}/ agree with {args.metadata}."
    )
    return Exit.OK
