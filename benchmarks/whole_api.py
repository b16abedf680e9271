"""The whole API in one call: every type page of a docs folder imported together, generated,
its generated tests run, the package checked by mypy --strict and ruff; with the metadata, drift
against the same file, each difference counted by kind and by whether a decision names it.

Usage: python benchmarks/whole_api.py [DOCS] [--metadata FILE] [--only without|with|alone]
                                      [--keep DIR] [--no-mypy]
DOCS defaults to ../shared/graph-docs-v1-full, FILE to ../shared/graph-metadata/v1.0.csdl.
Three imports run unless --only names one: the pages alone, the pages with the metadata, and
(`alone`) import-metadata of the 40 training types of the docs slice (benchmarks/vs_sdk.py).
--keep leaves each run's specs and package in DIR/without, DIR/with and DIR/alone. Figures,
not a test: the runs take minutes and read the real folders in place.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.check.drift import compare
from generator.cli import main
from generator.importer import ImportResult, import_docs, import_metadata, write_specs
from generator.importer.docs.index import Index
from generator.importer.docs.pages import Reader
from generator.odata import csdl
from generator.odata.edm import Metadata
from generator.report.problems import InputError, Problem
from generator.spec.folder import load_specs

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_DIFFERENCE = re.compile(r"^(?P<field>\S+): (?P<message>.*)$")


def run(docs: Path, metadata: Metadata | None, folder: Path, mypy: bool) -> None:
    """One import of every type page, and everything that proves it generates."""
    label = "with the metadata" if metadata else "pages alone"
    print(f"\n== {label}: {docs}")
    names = Index(Reader(docs)).type_pages()
    measure(
        f"{len(names)} type pages",
        lambda: import_docs(docs, names, metadata=metadata),
        folder,
        mypy,
        metadata,
    )


def alone(metadata: Metadata, folder: Path, mypy: bool) -> None:
    """import-metadata of the training types (those the metadata declares), proved the same way."""
    from benchmarks.vs_sdk import TRAINING

    print(f"\n== the metadata alone: {metadata.file}")
    names = [n for n in TRAINING if _declared(metadata, n)]
    missing = sorted(set(TRAINING) - set(names))
    print(
        f"training types: {len(TRAINING)}, {len(missing)} not in the metadata: {missing}"
    )
    measure(
        f"{len(names)} training types",
        lambda: import_metadata(metadata, names),
        folder,
        mypy,
        metadata,
    )


def _declared(metadata: Metadata, name: str) -> bool:
    qualified = name if "." in name else f"microsoft.graph.{name}"
    return metadata.find(qualified) is not None


def measure(
    what: str,
    imported: Callable[[], ImportResult],
    folder: Path,
    mypy: bool,
    metadata: Metadata | None,
) -> None:
    start = time.perf_counter()
    try:
        result = imported()
    except InputError as error:
        print(f"import: FAILED with {len(error.problems)} problem(s)")
        for problem in error.problems[:20]:
            print(f"  {problem}")
        return
    print(
        f"import: {what} -> {len(result.specs)} specs, "
        f"{len(result.decisions)} decisions ({time.perf_counter() - start:.1f} s)"
    )
    for old in (folder / "specs", folder / "generated"):
        shutil.rmtree(old, ignore_errors=True)  # what an earlier --keep run left
    write_specs(folder / "specs", result.specs)
    if not _generate(folder):
        return
    _tests(folder)
    _checks(folder, mypy)
    if metadata is not None:
        drift(folder / "specs", metadata)


def _generate(folder: Path) -> bool:
    start = time.perf_counter()
    args = ["generate", "--specs", str(folder / "specs"), "--out"]
    args += [str(folder / "generated"), "--templates", str(ROOT / "templates"), "-q"]
    if main(args) != 0:
        print("generate: FAILED (the problems are printed above)")
        return False
    files = [p for p in (folder / "generated").rglob("*.py")]
    tests = [p for p in files if "tests" in p.parts]
    lines = sum(len(p.read_text("utf-8").splitlines()) for p in files if p not in tests)
    test_lines = sum(len(p.read_text("utf-8").splitlines()) for p in tests)
    print(
        f"generate: {len(files)} files, {lines:,} lines of package and {test_lines:,} of "
        f"tests ({time.perf_counter() - start:.1f} s)"
    )
    return True


def _tests(folder: Path) -> None:
    """The generated tests, and which test modules failed, counted."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*command, "generated"], cwd=folder, capture_output=True, text=True, check=False
    )
    lines = done.stdout.strip().splitlines()
    summary = lines[-1] if lines else done.stderr.strip()[-200:]
    print(f"generated tests: {summary} ({time.perf_counter() - start:.1f} s)")
    failed = Counter(
        line.split("::")[0].removeprefix("FAILED ")
        for line in lines
        if line.startswith("FAILED ")
    )
    for module, count in failed.most_common(10):
        print(f"  {count:4d} failed in {module}")


