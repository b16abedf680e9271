"""Specs against the service's CSDL metadata: each difference located in both files.

A spec is compared with the metadata type of the same qualified name, own declarations with own
declarations (inherited properties live on the base type on both sides). Metadata types that no
spec covers are not drift: the service has thousands. A metadata navigation property whose target
no spec covers is not drift either: a spec cannot declare it until its target is imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from generator.odata import typeref
from generator.odata.edm import UNKNOWN_FUTURE_VALUE as SENTINEL
from generator.odata.edm import Metadata, TypeInfo
from generator.odata.typeref import spec_type
from generator.report.problems import NAME, Problem, excerpt
from generator.spec.load import Spec

GRAPH = "microsoft.graph"
LEVEL = "drift"


def compare(specs: Sequence[Spec], metadata: Metadata) -> list[Problem]:
    """Every difference between the specs and the metadata, sorted; empty when they agree."""
    by_name = {spec.qualified_name: spec for spec in specs}
    found: list[Problem] = []
    for spec in specs:
        info = metadata.find(spec.qualified_name)
        if info is None:
            found.append(_missing(spec, metadata))
        else:
            found += _Pair(spec, info, metadata, by_name).differences()
    return sorted(set(found))


def _missing(spec: Spec, metadata: Metadata) -> Problem:
    """The spec's type is not in the metadata: say where it was looked for, or where it is."""
    elsewhere = sorted(q for q, t in metadata.types.items() if t.name == spec.name)
    schema = metadata.schema(spec.namespace)
    name = spec.qualified_name
    if elsewhere:
        line = metadata.types[elsewhere[0]].line
        message = f"{name} is not in the metadata; {elsewhere[0]} is"
    elif schema:
        line = schema.line
        message = f"{name} is not in the metadata schema {schema.namespace}"
    else:
        line = metadata.line
        message = f"{name} is not in the metadata, which has no schema {spec.namespace}"
    return _difference(spec, ("name",), message, metadata, line)


def _difference(
    spec: Spec, path: tuple[str | int, ...], message: str, metadata: Metadata, line: int
) -> Problem:
    """A difference at a spec field, naming the metadata line it differs from."""
    located = spec.problem(path, f"{message} ({metadata.file}:{line})")
    return replace(located, level=LEVEL)


