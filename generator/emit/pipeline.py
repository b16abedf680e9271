"""The stages in order: load, check, model, render, format. Nothing here writes to disk.

A run reuses the bytes of every output file whose render key is the one the manifest recorded
and whose file is still what was written; only the rest is rendered and formatted.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check.reserved import reserved
from generator.check.schema import Schema, TypeDef
from generator.check.stage import checked
from generator.emit import apisummary, fingerprint, reuse
from generator.emit.manifest import Entry, Manifest, sha256
from generator.model import escape, units
from generator.model.cache import ModelCache
from generator.model.digests import Digests
from generator.model.reads import WHOLE
from generator.model.resources import header
from generator.render.format import format_all
from generator.render.jobs import Package, plan, runtime_jobs, schema_job
from generator.render.templates import TemplateSet
from generator.report.problems import InputError, Problem
from generator.report.progress import Progress, silent
from generator.spec.cache import SpecCache
from generator.spec.folder import load_specs
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
    reused: frozenset[str] = frozenset()  # files read from the disk as they are to be


def produce(options: Options) -> dict[str, bytes]:
    """Every file of the generated package, rendered and formatted: relative path -> bytes."""
    return build(options, Manifest()).files


def build(
    options: Options,
    previous: Manifest,
    progress: Progress = silent,
    inputs: dict[str, Any] | None = None,
) -> Output:
    """The package, reusing what `previous` recorded of files that are still as written;
    `inputs` is the fingerprint, when the caller has taken it already."""
    templates = options.template_set()
    inputs = inputs or fingerprint.inputs(options.specs, templates)
    salt = fingerprint.salt(inputs)
    try:
        with _collector_paused():
            model = _model(options, templates, inputs, progress)
            jobs = plan(model.package, salt)
            jobs += runtime_jobs(templates, model.package.header, salt)
            jobs.append(schema_job(SCHEMA_PATH.read_text(encoding="utf-8"), salt))
            done = reuse.rendering(
                jobs, model.package, templates, previous, options.out, model.cache
            )
            files, reused = done.files, frozenset(done.files)
        sources = done.sources()
        for path, text in format_all(sources, options.workers, progress).items():
            files[path] = text.encode("utf-8")
            reuse.formatted(model.cache, path, done.rendered[path], files[path])
    finally:
        gc.unfreeze()
    model.cache.save()
    entries = {path: Entry(sha256(files[path]), key) for path, key in done.keys.items()}
    manifest = Manifest(inputs, dict(sorted(entries.items())), model.api)
    ordered = dict(sorted(files.items()))
    notes = model.notes
    return Output(ordered, manifest, model.schema, len(sources), notes, reused)


@dataclass(frozen=True)
class _Model:
    """The model stage's results: the schema, the package, its API, and the cache they used."""

    schema: Schema
    package: Package
    api: dict[str, Any]
    cache: ModelCache
    notes: tuple[Problem, ...]


def _model(
    options: Options, templates: TemplateSet, inputs: dict[str, Any], progress: Progress
) -> _Model:
    """The checked schema, the render-ready package and the summary of its API, from the
    caches where they apply."""
    salt = fingerprint.salt(inputs)
    cache = SpecCache(options.cache, salt)
    hashed = {name.rpartition("/")[2]: sha for name, sha in inputs["specs"].items()}
    loaded = load_specs(
        options.specs, cache=cache, progress=progress, root=options.root, digests=hashed
    )
    try:
        schema, tree = checked(loaded, reserved(templates.runtime()))
    except InputError as error:
        noted = [cache.note] if cache.note else []
        raise InputError([*error.problems, *noted]) from None
    cache.save()
    models = ModelCache(options.cache, salt)
    digests = Digests(schema, loaded.keys, salt)
    builders = units.navigation(schema, tree, digests, models)
    found = units.resources(schema, builders.navigation, digests, models)
    api = apisummary.summary_of(
        {t.qualified: _type_summary(t, digests, models) for t in schema}
    )
    package = Package(
        resources=tuple(found.resources),
        navigation=builders.navigation,
        base_url=escape.literal(schema.base_url),
        header=header(f"the specs in {options.specs.name}/"),
        keys=found.keys,
        builders=builders.modules,
        navigation_key=builders.key,
        digests=found.digests,
    )
    notes = tuple(n for n in (cache.note, models.note) if n is not None)
    return _Model(schema, package, api, models, notes)


def _type_summary(t: TypeDef, digests: Digests, models: ModelCache) -> dict[str, Any]:
    """A type's API summary, a function of its definition alone."""
    unit, reads = f"api {t.qualified}", ((t.qualified, WHOLE),)
    key = digests.key(unit, reads)
    found = models.get(unit, key, dict[str, Any])
    if found is None:
        found = apisummary.type_summary(t)
        models.put(unit, reads, key, found)
    return found


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The model stages make many objects and drop few: the cyclic garbage collector's passes
    over them free nothing, and took a third of a regenerate. When it runs again, over what
    black makes (cycles), what the stages made is frozen out of its way (and out of the
    formatting processes', which share those objects with this one) until the run ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
