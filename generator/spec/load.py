"""One spec file's text to a typed, schema-checked `Spec`; every problem located as
`file:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.odata.typeref import collection
from generator.report.problems import Problem
from generator.spec import specschema, yamlsource
from generator.spec.draft import Draft, SchemaProblems
from generator.spec.ops import (
    ActionSpec,
    HeaderSpec,
    ParameterSpec,
    bound_operations,
    headers,
)

__all__ = [
    "ActionSpec",
    "HeaderSpec",
    "NavigationSpec",
    "OperationSpec",
    "ParameterSpec",
    "PropertySpec",
    "Spec",
    "StreamSpec",
    "load_spec",
]


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


def _default_operations(type_name: str) -> list[str]:
    """A navigation property reads what it leads to: a list, or one value."""
    return ["list"] if collection(type_name) is not None else ["get"]
