"""Jobs to unformatted source through the templates; nothing touches disk.

A job with no key has what its template reads of the package and its types recorded as it
renders: the package's files are keyed by those reads (see `jobs.read_key`).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from generator.model.escape import Code
from generator.model.resources import Resource
from generator.render.jobs import SCHEMA, Job, Package, Read
from generator.render.templates import RUNTIME, TemplateSet
from generator.report.problems import InputError, Problem

_MODES = {
    "SYNC": {
        "prefix": Code(""),
        "session": Code("RequestAdapter"),
        "define": Code("def"),
        "wait": Code(""),
        "iterator": Code("Iterator"),
    },
    "ASYNC": {
        "prefix": Code("Async"),
        "session": Code("AsyncRequestAdapter"),
        "define": Code("async def"),
        "wait": Code("await "),
        "iterator": Code("AsyncIterator"),
    },
}


class UnsafeValue(TypeError):
    """A template printed a value that no escaper produced: a generator bug, never user input."""


def _finalize(value: Any) -> Any:
    """The only values a template may print are escaped `Code` and integers."""
    if isinstance(value, jinja2.Undefined):
        return value  # StrictUndefined raises its own, clearer error when printed
    if isinstance(value, Code) or (
        isinstance(value, int) and not isinstance(value, bool)
    ):
        return value
    raise UnsafeValue(
        f"unescaped {type(value).__name__} reached a template: {value!r:.80}"
    )


def environment(templates: TemplateSet) -> jinja2.Environment:
    """Strict Jinja: an undefined name or an unescaped string is an error.

    One environment per template folders, kept: it compiles each template once, and checks
    the files' modification times, so an edited template is compiled again.
    """
    return _environment(tuple(str(f) for f in templates.folders))


class _Recording(jinja2.Environment):
    """Notes each attribute a template reads of the package or of a type, while `reads` is set."""

    reads: set[Read] | None = None

    def getattr(self, obj: Any, attribute: str) -> Any:
        if self.reads is not None:
            self._note(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if self.reads is not None and isinstance(argument, str):
            self._note(obj, argument)
        return super().getitem(obj, argument)

    def _note(self, obj: Any, attribute: str) -> None:
        assert self.reads is not None
        if isinstance(obj, Resource):
            self.reads.add(("r", str(obj.module), attribute))
        elif isinstance(obj, Package):
            self.reads.add(("package", "", attribute))


@lru_cache(maxsize=8)
def _environment(folders: tuple[str, ...]) -> _Recording:
    env = _Recording(
        loader=jinja2.FileSystemLoader(list(folders)),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(_MODES)
    return env


@dataclass(frozen=True)
class Rendered:
    """A job's unformatted source, the template that made it, and what it read (for a job
    with no key)."""

    template: str
    source: str
    reads: frozenset[Read] | None = None


def render(jobs: Iterable[Job], templates: TemplateSet) -> dict[str, Rendered]:
    """Each job's unformatted source, by path."""
    env = _environment(tuple(str(f) for f in templates.folders))
    files: dict[str, Rendered] = {}
    runtime = templates.runtime()
    for job in jobs:
        context = job.context()
        if job.template == SCHEMA:
            files[job.path] = Rendered(job.template, context["text"])
            continue
        if job.template.startswith(f"{RUNTIME}/") and job.template.endswith(".py"):
            name = job.template.removeprefix(f"{RUNTIME}/")
            text = runtime[name].read_text(encoding="utf-8")
            files[job.path] = Rendered(job.template, f"{context['header']}\n{text}")
            continue
        reads: set[Read] | None = set() if job.key is None else None
        env.reads = reads
        try:
            source = env.get_template(job.template).render(**context)
        except (jinja2.TemplateError, UnsafeValue) as error:
            problem = _template_problem(error, templates.path(job.template))
            raise InputError([problem]) from None
        finally:
            env.reads = None
        files[job.path] = Rendered(
            job.template, source, None if reads is None else frozenset(reads)
        )
    return files


def _template_problem(error: Exception, template: Path) -> Problem:
    """A broken template is input, not a crash: name the file and line Jinja points at."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return Problem(
            error.filename or str(template), error.lineno, str(error.message)
        )
    frames = traceback.extract_tb(error.__traceback__)
    located = [f for f in frames if f.filename.startswith(str(template.parent))]
    where = located[-1] if located else None
    file, line = (where.filename, where.lineno or 1) if where else (str(template), 1)
    return Problem(file, line, f"{type(error).__name__}: {error}")
