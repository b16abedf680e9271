"""Spec files to typed, schema-checked specs; every problem located as `file:line: field: message`."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import jsonschema

from generator import yamlsource
from generator.problems import InputError, Problem, suggestion

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


@dataclass(frozen=True)
class HeaderSpec:
    name: str
    value: str
    required: bool


@dataclass(frozen=True)
class OperationSpec:
    kind: str
    method: str
    target: str
    status: tuple[int, ...]
    headers: tuple[HeaderSpec, ...]
    query: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class ActionSpec:
    name: str
    status: tuple[int, ...]
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
    collection_paths: tuple[str, ...]
    item_path: str | None
    single_paths: tuple[str, ...]
    parameters: dict[str, str]
    operations: dict[str, OperationSpec]
    actions: tuple[ActionSpec, ...]
    example: dict[str, Any] | None
    source: str
    lines: dict[yamlsource.Path, int] = field(repr=False, compare=False)

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
        dotted = _dotted(path)
        return Problem(
            self.file, self.line(*path), f"{dotted}: {message}" if dotted else message
        )


@cache
def schema() -> dict[str, Any]:
    """The spec format's JSON Schema, shipped with the tool and used by editors too."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _dotted(path: tuple[Any, ...]) -> str:
    """A field path for messages; a name holding a line break or an ESC is shown quoted."""
    return ".".join(str(p) if str(p).isprintable() else repr(str(p)) for p in path)


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    """`pattern` as JSON Schema (ECMA-262) reads it: `$` ends the text.

    Python's `$` also matches before a final newline, so `name: "widget\\n"` would pass.
    """
    if validator.is_type(instance, "string") and not re.search(
        _ecma_end(pattern), instance
    ):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _ecma_end(pattern: str) -> str:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


@cache
def _validator() -> Any:
    checker = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, {"pattern": _pattern}
    )
    return checker(_inlined(schema(), schema().get("$defs", {})))


def _inlined(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its definition: resolving a reference
    costs more than checking what it names, and the spec schema has no recursion."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = defs[ref.removeprefix("#/$defs/")]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return {k: _inlined(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inlined(v, defs) for v in node]
    return node


def load_spec(text: str, file: str, source: str | None = None) -> Spec:
    """Parse and schema-check one spec; raises InputError with every problem in it.

    `file` is how messages name it; `source` how generated headers do (never an absolute path).
    """
    data, lines = yamlsource.load(text, file)
    errors = list(_validator().iter_errors(data))
    problems = [_schema_problem(error, file, lines) for error in _one_per_value(errors)]
    if problems:
        raise InputError(problems)
    return _typed(data, file, lines, source or Path(file).name)


def _one_per_value(
    errors: list[jsonschema.ValidationError],
) -> list[jsonschema.ValidationError]:
    """`GETT` breaks both the method enum and the operation's const: report it once."""
    general = {tuple(e.absolute_path) for e in errors if e.validator != "const"}
    return [
        e
        for e in errors
        if e.validator != "const" or tuple(e.absolute_path) not in general
    ]


def _schema_problem(
    error: jsonschema.ValidationError, file: str, lines: dict[Any, int]
) -> Problem:
    path = tuple(error.absolute_path)
    message = _message(error)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema_node: Any = error.schema
        allowed = schema_node.get("properties", {})
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path = (*path, extra[0])
            message = f"unknown field{suggestion(extra[0], allowed)}"
    dotted = _dotted(path)
    line = yamlsource.line_of(lines, path)
    return Problem(file, line, f"{dotted}: {message}" if dotted else message)


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        enum_values: Any = error.validator_value
        values: list[Any] = list(enum_values)
        hint = suggestion(str(error.instance), [str(v) for v in values])
        choices = ", ".join(str(v) for v in values)
        return f"{error.instance!r} is not one of {choices}{hint}"
    if error.validator == "const":
        return f"{error.instance!r} is not supported here; expected {error.validator_value!r}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "pattern":
        return f"{error.instance!r} does not have the expected form"
    return error.message


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
        navigation=_navigation(data.get("navigation", {}), lines),
        members=tuple(data.get("members", [])),
        collection_paths=tuple(paths.get("collection", [])),
        item_path=paths.get("item"),
        single_paths=tuple(paths.get("single", [])),
        parameters=dict(data.get("parameters", {})),
        operations={
            kind: _operation(kind, op, yamlsource.line_of(lines, ("operations", kind)))
            for kind, op in data.get("operations", {}).items()
        },
        actions=tuple(
            ActionSpec(
                name,
                tuple(a["status"]),
                a.get("description", ""),
                yamlsource.line_of(lines, ("actions", name)),
            )
            for name, a in data.get("actions", {}).items()
        ),
        example=data.get("example"),
        source=source,
        lines=lines,
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
    data: dict[str, Any], lines: dict[Any, int]
) -> tuple[NavigationSpec, ...]:
    return tuple(
        NavigationSpec(
            name=name,
            type=n["type"],
            description=n.get("description", ""),
            operations=tuple(n.get("operations", _default_operations(n["type"]))),
            line=yamlsource.line_of(lines, ("navigation", name)),
        )
        for name, n in data.items()
    )


