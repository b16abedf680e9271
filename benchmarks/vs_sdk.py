"""graph-codegen beside the official Python Graph SDK (msgraph-sdk), for the same Graph types.

Usage (from the repository root, in the project's venv):

    python benchmarks/vs_sdk.py [--docs DIR] [--no-mypy] [--only training|slice]

The SDK is installed with pip into a venv of its own under the cache folder
(`$GRAPH_CODEGEN_BENCH_CACHE`, default `~/.cache/graph-codegen-bench`), reused when present. Two
packages are generated into a temporary folder, each with `graph-codegen import-docs` then
`graph-codegen generate`: the 40 training types of the v1.0 docs slice with their closure, and
every type page of the slice in one call. A figure of a type a package lacks prints as `-`
(the training types lead to neither `user` nor `message`).
For the SDK and each package it prints, side by side:

- installed size and file count (the package and everything it requires; bytecode excluded),
  and the longest path below site-packages;
- import of the client and of one model (`User`), in a fresh interpreter, median of 7;
- first decode of a `user` and a `message` (fresh interpreter, model imported first; median
  of 7), a page of 100 users and of 100 messages (warm, median of 7), a GET-edit-PATCH round
  of an event over `httpx.MockTransport` (asyncio on both sides), peak RSS of a process doing
  all of that;
- lines of code for the same resources, and `mypy --strict` on the package (cold cache);

and the ratios against the goals of issue 19. Payloads are written by hand
(`benchmarks/payloads.py`). Figures only: the machine is shared, so compare within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import payloads, sdk_lines
from benchmarks.vs_sdk_table import table

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SDK = "msgraph-sdk==1.65.0"
CACHE = Path(
    os.environ.get(
        "GRAPH_CODEGEN_BENCH_CACHE", Path.home() / ".cache" / "graph-codegen-bench"
    )
)
RUNS = 7
TRAINING = [
    "microsoft.graph.callRecords.callRecord",
    "alternativeSecurityId",
    "managedDevice",
    "microsoft.graph.callRecords.mediaStream",
    "workbookChart",
    "onenoteResource",
    "tuple_2OfExecutionType_ICollection_1OfOperation",
    "authenticationMethodTarget",
    "schedule",
    "todoTask",
    "alert",
    "featureRolloutPolicy",
    "archivedPrintJob",
    "baseItem",
    "call",
    "educationSubmission",
    "acceptJoinResponse",
    "directory",
    "adminConsentRequestPolicy",
    "invitation",
    "profilePhoto",
    "singleValueLegacyExtendedProperty",
    "driveItem",
    "organization",
    "event",
    "drive",
    "presence",
    "resourceData",
    "shiftPreferences",
    "attachment",
    "accessReviewScheduleDefinition",
    "aadUserNotificationRecipient",
    "homeRealmDiscoveryPolicy",
    "conversation",
    "teamsAppInstallation",
    "identitySet",
    "servicePrincipal",
    "dateTimeTimeZone",
    "itemBody",
    "agreementFile",
]
MEASURED = ["user", "message"]
PYPROJECT = '[tool.graph-codegen]\nspecs = "specs"\nout = "generated"\n'
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@dataclass
class Side:
    """One column of the table: the SDK, or one generated package."""

    name: str
    python: Path
    folder: Path | None = None  # the folder that holds `generated/`, for ours
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "sdk" if self.folder is None else "ours"

    def env(self) -> dict[str, str]:
        return ENV if self.folder is None else {**ENV, "PYTHONPATH": str(self.folder)}


def run(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[str, int]:
    """Run to the end; its output and its peak RSS in KiB (from wait4), or exit on failure."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            argv, cwd=cwd, stdout=out, stderr=err, env=env or ENV
        )
        _, status, usage = os.wait4(process.pid, 0)
        out.seek(0)
        err.seek(0)
        text = out.read().decode(errors="replace")
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(
                f"{' '.join(argv[:4])}... failed:\n{text}{err.read().decode()[-3000:]}"
            )
        return text, usage.ru_maxrss


