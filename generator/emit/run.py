"""`generate` and `check`: one mode value decides whether the render is written, compared or diffed.

`check` first compares the manifest's fingerprint with the inputs: when nothing changed, the disk
is compared with the recorded hashes and nothing is rendered (nor black, Jinja or the spec
schema imported). Otherwise the changed part is rendered, and the comparison is exact.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from generator.emit import files as emit
from generator.emit import fingerprint, manifest
from generator.emit.files import Drift
from generator.emit.manifest import Manifest

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


@dataclass(frozen=True)
class Request:
    """How a command reports: the API changes as text or JSON, and whether a break fails it."""

    mode: Mode
    json: bool = False
    fail_on_breaking: bool = False
    baseline: Manifest | None = None  # another revision's, to compare the API with
    quiet: bool = False


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
    from generator.render.templates import TemplateSet

    request = request if isinstance(request, Request) else Request(request)
    mode = request.mode
    templates = TemplateSet.over_shipped(target.templates)
    inputs = fingerprint.inputs(target.specs, templates)
    previous = manifest.read(target.out)
    stale = fingerprint.why_stale(dict(previous.inputs), inputs)
    baseline = request.baseline or previous
    if mode is Mode.CHECK and stale is None:
        hashes = {path: entry.sha256 for path, entry in previous.files.items()}
        drift = emit.compare_hashes(target.out, hashes, target.keep, previous.files)
        report = _report(target, drift)
        return _api(
            report, request, baseline.api if request.baseline else None, previous.api
        )
    output = _build(target, previous, request.quiet)
    if mode is Mode.WRITE:
        written = emit.write(target.out, output.files, output.manifest)
        line = f"graph-codegen: {len(written)} file(s) written or removed in {target.shown_out}/"
        report = Report(err=[line]) if request.json else Report(out=[line])
        return _api(report, request, baseline.api, output.manifest.api)
    drift = emit.compare(target.out, output.files, target.keep)
    report = _report(target, drift)
    if mode is Mode.DIFF:
        lines = emit.diffs(target.out, output.files, drift, target.diff_prefix)
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


def _build(target: Target, previous: Manifest, quiet: bool) -> Output:
    from generator.emit.pipeline import Options, build
    from generator.report.progress import Terminal, for_stderr

    options = Options(target.specs, target.templates, target.out, cache=target.cache)
    progress = for_stderr(quiet)
    try:
        return build(options, previous, progress)
    finally:
        if isinstance(progress, Terminal):
            progress.close()


def _report(target: Target, drift: Drift) -> Report:
    if not drift:
        return Report(out=[f"graph-codegen: {target.shown_out}/ is current."])
    shown = target.shown_out
    report = Report(Exit.DRIFT, out=[f"{shown}/{line}" for line in drift.lines()])
    if drift.changed or drift.missing or drift.extra:
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
