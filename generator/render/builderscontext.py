"""What a builders module's template is given: its classes, its docstring and every import
they need (the runtime's, the standard library's, the models' and the other builder modules').
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.check.operations import BY_PATH
from generator.model import escape
from generator.model.children import NAV_MODULE, Child
from generator.model.escape import Code
from generator.model.navigation import BuilderClass, Navigation
from generator.model.querysets import (
    QUERY_MODULE,
    in_runtime,
    option_class,
    query_class,
)
from generator.model.resources import Resource
from generator.odata import naming


def module_imports(
    children: Iterable[Child], here: str, package: str
) -> tuple[Code, ...]:
    """`from <package> import <module>` for each other module the children lead to."""
    lines = set()
    for child in children:
        module = child.target_module
        if module != here:
            alias = "" if module == NAV_MODULE else f" as _{module}"
            lines.add(f"from {package} import {module}{alias}")
    return tuple(Code(line) for line in sorted(lines))


def builders_context(
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
    if any(c.segment is not None for c in children):
        runtime.add(
            "Child"
        )  # a navigation property: `calendar: Child[...] = Child(...)`
    if any(c.param_hint is not None and c.address != BY_PATH for c in children):
        runtime.add("UnsetType")  # a key argument takes UNSET (refused at run time)
    sets = {m.options for c in classes for m in c.methods if m.options}
    runtime |= {query_class(o) for o in sets if in_runtime(o)}
    local = sorted(query_class(o) for o in sets if not in_runtime(o))
    stdlib |= {("typing", "Unpack")} if sets else set()
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
        "module_imports": module_imports(children, r.module if r else NAV_MODULE, ".")
        + _query_imports(local),
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


def _query_imports(names: list[str]) -> tuple[Code, ...]:
    """`from ._query import ...`: the generated TypedDicts of the module's option sets."""
    if not names:
        return ()
    return (Code(f"from .{QUERY_MODULE} import {', '.join(names)}"),)


def query_sets(navigation: Navigation) -> tuple[tuple[str, ...], ...]:
    """The option sets of every builder method that the runtime has no TypedDict for."""
    found = {m.options for c in navigation.classes for m in c.methods}
    return tuple(sorted(o for o in found if o and not in_runtime(o)))


def query_context(
    file_header: Code, sets: tuple[tuple[str, ...], ...]
) -> Callable[[], dict[str, Any]]:
    """The generated TypedDicts' module: each set's class, its bases and its docstring."""

    def context() -> dict[str, Any]:
        classes = [
            {
                "name": Code(query_class(o)),
                "bases": [Code(option_class(q)) for q in o],
                "docstring": escape.docstring(_set_doc(o)),
            }
            for o in sorted(sets, key=query_class)
        ]
        bases = sorted({option_class(q) for o in sets for q in o})
        return {
            "header": file_header,
            "sets": classes,
            "bases": [Code(b) for b in bases],
        }

    return context


def _set_doc(options: tuple[str, ...]) -> str:
    """`The query options `top`, `skip` and `select`.`"""
    names = [f"`{q}`" for q in options]
    if len(names) == 1:
        return f"The query option {names[0]}."
    return f"The query options {', '.join(names[:-1])} and {names[-1]}."