def sdk_python() -> Path:
    """The SDK's venv in the cache folder: created and installed once, then reused."""
    folder = CACHE / SDK.replace("==", "-")
    python = folder / "bin" / "python"
    marker = folder / "installed"
    if not marker.exists():
        print(f"installing {SDK} into {folder} (once)", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        venv.create(folder, with_pip=True)
        run([str(python), "-m", "pip", "install", "-q", SDK], CACHE)
        marker.write_text(SDK, encoding="utf-8")
    return python


def build(folder: Path, docs: Path, names: list[str]) -> dict[str, Any] | None:
    """import-docs then generate, as a user runs them, in a project of its own; None (with
    the problems printed) when either refuses."""
    folder.mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    cli = [sys.executable, "-m", "generator"]
    steps = [["import-docs", "--docs", str(docs), "--specs", "specs", "-q", *names]]
    steps.append(["generate", "-q"])
    seconds = 0.0
    for step in steps:
        start = time.perf_counter()
        done = subprocess.run(
            [*cli, *step],
            check=False,
            cwd=folder,
            capture_output=True,
            text=True,
            env=ENV,
        )
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(f"  {folder.name}: {step[0]} exited {done.returncode}, not measured:")
            print("    " + "\n    ".join(done.stderr.strip().splitlines()[-5:]))
            return None
    return {
        "specs": len(list((folder / "specs").glob("*.yaml"))),
        "generate_s": seconds,
    }


def installed(side: Side) -> dict[str, Any]:
    """Size and files of the package and its requirements (see benchmarks/installed.py)."""
    script = str(HERE / "installed.py")
    if side.folder is None:
        text, _ = run([str(side.python), script, "msgraph-sdk"], HERE)
        return json.loads(text)
    text, _ = run([str(side.python), script, "msgspec", "httpx"], HERE)
    found = json.loads(text)
    package = [p for p in (side.folder / "generated").rglob("*") if p.is_file()]
    package = [p for p in package if "__pycache__" not in p.parts]
    longest = max((p.relative_to(side.folder).as_posix() for p in package), key=len)
    found["requirements"] = {"files": found["files"], "bytes": found["bytes"]}
    tests = [p for p in package if p.parent.name == "tests"]
    found["tests"] = {
        "files": len(tests),
        "bytes": sum(p.stat().st_size for p in tests),
    }
    found["files"] += len(package)
    found["bytes"] += sum(p.stat().st_size for p in package)
    found["longest"] = max(found["longest"], longest, key=len)
    return found


def import_ms(side: Side, statement: str) -> dict[str, float]:
    """Milliseconds of one import statement in a fresh interpreter (bytecode warm), wall and
    CPU time, each the median of 7: on a shared machine the CPU time moves less."""
    code = (
        "import time\nstart, cpu = time.perf_counter(), time.process_time()\n"
        f"{statement}\n"
        "print((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000)"
    )
    argv = [str(side.python), "-c", code]
    run(argv, side.folder or HERE, side.env())  # writes the bytecode
    runs = [run(argv, side.folder or HERE, side.env())[0].split() for _ in range(RUNS)]
    return {
        "wall": statistics.median(float(wall) for wall, _ in runs),
        "cpu": statistics.median(float(cpu) for _, cpu in runs),
    }


def probe(side: Side, task: str, scratch: Path, name: str = "user") -> tuple[Any, int]:
    """One task of benchmarks/vs_sdk_probe.py in a fresh interpreter: its result, its RSS."""
    argv = [str(side.python), str(HERE / "vs_sdk_probe.py"), side.kind, task]
    text, rss = run([*argv, str(scratch), name], side.folder or HERE, side.env())
    return json.loads(text), rss


def measure(side: Side, scratch: Path, mypy: bool) -> None:
    """Every figure of one side."""
    f = side.figures
    f["installed"] = installed(side)
    if side.kind == "sdk":
        f["import_client"] = import_ms(side, "from msgraph import GraphServiceClient")
        f["import_model"] = import_ms(
            side, "from msgraph.generated.models.user import User"
        )
    else:
        f["import_client"] = import_ms(side, "from generated import GraphClient")
        f["import_model"] = import_ms(side, "from generated.models import User")
    print(f"  {side.name}: sizes and imports measured", flush=True)
    for name in MEASURED:
        if (
            side.folder is not None
            and not (side.folder / "specs" / f"{name}.yaml").exists()
        ):
            continue
        firsts = [
            probe(side, "first-decode", scratch, name)[0]["ms"] for _ in range(RUNS)
        ]
        f[f"first_{name}"] = statistics.median(firsts)
        f[f"page_{name}"] = probe(side, "page", scratch, name)[0]
    f["round"] = probe(side, "round", scratch)[0]
    f["rss_mib"] = probe(side, "everything", scratch)[1] / 1024
    print(f"  {side.name}: decoding measured", flush=True)
    if side.folder is not None:
        f["lines"] = sdk_lines.ours(side.folder / "generated")
        f["code_lines"] = sdk_lines.ours_code(side.folder / "generated")
        if mypy:
            f["mypy_s"] = mypy_seconds(side)


def mypy_seconds(side: Side) -> float:
    """`mypy --strict` on the package, with a cache of its own (cold), as CI runs it."""
    assert side.folder is not None
    cache = side.folder / ".mypy-cold"
    argv = [
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--cache-dir",
        str(cache),
        "generated",
    ]
    start = time.perf_counter()
    run(argv, side.folder, side.env())
    return time.perf_counter() - start


def machine() -> str:
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return f"{when}, {os.cpu_count()} cores (nproc), load average {load}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--docs", type=Path, default=ROOT.parent / "shared" / "graph-docs-v1"
    )
    parser.add_argument("--no-mypy", action="store_true", help="skip mypy --strict")
    parser.add_argument(
        "--only", choices=("training", "slice"), help="one package only"
    )
    args = parser.parse_args()
    started = machine()
    sdk = Side(f"{SDK}", sdk_python())
    with tempfile.TemporaryDirectory(prefix="graph-codegen-vs-sdk-") as tmp:
        scratch = Path(tmp)
        payloads.write(scratch)
        sides = [sdk]
        wanted = [args.only] if args.only else ["training", "slice"]
        for which in wanted:
            names = (
                TRAINING + MEASURED if which == "training" else type_pages(args.docs)
            )
            side = Side(which, Path(sys.executable), scratch / which)
            built = build(scratch / which, args.docs, names)
            if built is None:
                continue
            side.figures.update(built)
            print(f"  {which}: {side.figures['specs']} specs generated", flush=True)
            sides.append(side)
        for side in sides:
            measure(side, scratch, not args.no_mypy)
        sdk.figures["lines"] = {
            side.name: sdk_lines.theirs(side.folder / "specs", sdk_models_root(sdk))
            for side in sides[1:]
            if side.folder is not None
        }
    print()
    print(f"python benchmarks/vs_sdk.py {' '.join(sys.argv[1:])}")
    print(
        f"machine: {started} at start; {machine()} at the end; Python {sys.version.split()[0]}"
    )
    print("\n".join(table(sides)))
    return 0


def type_pages(docs: Path) -> list[str]:
    """Every type page of a docs folder, as import-docs names them."""
    from generator.importer.docs.index import Index
    from generator.importer.docs.pages import Reader

    return Index(Reader(docs)).type_pages()


def sdk_models_root(sdk: Side) -> Path:
    """The SDK's `msgraph/generated` folder, where its interpreter finds it."""
    code = "import msgraph, pathlib; print(pathlib.Path(msgraph.__file__).parent / 'generated')"
    return Path(run([str(sdk.python), "-c", code], HERE)[0].strip())


if __name__ == "__main__":
    sys.exit(main())
