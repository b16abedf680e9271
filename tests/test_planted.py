"""Nothing a repository holds is executed: planted files in the cache and the manifest are data.

Each file of tests/planted/ is one case (pickles that create `pickled-code-ran` when unpickled,
garbage, other tools' JSON and msgpack). Each is planted in turn in every file the tool keeps
for itself, in a project whose spec was just edited (so `check` and `generate` render and read
the cache); the commands must create no marker, and do and say exactly what they do when the
file is absent, but for one note naming the file they ignored.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import shutil
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import msgspec
import pytest

from generator import cli
from generator.spec.seal import seal, unseal

REPO = Path(__file__).resolve().parent.parent
CASES = sorted((Path(__file__).resolve().parent / "planted").glob("*.bin"))
SPECS = REPO / "tests" / "fixtures" / "specs" / "todo"
MARKER = "pickled-code-ran"
CACHE = ".graph-codegen-cache/specs.msgpack"
MODELS = ".graph-codegen-cache/models.msgpack"
OLD_CACHE = ".graph-codegen-cache/specs.pickle"  # what older versions unpickled
MANIFEST = "generated/.graph-codegen.json"
TARGETS = (CACHE, MODELS, OLD_CACHE, MANIFEST)


@dataclass(frozen=True)
class Runs:
    """What `check`, `generate` and `check` again did: exit codes, output lines, the tree."""

    codes: tuple[int, ...]
    lines: tuple[tuple[str, ...], ...]
    tree: dict[str, bytes]
    notes: tuple[str, ...]


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project generated once (so it has a cache and a manifest), then its spec edited."""
    root = tmp_path_factory.mktemp("planted")
    shutil.copytree(SPECS, root / "specs")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert cli.main(["generate", "--quiet"]) == 0
    assert (root / CACHE).is_file() and (root / MANIFEST).is_file()
    task = root / "specs" / "todo_task.yaml"
    text = task.read_text(encoding="utf-8")
    edited = text.replace(
        "  title: {type: String}\n", "  title: {type: String}\n  note: {type: String}\n"
    )
    assert edited != text
    task.write_text(edited, encoding="utf-8")
    return root


def _runs(project: Path, read: Callable[[], tuple[str, str]]) -> Runs:
    codes, lines, notes = [], [], []
    read()
    for command in ("check", "generate", "check"):
        codes.append(cli.main([command, "--quiet"]))
        out, err = read()
        assert "Traceback" not in out + err
        said = [line for line in (out + err).splitlines() if ": note: " not in line]
        notes += [line for line in err.splitlines() if ": note: " in line]
        lines.append(tuple(said))
    return Runs(tuple(codes), tuple(lines), _tree(project / "generated"), tuple(notes))


