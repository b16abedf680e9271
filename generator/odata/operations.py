"""The actions and functions of a CSDL schema, read while the document streams by."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.odata.edm import Operation, Parameter

OPTIONAL = "OptionalParameter"  # the term's name, in Org.OData.Core.V1 under any alias


@dataclass
class _Draft:
    name: str
    kind: str
    bound: bool
    namespace: str
    line: int
    parameters: list[Parameter] = field(default_factory=list)
    returns: str | None = None
    returns_nullable: bool = True


class OperationReader:
    """Collects `<Action>` and `<Function>` elements of the schemas, types as written."""

    def __init__(self) -> None:
        self.found: list[Operation] = []
        self._draft: _Draft | None = None

    def start(
        self, local: str, parent: str, attrs: dict[str, str], at: tuple[str, int]
    ) -> None:
        """`at`: the namespace of the schema being read, and the element's line."""
        namespace, line = at
        if parent == "Schema" and local in ("Action", "Function"):
            self._draft = _Draft(
                attrs.get("Name", ""),
                local.lower(),
                attrs.get("IsBound", "false").strip() == "true",
                namespace,
                line,
            )
        elif self._draft is None:
            return
        elif local == "Parameter" and parent in ("Action", "Function"):
            nullable = attrs.get("Nullable", "true").strip() != "false"
            self._draft.parameters.append(
                Parameter(
                    attrs.get("Name", ""), attrs.get("Type", ""), nullable, False, line
                )
            )
        elif local == "ReturnType":
            self._draft.returns = attrs.get("Type", "")
            self._draft.returns_nullable = (
                attrs.get("Nullable", "true").strip() != "false"
            )
        elif (
            local == "Annotation"
            and parent == "Parameter"
            and self._draft.parameters
            and attrs.get("Term", "").rsplit(".", 1)[-1] == OPTIONAL
        ):
            last = self._draft.parameters.pop()
            self._draft.parameters.append(
                Parameter(last.name, last.type, last.nullable, True, last.line)
            )

    def end(self, local: str, parent: str) -> None:
        if (
            self._draft is not None
            and parent == "Schema"
            and local in ("Action", "Function")
        ):
            d = self._draft
            self.found.append(
                Operation(
                    d.name,
                    d.kind,
                    d.bound,
                    tuple(d.parameters),
                    d.returns,
                    d.returns_nullable,
                    d.namespace,
                    d.line,
                )
            )
            self._draft = None
