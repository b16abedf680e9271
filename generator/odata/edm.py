"""What a CSDL document declares, as small frozen values: types, properties, members, aliases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.odata.typeref import collection

# The sentinel that ends the first members of Graph's evolvable enums: the service sends the
# members added after it only to a client that asks (`Prefer: include-unknown-enum-members`).
UNKNOWN_FUTURE_VALUE = "unknownFutureValue"
CORE = "Org.OData.Core.V1"
CAPABILITIES = "Org.OData.Capabilities.V1"
DESCRIPTION = f"{CORE}.Description"


@dataclass(frozen=True)
class PropertyInfo:
    """A structural or navigation property, with its type qualified (`Edm.Guid`, `ns.Name`)."""

    name: str
    type: str
    nullable: bool
    navigation: bool
    owner: str  # the qualified name of the type that declares it
    line: int
    contained: bool = False  # a navigation property whose targets live under it


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
    has_stream: bool = False  # a media entity, its bytes at `$value`: HasStream="true"

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
class Parameter:
    """A parameter of an action or function; optional when annotated so."""

    name: str
    type: str
    nullable: bool
    optional: bool
    line: int


@dataclass(frozen=True)
class Operation:
    """An action or function: bound to the type of its first parameter when `bound`."""

    name: str
    kind: str  # action | function
    bound: bool
    parameters: tuple[Parameter, ...]  # the binding parameter first when bound
    returns: str | None
    returns_nullable: bool
    namespace: str
    line: int

    @property
    def binding(self) -> str | None:
        """The type it is bound to (`Collection(T)` for a set), or None."""
        return self.parameters[0].type if self.bound and self.parameters else None


@dataclass(frozen=True)
class Root:
    """An entity set or a singleton of the entity container: where the service's paths start."""

    name: str
    type: str
    singleton: bool
    line: int


Value = str | bool | Mapping[str, "str | bool"]


@dataclass(frozen=True)
class Annotated:
    """The annotations of one target (`ns.type`, `ns.type/property`, `ns.container/set`):
    each term's value, a record's as a mapping of its property values."""

    terms: Mapping[str, Value]
    line: int


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
    operations: tuple[Operation, ...] = field(default=(), repr=False)
    roots: tuple[Root, ...] = field(default=(), repr=False)
    container: str = ""  # the qualified name of the entity container
    annotations: Mapping[str, Annotated] = field(default_factory=dict, repr=False)

    def term(self, target: str, term: str) -> Value | None:
        """An annotation's value on a target (`microsoft.graph.user/displayName`), or None."""
        found = self.annotations.get(target)
        return found.terms.get(term) if found else None

    def description(self, target: str) -> str:
        """The target's Core.Description, or nothing."""
        value = self.term(target, DESCRIPTION)
        return value if isinstance(value, str) else ""

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
