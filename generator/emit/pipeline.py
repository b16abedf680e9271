"""The stages in order: load, check, model, render, format. Nothing here writes to disk.

A run reuses the bytes of every output file whose render key is the one the manifest recorded
and whose file is still what was written; only the rest is rendered and formatted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.check.reserved import reserved
from generator.check.schema import Schema
from generator.check.stage import checked
from generator.emit import apidiff, fingerprint
from generator.emit.manifest import Entry, Manifest, sha256
from generator.model import escape
from generator.model.navigation import build_navigation
from generator.model.resources import build_resources, header
from generator.render.format import format_all
from generator.render.jinja import (
    Package,
    plan,
    render,
    runtime_jobs,
    schema_job,
    text_key,
)
from generator.render.templates import TemplateSet
from generator.report.problems import InputError, Problem
from generator.report.progress import Progress, silent
from generator.spec.cache import SpecCache
from generator.spec.load import load_specs
from generator.spec.specschema import SCHEMA_PATH


@dataclass(frozen=True)
class Options:
    """Where the specs are, which templates override the shipped ones, where the output goes."""

    specs: Path
    templates: Path | None
    out: Path
    cache: Path | None = None
    workers: int | None = None
    root: Path | None = None  # the project: no input is read through a link out of it

    def template_set(self) -> TemplateSet:
        return TemplateSet.over_shipped(self.templates)


@dataclass(frozen=True)
class Output:
    """Every file of the package, the manifest that records them, and how many were rendered."""

    files: dict[str, bytes]
    manifest: Manifest
    schema: Schema
    rendered: int
    notes: tuple[
        Problem, ...
    ] = ()  # what a run says of what it ignored (a damaged cache)


def produce(options: Options) -> dict[str, bytes]:
    """Every file of the generated package, rendered and formatted: relative path -> bytes."""
    return build(options, Manifest()).files


def build(options: Options, previous: Manifest, progress: Progress = silent) -> Output:
    """The package, reusing what `previous` recorded of files that are still as written."""
    templates = options.template_set()
    inputs = fingerprint.inputs(options.specs, templates)
    salt = fingerprint.salt(inputs)
    cache = SpecCache(options.cache, salt)
    loaded = load_specs(
        options.specs, cache=cache, progress=progress, root=options.root
    )
    try:
        schema, tree = checked(loaded, reserved(templates.runtime()))
    except InputError as error:
        noted = [cache.note] if cache.note else []
        raise InputError([*error.problems, *noted]) from None
    cache.save()
    navigation = build_navigation(schema, tree)
    package = Package(
        resources=tuple(build_resources(schema, navigation)),
        navigation=navigation,
        base_url=escape.literal(schema.base_url),
        header=header(f"the specs in {options.specs.name}/"),
    )
    jobs = plan(package, salt) + runtime_jobs(templates, package.header, salt)
    jobs.append(schema_job(SCHEMA_PATH.read_text(encoding="utf-8"), salt))
    keys = {job.path: job.key for job in jobs if job.key is not None}
    files = _reused(keys, previous, options.out)
    rendered = render([job for job in jobs if job.path not in files], templates)
    for job in jobs:
        if job.key is None:  # keyed by its text: formatted only when that changed
            keys[job.path] = text_key(salt, job, rendered[job.path][1])
    files.update(_reused(keys, previous, options.out, only=set(rendered)))
    sources = [(p, t, s) for p, (t, s) in rendered.items() if p not in files]
    for path, text in format_all(sources, options.workers, progress).items():
        files[path] = text.encode("utf-8")
    entries = {job.path: Entry(sha256(files[job.path]), keys[job.path]) for job in jobs}
    manifest = Manifest(inputs, entries, apidiff.summary(schema))
    notes = (cache.note,) if cache.note else ()
    return Output(dict(sorted(files.items())), manifest, schema, len(sources), notes)


def _reused(
    keys: dict[str, str],
    previous: Manifest,
    out: Path,
    only: set[str] | None = None,
) -> dict[str, bytes]:
    """The bytes of each file made before from the same key and not changed since."""
    reused: dict[str, bytes] = {}
    for path, key in keys.items():
        entry = previous.files.get(path)
        if entry is None or entry.key != key or (only is not None and path not in only):
            continue
        try:
            data = (out / path).read_bytes()
        except OSError:
            continue
        if sha256(data) == entry.sha256:
            reused[path] = data
    return reused
