"""Every Python sample of the README passes `mypy --strict` against the package it is written
for: what a user copies must type-check as written (a key or an ETag read from a model the
service sent, `T | Accepted` results), not only run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import packages
import pytest

from generator.emit.pipeline import Options, produce

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
# The package each sample is written for, in README order: None is the shipped `generated/`,
# a name the fixture specs the README's tests run that sample on (as `generated`).
PACKAGES: tuple[str | None, ...] = (None, None, "files", "operations")


def samples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```python\n")[1:]]


def test_every_sample_is_checked_against_its_package() -> None:
    assert len(samples()) == len(PACKAGES)


@pytest.mark.slow
@pytest.mark.parametrize("package", sorted({p or "" for p in PACKAGES}))
def test_the_samples_pass_mypy_strict(package: str, tmp_path: Path) -> None:
    target = tmp_path / "generated"
    if package:
        specs = packages.SPECS / package
        for path, data in produce(Options(specs, packages.TEMPLATES, target)).items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(data)
    else:
        shutil.copytree(REPO / "generated", target)
    names = []
    for n, (sample, written_for) in enumerate(zip(samples(), PACKAGES, strict=True)):
        if (written_for or "") == package:
            names.append(f"readme_sample_{n}.py")
            (tmp_path / names[-1]).write_text(sample, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *names],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
