"""The render-ready model to `{relative path: source}` through the templates; nothing touches disk.

Rendering is planned as jobs first, each with a key that names everything its output depends on,
so a later run can skip every job whose key it has seen, with the file still as it was written.
"""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from generator.check.operations import BY_PATH
from generator.model import escape
from generator.model.escape import Code
from generator.model.navigation import NAV_MODULE, BuilderClass, Child, Navigation
from generator.model.resources import Resource
from generator.model.runtime import TYPES_MODULE, types_context
from generator.odata import naming
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


@lru_cache(maxsize=8)
def _environment(folders: tuple[str, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
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
class Package:
    """Everything the templates need for one generated package."""

    resources: tuple[Resource, ...]
    navigation: Navigation
    base_url: Code
    header: Code

    @property
    def by_class(self) -> list[Resource]:
        """The resources in the order `__all__` lists their classes."""
        return sorted(
            self.resources, key=lambda r: naming.listing_key(str(r.class_name))
        )

    @property
    def by_module(self) -> list[Resource]:
        """The resources in the order `__all__` lists their modules."""
        return sorted(self.resources, key=lambda r: naming.listing_key(str(r.module)))


@dataclass(frozen=True)
class Job:
    """One output file to render: its template, what the template reads, and the key of both.

    A job whose template reads the whole package (its `__init__` files, the client) has no key
    before it is rendered: rendering it is cheap, and its key is then that of its text, so
    black runs on it only when the text changed.
    """

    path: str
    template: str
    context: Mapping[str, Any] = field(compare=False)
    key: str | None


def plan(package: Package, salt: str) -> list[Job]:
    """Every output file of the package, as jobs; `salt` names the templates and the generator."""
    jobs: list[Job] = []
    reprs = {r.module: repr(r) for r in package.resources}

    def add(path: str, template: str, key: str | None, **context: Any) -> None:
        keyed = None if key is None else _key(salt, path, template, key)
        jobs.append(Job(path, template, context, keyed))

    add("py.typed", "py_typed.j2", "")
    common = {
        "package": package,
        "entities": [r for r in package.resources if r.kind == "entity"],
    }
    for name in ("__init__", "client"):
        add(
            f"{name}.py",
            f"{name.strip('_')}.py.j2",
            None,
            **common,
            **_client_context(package),
        )
    for folder in ("models", "validation", "builders", "tests"):
        add(f"{folder}/__init__.py", f"{folder}_init.py.j2", None, **common)
    nav = package.navigation
    if nav.in_module(NAV_MODULE):  # only paths like /widgets: nothing leads to them
        context = _builders_context(package.header, nav.in_module(NAV_MODULE), None)
        add(f"builders/{NAV_MODULE}.py", "builders.py.j2", repr(context), **context)
    for r in package.resources:
        resource_key = reprs[r.module]
        add(f"models/{r.module}.py", "model.py.j2", resource_key, r=r)
        add(f"validation/{r.module}.py", "validation.py.j2", resource_key, r=r)
        if r.kind == "entity" and nav.in_module(r.module):
            context = _builders_context(r.header, nav.in_module(r.module), r)
            add(f"builders/{r.module}.py", "builders.py.j2", repr(context), **context)
        if r.kind == "enum":
            add(f"tests/test_{r.module}.py", "test_enum.py.j2", resource_key, r=r)
        else:
            add(
                f"tests/test_{r.module}.py",
                "test_resource.py.j2",
                resource_key,
                r=r,
                route=r.tests.route,
            )
    return sorted(jobs, key=lambda j: j.path)


def runtime_jobs(templates: TemplateSet, header: Code, salt: str) -> list[Job]:
    """The runtime sources, copied with the generated header, and its types module rendered
    from the type table (unless a user's folder has a `runtime/types.py` of its own)."""
    copied = templates.runtime()
    jobs = [
        Job(
            f"{RUNTIME}/{name}",
            f"{RUNTIME}/{name}",
            {"header": header},
            _key(salt, name, RUNTIME, header),
        )
        for name in sorted(copied)
    ]
    if TYPES_MODULE not in copied:
        path = f"{RUNTIME}/{TYPES_MODULE}"
        key = _key(salt, path, f"{path}.j2", header)
        jobs.append(Job(path, f"{path}.j2", types_context(header), key))
    return sorted(jobs, key=lambda j: j.path)


SCHEMA = "spec.schema.json"


def schema_job(text: str, salt: str) -> Job:
    """The spec format's JSON Schema, beside the package, where specs' editors find it."""
    return Job(SCHEMA, SCHEMA, {"text": text}, _key(salt, SCHEMA, SCHEMA, text))


def _key(salt: str, path: str, template: str, inputs: str) -> str:
    digest = hashlib.sha256(f"{salt}\0{path}\0{template}\0{inputs}".encode())
    return digest.hexdigest()[:16]


def text_key(salt: str, job: Job, text: str) -> str:
    """The key of a job keyed by what it renders to."""
    return _key(salt, job.path, job.template, text)


def render(jobs: Iterable[Job], templates: TemplateSet) -> dict[str, tuple[str, str]]:
    """Each job's unformatted source: path -> (template that made it, source)."""
    env = environment(templates)
    files: dict[str, tuple[str, str]] = {}
    runtime = templates.runtime()
    for job in jobs:
        if job.template == SCHEMA:
            files[job.path] = (job.template, job.context["text"])
            continue
        if job.template.startswith(f"{RUNTIME}/") and job.template.endswith(".py"):
            text = runtime[job.template.removeprefix(f"{RUNTIME}/")].read_text(
                encoding="utf-8"
            )
            files[job.path] = (job.template, f"{job.context['header']}\n{text}")
            continue
        try:
            source = env.get_template(job.template).render(**job.context)
        except (jinja2.TemplateError, UnsafeValue) as error:
            problem = _template_problem(error, templates.path(job.template))
            raise InputError([problem]) from None
        files[job.path] = (job.template, source)
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


def _module_imports(
    children: Iterable[Child], here: str, package: str
) -> tuple[Code, ...]:
    lines = set()
    for child in children:
        module = child.target_module
        if module != here:
            alias = "" if module == NAV_MODULE else f" as _{module}"
            lines.add(f"from {package} import {module}{alias}")
    return tuple(Code(line) for line in sorted(lines))


def _builders_context(
    file_header: Code, classes: tuple[BuilderClass, ...], r: Resource | None
) -> dict[str, Any]:
    children = [child for c in classes for child in c.children]
    lists = any(c.lists for c in classes)
    runtime = {"AsyncRequestAdapter", "RequestBuilder", "RequestAdapter"} | (
        {"Page"} if lists else set()
    )
    stdlib = (
        {("uuid", "UUID")} if any(c.param_type == "Guid" for c in children) else set()
    )
    models = set()
    if any(c.param_hint is not None and c.address != BY_PATH for c in children):
        runtime.add("UnsetType")  # a key argument takes UNSET (refused at run time)
    for c in classes:
        runtime |= set(c.imports.runtime)
        runtime |= {"AsyncPaged"} if "Paged" in c.imports.runtime else set()
        stdlib |= set(c.imports.stdlib)
        models |= set(c.imports.models)
    constants = {k.name: k for c in classes for k in c.constants}
    what = f"the {r.graph_name} resource" if r else "the paths that lead to resources"
    streams = {c.stream.name: c.stream for c in classes if c.stream is not None}
    for stream in streams.values():
        runtime |= stream.runtime_names
        if stream.returns is not None and stream.returns_module is not None:
            models.add((stream.returns_module, str(stream.returns)))
    return {
        "header": file_header,
        "doc": escape.docstring(f"Request builders for {what}, sync and async."),
        "classes": classes,
        "stdlib_imports": _stdlib_imports(stdlib, lists),
        "model_imports": tuple(
            Code(f"from ..models.{module} import {name}")
            for module, name in sorted(models)
        ),
        "constants": tuple(constants[name] for name in sorted(constants)),
        "runtime_imports": tuple(
            Code(n) for n in sorted(runtime, key=naming.listing_key)
        ),
        "module_imports": _module_imports(children, r.module if r else NAV_MODULE, "."),
        "streams": tuple(streams[name] for name in sorted(streams)),
    }


def _stdlib_imports(names: set[tuple[str, str]], iterator: bool) -> tuple[Code, ...]:
    """`import collections.abc` first, then `from module import names`, sorted."""
    by_module: dict[str, set[str]] = {}
    for module, name in names:
        by_module.setdefault(module, set()).add(name)
    lines = ["import collections.abc"] if iterator else []
    lines += [
        f"from {module} import {', '.join(sorted(found))}"
        for module, found in sorted(by_module.items())
    ]
    return tuple(Code(line) for line in lines)


def _client_context(package: Package) -> dict[str, Any]:
    root = package.navigation.root
    return {
        "root": root,
        "root_paths": {
            c.attr: escape.literal(f"/{c.segment_text}") for c in root if c.segment_text
        },
        "client_imports": _module_imports(root, "", ".builders"),
    }
