"""The entity container of a CSDL document: its entity sets and singletons, where paths start."""

from __future__ import annotations

from generator.odata.edm import Root


class ContainerReader:
    """Collects the `<EntitySet>` and `<Singleton>` elements of the `<EntityContainer>`."""

    def __init__(self) -> None:
        self.name = ""
        self.found: list[Root] = []

    def start(
        self, local: str, parent: str, attrs: dict[str, str], at: tuple[str, int]
    ) -> None:
        namespace, line = at
        if parent == "Schema" and local == "EntityContainer":
            self.name = f"{namespace}.{attrs.get('Name', '')}"
        elif parent == "EntityContainer" and local == "EntitySet":
            self.found.append(
                Root(attrs.get("Name", ""), attrs.get("EntityType", ""), False, line)
            )
        elif parent == "EntityContainer" and local == "Singleton":
            self.found.append(
                Root(attrs.get("Name", ""), attrs.get("Type", ""), True, line)
            )

    def end(self, local: str, parent: str) -> None:
        """Nothing to close: each element is whole when it starts."""
