"""`generate` and `check`: one mode value decides whether the render is written, compared or diffed.

`check` first compares the manifest's fingerprint with the inputs: when nothing changed, the disk
is compared with the recorded hashes and nothing is rendered (nor black, Jinja or the spec
schema imported). Otherwise the changed part is rendered, and the comparison is exact.
That fast path trusts the manifest, which the repository holds; a `full` request trusts nothing
there but the inputs: every file is rendered, none reused, no cache read, and the manifest is
held to what generate would record.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from generator.emit import files as emit
from generator.emit import fingerprint, manifest
from generator.emit.files import Drift
from generator.emit.manifest import MANIFEST, Manifest
from generator.emit.outguard import earlier_outputs, kept
from generator.report.problems import InputError, Problem, excerpt
from generator.spec.cachefolder import CacheFolder
from generator.spec.safeio import outside

if TYPE_CHECKING:
    from generator.emit.pipeline import Output


class Mode(enum.Enum):
    WRITE = "write"
    CHECK = "check"
    DIFF = "diff"


class Exit(enum.IntEnum):
    OK = 0
    DRIFT = 1
    ERROR = 2


@dataclass(frozen=True)
class Target:
    """What a command works on: the pipeline's options, user files to keep, and how to show paths."""

    specs: Path
    templates: Path | None
    out: Path
    keep: tuple[str, ...] = ()
    shown_out: str = "generated"
    diff_prefix: str = ""
    cache: Path | None = None
    keep_at: tuple[tuple[str, int], ...] = ()  # where each `keep` glob is written
    # The project folder, searched for earlier output folders (None: not searched).
    root: Path | None = None


@dataclass(frozen=True)
class Request:
    """How a command reports: the API changes as text or JSON, and whether a break fails it."""

    mode: Mode
    json: bool = False
    fail_on_breaking: bool = False
    baseline: Manifest | None = None  # another revision's, to compare the API with
    quiet: bool = False
    full: bool = False  # render everything; trust neither the manifest nor the cache


