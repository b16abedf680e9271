"""The annotations of a CSDL document, by target: descriptions, computed properties, the
capabilities of sets and navigation properties. Values as written; terms qualified later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Elements whose annotations are about themselves: a target below the one around them.
_TYPES = ("EntityType", "ComplexType", "EnumType", "EntityContainer")
_PARTS = ("Property", "NavigationProperty", "Member", "EntitySet", "Singleton")
# Elements whose annotations this reader leaves to another (an operation's parameters).
_ELSEWHERE = ("Action", "Function")
_SCALARS = ("String", "Bool", "EnumMember", "Int", "PropertyPath", "Path")


@dataclass
class _Term:
    target: str
    term: str
    line: int
    depth: int  # of the <Annotation> element
    record: dict[str, str | bool] = field(default_factory=dict)


class AnnotationReader:
    """Collects `<Annotation>` elements inline and in `<Annotations Target="...">` blocks."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str, str | bool | dict[str, str | bool], int]] = []
        self._targets: list[str | None] = []
        self._open: _Term | None = None

    def start(
        self, local: str, parent: str, attrs: dict[str, str], at: tuple[str, int]
    ) -> None:
        namespace, line = at
        around = self._targets[-1] if self._targets else None
        self._targets.append(self._target(local, parent, attrs, namespace, around))
        if local == "Annotation" and around is not None and self._open is None:
            value = next((attrs[k] for k in _SCALARS if k in attrs), None)
            term = attrs.get("Term", "")
            if value is not None:
                bool_value = value.strip() == "true" if "Bool" in attrs else value
                self.found.append((around, term, bool_value, line))
            else:
                self._open = _Term(around, term, line, len(self._targets))
        elif (
            self._open is not None
            and local == "PropertyValue"
            and len(self._targets) == self._open.depth + 2  # Annotation > Record > here
        ):
            value = next((attrs[k] for k in _SCALARS if k in attrs), None)
            if value is not None:
                flag = value.strip() == "true" if "Bool" in attrs else value
                self._open.record[attrs.get("Property", "")] = flag

    def end(self, local: str, parent: str) -> None:
        if self._open is not None and len(self._targets) == self._open.depth:
            done = (
                self._open
            )  # a Boolean term written bare (`<Annotation Term=.../>`) is true
            value: str | bool | dict[str, str | bool] = done.record or True
            self.found.append((done.target, done.term, value, done.line))
            self._open = None
        self._targets.pop()

    @staticmethod
    def _target(
        local: str,
        parent: str,
        attrs: dict[str, str],
        namespace: str,
        around: str | None,
    ) -> str | None:
        name = attrs.get("Name", "")
        if parent == "Schema" and local in _TYPES:
            return f"{namespace}.{name}"
        if parent == "Schema" and local == "Annotations":
            return attrs.get("Target", "")
        if local in _ELSEWHERE:
            return None
        if local in _PARTS and around is not None:
            return f"{around}/{name}"
        return around
