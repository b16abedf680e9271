"""graph-codegen at N resources, as users run it, beside openapi-python-client on the same API.

Usage (from the repository root, in the project's venv):

    python benchmarks/scale.py [--sizes 100,1000] [--no-compare] [--fresh-venv]

For each N it builds a fresh project in a temporary folder (`pyproject.toml`, `specs/` with
the project's specs and N copies of customerPayment, no cache) and runs `python -m generator`
in it as a subprocess, process start included. It prints, per N:

- cold `generate`: seconds, and the peak RSS of the largest process (the CLI or a black worker);
- regenerate after one edit among N (one spec's description and `lineNumber: Int32 -> Int64`):
  seconds, files rendered (render keys that changed in the manifest) and written, and whether
  the result is byte for byte a cold generate of the edited specs in another folder;
- no-op `check` in a copy of the project without its cache: best of 3, process start included;
  with `--fresh-venv` from a new venv with `pip install <repo>`, else from this venv;
- `import generated.models.customer_payment` in a new interpreter (bytecode cached): best of 5,
  and whether it loaded httpx;
- openapi-python-client (pinned below, in a throwaway venv) generating a client from the same
  resources as one OpenAPI document (`benchmarks/openapi_doc.py`), cold; and the ratio.

Then a table with the targets of issue 10, the date and the machine (`nproc`, load average).
Figures only: the machine is shared, so compare within one run. Bytecode is written as users'
Python does (PYTHONDONTWRITEBYTECODE is dropped for the subprocesses). Exits 1 only when a
regenerate differs from the cold generate of the same specs, or a command fails.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import openapi_doc

ROOT = Path(__file__).resolve().parent.parent
THEIRS = "openapi-python-client==0.29.1"
EDITED = "customer_payment0000.yaml"
MODEL = "generated.models.customer_payment"
PYPROJECT = """[project]
name = "scale"
version = "0"

[tool.graph-codegen]
specs = "specs"
out = "generated"
"""
LIBRARIES = ("black", "jinja2", "jsonschema", "msgspec", "PyYAML")
# Releases other than this venv's, for the fresh venv: the fingerprint must not depend on them.
OTHER_RELEASES = ("msgspec==0.22.0", "PyYAML==6.0.3", "jinja2==3.1.5")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Run:
    """One finished subprocess: exit code, wall and CPU seconds, peak RSS in KiB, its output."""

    code: int
    seconds: float
    cpu_seconds: float
    rss_kib: int
    out: str
    err: str


@dataclass
class Row:
    """The figures of one N."""

    count: int
    files: int = 0
    cold_s: float = 0.0
    cold_cpu_s: float = 0.0
    cold_rss_mib: float = 0.0
    edit_s: float = 0.0
    rendered: int = 0
    written: int = 0
    identical: bool = False
    check_s: float = 0.0
    check_fast: bool = False
    import_ms: float = 0.0
    httpx_loaded: bool = True
    theirs_s: float | None = None
    theirs_cpu_s: float = 0.0
    theirs_files: int = 0


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command to its end; its rusage (and its children's) comes from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, stdout=out, stderr=err, env=env or ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            process.returncode,
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def checked(result: Run, what: str, codes: tuple[int, ...] = (0,)) -> Run:
    if result.code not in codes:
        sys.exit(f"{what} exited {result.code}:\n{result.out}{result.err}")
    return result


def graph_codegen(python: Path | str, project: Path, command: str) -> Run:
    return run([str(python), "-m", "generator", command], project)


def make_project(folder: Path, count: int) -> Path:
    """A project with the repository's specs and N distinct copies of customerPayment."""
    specs = folder / "specs"
    specs.mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for spec in (ROOT / "specs").glob("*.yaml"):
        shutil.copy(spec, specs / spec.name)
    text = (ROOT / "specs" / "customer_payment.yaml").read_text(encoding="utf-8")
    for i in range(count):
        copy = re.sub(
            r"^name: customerPayment$",
            f"name: customerPayment{i:04d}",
            text,
            flags=re.MULTILINE,
        )
        copy = copy.replace("/customerPayments", f"/customerPayments{i:04d}")
        (specs / f"customer_payment{i:04d}.yaml").write_text(copy, encoding="utf-8")
    return folder


def edit_one(project: Path) -> None:
    """One spec among N: a new description, and lineNumber's type from Int32 to Int64."""
    spec = project / "specs" / EDITED
    text = spec.read_text(encoding="utf-8")
    edited = text.replace(
        "description: A payment received", "description: A payment taken", 1
    )
    edited = edited.replace(
        "  lineNumber:\n    type: Int32", "  lineNumber:\n    type: Int64", 1
    )
    assert edited.count("Int64") == text.count("Int64") + 1 and edited != text
    spec.write_text(edited, encoding="utf-8")


