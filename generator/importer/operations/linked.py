"""A Methods row's page as one operation of its type: what the classification hands on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.importer.docs.api import ApiPage
from generator.importer.docs.resource import Method

Skip = Callable[[str, str], None]  # (the rule, why the row is skipped)
# Kinds of operation a Methods row becomes.
OWN = ("list", "create", "get", "update", "delete")
BOUND = ("action", "function")


@dataclass(frozen=True)
class Linked:
    """A Methods row's page as one operation of the type: its kind, its name (a navigation
    property, an action, a function, a stream), its method; for a bound operation, whether it
    binds to an item or a set, and the paths of the type its routes go through."""

    row: Method
    api: ApiPage
    kind: str
    name: str
    method: str
    bound: str = "item"
    prefixes: tuple[tuple[str, ...], ...] = ()
    # A reference's or a stream's operation (get, post, put, delete), or the operation (get,
    # update, delete) on the items of a navigation property (kind `item`).
    op: str = ""
    alternate: tuple[str, ...] = ()  # the alternate keys its routes use
    arguments: tuple[str, ...] = ()  # the arguments a function's routes write
    by_path: bool = False  # its routes address an item by path (`root:/a/b.txt:`)

    @property
    def file(self) -> str:
        return self.api.page.file
