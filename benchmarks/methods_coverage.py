"""How many Methods-table rows of a docs folder become builder methods, with parameters and results.

Usage: python benchmarks/methods_coverage.py [DOCS] [--metadata FILE] [--sample N] [--seed S]
       [--with-navigation] [--examples N]

DOCS defaults to ../shared/graph-docs-v1-full. Every type page of DOCS (or N of them, drawn with
seed S: pages nobody tuned the importer on) is imported in one call, then each Methods-table row
that links an API page is looked for in the specs written: one of its page's routes, with the
method the row documents, must reach a builder method (read from the specs' paths, navigation,
operations, actions, functions, streams and references: benchmarks/spec_routes.py). An action
or a function counts as complete when it has the parameters its page documents (a Request body
table, arguments in the route) and a result when its page names a returned type. Every other row
is counted by the reason the import's decision at the row (or at its page) gives; a row with no
such decision is counted apart, as a defect. With --metadata, the figures are printed without
and with the metadata file. A type whose pages the import refuses is left out and named, its rows
counted as skipped. --examples N shows N rows of each reason.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.import_slice import kind_of_failure
from benchmarks.spec_routes import Reached, Served
from generator.importer import import_docs
from generator.importer.docs.api import ApiPage, read_api
from generator.importer.docs.index import Index
from generator.importer.docs.pages import Reader, link_target
from generator.importer.docs.resource import Method, read_resource
from generator.importer.log import Log
from generator.importer.operations.classify import _verb
from generator.odata import csdl
from generator.report.problems import InputError, Problem

ROOT = Path(__file__).resolve().parent.parent
_NEEDED_AS = re.compile(r"\(needed as ([A-Za-z0-9_.]+)")
# `range(address=...)` at the end of a route: a function called with arguments.
_ARGUMENTS = re.compile(r"\([^()]*=[^()]*\)\s*$")


@dataclass(frozen=True)
class Row:
    """A Methods-table row of a type page, with the API page it links (None when none is read)."""

    qualified: str
    file: str
    method: Method
    page: str | None
    api: ApiPage | None


def rows_of(reader: Reader, index: Index, names: Sequence[str]) -> list[Row]:
    """Every Methods-table row of the named types' pages, headings (`**Attachments**`) left out."""
    found: list[Row] = []
    for qualified in names:
        documented = index.types[qualified.lower()]
        res = read_resource(index.page_of(documented))
        for method in res.methods:
            if not method.link and not method.returns and not method.description:
                continue  # a heading row of the table
            page = link_target(method.link, "resources") if method.link else None
            api = None
            if page and page.startswith("api/") and reader.exists(page):
                parsed = reader.page(page, used=False)
                api = read_api(parsed) if parsed is not None else None
            found.append(Row(qualified, res.page.file, method, page, api))
    return found


def import_all(
    docs: Path,
    index: Index,
    names: list[str],
    rows: list[Row],
    metadata: csdl.Metadata | None,
    navigation: bool = False,
) -> tuple[dict[str, str], list[Problem], dict[str, str]]:
    """All named types in one call; a type whose pages are refused is left out (with why), and the
    rest imported again."""
    left_out: dict[str, str] = {}
    wanted = list(names)
    for _ in range(10):
        try:
            result = import_docs(
                docs, wanted, metadata=metadata, with_navigation=navigation
            )
            return result.specs, result.decisions, left_out
        except InputError as error:
            culprits = _culprits(error.problems, wanted, rows, index)
            if not culprits:
                raise
            for qualified, why in culprits.items():
                left_out.setdefault(qualified, why)
            wanted = [n for n in wanted if n not in culprits]
    raise SystemExit("the import kept failing; left out: " + ", ".join(left_out))


def _culprits(
    problems: list[Problem], names: list[str], rows: list[Row], index: Index
) -> dict[str, str]:
    """The named types each problem stops: the root of its chain, or the types whose pages it is on."""
    by_bare = {n.rsplit(".", 1)[-1].lower(): n for n in names}
    found: dict[str, str] = {}
    for problem in problems:
        why = f"{problem.file}:{problem.line}: {problem.message[:90]}"
        chained = _NEEDED_AS.search(problem.message)
        if chained and chained.group(1).lower() in by_bare:
            found.setdefault(by_bare[chained.group(1).lower()], why)
            continue
        for documented in index.by_file.get(problem.file, []):
            if documented.qualified in names:
                found.setdefault(documented.qualified, why)
        for row in rows:
            if problem.file == row.page and row.qualified in names:
                found.setdefault(row.qualified, why)
    return found


def outcome(
    row: Row, served: Served, skipped: dict[str, list[str]], left_out: dict[str, str]
) -> str:
    """`method`, `method without its parameters/result`, or the reason the row was skipped."""
    if row.qualified in left_out:
        return "import refused the type's pages"
    reached = _reached(row, served)
    if reached is not None and reached.kind:
        return _complete(row.api, reached)
    for key in (f"{row.file}:{row.method.line}", row.page or ""):
        if skipped.get(key):
            return reason(skipped[key][0])
    why = reached.why if reached is not None else "no API page read"
    return f"NO DECISION: {reason(why)}"


