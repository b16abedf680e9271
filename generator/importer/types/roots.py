"""The types a user names, found as the docs (or the metadata) know them; a bad, unknown or
ambiguous name is an error that says why."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.importer.docs.index import GRAPH
from generator.importer.docs.pages import Reader, resource_path
from generator.importer.docs.resource import read_resource
from generator.importer.types.catalog import Catalog
from generator.report.problems import InputError, Problem, suggestion

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")


def roots(catalog: Catalog, reader: Reader, names: Sequence[str]) -> list[str]:
    """The qualified names of the named types; a bad, unknown or ambiguous name is an error."""
    problems: list[Problem] = []
    found: list[str] = []
    for name in names:
        if not _NAME.match(name):
            problems.append(
                Problem(
                    "",
                    0,
                    f"{name[:60]!r} is not a type name (todoTask, or qualified: "
                    "microsoft.graph.callRecords.callRecord)",
                )
            )
            continue
        candidates = catalog.candidates(name, GRAPH, None, "resources")
        if len(candidates) == 1:
            found.extend(q for q in candidates if q not in found)
        elif candidates:
            problems.append(
                Problem(
                    "",
                    0,
                    f"{name!r} is ambiguous: {', '.join(candidates)}; name one of them",
                )
            )
        else:
            problems.extend(_unknown(catalog, reader, name))
    problems.extend(reader.problems())
    if problems:
        raise InputError(problems)
    return found


def _unknown(catalog: Catalog, reader: Reader, name: str) -> list[Problem]:
    """Why no page documents a name: the page named after it documents something else, or nothing."""
    path = resource_path(name.rsplit(".", 1)[-1])
    if reader.exists(path):
        page = reader.page(path)  # a page that cannot be read is reported as such
        if page is None:
            return []
        doc_type = page.front.get("doc_type", "")
        if doc_type == "conceptualPageType":
            return [
                Problem(path, 0, f"not a resource page (doc_type: {doc_type[:60]})")
            ]
        names = read_resource(page).name
        return [
            Problem(
                path, 0, f"not the resource page of {name!r} (it names {names[:60]!r})"
            )
        ]
    if reader.root is None and catalog.service is not None:
        described = [t.name for t in catalog.service.metadata.types.values()]
        hint = suggestion(name.rsplit(".", 1)[-1], described)
        where = catalog.service.metadata.file
        return [Problem("", 0, f"{where} declares no type {name!r}{hint}")]
    hint = suggestion(name, [d.name for d in catalog.index.types.values()])
    return [Problem("", 0, f"no page of the docs documents a type {name!r}{hint}")]