def _checks(folder: Path, mypy: bool) -> None:
    """ruff (default rules, no configuration) and mypy --strict over the package."""
    tools = [("ruff check", [sys.executable, "-m", "ruff", "check", "--isolated"])]
    if mypy:
        tools.append(("mypy --strict", [sys.executable, "-m", "mypy", "--strict"]))
    for name, command in tools:
        start = time.perf_counter()
        done = subprocess.run(
            [*command, "generated"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
        verdict = "clean" if done.returncode == 0 else "FAILED"
        print(f"{name}: {verdict}: {last} ({time.perf_counter() - start:.1f} s)")


def drift(specs: Path, metadata: Metadata) -> None:
    """Drift against the metadata the import followed, by kind; named: a note of the spec is
    about the field that differs (the decision that explains the difference)."""
    loaded = load_specs(specs)
    differences = compare(loaded.specs, metadata)
    notes = {spec.file: _note_fields(spec.file) for spec in loaded.specs}
    kinds: Counter[str] = Counter()
    named: Counter[str] = Counter()
    unnamed: dict[str, list[Problem]] = defaultdict(list)
    for difference in differences:
        kind, fields = _kind(difference)
        kinds[kind] += 1
        if notes.get(difference.file, set()) & fields:
            named[kind] += 1
        else:
            unnamed[kind].append(difference)
    print(
        f"drift: {len(differences)} difference(s), {sum(named.values())} named by a "
        "decision"
    )
    for kind, count in kinds.most_common():
        print(f"  {count:5d}  {kind} ({named[kind]} named)")
    for kind, found in unnamed.items():
        print(f"  not named, {kind}: {len(found)}")
        for problem in found[:3]:
            print(f"      {problem}")


def _note_fields(file: str) -> set[str]:
    data = yaml.safe_load(Path(file).read_text("utf-8"))
    return {str(note.get("at")) for note in data.get("notes", [])}


def _kind(difference: Problem) -> tuple[str, set[str]]:
    """The kind of a drift difference, and the `at` of the notes that would name it."""
    match = _DIFFERENCE.match(difference.message)
    assert match is not None, difference
    field, message = match["field"], match["message"]
    parts = field.split(".")
    if parts[0] in ("properties", "navigation") and len(parts) == 1:
        name = message.split(" ", 1)[0]
        return f"{parts[0]} missing in the spec", {name, f"navigation.{name}"}
    if parts[0] in ("properties", "navigation"):
        about = {parts[1], f"navigation.{parts[1]}"}
        if len(parts) > 2:
            return f"{parts[0]} {parts[2]}", about
        if "declared on" in message:
            return f"{parts[0]} declared on another type", about
        if "not in the metadata" in message:
            return f"{parts[0]} not in the metadata", about
        return f"{parts[0]} of another kind", about
    if parts[0] == "members":
        missing = "in the metadata, not" in message
        return (
            f"members {'missing in the spec' if missing else 'not in the metadata'}",
            {"members"},
        )
    return parts[0], {parts[0], "base"} if parts[0] == "key" else {parts[0]}


def _option(name: str, default: str | None) -> str | None:
    arguments = sys.argv[1:]
    return arguments[arguments.index(name) + 1] if name in arguments else default


if __name__ == "__main__":
    values = {_option(o, None) for o in ("--metadata", "--only", "--keep")}
    rest = [a for a in sys.argv[1:] if not a.startswith("--") and a not in values]
    docs = Path(rest[0]) if rest else SHARED / "graph-docs-v1-full"
    metadata_file = Path(
        _option("--metadata", str(SHARED / "graph-metadata" / "v1.0.csdl")) or ""
    )
    only = _option("--only", None)
    keep = _option("--keep", None)
    with tempfile.TemporaryDirectory() as scratch:
        top = Path(keep) if keep else Path(scratch)
        mypy = "--no-mypy" not in sys.argv
        described = csdl.load(metadata_file, metadata_file.name)
        for mode in ("without", "with", "alone"):
            if only not in (None, mode):
                continue
            if mode == "alone":
                alone(described, top / mode, mypy)
            else:
                run(docs, described if mode == "with" else None, top / mode, mypy)
