"""The output files of a package as jobs: a template, what it reads, and the key of both.

A job's key names everything its output depends on, so a later run skips every job whose key
it has recorded, with the file still as written. A type's files are keyed by its model's key,
a builders module by its classes' key and its type's. The package's own files (`__init__`,
the client) read a little of every type: they are keyed by what their templates read, as
recorded when they were last rendered (`read_key`). Contexts are made when a job is rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec

from generator.model import escape
from generator.model.children import NAV_MODULE
from generator.model.escape import Code
from generator.model.navigation import Navigation
from generator.model.querysets import QUERY_MODULE
from generator.model.resources import Resource
from generator.model.runtime import TYPES_MODULE, types_context
from generator.odata import naming
from generator.render.builderscontext import (
    builders_context,
    module_imports,
    query_context,
    query_sets,
)
from generator.render.templates import RUNTIME, TemplateSet

Context = Mapping[str, Any]
Read = tuple[str, str, str]  # ("r", module, attribute) or ("package", "", attribute)
_ENCODER = msgspec.msgpack.Encoder(enc_hook=repr)  # `Code`, a str, as its repr


@dataclass(frozen=True)
class Package:
    """Everything the templates need for one generated package."""

    resources: tuple[Resource, ...]
    navigation: Navigation
    base_url: Code
    header: Code
    # Each resource's key, by module: names everything its model was built from.
    keys: Mapping[str, str] = field(default_factory=dict)
    # The key of each module's builder classes, by module, and of the whole navigation.
    builders: Mapping[str, str] = field(default_factory=dict)
    navigation_key: str | None = None
    # Each resource's attributes as digests of their values, by module.
    digests: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

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

    def key(self, r: Resource) -> str:
        """What a resource's files are rendered from: its model's key, or the model itself."""
        return self.keys.get(str(r.module)) or repr(r)


@dataclass(frozen=True)
class Job:
    """One output file to render: its template, what the template reads, and the key of both.

    `context` makes what the template reads, when the job is rendered. A job with no key
    (the package's own files) is keyed by what its template reads, once rendered.
    """

    path: str
    template: str
    context: Callable[[], Context] = field(compare=False)
    key: str | None


def plan(package: Package, salt: str) -> list[Job]:
    """Every output file of the package, as jobs; `salt` names the templates and the generator."""
    jobs: list[Job] = []

    def add(
        path: str, template: str, key: str | None, context: Callable[[], Context]
    ) -> None:
        keyed = None if key is None else _key(salt, path, template, key)
        jobs.append(Job(path, template, context, keyed))

    add("py.typed", "py_typed.j2", "", dict)
    for name in ("__init__", "client"):
        template = f"{name.strip('_')}.py.j2"
        add(
            f"{name}.py",
            template,
            None,
            lambda: {**_common(package), **_client(package)},
        )
    for folder in ("models", "builders", "tests"):
        add(
            f"{folder}/__init__.py",
            f"{folder}_init.py.j2",
            None,
            lambda: _common(package),
        )
    nav = package.navigation
    sets = query_sets(nav)
    if sets:
        context = query_context(package.header, sets)
        add(f"builders/{QUERY_MODULE}.py", "builders_query.py.j2", repr(sets), context)
    if nav.in_module(NAV_MODULE):  # only paths like /widgets: nothing leads to them
        add(*_builders_job(package, NAV_MODULE, None))
    for r in package.resources:
        key = package.key(r)
        add(f"models/{r.module}.py", "model.py.j2", key, _given(r=r))
        if r.kind == "entity" and nav.in_module(r.module):
            add(*_builders_job(package, str(r.module), r))
        path = f"tests/test_{r.module}.py"
        if r.kind == "enum":
            add(path, "test_enum.py.j2", key, _given(r=r))
        else:
            add(path, "test_resource.py.j2", key, _tested(r))
    return sorted(jobs, key=lambda j: j.path)


def _tested(r: Resource) -> Callable[[], Context]:
    """A test module's context, read only when it is rendered: a cached model's tests are
    decoded only then."""
    return lambda: {"r": r, "route": r.tests.route}


def _given(**context: Any) -> Callable[[], Context]:
    return lambda: context


def _common(package: Package) -> dict[str, Any]:
    return {
        "package": package,
        "entities": [r for r in package.resources if r.kind == "entity"],
    }


def _builders_job(
    package: Package, module: str, r: Resource | None
) -> tuple[str, str, str, Callable[[], Context]]:
    """A builders module: keyed by its classes' key and its resource's (or the header)."""
    classes = package.navigation.in_module(module)

    def context() -> Context:
        return builders_context(package.header if r is None else r.header, classes, r)

    tail = str(package.header) if r is None else package.key(r)
    known = package.builders.get(module)
    key = (
        f"{known} {tail}"
        if known is not None
        else repr({**context(), "resource": tail})
    )
    return f"builders/{module}.py", "builders.py.j2", key, context


def runtime_jobs(templates: TemplateSet, header: Code, salt: str) -> list[Job]:
    """The runtime sources, copied with the generated header, and its types module rendered
    from the type table (unless a user's folder has a `runtime/types.py` of its own)."""
    copied = templates.runtime()
    jobs = [
        Job(
            f"{RUNTIME}/{name}",
            f"{RUNTIME}/{name}",
            _given(header=header),
            _key(salt, name, RUNTIME, header),
        )
        for name in sorted(copied)
    ]
    if TYPES_MODULE not in copied:
        path = f"{RUNTIME}/{TYPES_MODULE}"
        key = _key(salt, path, f"{path}.j2", header)
        jobs.append(Job(path, f"{path}.j2", lambda: types_context(header), key))
    return sorted(jobs, key=lambda j: j.path)


SCHEMA = "spec.schema.json"


def schema_job(text: str, salt: str) -> Job:
    """The spec format's JSON Schema, beside the package, where specs' editors find it."""
    return Job(SCHEMA, SCHEMA, _given(text=text), _key(salt, SCHEMA, SCHEMA, text))


def _key(salt: str, path: str, template: str, inputs: str) -> str:
    digest = hashlib.sha256(f"{salt}\0{path}\0{template}\0{inputs}".encode())
    return digest.hexdigest()[:16]


def text_key(salt: str, job: Job, text: str) -> str:
    """The key of a job keyed by what it renders to."""
    return _key(salt, job.path, job.template, text)


def read_key(
    salt: str, job: Job, reads: Iterable[Read], package: Package
) -> str | None:
    """The key of a package file from what its template read: each type's attributes by
    their digests, the package's by their values (its lists of types by their modules), and
    the context's values; None when it called a method, whose reads no one saw."""
    found: list[Any] = []
    for kind, module, attribute in sorted(set(reads)):
        if kind == "r":
            found.append(package.digests.get(module, {}).get(attribute, "-"))
            continue
        value = _package_value(package, attribute)
        if value is None:
            return None
        found.append(value)
    context = {k: v for k, v in job.context().items() if k != "package"}
    found.append(_shallow(context))
    inputs = hashlib.sha256(_ENCODER.encode([sorted(set(reads)), found]))
    return _key(salt, job.path, job.template, inputs.hexdigest())


def _package_value(package: Package, attribute: str) -> Any:
    """A package attribute as a template sees it; None for a method."""
    if attribute == "navigation":
        return package.navigation_key or _ENCODER.encode(package.navigation)
    value = getattr(package, attribute, None)
    return None if callable(value) else _shallow(value)


def _shallow(value: Any) -> Any:
    """Types as their modules: what a template reads of each is a read of its own."""
    if isinstance(value, Resource):
        return ["resource", str(value.module)]
    if isinstance(value, (list, tuple)):
        return [_shallow(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _shallow(v) for k, v in value.items()}
    return value


def _client(package: Package) -> dict[str, Any]:
    root = package.navigation.root
    return {
        "root": root,
        "root_paths": {
            c.attr: escape.literal(f"/{c.segment_text}") for c in root if c.segment_text
        },
        "client_imports": module_imports(root, "", ".builders"),
    }
