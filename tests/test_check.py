"""The check stage: every problem of every spec in one run, and inheritance checked across specs.

Each folder in tests/bad_spec_sets/ is a specs folder with one kind of cross-spec problem (or,
in `every_kind_at_once`, one of every kind) and `expected.txt`, the exact problems reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli

CASES = Path(__file__).resolve().parent / "bad_spec_sets"


@pytest.mark.parametrize(
    "case", sorted(p.name for p in CASES.iterdir() if p.is_dir())
)
def test_every_problem_is_reported_in_one_run(
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = CASES / case
    monkeypatch.chdir(folder)
    code = cli.main(["generate", "--specs", ".", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err.splitlines()
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert code == 2
    assert err[:-1] == expected
    assert err[-1] == f"graph-codegen: {len(expected)} problem(s); nothing was written."
    assert not (tmp_path / "out").exists()
