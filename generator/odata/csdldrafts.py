"""Types as the CSDL reader drafts them (names as written) and the step that freezes what
it read into `edm` values, once every alias of the document is known."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from generator.odata.edm import (
    Annotated,
    MemberInfo,
    Operation,
    PropertyInfo,
    TypeInfo,
    Value,
    qualify,
)
from generator.report.problems import Problem


@dataclass
class TypeDraft:
    """A type being read: names as written, aliases not yet resolved."""

    namespace: str
    name: str
    kind: str
    base: str | None
    abstract: bool
    open_type: bool
    line: int
    flags: bool = False
    has_stream: bool = False
    key: list[str] = field(default_factory=list)
    key_line: int = 0
    properties: list[PropertyInfo] = field(default_factory=list)
    members: list[MemberInfo] = field(default_factory=list)


def qualified_operation(found: Operation, aliases: Mapping[str, str]) -> Operation:
    """An operation with its types qualified: `graph.x` is `microsoft.graph.x`."""
    return replace(
        found,
        parameters=tuple(
            replace(p, type=qualify(p.type, aliases)) for p in found.parameters
        ),
        returns=qualify(found.returns, aliases) if found.returns else None,
    )


def annotated(
    read: Iterable[tuple[str, str, Value, int]], aliases: Mapping[str, str]
) -> dict[str, Annotated]:
    """Every annotation by target, targets and terms qualified (`Core.Description`)."""
    terms: dict[str, dict[str, Value]] = {}
    lines: dict[str, int] = {}
    for target, term, value, line in read:
        head, slash, rest = target.partition("/")
        where = f"{qualify(head, aliases)}{slash}{rest}"
        terms.setdefault(where, {})[qualify(term, aliases)] = value
        lines.setdefault(where, line)
    return {t: Annotated(found, lines[t]) for t, found in terms.items()}


def freeze(
    draft: TypeDraft, aliases: Mapping[str, str], file: str, problems: list[Problem]
) -> TypeInfo:
    """The type's `edm` value, names qualified; a property declared twice is a problem."""
    parts = [replace(p, type=qualify(p.type, aliases)) for p in draft.properties]
    seen: dict[str, int] = {}
    for part in parts:
        if part.name in seen:
            first = seen[part.name]
            message = (
                f"{part.owner}.{part.name} is declared twice (first at line {first})"
            )
            problems.append(Problem(file, part.line, message))
        seen.setdefault(part.name, part.line)
    return TypeInfo(
        namespace=draft.namespace,
        name=draft.name,
        kind=draft.kind,
        base=qualify(draft.base, aliases) if draft.base else None,
        abstract=draft.abstract,
        open_type=draft.open_type,
        key=tuple(draft.key),
        key_line=draft.key_line or draft.line,
        properties=tuple(p for p in parts if not p.navigation),
        navigation=tuple(p for p in parts if p.navigation),
        members=tuple(draft.members),
        line=draft.line,
        flags=draft.flags,
        has_stream=draft.has_stream,
    )
