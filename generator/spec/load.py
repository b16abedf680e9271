"""Spec files to typed, schema-checked specs; every problem located as `file:line: field: message`."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from generator.odata.typeref import IDENTIFIER, collection
from generator.report.problems import InputError, Problem
from generator.spec import specschema, yamlsource
from generator.spec.draft import Draft, SchemaProblems
from generator.spec.ops import (
    ActionSpec,
    HeaderSpec,
    ParameterSpec,
    bound_operations,
    headers,
)
from generator.spec.safeio import leaves, outside

__all__ = [
    "ActionSpec",
    "HeaderSpec",
    "Loaded",
    "NavigationSpec",
    "OperationSpec",
    "ParameterSpec",
    "PropertySpec",
    "Spec",
    "StreamSpec",
    "load_spec",
    "load_specs",
]

SCHEMA_PATH = Path(__file__).with_name("spec.schema.json")


@dataclass(frozen=True)
class PropertySpec:
    wire: str
    type: str
    description: str
    read_only: bool
    nullable: bool
    line: int
    section: str = "properties"


@dataclass(frozen=True)
class NavigationSpec:
    name: str
    type: str
    description: str
    operations: tuple[str, ...]
    line: int
    ref: tuple[
        str, ...
    ] = ()  # what `$ref` offers: get, post (put on one value), delete


@dataclass(frozen=True)
class OperationSpec:
    kind: str
    method: str
    target: str
    status: tuple[int, ...]
    headers: tuple[HeaderSpec, ...]
    query: tuple[str, ...]
    line: int
    docs: str = ""  # the API page it was transcribed from


@dataclass(frozen=True)
class StreamSpec:
    """The entity's media stream, at `<item>/content` or `<item>/$value`."""

    segment: str
    operations: tuple[str, ...]
    returns: str | None
    description: str
    line: int


@dataclass(frozen=True)
class Spec:
    """One spec file, as written, before it is checked against the other specs."""

    file: str
    name: str
    kind: str
    namespace: str
    description: str
    base: str | None
    abstract: bool
    base_url: str | None
    key: str | None
    open_type: bool
    properties: tuple[PropertySpec, ...]
    navigation: tuple[NavigationSpec, ...]
    members: tuple[str, ...]
    flags: bool
    open_enum: bool
    collection_paths: tuple[str, ...]
    item_path: str | None
    single_paths: tuple[str, ...]
    parameters: dict[str, str]
    operations: dict[str, OperationSpec]
    actions: tuple[ActionSpec, ...]
    example: dict[str, Any] | None
    source: str
    lines: dict[yamlsource.Path, int] = field(repr=False, compare=False)
    streams: tuple[StreamSpec, ...] = ()
    functions: tuple[ActionSpec, ...] = ()
    # Properties that address an item instead of its key: /users(userPrincipalName='x').
    alternate_keys: tuple[str, ...] = ()
    by_path: bool = False  # items addressed by path: root:/folder/file.txt:

    @property
    def bound(self) -> tuple[ActionSpec, ...]:
        """Its actions and functions, each a method of the builders it is bound to."""
        return self.actions + self.functions

    @property
    def qualified_name(self) -> str:
        """The name the service knows the type by: `microsoft.graph.customerPayment`."""
        return f"{self.namespace}.{self.name}"

    def all_properties(self) -> tuple[PropertySpec, ...]:
        """Properties and navigation properties: both are model attributes (for `$expand`)."""
        navigation = tuple(
            PropertySpec(
                n.name, n.type, n.description, False, True, n.line, "navigation"
            )
            for n in self.navigation
        )
        return self.properties + navigation

    def line(self, *path: str | int) -> int:
        """The line a field of this spec stands on, for problems found after loading."""
        return yamlsource.line_of(self.lines, path)

    def problem(self, path: tuple[str | int, ...], message: str) -> Problem:
        """A problem at a field of this spec, named by its dotted path."""
        dotted = specschema.dotted(path)
        return Problem(
            self.file, self.line(*path), f"{dotted}: {message}" if dotted else message
        )


