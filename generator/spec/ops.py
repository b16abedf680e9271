"""The spec's operations beyond CRUD as typed values: bound actions and functions with their
parameters and results, and the headers an operation sends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.spec import yamlsource


@dataclass(frozen=True)
class HeaderSpec:
    name: str
    value: str
    required: bool


@dataclass(frozen=True)
class ParameterSpec:
    """A parameter of an action (in its JSON body) or of a function (in its URL)."""

    wire: str
    type: str
    description: str
    optional: bool
    nullable: bool
    line: int


@dataclass(frozen=True)
class ActionSpec:
    """A bound action (POST `<bound path>/<name>`) or function (GET `<bound path>/<name>(...)`)."""

    name: str
    status: tuple[int, ...]
    description: str
    line: int
    kind: str = "action"  # or "function"
    bound: str = "item"  # or "collection"
    parameters: tuple[ParameterSpec, ...] = ()
    returns: str | None = None
    query: tuple[str, ...] = ()
    headers: tuple[HeaderSpec, ...] = ()
    docs: str = ""

    @property
    def section(self) -> str:
        """The spec field that declares it: `actions` or `functions`."""
        return "actions" if self.kind == "action" else "functions"


def headers(data: list[dict[str, Any]]) -> tuple[HeaderSpec, ...]:
    return tuple(
        HeaderSpec(h["name"], h.get("value", ""), h.get("required", True)) for h in data
    )


def bound_operations(
    data: dict[str, Any], kind: str, lines: dict[Any, int]
) -> tuple[ActionSpec, ...]:
    """The `actions` or `functions` of a spec; every default the schema names applied here."""
    section = "actions" if kind == "action" else "functions"
    return tuple(_bound(name, op, kind, section, lines) for name, op in data.items())


def _bound(
    name: str, op: dict[str, Any], kind: str, section: str, lines: dict[Any, int]
) -> ActionSpec:
    returns = op.get("returns")
    return ActionSpec(
        name=name,
        status=tuple(op.get("status", [200] if returns else [200, 204])),
        description=op.get("description", ""),
        line=yamlsource.line_of(lines, (section, name)),
        kind=kind,
        bound=op.get("bound", "item"),
        parameters=tuple(
            ParameterSpec(
                wire=wire,
                type=p["type"],
                description=p.get("description", ""),
                optional=p.get("optional", False),
                nullable=p.get("nullable", False),
                line=yamlsource.line_of(lines, (section, name, "parameters", wire)),
            )
            for wire, p in op.get("parameters", {}).items()
        ),
        returns=returns,
        query=tuple(op.get("query", [])),
        headers=headers(op.get("headers", [])),
        docs=op.get("docs", ""),
    )