def _operation(kind: str, op: dict[str, Any], line: int) -> OperationSpec:
    return OperationSpec(
        kind=kind,
        method=op["method"],
        target=op["target"],
        status=tuple(op["status"]),
        headers=tuple(
            HeaderSpec(h["name"], h.get("value", ""), h.get("required", True))
            for h in op.get("headers", [])
        ),
        query=tuple(op.get("query", [])),
        line=line,
    )


@dataclass(frozen=True)
class Loaded:
    """The specs of a folder that loaded, the problems of those that did not, and their names."""

    specs: list[Spec]
    problems: list[Problem]
    broken: frozenset[
        str
    ]  # qualified names of specs that failed, when they can be read


def _default_operations(type_name: str) -> list[str]:
    """A navigation property reads what it leads to: a list, or one value."""
    return ["list"] if type_name.strip().startswith("Collection(") else ["get"]


class Cache(Protocol):
    """Specs loaded by an earlier run, by a key naming their bytes and how they are shown."""

    def get(self, key: str) -> Spec | None: ...

    def put(self, key: str, spec: Spec) -> None: ...


def load_specs(
    directory: Path,
    display_root: Path | None = None,
    cache: Cache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Loaded:
    """Load every `*.yaml` spec in a folder; a spec that fails does not stop the others."""
    specs: list[Spec] = []
    problems: list[Problem] = []
    broken: set[str] = set()
    files = sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml"))
    for done, path in enumerate(sorted(files), 1):
        if progress is not None:
            progress("reading specs", done, len(files))
        shown, source = _display(path, display_root), f"{directory.name}/{path.name}"
        data = path.read_bytes()
        key = f"{hashlib.sha256(data).hexdigest()} {shown} {source}"
        cached = cache.get(key) if cache is not None else None
        if cached is not None:
            specs.append(cached)
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, 1, f"not UTF-8 text: {error.reason}"))
            continue
        try:
            spec = load_spec(text, shown, source)
            specs.append(spec)
            if cache is not None:
                cache.put(key, spec)
        except InputError as error:
            problems.extend(error.problems)
            broken.update(_name_of(text))
    return Loaded(specs, problems, frozenset(broken))


_NAME_LINE = re.compile(
    r"^name:\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?\s*$", re.MULTILINE
)
_NAMESPACE_LINE = re.compile(
    r"^namespace:\s*['\"]?([A-Za-z_][A-Za-z0-9_.]*)['\"]?\s*$", re.MULTILINE
)


def _name_of(text: str) -> set[str]:
    """The qualified name a broken spec meant to declare, when its lines still say it."""
    name = _NAME_LINE.search(text)
    space = _NAMESPACE_LINE.search(text)
    if name is None:
        return set()
    return {f"{space.group(1) if space else 'microsoft.graph'}.{name.group(1)}"}


def _display(path: Path, root: Path | None) -> str:
    """Paths in messages are relative to where the command runs, as compilers print them."""
    try:
        return str(path.relative_to(root or Path.cwd()))
    except ValueError:
        return str(path)
