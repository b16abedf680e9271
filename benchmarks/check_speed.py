"""How long `check` takes to prove a large project current, next to a full render of it.

Usage: python benchmarks/check_speed.py [N]   (N copies of customerPayment, default 1000)
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def make_specs(folder: Path, count: int) -> None:
    """The project's specs, plus N distinct customerPayment copies, each under its own path."""
    for spec in (ROOT / "specs").glob("*.yaml"):
        shutil.copy(spec, folder / spec.name)
    text = (ROOT / "specs" / "customer_payment.yaml").read_text(encoding="utf-8")
    for i in range(count):
        name = f"customerPayment{i:04d}"
        spec = re.sub(
            r"^name: customerPayment$", f"name: {name}", text, flags=re.MULTILINE
        )
        spec = spec.replace("/customerPayments", f"/customerPayments{i:04d}")
        (folder / f"customer_payment{i:04d}.yaml").write_text(spec, encoding="utf-8")


def timed(args: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    code = main(args)
    return code, time.perf_counter() - start


def run(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        specs, out = Path(tmp) / "specs", Path(tmp) / "generated"
        templates = Path(tmp) / "templates"
        shutil.copytree(ROOT / "templates", templates)
        specs.mkdir()
        make_specs(specs, count)
        common = [
            "--specs",
            str(specs),
            "--templates",
            str(templates),
            "--out",
            str(out),
        ]
        code, generate_s = timed(["generate", *common])
        assert code == 0
        code, check_s = timed(["check", *common])
        assert code == 0
        (out / "models" / "customer_payment0007.py").write_text("# edited\n")
        code, edited_s = timed(["check", *common])
        assert code == 1
        files = sum(1 for p in out.rglob("*") if p.is_file())
    print(f"resources: {count} copies + the project's specs, files: {files}")
    print(f"generate (full render + black + write): {generate_s:8.2f} s")
    print(f"check, current (manifest fast path):    {check_s:8.2f} s")
    print(f"check, one hand edit detected:          {edited_s:8.2f} s")
    print(f"full render / fast check:               {generate_s / check_s:8.1f} x")


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