def load_spec(text: str, file: str, source: str | None = None) -> Spec:
    """Parse and schema-check one spec; raises InputError with every problem in it.

    `file` is how messages name it; `source` how generated headers do (never an absolute path).
    """
    data, lines = yamlsource.load(text, file)
    problems = specschema.problems(data, file, lines)
    if problems:
        draft = None
        if isinstance(data, dict):
            draft = Draft(file, data, lines, specschema.flagged(data))
        raise SchemaProblems(problems, draft)
    return _typed(data, file, lines, source or Path(file).name)


def _typed(data: dict[str, Any], file: str, lines: dict[Any, int], source: str) -> Spec:
    """Schema-checked data to a Spec; every default the schema names is applied here."""
    paths = data.get("paths", {})
    return Spec(
        file=file,
        name=data["name"],
        kind=data["kind"],
        namespace=data.get("namespace", "microsoft.graph"),
        description=data.get("description", ""),
        base=data.get("base"),
        abstract=data.get("abstract", False),
        base_url=data.get("baseUrl"),
        key=data.get("key"),
        open_type=data.get("openType", False),
        properties=_properties(data.get("properties", {}), lines),
        navigation=_navigation(
            data.get("navigation", {}), lines, reached=data.get("kind") == "entity"
        ),
        members=tuple(data.get("members", [])),
        flags=data.get("flags", False),
        open_enum=data.get("open", False),
        collection_paths=tuple(paths.get("collection", [])),
        item_path=paths.get("item"),
        single_paths=tuple(paths.get("single", [])),
        parameters=dict(data.get("parameters", {})),
        operations={
            kind: _operation(kind, op, yamlsource.line_of(lines, ("operations", kind)))
            for kind, op in data.get("operations", {}).items()
        },
        actions=bound_operations(data.get("actions", {}), "action", lines),
        functions=bound_operations(data.get("functions", {}), "function", lines),
        alternate_keys=tuple(paths.get("alternateKeys", [])),
        by_path=paths.get("byPath", False),
        example=data.get("example"),
        source=source,
        lines=lines,
        streams=tuple(
            StreamSpec(
                segment,
                tuple(s["operations"]),
                s.get("returns"),
                s.get("description", ""),
                yamlsource.line_of(lines, ("streams", segment)),
            )
            for segment, s in data.get("streams", {}).items()
        ),
    )


def _properties(
    data: dict[str, Any], lines: dict[Any, int]
) -> tuple[PropertySpec, ...]:
    return tuple(
        PropertySpec(
            wire=wire,
            type=p["type"],
            description=p.get("description", ""),
            read_only=p.get("readOnly", False),
            nullable=p.get("nullable", True),
            line=yamlsource.line_of(lines, ("properties", wire)),
        )
        for wire, p in data.items()
    )


def _navigation(
    data: dict[str, Any], lines: dict[Any, int], reached: bool
) -> tuple[NavigationSpec, ...]:
    """Navigation properties; an entity's are reached through builders (a list or a get by
    default), a complex type's only read with the value."""
    return tuple(
        NavigationSpec(
            name=name,
            type=n["type"],
            description=n.get("description", ""),
            operations=tuple(
                n.get("operations", _default_operations(n["type"]) if reached else [])
            ),
            line=yamlsource.line_of(lines, ("navigation", name)),
            ref=tuple(n.get("ref", [])),
        )
        for name, n in data.items()
    )


def _operation(kind: str, op: dict[str, Any], line: int) -> OperationSpec:
    return OperationSpec(
        kind=kind,
        method=op["method"],
        target=op["target"],
        status=tuple(op["status"]),
        headers=headers(op.get("headers", [])),
        query=tuple(op.get("query", [])),
        line=line,
        docs=op.get("docs", ""),
    )


