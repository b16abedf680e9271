"""What every resource's import can see: the docs folder and the other resources being imported."""

from __future__ import annotations

from dataclasses import dataclass

from generator.importer.pages import Reader, link_target, resource_path
from generator.importer.resource import ResourcePage, kind_of
from generator.importer.typenames import TypeRef, parse_type


@dataclass(frozen=True)
class Known:
    kind: str
    page: str
    imported: bool


@dataclass
class Context:
    reader: Reader
    imported: dict[str, ResourcePage]

    def known(self, ref: TypeRef) -> Known | None:
        """A non-primitive type: imported, or described by a resource page in the folder, or unknown."""
        lower = ref.name.lower()
        if lower in self.imported:
            found = self.imported[lower]
            return Known(found.kind, found.page.file, True)
        target = link_target(ref.link) if ref.link else None
        for path in (target, resource_path(ref.name)):
            page = (
                self.reader.page(path, used=False)
                if path and path.startswith("resources/")
                else None
            )
            if page is not None:
                return Known(kind_of(page), path or "", False)
        return None

    def property_types(self, name: str) -> dict[str, str] | None:
        """The wire types of an imported complex type's properties, to fix its example values."""
        found = self.imported.get(name.lower())
        if found is None or found.kind != "complex":
            return None
        types = {m.name: parse_type(m.type) for m in found.properties}
        return {k: v.spelled for k, v in types.items() if v is not None}

    def members(self, name: str) -> tuple[str, ...]:
        found = self.imported.get(name.lower())
        return (
            tuple(m.name for m in found.members)
            if found and found.kind == "enum"
            else ()
        )