@dataclass(frozen=True)
class _Pair:
    """One spec and the metadata type of its name."""

    spec: Spec
    info: TypeInfo
    metadata: Metadata
    specs: Mapping[str, Spec]

    def differences(self) -> list[Problem]:
        found = list(self._header())
        kinds = {self.spec.kind, self.info.kind}
        if "enum" in kinds and len(kinds) == 2:
            return found  # members and properties are not comparable
        if self.spec.kind == "enum":
            return found + list(self._members())
        return found + list(self._properties()) + list(self._unspecified())

    def _differ(self, path: tuple[str | int, ...], message: str, line: int) -> Problem:
        return _difference(self.spec, path, message, self.metadata, line)

    def _type(self, ref: str) -> str:
        return spec_type(ref, self.spec.namespace, self.specs)

    def _header(self) -> Iterator[Problem]:
        spec, info = self.spec, self.info
        base = self._type(spec.base) if spec.base else None
        for field, ours, theirs in (
            ("kind", spec.kind, info.kind),
            ("base", base or "no base", info.base or "no base"),
            ("abstract", _flag(spec.abstract), _flag(info.abstract)),
            ("openType", _flag(spec.open_type), _flag(info.open_type)),
        ):
            if ours != theirs:
                message = f"{ours} in the spec, {theirs} in the metadata"
                yield self._differ((field,), message, info.line)
        if spec.kind == info.kind == "entity":
            yield from self._key()

    def _key(self) -> Iterator[Problem]:
        ours = next((s.key for s in self._spec_lineage() if s.key), None)
        owner = next((t for t in self.metadata.lineage(self.info) if t.key), self.info)
        if ours is not None and (ours,) != owner.key:
            theirs = ", ".join(owner.key) or "no key"
            message = f"{ours} in the spec, {theirs} in the metadata"
            yield self._differ(("key",), message, owner.key_line)

    def _spec_lineage(self) -> list[Spec]:
        """The spec and the specs of its base types, nearest first."""
        chain = [self.spec]
        while chain[-1].base:
            base = self.specs.get(
                spec_type(chain[-1].base, chain[-1].namespace, self.specs)
            )
            if base is None or any(base is s for s in chain):
                break
            chain.append(base)
        return chain

    def _properties(self) -> Iterator[Problem]:
        for p in self.spec.properties:
            yield from self._property(("properties", p.wire), p.type, p.nullable)
        for n in self.spec.navigation:
            yield from self._property(("navigation", n.name), n.type, None)

    def _property(
        self, path: tuple[str, str], ref: str, nullable: bool | None
    ) -> Iterator[Problem]:
        """One declared property; `nullable` is None for navigation properties."""
        theirs = self.info.own(path[1])
        if theirs is None:
            yield self._undeclared(path)
            return
        if theirs.navigation != (nullable is None):
            kind = "navigation" if theirs.navigation else "structural"
            yield self._differ(path, f"a {kind} property in the metadata", theirs.line)
            return
        ours = self._type(ref)
        if ours != theirs.type:
            yield self._differ((*path, "type"), _types(ours, theirs.type), theirs.line)
        if nullable is not None and nullable != theirs.nullable:
            message = f"{_flag(nullable)} in the spec, {_flag(theirs.nullable)} in the metadata"
            yield self._differ((*path, "nullable"), message, theirs.line)

    def _undeclared(self, path: tuple[str, str]) -> Problem:
        """A spec property its metadata type does not declare, though a base type may."""
        name = self.info.qualified_name
        inherited = self.metadata.find_property(name, path[1])
        if inherited is not None:
            message = f"declared on {inherited.owner} in the metadata, not on {name}"
            return self._differ(path, message, inherited.line)
        return self._differ(path, f"not in the metadata type {name}", self.info.line)

    def _unspecified(self) -> Iterator[Problem]:
        """Metadata properties the spec lacks (navigation only when a spec covers the target)."""
        declared = {p.wire for p in self.spec.properties}
        declared |= {n.name for n in self.spec.navigation}
        for p in self.info.properties:
            if p.name not in declared:
                message = f"{p.name} ({p.type}) is in the metadata, not in the spec"
                yield self._differ(("properties",), message, p.line)
        for n in self.info.navigation:
            if n.name not in declared and _item(n.type) in self.specs:
                message = f"{n.name} ({n.type}) is in the metadata, not in the spec"
                yield self._differ(("navigation",), message, n.line)

    def _members(self) -> Iterator[Problem]:
        spec, info = self.spec, self.info
        if spec.flags != info.flags:
            message = (
                f"{_flag(spec.flags)} in the spec, {_flag(info.flags)} in the metadata"
            )
            yield self._differ(("flags",), message, info.line)
        theirs = {m.name for m in info.members}
        for index, member in enumerate(spec.members):
            if member not in theirs:
                message = f"{excerpt(member, NAME)} is not in the metadata"
                yield self._differ(("members", index), message, info.line)
        for m in info.members:
            if m.name not in spec.members:
                message = f"{excerpt(m.name, NAME)} is in the metadata, not in the spec"
                yield self._differ(("members",), message, m.line)
        yield from self._late_members()

    def _late_members(self) -> Iterator[Problem]:
        """The service sends members after `unknownFutureValue` only to a client that asks:
        a member on the other side of it than in the metadata is asked for in vain, or never.
        """
        ours, theirs = list(self.spec.members), [m.name for m in self.info.members]
        if SENTINEL not in ours or SENTINEL not in theirs:
            return
        late_ours = set(ours[ours.index(SENTINEL) + 1 :])
        late_theirs = set(theirs[theirs.index(SENTINEL) + 1 :])
        side = ("before", "after")
        for index, member in enumerate(ours):
            info = next((m for m in self.info.members if m.name == member), None)
            if info is None or (member in late_ours) == (member in late_theirs):
                continue
            message = (
                f"{excerpt(member, NAME)} is {side[member in late_ours]} {SENTINEL} in the spec,"
                f" {side[member in late_theirs]} it in the metadata"
            )
            yield self._differ(("members", index), message, info.line)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _item(type_name: str) -> str:
    """The item type of `Collection(T)`, or the type itself."""
    return typeref.collection(type_name) or type_name


def _types(ours: str, theirs: str) -> str:
    """A type difference; one that is only collection or not is said so."""
    if _item(ours) != _item(theirs):
        return f"{ours} in the spec, {theirs} in the metadata"

    def shape(type_name: str) -> str:
        many = typeref.collection(type_name) is not None
        return f"{'a collection of' if many else 'a single'} {_item(type_name)}"

    return f"{shape(ours)} in the spec, {shape(theirs)} in the metadata"
