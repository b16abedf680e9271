"""The checked, typed intermediate model: every type resolved and every Python name decided once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from generator.odata.typeref import Kind, TypeRef
from generator.spec.load import ActionSpec, Spec


@dataclass(frozen=True)
class Prop:
    """One property of a type (a navigation property too): wire name, type and attribute."""

    wire: str
    type: TypeRef
    attr: str
    description: str
    read_only: bool
    nullable: bool
    navigation: bool
    operations: tuple[str, ...]
    owner: str  # the qualified name of the type that declares it
    ref: tuple[str, ...] = ()  # what its `$ref` offers (get, post, put, delete)


@dataclass(frozen=True)
class Param:
    """A parameter of an action or a function, its type resolved."""

    wire: str
    type: TypeRef
    description: str
    optional: bool
    nullable: bool


@dataclass(frozen=True)
class Bound:
    """An action or a function a type's builders offer, its own or its base type's."""

    spec: ActionSpec = field(repr=False, compare=False)
    owner: str  # the qualified name of the type that declares it
    params: tuple[Param, ...]
    returns: TypeRef | None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def function(self) -> bool:
        return self.spec.kind == "function"

    @property
    def delta(self) -> bool:
        """A delta query: every page of a round, then the link to resume from."""
        return self.function and self.spec.name == "delta"


@dataclass(frozen=True)
class TypeDef:
    """One spec's type, checked against the others: its base, properties, key and names."""

    spec: Spec = field(repr=False, compare=False)
    qualified: str
    kind: Kind
    class_name: str
    module: str
    base: str | None
    abstract: bool
    own: tuple[Prop, ...]
    inherited: tuple[Prop, ...]
    key: str | None
    derived: tuple[str, ...]
    bound: tuple[Bound, ...] = ()  # actions and functions, inherited ones too

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def props(self) -> tuple[Prop, ...]:
        """Inherited properties first, as the model's fields are ordered."""
        return self.inherited + self.own

    @property
    def ref(self) -> TypeRef:
        return TypeRef(self.kind, self.qualified)


@dataclass(frozen=True)
class Schema:
    """Every type of the specs folder, by qualified name, and the one service root."""

    types: Mapping[str, TypeDef]
    base_url: str

    def __getitem__(self, qualified: str) -> TypeDef:
        return self.types[qualified]

    def __iter__(self) -> Iterator[TypeDef]:
        return iter(self.types.values())

    def of(self, ref: TypeRef) -> TypeDef | None:
        """The type a reference names, or None for a primitive."""
        return self.types.get(ref.name) if ref.kind != "primitive" else None

    def entities(self) -> list[TypeDef]:
        return [t for t in self if t.kind == "entity"]

    def lineage(self, qualified: str) -> list[TypeDef]:
        """The type and its bases, the type first."""
        chain = [self.types[qualified]]
        while chain[-1].base is not None:
            chain.append(self.types[chain[-1].base])
        return chain
