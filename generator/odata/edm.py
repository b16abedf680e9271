"""What a CSDL document declares, as small frozen values: types, properties, members, aliases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.odata.typeref import collection

# The sentinel that ends the first members of Graph's evolvable enums: the service sends the
# members added after it only to a client that asks (`Prefer: include-unknown-enum-members`).
UNKNOWN_FUTURE_VALUE = "unknownFutureValue"


@dataclass(frozen=True)
class PropertyInfo:
    """A structural or navigation property, with its type qualified (`Edm.Guid`, `ns.Name`)."""

    name: str
    type: str
    nullable: bool
    navigation: bool
    owner: str  # the qualified name of the type that declares it
    line: int


@dataclass(frozen=True)
class MemberInfo:
    """An enum member; its value as written, if any."""

    name: str
    value: str | None
    line: int


@dataclass(frozen=True)
class TypeInfo:
    """An entity, complex or enum type, as the metadata declares it (inherited parts excluded)."""

    namespace: str
    name: str
    kind: str  # entity | complex | enum, as in specs
    base: str | None
    abstract: bool
    open_type: bool
    key: tuple[str, ...]
    key_line: int
    properties: tuple[PropertyInfo, ...]
    navigation: tuple[PropertyInfo, ...]
    members: tuple[MemberInfo, ...]
    line: int
    flags: bool = False  # an enum whose values combine members: IsFlags="true"

    @property
    def qualified_name(self) -> str:
        """The name a spec knows the type by: namespace and name."""
        return f"{self.namespace}.{self.name}"

    def own(self, name: str) -> PropertyInfo | None:
        """A property or navigation property this type itself declares."""
        return next(
            (p for p in (*self.properties, *self.navigation) if p.name == name), None
        )


@dataclass(frozen=True)
class Schema:
    """One `Schema` element; its alias stands for its namespace in qualified names."""

    namespace: str
    alias: str | None
    line: int


@dataclass(frozen=True)
class Metadata:
    """Every type of a CSDL document by qualified name, with the document's aliases."""

    file: str
    line: int
    schemas: tuple[Schema, ...]
    aliases: Mapping[str, str] = field(repr=False)
    types: Mapping[str, TypeInfo] = field(repr=False)

    def find(self, name: str) -> TypeInfo | None:
        """The type a qualified name (`microsoft.graph.user` or `graph.user`) names."""
        return self.types.get(qualify(name, self.aliases))

    def schema(self, namespace: str) -> Schema | None:
        """The schema that declares a namespace."""
        return next((s for s in self.schemas if s.namespace == namespace), None)

    def lineage(self, info: TypeInfo) -> tuple[TypeInfo, ...]:
        """The type and its base types, nearest first; a base cycle or a missing base ends it."""
        chain = [info]
        while chain[-1].base is not None:
            base = self.types.get(chain[-1].base)
            if base is None or base in chain:
                break
            chain.append(base)
        return tuple(chain)

    def find_property(self, type_name: str, name: str) -> PropertyInfo | None:
        """A property of a type, declared on it or inherited; `owner` says which."""
        info = self.find(type_name)
        if info is None:
            return None
        found = (t.own(name) for t in self.lineage(info))
        return next((p for p in found if p is not None), None)


def qualify(type_name: str, aliases: Mapping[str, str]) -> str:
    """A type reference with its alias replaced by the namespace: `Collection(graph.x)` too."""
    item = collection(type_name)
    if item is not None:
        return f"Collection({qualify(item, aliases)})"
    qualifier, dot, name = type_name.strip().rpartition(".")
    if dot and qualifier in aliases:
        return f"{aliases[qualifier]}.{name}"
    return type_name.strip()