def tree(out: Path) -> dict[str, bytes]:
    """Every file of a generated folder but bytecode, by relative path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def keys(project: Path) -> dict[str, str]:
    """Render key of every file, from the manifest."""
    data = json.loads(
        (project / "generated" / ".graph-codegen.json").read_text(encoding="utf-8")
    )
    return {path: value.partition(" ")[2] for path, value in data["files"].items()}


def clone(project: Path, target: Path) -> Path:
    """The project as a fresh clone has it: no spec cache, no bytecode."""
    shutil.copytree(
        project,
        target,
        ignore=shutil.ignore_patterns(".graph-codegen-cache", "__pycache__"),
    )
    return target


def written(result: Run) -> int:
    match = re.search(r"(\d+) file\(s\) written", result.out)
    return int(match.group(1)) if match else -1


def import_time(python: Path | str, project: Path) -> tuple[float, bool]:
    """Milliseconds to import one model in a new interpreter (bytecode warm), and whether
    that import loaded httpx."""
    code = (
        "import sys, time\nstart = time.perf_counter()\n"
        f"import {MODEL}\n"
        "print(time.perf_counter() - start, 'httpx' in sys.modules)"
    )
    checked(run([str(python), "-c", code], project), "import (warm-up)")
    results = [
        checked(run([str(python), "-c", code], project), "import").out.split()
        for _ in range(5)
    ]
    return min(float(seconds) for seconds, _ in results) * 1000, results[0][1] == "True"


def fresh_venv(scratch: Path) -> Path:
    """A new venv with the repository installed as a user would (not editable), with other
    releases of the libraries whose versions cannot change the output bytes."""
    source = scratch / "graph-codegen-src"
    ignored = (
        ".venv",
        ".git",
        "__pycache__",
        "generated",
        "tests",
        "*.egg-info",
        "build",
    )
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*ignored))
    folder = scratch / "venv-fresh"
    venv.create(folder, with_pip=True)
    python = folder / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", str(source)]
    if run([*pip, *OTHER_RELEASES], scratch).code != 0:
        print(
            f"fresh venv: {' '.join(OTHER_RELEASES)} not installable; latest releases"
        )
        checked(run(pip, scratch), "pip install <repo>")
    return python


def install_theirs(scratch: Path) -> Path | None:
    """openapi-python-client in a throwaway venv; None (with the reason printed) when it fails."""
    folder = scratch / "venv-theirs"
    venv.create(folder, with_pip=True)
    result = run(
        [str(folder / "bin" / "python"), "-m", "pip", "install", "-q", THEIRS], scratch
    )
    if result.code != 0:
        print(
            f"openapi-python-client: install failed, no comparison:\n{result.err[-2000:]}"
        )
        return None
    return folder / "bin"


def theirs_generate(bin_dir: Path, project: Path) -> tuple[Run, int]:
    """Their cold generate of the same resources, and the Python files it wrote."""
    document = project.parent / f"{project.name}-openapi.json"
    openapi_doc.write(project / "specs", document)
    target = project.parent / f"{project.name}-theirs"
    path = f"{bin_dir}{os.pathsep}{ENV.get('PATH', '')}"  # its hooks run ruff from PATH
    env = {**ENV, "PATH": path}
    argv = [str(bin_dir / "openapi-python-client"), "generate", "--path", str(document)]
    argv += ["--output-path", str(target), "--meta", "none"]
    result = checked(run(argv, project.parent, env), "openapi-python-client generate")
    return result, sum(1 for _ in target.rglob("*.py"))


def versions(python: Path | str) -> str:
    """The versions of the libraries the generator uses, as `python` has them installed."""
    code = "import importlib.metadata as m, sys\n"
    code += "print(' '.join(f'{n} {m.version(n)}' for n in sys.argv[1:]))"
    argv = [str(python), "-c", code, *LIBRARIES]
    return checked(run(argv, ROOT), "versions").out.strip()


def measure(count: int, scratch: Path, checker: Path | str, theirs: Path | None) -> Row:
    """Every figure of one N, each in its own folder."""
    row = Row(count)
    project = make_project(scratch / f"n{count}", count)
    cold = checked(graph_codegen(sys.executable, project, "generate"), "cold generate")
    row.cold_s, row.cold_cpu_s = cold.seconds, cold.cpu_seconds
    row.cold_rss_mib = cold.rss_kib / 1024
    row.files = len(tree(project / "generated"))
    print(
        f"  N={count}: cold generate {cold.seconds:.2f} s, {row.files} files",
        flush=True,
    )
    before = keys(project)
    edit_one(project)
    edit = checked(graph_codegen(sys.executable, project, "generate"), "regenerate")
    after = keys(project)
    row.edit_s, row.written = edit.seconds, written(edit)
    row.rendered = sum(before.get(path) != key for path, key in after.items())
    reference = scratch / f"n{count}-reference"
    reference.mkdir()
    shutil.copytree(project / "specs", reference / "specs")
    (reference / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    checked(graph_codegen(sys.executable, reference, "generate"), "reference generate")
    row.identical = tree(project / "generated") == tree(reference / "generated")
    print(
        f"  N={count}: regenerate {edit.seconds:.2f} s, identical: {row.identical}",
        flush=True,
    )
    copy = clone(project, scratch / f"n{count}-clone")
    checks = [checked(graph_codegen(checker, copy, "check"), "check") for _ in range(3)]
    row.check_s = min(c.seconds for c in checks)
    row.check_fast = all("note:" not in c.err for c in checks)
    row.import_ms, row.httpx_loaded = import_time(sys.executable, project)
    if theirs is not None:
        result, row.theirs_files = theirs_generate(theirs, project)
        row.theirs_s, row.theirs_cpu_s = result.seconds, result.cpu_seconds
        print(f"  N={count}: openapi-python-client {row.theirs_s:.2f} s", flush=True)
    return row


def machine() -> str:
    """The date, cores and load: on a shared machine the load says how far to trust the seconds."""
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return f"{when}, {os.cpu_count()} cores (nproc), load average {load}"


def table(rows: list[Row], checker: str, compared: bool) -> list[str]:
    """The figures side by side, with issue 10's target in the last column."""
    figures: list[tuple[str, Callable[[Row], str], str]] = [
        ("files generated", lambda r: str(r.files), ""),
        ("cold generate, s", lambda r: f"{r.cold_s:.2f}", ""),
        ("  CPU s, the CLI and its black workers", lambda r: f"{r.cold_cpu_s:.1f}", ""),
        (
            "  peak RSS of one process, MiB",
            lambda r: f"{r.cold_rss_mib:.0f}",
            "reported",
        ),
    ]
    if compared:
        figures += [
            ("  openapi-python-client cold generate, s", _theirs, ""),
            ("  openapi-python-client CPU s", _theirs_cpu, ""),
            ("  openapi-python-client Python files", lambda r: str(r.theirs_files), ""),
            ("  ours / theirs, wall", _ratio, "<= 0.5x"),
        ]
    figures += [
        (
            "regenerate after one edit, s",
            lambda r: f"{r.edit_s:.2f}",
            "<= 1.5 s at 1,000",
        ),
        ("  files rendered / written", lambda r: f"{r.rendered} / {r.written}", ""),
        ("  same bytes as a cold generate", lambda r: _yes(r.identical), ""),
        (
            f"no-op check, fresh clone, {checker}, s",
            lambda r: f"{r.check_s:.2f}",
            "<= 0.3 s at 1,000",
        ),
        ("  proved from the manifest (no render)", lambda r: _yes(r.check_fast), ""),
        (f"import {MODEL}, ms", lambda r: f"{r.import_ms:.0f}", "<= 50 ms"),
        ("  loads httpx", lambda r: _yes(r.httpx_loaded), "no"),
    ]
    header = _line("figure", [f"N={r.count}" for r in rows], "target (issue 10)")
    lines = [header, re.sub(r"[^|]", "-", header)]
    for label, show, target in figures:
        lines.append(_line(label, [show(r) for r in rows], target))
    return lines


