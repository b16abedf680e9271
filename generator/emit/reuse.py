"""What a run takes from the last one instead of rendering and formatting again.

A file whose job has the key the manifest recorded, and that is still what was written, is
read from the disk. The package's own files are keyed by what their templates read, as the
model cache recorded it when they were last rendered. A file rendered again to the text it
was rendered from before is not formatted again: the cache keeps the digest of the output
black made of each text, and the file on disk still has it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.emit.manifest import Manifest, sha256
from generator.model.cache import ModelCache
from generator.render.jinja import Rendered, render
from generator.render.jobs import Job, Package, Read, read_key, text_key
from generator.render.templates import TemplateSet


@dataclass
class Rendering:
    """Every file's key; the files taken from the disk; the rest, rendered unformatted."""

    keys: dict[str, str]
    files: dict[str, bytes]
    rendered: dict[str, Rendered]

    def sources(self) -> list[tuple[str, str, str]]:
        """What black has to format: (path, template, source)."""
        return [
            (path, r.template, r.source)
            for path, r in self.rendered.items()
            if path not in self.files
        ]


def rendering(
    jobs: list[Job],
    package: Package,
    templates: TemplateSet,
    previous: Manifest,
    out: Path,
    cache: ModelCache,
) -> Rendering:
    """Render what the last run's files and the cache cannot provide."""
    salt = cache.salt
    keys = {job.path: job.key for job in jobs if job.key is not None}
    for job in jobs:
        reads = None if job.key is not None else _reads(cache, job.path)
        known = None if reads is None else read_key(salt, job, reads, package)
        if known is not None:
            keys[job.path] = known
    files = _unchanged(keys, previous, out)
    todo = [job for job in jobs if job.path not in files]
    for job in jobs:
        if job.path in files:
            cache.retain(f"text {job.path}")
    rendered = render(todo, templates)
    for job in todo:
        done = rendered[job.path]
        if done.reads is not None:  # its key is known now: the file may be as it is
            known = read_key(salt, job, done.reads, package)
            keys[job.path] = known or text_key(salt, job, done.source)
            cache.put(f"reads {job.path}", (), "", sorted(done.reads))
            files.update(_unchanged({job.path: keys[job.path]}, previous, out))
        digest = cache.get(f"text {job.path}", _text_digest(done), str)
        entry = previous.files.get(job.path)
        if job.path not in files and entry is not None and entry.sha256 == digest:
            files.update(_unchanged({job.path: entry.key}, previous, out))
    return Rendering(keys, files, rendered)


def formatted(cache: ModelCache, path: str, done: Rendered, data: bytes) -> None:
    """Remember what black made of a text, for the next run that renders the same."""
    cache.put(f"text {path}", (), _text_digest(done), sha256(data))


def _reads(cache: ModelCache, path: str) -> list[Read] | None:
    return cache.get(f"reads {path}", "", list[tuple[str, str, str]])


def _text_digest(done: Rendered) -> str:
    data = f"{done.template}\0{done.source}".encode()
    return hashlib.sha256(data).hexdigest()[:24]


def _unchanged(keys: dict[str, str], previous: Manifest, out: Path) -> dict[str, bytes]:
    """The bytes of each file made before from the same key and not changed since."""
    reused: dict[str, bytes] = {}
    for path, key in keys.items():
        entry = previous.files.get(path)
        if entry is None or entry.key != key:
            continue
        try:
            data = (out / path).read_bytes()
        except OSError:
            continue
        if sha256(data) == entry.sha256:
            reused[path] = data
    return reused
