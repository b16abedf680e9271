"""Where an entity is, from the metadata alone: the entity sets and singletons of its type,
and the contained navigation that leads to it from them, to a depth the user bounds.

A contained navigation property addresses its targets below its owner's item (or singleton);
navigation that is not contained only refers to entities that live elsewhere. A path that
would address the type's own key twice (a folder's child folders) is left out, as it is for
the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from generator.odata.edm import Metadata, PropertyInfo, Root, TypeInfo


@dataclass(frozen=True)
class Route:
    """A path to the type, whether it addresses a set or one entity, and what leads there."""

    path: str
    collection: bool
    source: str  # the container target or `owner/navigation` whose capabilities apply
    line: int  # where the metadata declares the set, singleton or navigation


def parameter(info: TypeInfo) -> str:
    """The path parameter of an item of the type: `{userId}`."""
    return "{" + info.name[0].lower() + info.name[1:] + "Id}"


class Routes:
    """Every route of a metadata document, found backwards from the type asked for."""

    def __init__(self, metadata: Metadata, depth: int) -> None:
        self.metadata = metadata
        self.depth = depth
        self._into: dict[str, list[tuple[TypeInfo, PropertyInfo]]] = {}
        for info in metadata.types.values():
            for nav in info.navigation if info.kind == "entity" else ():
                if nav.contained:
                    self._into.setdefault(_item(nav.type), []).append((info, nav))

    def of(self, qualified: str) -> list[Route]:
        """The routes to the type, shortest first, each path once."""
        found = {r.path: r for r in self._routes(qualified, self.depth)}
        return sorted(found.values(), key=lambda r: (r.path.count("/"), r.path))

    @cache  # noqa: B019 - one Routes per import; the cache lives as long as it does
    def _routes(self, qualified: str, depth: int) -> tuple[Route, ...]:
        info = self.metadata.types.get(qualified)
        if info is None:
            return ()
        found = [_root(r, self.metadata.container) for r in self._roots(qualified)]
        if depth > 0:
            for owner, nav in self._into.get(qualified, []):
                for above in self._routes(owner.qualified_name, depth - 1):
                    item = (
                        f"{above.path}/{parameter(owner)}"
                        if above.collection
                        else above.path
                    )
                    path = f"{item}/{nav.name}"
                    source = f"{owner.qualified_name}/{nav.name}"
                    many = nav.type.startswith("Collection(")
                    whole = f"{path}/{parameter(info)}" if many else path
                    if _distinct(whole):
                        found.append(Route(path, many, source, nav.line))
        return tuple(found)

    def _roots(self, qualified: str) -> list[Root]:
        return [r for r in self.metadata.roots if r.type == qualified]


def _root(root: Root, container: str) -> Route:
    return Route(
        f"/{root.name}", not root.singleton, f"{container}/{root.name}", root.line
    )


def _distinct(path: str) -> bool:
    """Each parameter once: a path through an item of the same type twice is left out."""
    names = [s for s in path.split("/") if s.startswith("{")]
    return len(names) == len(set(names))


def _item(type_name: str) -> str:
    return type_name.removeprefix("Collection(").removesuffix(")")
