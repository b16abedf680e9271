"""Spec file names: snake_case of the type; a type outside microsoft.graph that shares its name with
another type is prefixed with its namespace's last segment (`term_store_group.yaml`)."""

from __future__ import annotations

from generator.importer.docs.index import GRAPH
from generator.importer.types.catalog import Catalog
from generator.odata.naming import snake


def spec_files(catalog: Catalog, qualified: list[str]) -> dict[str, str]:
    """The file each type of the run is written to."""
    return {q: f"{snake(_stem(catalog, q))}.yaml" for q in qualified}


def _stem(catalog: Catalog, qualified: str) -> str:
    namespace, name = qualified.rsplit(".", 1)
    if namespace == GRAPH:
        return name
    others = [q for q in catalog.namesakes(name) if q != qualified]
    if not others:
        return name
    last = namespace.rsplit(".", 1)[-1]
    return last + name[0].upper() + name[1:]