def _copy(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = tmp_path / "project"
    shutil.copytree(generated, project)
    monkeypatch.chdir(project)
    return project


@pytest.fixture(scope="module")
def absent(
    generated: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Runs]:
    """The runs with each target file missing: what a planted file must change nothing of."""
    found = {}
    for target in TARGETS:
        project = tmp_path_factory.mktemp("absent") / "project"
        shutil.copytree(generated, project)
        (project / target).unlink(missing_ok=True)
        out, err = io.StringIO(), io.StringIO()
        with (
            pytest.MonkeyPatch.context() as patch,
            redirect_stdout(out),
            redirect_stderr(err),
        ):
            patch.chdir(project)
            found[target] = _runs(project, _reader(out, err))
    return found


def _reader(out: io.StringIO, err: io.StringIO) -> Callable[[], tuple[str, str]]:
    """What was printed since the last call, as capsys.readouterr gives it."""

    def read() -> tuple[str, str]:
        said = out.getvalue(), err.getvalue()
        for stream in (out, err):
            stream.seek(0)
            stream.truncate()
        return said

    return read


def test_the_pickles_would_run_if_unpickled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The planted pickles are real attacks: unpickling one creates the marker."""
    monkeypatch.chdir(tmp_path)
    for case in (c for c in CASES if c.name.startswith("pickle_")):
        (tmp_path / MARKER).unlink(missing_ok=True)
        # What the payload returns does not matter: it ran when the marker is there.
        with contextlib.suppress(TypeError):
            pickle.loads(case.read_bytes())
        assert (tmp_path / MARKER).exists(), case.name


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_a_planted_file_runs_nothing_and_changes_nothing(
    case: Path,
    target: str,
    generated: Path,
    absent: dict[str, Runs],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = _copy(generated, tmp_path, monkeypatch)
    (project / target).write_bytes(case.read_bytes())
    runs = _runs(project, capsys.readouterr)
    assert not list(tmp_path.rglob(MARKER))
    expected = absent[target]
    assert (runs.codes, runs.lines) == (expected.codes, expected.lines)
    assert _without(runs.tree, target) == _without(expected.tree, target)
    if expected.codes[1] != 0:  # generate refused, as without the file: nothing written
        assert (project / target).read_bytes() == case.read_bytes()
    if target != OLD_CACHE:  # never read now: nothing to say about it
        assert runs.notes[0].startswith(f"{target}: note: "), runs.notes
    assert (
        not runs.notes[1:] or target == MANIFEST
    ), runs.notes  # the cache is rewritten


def _without(tree: dict[str, bytes], target: str) -> dict[str, bytes]:
    """The output tree but for the planted file itself, which a refused run leaves alone."""
    return {k: v for k, v in tree.items() if f"generated/{k}" != target}


def _head(project: Path, target: str = CACHE) -> tuple[str, str]:
    form, salt, _ = msgspec.msgpack.decode(unseal((project / target).read_bytes()))
    return form, salt


@pytest.mark.parametrize(
    "body",
    [
        {"key": {"file": "x.yaml"}},  # a spec missing every other field
        {"key": 42},
        [1, 2, 3],
    ],
    ids=["partial_spec", "number", "list"],
)
def test_a_cache_of_the_right_salt_and_the_wrong_shape_is_ignored(
    body: object,
    generated: Path,
    absent: dict[str, Runs],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only the Spec's exact shape is read back, even under this run's own salt."""
    project = _copy(generated, tmp_path, monkeypatch)
    form, salt = _head(project)
    (project / CACHE).write_bytes(seal(msgspec.msgpack.encode([form, salt, body])))
    runs = _runs(project, capsys.readouterr)
    assert runs.codes == absent[CACHE].codes and runs.tree == absent[CACHE].tree
    assert runs.notes == (
        f"{CACHE}: note: not a spec cache of graph-codegen; ignored, as if there were none",
    )


@pytest.mark.parametrize(
    "body",
    [
        {"resource microsoft.graph.todoTask": [[["x", "y"]], "key"]},  # no value
        {"navigation": 42},
        [1, 2, 3],
    ],
    ids=["partial_unit", "number", "list"],
)
def test_a_model_cache_of_the_right_salt_and_the_wrong_shape_is_ignored(
    body: object,
    generated: Path,
    absent: dict[str, Runs],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Only units of the exact shape are read back, even under this run's own salt."""
    project = _copy(generated, tmp_path, monkeypatch)
    form, salt = _head(project, MODELS)
    (project / MODELS).write_bytes(seal(msgspec.msgpack.encode([form, salt, body])))
    runs = _runs(project, capsys.readouterr)
    assert runs.codes == absent[MODELS].codes and runs.tree == absent[MODELS].tree
    assert runs.notes == (
        f"{MODELS}: note: not a model cache of graph-codegen; ignored, as if there were none",
    )


def test_units_of_the_right_shape_and_the_wrong_values_are_built_again(
    generated: Path,
    absent: dict[str, Runs],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A unit whose value is not what its name says (a model where the builders belong, a
    number where a model does) is built again, as if the cache did not have it."""
    project = _copy(generated, tmp_path, monkeypatch)
    form, salt, units = msgspec.msgpack.decode(unseal((project / MODELS).read_bytes()))
    swapped = {name: [reads, key, 42] for name, (reads, key, _) in units.items()}
    (project / MODELS).write_bytes(seal(msgspec.msgpack.encode([form, salt, swapped])))
    runs = _runs(project, capsys.readouterr)
    assert runs.codes == absent[MODELS].codes and runs.tree == absent[MODELS].tree
    assert runs.notes == ()


def test_a_cached_model_that_does_not_decode_is_built_again(
    generated: Path,
    absent: dict[str, Runs],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A model is decoded only when something reads it: one that turns out not to be a
    model then is built again, and the output is what it is without the cache."""
    project = _copy(generated, tmp_path, monkeypatch)
    form, salt, units = msgspec.msgpack.decode(unseal((project / MODELS).read_bytes()))
    for name, (_, _, stored) in units.items():
        if name.startswith("resource "):
            stored[-1] = msgspec.msgpack.Ext(7, b"garbage")  # where the model is
    (project / MODELS).write_bytes(seal(msgspec.msgpack.encode([form, salt, units])))
    shutil.rmtree(project / "generated")  # every model is read: every file is rendered
    runs = _runs(project, capsys.readouterr)
    assert runs.codes[1:] == absent[MODELS].codes[1:]
    assert runs.tree == absent[MODELS].tree


@pytest.mark.parametrize("target", [CACHE, MODELS, MANIFEST])
@pytest.mark.parametrize("kind", ["fifo", "link_to_dev_zero", "folder"])
def test_a_name_that_holds_no_plain_file_is_never_waited_on(
    kind: str,
    target: str,
    generated: Path,
    absent: dict[str, Runs],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A FIFO would block a reader forever, /dev/zero would fill memory: neither is read."""
    project = _copy(generated, tmp_path, monkeypatch)
    planted = project / target
    planted.unlink()
    if kind == "fifo":
        os.mkfifo(planted)
    elif kind == "folder":
        planted.mkdir()
    else:
        planted.symlink_to("/dev/zero")
    capsys.readouterr()
    code = cli.main(["check", "--quiet"])
    err = capsys.readouterr().err
    assert code == absent[target].codes[0]
    assert f"{target}: note: " in err
