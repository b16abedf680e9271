"""The generator's own sources meet the bar they hold generated code to: `mypy --strict`
(the `[tool.mypy]` table), ruff and black, so a change that slips is caught here, not later.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_golden import require

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "command",
    [
        ["mypy", "generator"],
        ["ruff", "check", "generator", "tests", "benchmarks"],
        ["black", "--check", "--quiet", "generator", "tests", "benchmarks"],
    ],
    ids=lambda c: c[0],
)
def test_the_generator_sources_pass(command: list[str]) -> None:
    require(command[0])
    done = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
