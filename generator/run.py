"""`generate` and `check`: one mode value decides whether the render is written, compared or diffed.

`check` first compares the manifest's fingerprint with the inputs: when nothing changed, the disk
is compared with the recorded hashes and nothing is rendered (nor black, Jinja or the spec
schema imported). Otherwise the changed part is rendered, and the comparison is exact.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from generator import emit, fingerprint, manifest
from generator.emit import Drift
from generator.manifest import Manifest

if TYPE_CHECKING:
    from generator.pipeline import Output


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


def run(target: Target, mode: Mode) -> Report:
    """Write, check or diff `target.out` against what the specs produce."""
    from generator.templates import TemplateSet

    templates = TemplateSet.over_shipped(target.templates)
    inputs = fingerprint.inputs(target.specs, templates)
    previous = manifest.read(target.out)
    stale = fingerprint.why_stale(dict(previous.inputs), inputs)
    if mode is Mode.CHECK and stale is None:
        hashes = {path: entry.sha256 for path, entry in previous.files.items()}
        return _report(target, emit.compare_hashes(target.out, hashes, target.keep))
    output = _build(target, previous)
    if mode is Mode.WRITE:
        written = emit.write(target.out, output.files, output.manifest)
        return Report(
            out=[
                f"graph-codegen: {len(written)} file(s) written or removed in {target.shown_out}/"
            ]
        )
    drift = emit.compare(target.out, output.files, target.keep)
    report = _report(target, drift)
    if mode is Mode.DIFF:
        lines = emit.diffs(target.out, output.files, drift, target.diff_prefix)
        report.out[:0] = [line.rstrip("\n") for line in lines]
    if stale is not None and not drift:
        report.err.append(
            f"note: {stale}; `graph-codegen generate` refreshes the record"
        )
    return report


def _build(target: Target, previous: Manifest) -> Output:
    from generator.pipeline import Options, build

    options = Options(target.specs, target.templates, target.out, cache=target.cache)
    return build(options, previous)


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
