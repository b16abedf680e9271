"""How many type pages of a docs folder import: each alone, and all of them in one call.

Usage: python benchmarks/import_slice.py [DOCS] [--generate]
DOCS defaults to ../shared/graph-docs-v1. With --generate, the one-call result (and each page
imported alone) is generated into a temporary folder and its generated tests are run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from generator.cli import main
from generator.importer import import_docs, write_specs
from generator.importer.docs.index import Index
from generator.importer.docs.pages import Reader
from generator.report.problems import InputError

ROOT = Path(__file__).resolve().parent.parent


def kind_of_failure(message: str) -> str:
    """A problem's message with its particulars taken out, to count problems of one kind together."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    text = re.sub(r"\b\d+\b", "N", text)
    text = re.sub(r"\(needed as [^)]*\)", "", text)
    return text[:110].strip()


def alone(
    docs: Path, names: list[str]
) -> tuple[dict[str, dict[str, str]], Counter[str]]:
    """Each type imported alone: its specs when it imports, the kinds of the failures otherwise."""
    ok: dict[str, dict[str, str]] = {}
    failures: Counter[str] = Counter()
    for name in names:
        try:
            ok[name] = import_docs(docs, [name]).specs
        except InputError as error:
            for kind in {kind_of_failure(p.message) for p in error.problems}:
                failures[kind] += 1
    return ok, failures


def generated_tests_pass(specs: dict[str, str]) -> tuple[bool, str]:
    """Write the specs, generate, run the generated tests; (passed, the last lines of what failed)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_specs(folder / "specs", specs)
        args = [
            "generate",
            "--specs",
            str(folder / "specs"),
            "--out",
            str(folder / "generated"),
        ]
        args += ["--templates", str(ROOT / "templates")]
        try:
            if main(args) != 0:
                return False, "generate failed"
        except SystemExit as stop:
            return False, f"generate exited {stop.code}"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-x",
                "-p",
                "no:cacheprovider",
                "generated",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
        return run.returncode == 0, "\n".join(run.stdout.splitlines()[-5:])


def report(docs: Path, generate: bool) -> None:
    start = time.perf_counter()
    names = Index(Reader(docs)).type_pages()
    ok, failures = alone(docs, names)
    print(f"type pages: {len(names)} in {docs}")
    print(f"ok alone: {len(ok)} / {len(names)}  ({time.perf_counter() - start:.1f} s)")
    try:
        together = import_docs(docs, names).specs
        print(f"ok in one call: {len(names)} / {len(names)} ({len(together)} specs)")
    except InputError as error:
        together = {}
        print(f"in one call: failed with {len(error.problems)} problem(s)")
        for problem in error.problems[:10]:
            print(f"  {problem}")
    for kind, count in failures.most_common():
        print(f"  {count:4d}  {kind}")
    if generate:
        _generate(ok, together)


def _generate(ok: dict[str, dict[str, str]], together: dict[str, str]) -> None:
    if together:
        passed, tail = generated_tests_pass(together)
        print(f"one call: generated tests {'passed' if passed else 'FAILED'}")
        if not passed:
            print(tail)
    kinds: Counter[str] = Counter()
    for name, specs in ok.items():
        passed, tail = generated_tests_pass(specs)
        if not passed:
            kinds[kind_of_failure(tail.splitlines()[-1] if tail else "?")] += 1
            print(f"  {name}: {tail.splitlines()[-1] if tail else '?'}", flush=True)
    print(
        f"alone: generated tests passed for {len(ok) - sum(kinds.values())} / {len(ok)}"
    )
    for kind, count in kinds.most_common():
        print(f"  {count:4d}  {kind}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = (
        Path(arguments[0]) if arguments else ROOT.parent / "shared" / "graph-docs-v1"
    )
    report(folder, "--generate" in sys.argv)
