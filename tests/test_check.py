"""The check stage: every problem of every spec in one run, and inheritance checked across specs.

Each folder in tests/bad_spec_sets/ is a specs folder with one kind of cross-spec problem (or,
in `every_kind_at_once`, one of every kind) and `expected.txt`, the exact problems reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli

CASES = Path(__file__).resolve().parent / "bad_spec_sets"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
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


def test_formatting_on_several_processes_gives_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The forked pool a large cold run uses formats exactly as one process does."""
    import generator.render.format as fmt

    monkeypatch.setattr(fmt, "PARALLEL_FROM", 4)
    sources = [
        (f"m{i}.py", "model.py.j2", f"x{i}=[ {i},\n{i} ]\ndef f( a ):\n  return a\n")
        for i in range(10)
    ]
    one = fmt.format_all(sources, workers=1)
    several = fmt.format_all(sources, workers=2)
    assert several == one
    assert one["m3.py"] == "x3 = [3, 3]\n\n\ndef f(a):\n    return a\n"