def reason(message: str) -> str:
    """A decision's reason with its particulars taken out, so rows skipped alike count together."""
    text = message.split("skipped:", 1)[-1].strip()
    text = re.sub(r"\bapi/\S+\.md\b", "PAGE", text)
    text = re.sub(r"(?<![\w{])/[^\s,()]*(\([^)]*\))?", "/PATH", text)
    text = re.sub(r"\breturns [^,]+, not \w+", "returns another type", text)
    text = re.sub(r"\b(?:its|address) \w+ (property|navigation)", r"its NAME \1", text)
    text = re.sub(
        r"\bno (GET|POST|PATCH|PUT|DELETE) \S+ bound", r"no \1 NAME bound", text
    )
    text = re.sub(r"address \w+ \(the type", "address TYPE (the type", text)
    return kind_of_failure(text)


def _reached(row: Row, served: Served) -> Reached | None:
    """The first builder method one of the row's routes reaches, or the first route's why-not."""
    if row.api is None or not row.api.routes:
        return None
    verb = _verb(row.method, row.api, Log()) or row.api.routes[0].method
    first: Reached | None = None
    for route in (r for r in row.api.routes if r.method == verb):
        reached = served.reach(verb, route.path)
        if reached.kind:
            return reached
        first = first or reached
    return first


def _complete(api: ApiPage | None, reached: Reached) -> str:
    """An action or function lacks what its page documents: a request body, arguments, a result."""
    if reached.kind not in ("action", "function") or api is None:
        return "method"
    entry = reached.entry or {}
    if reached.kind == "function":
        arguments = any(_ARGUMENTS.search(r.path.split("?")[0]) for r in api.routes)
        documented = arguments or bool(api.parameters)
    else:
        documented = bool(api.body)
    if documented and not entry.get("parameters"):
        return "method without its parameters"
    answers = any(code in (200, 201) for code in api.status)
    if answers and api.returns and not entry.get("returns"):
        return "method without its result"
    return "method"


def measure(
    docs: Path,
    index: Index,
    names: list[str],
    rows: list[Row],
    metadata: csdl.Metadata | None,
    examples: int = 0,
    navigation: bool = False,
) -> None:
    start = time.perf_counter()
    specs, decisions, left_out = import_all(
        docs, index, names, rows, metadata, navigation
    )
    served = Served(specs)
    skipped: dict[str, list[str]] = {}
    for decision in decisions:
        if "skipped" in decision.message or "left out" in decision.message:
            skipped.setdefault(f"{decision.file}:{decision.line}", []).append(
                decision.message
            )
            skipped.setdefault(decision.file, []).append(decision.message)
    found = [(outcome(row, served, skipped, left_out), row) for row in rows]
    outcomes = Counter(kind for kind, _ in found)
    methods = sum(n for k, n in outcomes.items() if k.startswith("method"))
    complete = outcomes["method"]
    total = len(rows)
    label = f"with {metadata.file}" if metadata else "pages alone"
    print(f"\n{label}: {len(specs)} specs in {time.perf_counter() - start:.0f} s")
    for qualified, why in left_out.items():
        print(f"  left out {qualified}: {why}")
    print(f"  rows: {total}")
    print(f"  builder methods: {methods} ({100 * methods / total:.1f}%)")
    print(
        f"  with their parameters and results: {complete} ({100 * complete / total:.1f}%)"
    )
    for kind, count in outcomes.most_common():
        if kind != "method":
            print(f"  {count:5d}  {kind}")
            for _, row in [(k, r) for k, r in found if k == kind][:examples]:
                print(
                    f"         {row.file}:{row.method.line}: {row.method.title} ({row.page})"
                )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "docs",
        nargs="?",
        type=Path,
        default=ROOT.parent / "shared" / "graph-docs-v1-full",
    )
    parser.add_argument("--metadata", type=Path)
    parser.add_argument("--sample", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--examples", type=int, default=0, help="rows shown per reason")
    parser.add_argument(
        "--with-navigation", action="store_true", help="import navigation targets too"
    )
    args = parser.parse_args(argv)
    reader = Reader(args.docs)
    index = Index(reader)
    names = index.type_pages()
    if args.sample:
        random.Random(args.seed).shuffle(names)
        names = sorted(names[: args.sample])
    rows = rows_of(reader, index, names)
    linked = sum(1 for r in rows if r.api is not None)
    print(
        f"{args.docs}: {len(names)} type pages, {len(rows)} Methods-table rows, {linked} linking an API page"
    )
    navigation = args.with_navigation
    measure(args.docs, index, names, rows, None, args.examples, navigation)
    if args.metadata:
        metadata = csdl.load(args.metadata)
        measure(args.docs, index, names, rows, metadata, args.examples, navigation)


if __name__ == "__main__":
    main(sys.argv[1:])
