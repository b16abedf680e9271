"""Graph docs pages to specs a person can review: `graph-codegen import-docs --docs DIR NAME...`."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.importer.build import build
from generator.importer.carried import navigation_items
from generator.importer.catalog import Catalog
from generator.importer.closure import Wanted, closure
from generator.importer.context import Context
from generator.importer.docsfolder import docs_problem
from generator.importer.files import spec_files
from generator.importer.index import GRAPH, Index
from generator.importer.metadata import Service
from generator.importer.navclaims import navigated
from generator.importer.pages import Reader, resource_path
from generator.importer.references import linkable
from generator.importer.resource import read_resource
from generator.importer.shadowed import unshadowed
from generator.importer.specyaml import SCHEMA_REFERENCE, emit
from generator.importer.unify import unify
from generator.odata.edm import Metadata
from generator.report.problems import InputError, Problem, suggestion
from generator.report.progress import Progress, silent
from generator.spec.load import load_spec

__all__ = ["ImportResult", "import_docs", "write_specs"]

# The service root, from the spec files of the named types and every spec file of the import.
ServiceRoot = Callable[[list[str], list[str]], "str | None"]
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")
_SPEC_FILE = re.compile(r"^[a-z][a-z0-9_]*\.yaml$")


@dataclass(frozen=True)
class ImportResult:
    """The spec texts by file name, every decision taken (located), and the types added, with why."""

    specs: dict[str, str]
    decisions: list[Problem]
    added: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)


def import_docs(
    docs: Path,
    names: Sequence[str],
    *,
    with_navigation: bool = False,
    base_url: str | ServiceRoot | None = None,
    schema: str = SCHEMA_REFERENCE,
    metadata: Metadata | None = None,
    progress: Progress = silent,
) -> ImportResult:
    """Read each named type's pages, and those of every type it needs; every problem is raised at once.

    `base_url` is the service root the project's specs already name (one client, one root), or
    a function that finds it from the files of the named types and every file of the import.
    `schema` is where the specs' editors find the spec format, relative to the specs folder.
    `metadata` is the service's CSDL document: where it and the pages disagree, it is followed
    (see `importer.metadata`). `progress` is told how far the reading and the building are.
    """
    not_docs = docs_problem(docs)
    if not_docs is not None:
        raise InputError([not_docs])
    reader = Reader(docs)
    service = Service(metadata) if metadata is not None else None
    catalog = Catalog(Index(reader, progress), service)
    roots = _roots(catalog, reader, names)
    wanted = closure(catalog, roots, with_navigation)
    imported = {w.qualified.lower(): catalog.resource(w.qualified) for w in wanted}
    ctx = Context(reader, catalog, imported, with_navigation)
    built = []
    for done, w in enumerate(wanted, 1):
        built.append((w, *build(w.qualified, ctx)))
        progress("building specs", done, len(wanted))
    files = spec_files(catalog, [w.qualified for w in wanted])
    named = [files[q] for q in roots]
    if callable(base_url):
        base_url = base_url(named, sorted(files.values()))
    specs: dict[str, str] = {}
    decisions: list[Problem] = []
    errors: list[Problem] = []
    settled = navigation_items(navigated(unify(built, ctx, base_url), ctx), ctx)
    for w, spec, log in unshadowed(linkable(settled, ctx), ctx):
        spec = {
            **{k: v for k, v in spec.items() if k != "notes"},
            "docs": log.docs,
            "notes": log.notes,
        }
        specs[files[w.qualified]] = emit(_ordered(spec), schema)
        decisions.extend(log.decisions)
        errors.extend(_chained(e, w) for e in log.errors)
    errors.extend(_page_problems(reader, wanted, catalog))
    if errors:
        raise InputError(errors)
    for file, text in specs.items():
        load_spec(text, file)
    return ImportResult(
        dict(sorted(specs.items())),
        sorted(set(decisions)),
        [f"added {w.name} ({w.why})" for w in wanted if w.why],
        named,
    )


def _chained(problem: Problem, wanted: Wanted) -> Problem:
    """A problem of a type the run added shows the chain of types that needed it."""
    if len(wanted.chain) < 2:
        return problem
    chain = " -> ".join(wanted.chain)
    return Problem(problem.file, problem.line, f"{problem.message} (needed as {chain})")


def _page_problems(
    reader: Reader, wanted: list[Wanted], catalog: Catalog
) -> list[Problem]:
    by_file: dict[str, Wanted] = {}
    for w in wanted:
        by_file.setdefault(catalog.resource(w.qualified).page.file, w)
    return [
        _chained(p, by_file[p.file]) if p.file in by_file else p
        for p in reader.problems()
    ]


def _roots(catalog: Catalog, reader: Reader, names: Sequence[str]) -> list[str]:
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
    hint = suggestion(name, [d.name for d in catalog.index.types.values()])
    return [Problem("", 0, f"no page of the docs documents a type {name!r}{hint}")]


_ORDER = (
    "name",
    "kind",
    "namespace",
    "base",
    "abstract",
    "description",
    "baseUrl",
    "key",
    "openType",
    "docs",
)


def _ordered(spec: dict[str, object]) -> dict[str, object]:
    """Header fields first, as in the hand-written specs; empty sections left out."""
    head = {k: spec[k] for k in _ORDER if k in spec and spec[k] is not None}
    rest = {
        k: v for k, v in spec.items() if k not in _ORDER and v not in (None, {}, [])
    }
    return {**head, **rest}


def write_specs(specs_dir: Path, specs: dict[str, str]) -> list[str]:
    """Write each spec into the specs folder, atomically; a symlink there is replaced, never followed."""
    bad = [name for name in specs if not _SPEC_FILE.match(name)]
    if bad:
        raise ValueError(f"not spec file names: {bad}")
    try:
        specs_dir.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(specs.items()):
            _replace(specs_dir / name, text)
    except OSError as error:
        raise InputError(
            [Problem(str(specs_dir), 0, f"cannot write specs: {error.strerror}")]
        ) from None
    return sorted(specs)


def _replace(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=".import-", suffix=".yaml"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
