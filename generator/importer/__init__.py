"""Graph docs pages, or the service's metadata, to specs a person can review:
`graph-codegen import-docs --docs DIR NAME...`, `graph-codegen import-metadata FILE NAME...`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.importer.agree.carried import navigation_items
from generator.importer.agree.navclaims import navigated
from generator.importer.agree.references import linkable
from generator.importer.agree.shadowed import unshadowed
from generator.importer.agree.unify import unify
from generator.importer.docs.docsfolder import docs_problem
from generator.importer.docs.index import Index
from generator.importer.docs.pages import Reader
from generator.importer.log import Decision
from generator.importer.metadata.metaroutes import Routes
from generator.importer.metadata.service import Service
from generator.importer.output.specyaml import SCHEMA_REFERENCE, emit, ordered
from generator.importer.output.write import write_specs
from generator.importer.specs.build import build
from generator.importer.specs.closure import Wanted, closure
from generator.importer.types.catalog import Catalog
from generator.importer.types.context import Context
from generator.importer.types.files import spec_files
from generator.importer.types.roots import roots as find_roots
from generator.odata.edm import Metadata
from generator.report.problems import InputError, Problem
from generator.report.progress import Progress, silent
from generator.spec.load import load_spec

__all__ = ["ImportResult", "import_docs", "import_metadata", "write_specs"]

# The service root, from the spec files of the named types and every spec file of the import.
ServiceRoot = Callable[[list[str], list[str]], "str | None"]
# How many contained navigation steps below an entity set or singleton import-metadata follows.
DEPTH = 3


@dataclass(frozen=True)
class ImportResult:
    """The spec texts by file name, every decision taken (located), and the types added, with why."""

    specs: dict[str, str]
    decisions: list[Decision]
    added: list[str] = field(default_factory=list)
    named: list[str] = field(default_factory=list)  # the files of the types named
    types: dict[str, str] = field(default_factory=dict)  # file -> qualified type name


@dataclass(frozen=True)
class Options:
    """What every import takes besides its source: see `import_docs`."""

    with_navigation: bool = False
    base_url: str | ServiceRoot | None = None
    schema: str = SCHEMA_REFERENCE
    progress: Progress = silent
    also: tuple[tuple[str, bool], ...] = ()
    present: frozenset[str] = frozenset()


def import_docs(
    docs: Path,
    names: Sequence[str],
    *,
    with_navigation: bool = False,
    base_url: str | ServiceRoot | None = None,
    schema: str = SCHEMA_REFERENCE,
    metadata: Metadata | None = None,
    progress: Progress = silent,
    also: Sequence[tuple[str, bool]] = (),
    present: Collection[str] = (),
) -> ImportResult:
    """Read each named type's pages, and those of every type it needs; every problem is raised at once.

    `base_url` is the service root the project's specs already name (one client, one root), or
    a function that finds it from the files of the named types and every file of the import.
    `schema` is where the specs' editors find the spec format, relative to the specs folder.
    `metadata` is the service's CSDL document: the contract for structure, followed where the
    pages disagree and written from where no page documents a type (see `importer.metadata`).
    `progress` is told how far the reading and the building are. `also` are types imported
    before from the same source, each with whether its navigation came too: imported again
    with these, so one type after another gives what one call gives. `present` are the
    qualified names of the specs already in the folder: navigation to them is kept.
    """
    not_docs = docs_problem(docs)
    if not_docs is not None:
        raise InputError([not_docs])
    reader = Reader(docs)
    service = Service(metadata) if metadata is not None else None
    catalog = Catalog(Index(reader, progress), service)
    options = Options(
        with_navigation, base_url, schema, progress, tuple(also), frozenset(present)
    )
    return _run(reader, catalog, names, options, None)


def import_metadata(
    metadata: Metadata,
    names: Sequence[str],
    *,
    depth: int = DEPTH,
    with_navigation: bool = False,
    base_url: str | ServiceRoot | None = None,
    schema: str = SCHEMA_REFERENCE,
    progress: Progress = silent,
    also: Sequence[tuple[str, bool]] = (),
    present: Collection[str] = (),
) -> ImportResult:
    """Specs from the metadata alone, for a user who has `$metadata` and no docs: the same
    closure and decisions as `import_docs`; paths from the entity container, through contained
    navigation at most `depth` steps below a set or singleton; operations its capability
    annotations allow; the actions and functions bound to each type or a set of it."""
    reader = Reader(None)
    catalog = Catalog(Index(reader, progress), Service(metadata))
    options = Options(
        with_navigation, base_url, schema, progress, tuple(also), frozenset(present)
    )
    return _run(reader, catalog, names, options, Routes(metadata, depth))


def _run(
    reader: Reader,
    catalog: Catalog,
    names: Sequence[str],
    options: Options,
    routes: Routes | None,
) -> ImportResult:
    roots = find_roots(catalog, reader, names)
    earlier = _earlier(catalog, roots, options.also)
    navigating = {q for q in roots if options.with_navigation}
    navigating |= {q for q, follows in earlier.items() if follows}
    # In one order whatever the calls: one type after another gives what one call gives.
    everything = sorted({*roots, *earlier}, key=str.lower)
    wanted = closure(catalog, everything, navigating, routes)
    imported = {w.qualified.lower(): catalog.resource(w.qualified) for w in wanted}
    present = {q.lower() for q in options.present}
    ctx = Context(reader, catalog, imported, options.with_navigation, routes, present)
    built = []
    for done, w in enumerate(wanted, 1):
        built.append((w, *build(w.qualified, ctx)))
        options.progress("building specs", done, len(wanted))
    files = spec_files(catalog, [w.qualified for w in wanted])
    named = [files[q] for q in roots]
    base_url = options.base_url
    if callable(base_url):
        base_url = base_url(named, sorted(files.values()))
    specs: dict[str, str] = {}
    decisions: list[Decision] = []
    errors: list[Problem] = []
    settled = navigation_items(navigated(unify(built, ctx, base_url), ctx), ctx)
    for w, spec, log in unshadowed(linkable(settled, ctx), ctx):
        spec = {
            **{k: v for k, v in spec.items() if k != "notes"},
            "docs": log.docs,
            "notes": log.notes,
        }
        specs[files[w.qualified]] = emit(ordered(spec), options.schema)
        decisions.extend(replace(d, spec=files[w.qualified]) for d in log.decisions)
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
        {
            files[w.qualified]: catalog.documented(w.qualified) or w.qualified
            for w in wanted
        },
    )


def _earlier(
    catalog: Catalog, roots: list[str], also: tuple[tuple[str, bool], ...]
) -> dict[str, bool]:
    """The types imported before that the docs (or the metadata) still know, by the qualified
    name the run knows them by; one no longer known is left to its spec as it is."""
    found: dict[str, bool] = {}
    for name, follows in also:
        known = catalog.documented(name)
        if known is not None and known not in roots:
            found[known] = found.get(known, False) or follows
    return found


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