@dataclass(frozen=True)
class Loaded:
    """The specs of a folder that loaded, the problems of those that did not, and their names."""

    specs: list[Spec]
    problems: list[Problem]
    broken: frozenset[
        str
    ]  # qualified names of specs that failed, when they can be read
    drafts: tuple[Draft, ...] = ()  # specs that failed their schema, as data
    # Each loaded spec's file, as messages name it, to a key naming its bytes and its name in
    # the specs folder (not where the folder is, which no output depends on): what a later
    # stage keys its own work on.
    keys: Mapping[str, str] = field(default_factory=dict)


def _default_operations(type_name: str) -> list[str]:
    """A navigation property reads what it leads to: a list, or one value."""
    return ["list"] if collection(type_name) is not None else ["get"]


class Cache(Protocol):
    """Specs loaded by an earlier run, by a key naming their bytes and how they are shown."""

    def get(self, key: str) -> Spec | None: ...

    def put(self, key: str, spec: Spec) -> None: ...


def load_specs(
    directory: Path,
    display_root: Path | None = None,
    cache: Cache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    root: Path | None = None,
    digests: Mapping[str, str] | None = None,
) -> Loaded:
    """Load every `*.yaml` spec in a folder; a spec that fails does not stop the others, and
    one a link leads out of the project at `root` (the working folder) is not read.

    `digests` holds the SHA-256 of files the caller has hashed already, by file name: a spec
    the cache has under that digest is not read again.
    """
    specs: list[Spec] = []
    problems: list[Problem] = []
    broken: set[str] = set()
    drafts: list[Draft] = []
    keys: dict[str, str] = {}
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    for done, path in enumerate(sorted(files), 1):
        if progress is not None:
            progress("reading specs", done, len(files))
        shown, source = _display(path, display_root), f"{directory.name}/{path.name}"
        if leaves(path, root or Path.cwd()):
            problems += outside([path], root or Path.cwd(), "spec")
            continue
        digest = (digests or {}).get(path.name)
        data = path.read_bytes() if digest is None else None
        digest = digest or hashlib.sha256(data or b"").hexdigest()
        key = f"{digest} {shown} {source}"
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            specs.append(cached)
            keys[cached.file] = f"{digest} {source}"
            continue
        data = path.read_bytes() if data is None else data
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(
                Problem(
                    shown,
                    _line_at(data, error.start),
                    f"not UTF-8 text: {error.reason}",
                )
            )
            continue
        try:
            spec = load_spec(text, shown, source)
            specs.append(spec)
            keys[spec.file] = f"{digest} {source}"
            if cache is not None:
                cache.put(key, spec)
        except InputError as error:
            problems.extend(error.problems)
            broken.update(_name_of(text))
            if isinstance(error, SchemaProblems) and error.draft is not None:
                drafts.append(error.draft)
    return Loaded(specs, problems, frozenset(broken), tuple(drafts), keys)


_NAME_LINE = re.compile(rf"^name:\s*['\"]?({IDENTIFIER})['\"]?\s*$", re.MULTILINE)
_NAMESPACE_LINE = re.compile(
    rf"^namespace:\s*['\"]?({IDENTIFIER}[A-Za-z0-9_.]*)['\"]?\s*$", re.MULTILINE
)


def _name_of(text: str) -> set[str]:
    """The qualified name a broken spec meant to declare, when its lines still say it."""
    name = _NAME_LINE.search(text)
    space = _NAMESPACE_LINE.search(text)
    if name is None:
        return set()
    return {f"{space.group(1) if space else 'microsoft.graph'}.{name.group(1)}"}


def _line_at(data: bytes, offset: int) -> int:
    """The line of a byte offset, as editors count lines."""
    return data[:offset].count(b"\n") + 1


def _display(path: Path, root: Path | None) -> str:
    """Paths in messages are relative to where the command runs, as compilers print them."""
    try:
        return str(path.relative_to(root or Path.cwd()))
    except ValueError:
        return str(path)