def _line(label: str, cells: list[str], target: str) -> str:
    return (
        f"| {label:<50} | "
        + " | ".join(f"{c:>9}" for c in cells)
        + f" | {target:<17} |"
    )


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _theirs(row: Row) -> str:
    return "-" if row.theirs_s is None else f"{row.theirs_s:.2f}"


def _theirs_cpu(row: Row) -> str:
    return "-" if row.theirs_s is None else f"{row.theirs_cpu_s:.1f}"


def _ratio(row: Row) -> str:
    return "-" if not row.theirs_s else f"{row.cold_s / row.theirs_s:.2f}x"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--sizes", default="100,1000", help="comma-separated N (default 100,1000)"
    )
    parser.add_argument(
        "--no-compare", action="store_true", help="skip openapi-python-client"
    )
    parser.add_argument(
        "--fresh-venv",
        action="store_true",
        help="check from a new venv with pip install <repo>",
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    started = machine()
    with tempfile.TemporaryDirectory(prefix="graph-codegen-scale-") as tmp:
        scratch = Path(tmp)
        checker: Path | str = fresh_venv(scratch) if args.fresh_venv else sys.executable
        theirs = None if args.no_compare else install_theirs(scratch)
        print(f"this venv:  {versions(sys.executable)}")
        if args.fresh_venv:
            print(f"fresh venv: {versions(checker)}")
        rows = [measure(n, scratch, checker, theirs) for n in sizes]
    shown = "fresh venv" if args.fresh_venv else "this venv"
    print()
    print(f"python benchmarks/scale.py {' '.join(sys.argv[1:])}")
    print(
        f"machine: {started} at start; {machine()} at the end; Python {sys.version.split()[0]}"
    )
    if theirs is not None:
        print(f"compared with {THEIRS} (--meta none, its ruff hooks included)")
    print("\n".join(table(rows, shown, theirs is not None)))
    return 0 if all(r.identical for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
