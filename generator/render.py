"""The render-ready model to `{relative path: source}` through the templates; nothing touches disk."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator import escape
from generator.escape import Code
from generator.model import Resource
from generator.navigation import NAV_MODULE, BuilderClass, Child, Navigation
from generator.problems import InputError, Problem

RUNTIME = "runtime"
_MODES = {
    "SYNC": {
        "prefix": Code(""),
        "session": Code("Session"),
        "define": Code("def"),
        "wait": Code(""),
        "iterator": Code("Iterator"),
    },
    "ASYNC": {
        "prefix": Code("Async"),
        "session": Code("AsyncSession"),
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


def environment(templates: Path) -> jinja2.Environment:
    """Strict Jinja: an undefined name or an unescaped string is an error."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
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


def render(package: Package, templates: Path) -> dict[str, tuple[str, str]]:
    """Every output file: path -> (template that made it, unformatted source)."""
    env = environment(templates)
    files: dict[str, tuple[str, str]] = {}

    def emit(path: str, template: str, **context: Any) -> None:
        try:
            files[path] = (template, env.get_template(template).render(**context))
        except (jinja2.TemplateError, UnsafeValue) as error:
            raise InputError([_template_problem(error, templates / template)]) from None

    for source in sorted((templates / RUNTIME).glob("*.py")):
        text = source.read_text(encoding="utf-8")
        files[f"{RUNTIME}/{source.name}"] = (
            f"{RUNTIME}/{source.name}",
            f"{package.header}\n{text}",
        )
    common = {
        "package": package,
        "entities": [r for r in package.resources if r.kind == "entity"],
    }
    for name in ("__init__", "client"):
        emit(
            f"{name}.py",
            f"{name.strip('_')}.py.j2",
            **common,
            **_client_context(package),
        )
    for folder in ("models", "validation", "builders", "tests"):
        emit(f"{folder}/__init__.py", f"{folder}_init.py.j2", **common)
    emit("py.typed", "py_typed.j2")
    nav = package.navigation
    if nav.in_module(NAV_MODULE):  # only paths like /widgets: nothing leads to them
        emit(
            f"builders/{NAV_MODULE}.py",
            "builders.py.j2",
            **_builders_context(package.header, nav.in_module(NAV_MODULE), None),
        )
    for r in package.resources:
        emit(f"models/{r.module}.py", "model.py.j2", r=r)
        emit(f"validation/{r.module}.py", "validation.py.j2", r=r)
        if r.kind == "entity" and nav.in_module(r.module):
            emit(
                f"builders/{r.module}.py",
                "builders.py.j2",
                **_builders_context(r.header, nav.in_module(r.module), r),
            )
        if r.kind != "enum":
            emit(
                f"tests/test_{r.module}.py",
                "test_resource.py.j2",
                r=r,
                route=r.tests.route,
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
    runtime = {"AsyncSession", "RequestBuilder", "Session"} | ({"Page"} if lists else set())
    what = f"the {r.graph_name} resource" if r else "the paths that lead to resources"
    return {
        "header": file_header,
        "doc": escape.docstring(f"Request builders for {what}, sync and async."),
        "classes": classes,
        "resource": r,
        "uses_iterator": lists,
        "uses_uuid": any(child.param_type == "Guid" for child in children),
        "runtime_imports": tuple(Code(n) for n in sorted(runtime)),
        "module_imports": _module_imports(children, r.module if r else NAV_MODULE, "."),
    }


def _client_context(package: Package) -> dict[str, Any]:
    root = package.navigation.root
    return {
        "root": root,
        "root_paths": {
            c.attr: escape.literal(f"/{c.segment_text}") for c in root if c.segment_text
        },
        "client_imports": _module_imports(root, "", ".builders"),
    }