@dataclass
class Report:
    """What a run says: lines for stdout and for stderr, and its exit code."""

    code: Exit = Exit.OK
    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)

    def print(self, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
        for line in self.out:
            print(line, file=stdout or sys.stdout)
        for line in self.err:
            print(line, file=stderr or sys.stderr)
        return int(self.code)


def run(target: Target, request: Request | Mode) -> Report:
    """Write, check or diff `target.out` against what the specs produce, and say what changed."""
    request = request if isinstance(request, Request) else Request(request)
    if target.cache is not None:
        CacheFolder(target.cache).repair()
    previous, note = manifest.inspect(target.out)
    try:
        report = _run(target, request, previous)
    except InputError as error:
        raise InputError([*error.problems, note] if note else error.problems) from None
    report.err[:0] = [str(note)] if note else []
    return report


def _run(target: Target, request: Request, previous: Manifest) -> Report:
    from generator.render.templates import TemplateSet

    mode = request.mode
    templates = TemplateSet.over_shipped(target.templates)
    root = target.root or Path.cwd()
    refused = outside(fingerprint.spec_files(target.specs), root, "spec")
    refused += templates.outside(root) + templates.unknown_problems()
    refused += templates.stale_problems()
    if refused:
        raise InputError(refused)
    inputs = fingerprint.inputs(target.specs, templates)
    if not inputs["specs"]:
        shown = os.path.relpath(target.specs, Path.cwd())
        message = (
            f"the specs folder {shown}/ holds no spec (*.yaml): `graph-codegen init` "
            "starts a project with an example spec, and `graph-codegen docs spec-format` "
            "describes the format"
        )
        raise InputError([Problem("", 0, message)])
    stale = fingerprint.why_stale(dict(previous.inputs), inputs)
    baseline = request.baseline or previous
    if mode is Mode.CHECK and stale is None and not request.full:
        _refuse_kept_output(target, previous.files)
        hashes = {path: entry.sha256 for path, entry in previous.files.items()}
        drift = emit.compare_hashes(target.out, hashes, target.keep, previous.files)
        report = _report(target, drift)
        return _api(
            report, request, baseline.api if request.baseline else None, previous.api
        )
    output = _build(target, previous, request, inputs)
    _refuse_kept_output(target, output.files)
    if mode is Mode.WRITE:
        written = emit.write(
            target.out, output.files, output.manifest, target.keep, output.reused
        )
        count = len(written.changed)
        line = (
            f"graph-codegen: {count} file(s) written or removed in {target.shown_out}/"
        )
        report = Report(err=[line]) if request.json else Report(out=[line])
        report.err[:0] = [*map(str, output.notes), *_kept_notes(target, written.kept)]
        if not previous.files:
            report.err += _earlier_outputs(target)
        return _api(report, request, baseline.api, output.manifest.api)
    expected = dict(output.files)
    if request.full and stale is None and previous.files:
        # The record the fast path would trust must be the one generate writes.
        expected[MANIFEST] = output.manifest.to_bytes()
    drift = emit.compare(target.out, expected, target.keep)
    vouched = (
        emit.recorded(target.out, drift.changed, previous.files, output.manifest.files)
        if request.full
        else []
    )
    report = _report(target, drift, bool(previous.files), vouched)
    report.err[:0] = [str(n) for n in output.notes]
    if mode is Mode.DIFF:
        lines = emit.diffs(target.out, expected, drift, target.diff_prefix)
        report.out[:0] = [line.rstrip("\n") for line in lines]
    if stale is not None:
        record = "" if drift else "; `graph-codegen generate` refreshes the record"
        report.err.append(f"note: {stale}{record}")
    return _api(report, request, baseline.api, output.manifest.api)


def _api(
    report: Report, request: Request, old: Mapping[str, Any] | None, new: Any
) -> Report:
    """The API changes from `old` to `new`, added to the report; a break fails it when asked."""
    if old is None and not request.json:
        return (
            report  # nothing to compare with: the first generate, or an unchanged check
        )
    from generator.emit import apidiff

    found = apidiff.changes(old, new) if isinstance(new, Mapping) else []
    if request.json:
        report.err[:0] = report.out
        report.out = [apidiff.render_json(found)]
    elif found:
        report.out += apidiff.render_text(found)
    breaking = sum(c.breaking for c in found)
    if request.fail_on_breaking and breaking:
        report.code = Exit.DRIFT
        report.err.append(f"graph-codegen: {breaking} breaking API change(s).")
    return report


def _refuse_kept_output(target: Target, generated: Collection[str]) -> None:
    """`keep` naming a file generate writes would stop it from ever updating the file."""
    problems = []
    for index, glob in enumerate(target.keep):
        named = sorted(p for p in generated if kept(p, [glob]))
        if not named:
            continue
        file, line = target.keep_at[index] if index < len(target.keep_at) else ("", 0)
        shown = ", ".join(f"{target.shown_out}/{p}" for p in named[:3])
        shown += f" and {len(named) - 3} more" if len(named) > 3 else ""
        problems.append(
            Problem(
                file,
                line,
                f"[tool.graph-codegen] keep: {excerpt(glob)} names {shown}, which generate "
                "writes: keep only your own files (extend the generated code from a "
                "module of your own, or override the template that writes it)",
            )
        )
    if problems:
        raise InputError(problems)


def _kept_notes(target: Target, paths: list[str]) -> list[str]:
    return [
        f"note: {target.shown_out}/{path} kept: no spec makes it now, and it was "
        "edited since it was generated; move it out, or name it in `keep`"
        for path in paths
    ]


def _earlier_outputs(target: Target) -> list[str]:
    """A first generate into a folder: the folders generate wrote before, and how to remove them."""
    if target.root is None:
        return []
    notes = []
    for folder in earlier_outputs(target.root, target.out, target.specs):
        shown = os.path.relpath(folder, Path.cwd())
        notes.append(
            f"note: {shown}/ holds what graph-codegen generated before from "
            f"{target.specs.name}/ (its manifest says so), and the output folder is now "
            f"{target.shown_out}/; once nothing imports it, remove it: "
            f"git rm -r {shown} (or rm -r {shown})"
        )
    return notes


def _build(
    target: Target, previous: Manifest, request: Request, inputs: dict[str, Any]
) -> Output:
    """The render; a full one reuses no recorded bytes and reads no cached spec."""
    from generator.emit.pipeline import Options, build
    from generator.report.progress import Terminal, for_stderr

    cache = None if request.full else target.cache
    options = Options(
        target.specs, target.templates, target.out, cache=cache, root=target.root
    )
    progress = for_stderr(request.quiet)
    try:
        return build(
            options, Manifest() if request.full else previous, progress, inputs
        )
    finally:
        if isinstance(progress, Terminal):
            progress.close()


def _report(
    target: Target, drift: Drift, owned: bool = True, vouched: Collection[str] = ()
) -> Report:
    """The drift, one line per file, and what to do about it; `owned`: a manifest was read;
    `vouched`: changed files whose bytes the manifest records, which generate would keep.
    """
    if not drift:
        return Report(out=[f"graph-codegen: {target.shown_out}/ is current."])
    shown = target.shown_out
    report = Report(Exit.DRIFT, out=[f"{shown}/{line}" for line in drift.lines()])
    if drift.changed and not owned:
        report.err.append(
            f"graph-codegen: {shown}/ is not current, and no manifest says graph-codegen "
            "wrote the changed files, so generate leaves them alone: restore "
            f"{shown}/{MANIFEST} (git checkout), or remove {shown}/, then run "
            "`graph-codegen generate`."
        )
    elif vouched:
        report.err.append(
            f"graph-codegen: {shown}/ is not current, and its manifest records the "
            f"changed bytes of {len(vouched)} file(s) as generated (a file and its hash "
            "edited together): run `graph-codegen generate --full`, which trusts no "
            "record."
        )
    elif drift.changed or drift.missing or drift.extra:
        report.err.append(
            f"graph-codegen: {shown}/ is not current; run `graph-codegen generate`."
        )
    if drift.foreign:
        report.err.append(
            f"graph-codegen: {len(drift.foreign)} file(s) in {shown}/ were not written by "
            "graph-codegen: move them out, or name them in `keep` under "
            "[tool.graph-codegen] in pyproject.toml."
        )
    return report
