"""A spec that fails its schema, kept as the data it is, so what can be checked of it still is.

A broken operation should not hide that a path names a parameter the spec does not declare, nor
that a property's type is unknown or the example does not fit: the check stage reads what the
draft holds outside the values the schema refused (`flagged`), and reports those problems too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.report.problems import InputError, Problem
from generator.spec import specschema, yamlsource

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Draft:
    """One spec file's data, the lines of its values, and the paths its schema refused."""

    file: str
    data: dict[str, Any]
    lines: dict[Path, int] = field(repr=False)
    flagged: frozenset[Path]

    @property
    def namespace(self) -> str:
        space = self.data.get("namespace")
        return (
            space
            if self.readable(("namespace",)) and isinstance(space, str)
            else "microsoft.graph"
        )

    def readable(self, path: Path) -> bool:
        """Whether a value may be read: neither it nor a value that holds it was refused."""
        return not any(path[: len(f)] == f for f in self.flagged)

    def problem(self, path: Path, message: str) -> Problem:
        """A problem at a field of the draft, named by its dotted path."""
        dotted = specschema.dotted(path)
        line = yamlsource.line_of(self.lines, path)
        return Problem(self.file, line, f"{dotted}: {message}" if dotted else message)


class SchemaProblems(InputError):
    """A spec's schema problems, with the draft that the rest of its checks read."""

    def __init__(self, problems: list[Problem], draft: Draft | None) -> None:
        super().__init__(problems)
        self.draft = draft
