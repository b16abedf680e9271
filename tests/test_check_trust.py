"""`check --full` trusts nothing the repository holds but the inputs: not the manifest, not the cache.

The default `check` proves an unchanged project current by the hashes its manifest records, so a
pull request that edits a generated file and its hash together passes it; these are the cases
`--full` (used by the shipped pre-commit hook and the README's CI recipes) must catch.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
from dataclasses import replace
from pathlib import Path

import msgspec
import pytest

from generator import cli
from generator.model import cache as model_cache
from generator.model import units as model_units
from generator.model.escape import Code
from generator.model.resources import Resource
from generator.spec import cache as spec_cache
from generator.spec import seal as sealing
from generator.spec.seal import Unsealed, seal, unseal

REPO = Path(__file__).resolve().parent.parent
SPECS = REPO / "tests" / "fixtures" / "specs" / "todo"
MANIFEST = "generated/.graph-codegen.json"
MODEL = "generated/models/todo_task.py"
EVIL = b"import os  # not what the specs produce\n"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project generated once: its specs, its output, its manifest and its spec cache."""
    root = tmp_path_factory.mktemp("trust")
    shutil.copytree(SPECS, root / "specs")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert cli.main(["generate", "--quiet"]) == 0
    return root


@pytest.fixture
def project(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(generated, copy)
    monkeypatch.chdir(copy)
    return copy


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _doctor(project: Path, old: str, new: str) -> None:
    """Replace one value in the manifest, as a hand editing it would."""
    manifest = project / MANIFEST
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(text.replace(old, new), encoding="utf-8")


def _tamper(project: Path) -> None:
    """Edit a generated model and its hash in the manifest together."""
    model = project / MODEL
    before = model.read_bytes()
    model.write_bytes(EVIL + before)
    _doctor(project, _digest(before), _digest(EVIL + before))


def _check(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    capsys.readouterr()
    code = cli.main(["check", "--quiet", *options])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_full_check_passes_a_project_as_generated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _check(capsys, "--full") == (0, "graph-codegen: generated/ is current.\n")


def test_a_file_edited_with_its_hash_is_caught_by_the_full_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _tamper(project)
    code, said = _check(capsys)
    assert code == 0  # documented: the fast path trusts the manifest
    code, said = _check(capsys, "--full")
    assert code == 1, said
    assert f"{MODEL}: changed" in said
    assert "run `graph-codegen generate --full`" in said
    code, said = _check(capsys, "--full", "--diff")
    assert code == 1
    assert f"-{EVIL.decode().rstrip()}" in said.splitlines()


def test_generate_full_repairs_what_generate_keeps(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """generate renders only what changed since the record, so it keeps the doctored file."""
    _tamper(project)
    assert cli.main(["generate", "--quiet"]) == 0
    assert (project / MODEL).read_bytes().startswith(EVIL)
    assert cli.main(["generate", "--quiet", "--full"]) == 0
    assert not (project / MODEL).read_bytes().startswith(EVIL)
    assert _check(capsys, "--full")[0] == 0
    assert _check(capsys)[0] == 0


def test_a_spec_edited_with_its_fingerprint_is_caught(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The manifest claims the edited spec was generated; generated/ says otherwise."""
    spec = project / "specs" / "todo_task.yaml"
    before = spec.read_bytes()
    after = before.replace(
        b"  title: {type: String}\n",
        b"  title: {type: String}\n  note: {type: String}\n",
    )
    assert after != before
    spec.write_bytes(after)
    _doctor(project, _digest(before), _digest(after))
    assert _check(capsys)[0] == 0
    code, said = _check(capsys, "--full")
    assert code == 1
    assert f"{MODEL}: changed" in said
    assert "run `graph-codegen generate`." in said  # generate renders the edited spec


def test_a_doctored_record_of_intact_files_is_caught(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record the fast path trusts must be the one generate writes."""
    data = (project / MODEL).read_bytes()
    _doctor(project, _digest(data), _digest(data + b"\n"))
    code, said = _check(capsys, "--full")
    assert code == 1
    assert said.splitlines()[0] == f"{MANIFEST}: changed"
    assert cli.main(["generate", "--quiet"]) == 0
    assert _check(capsys, "--full")[0] == 0


def test_a_planted_spec_cache_is_not_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cache committed with `git add -f` holds a spec the YAML does not say: it lacks the
    seal of this user's key, so generate ignores it and renders what the specs say."""
    cache = project / ".graph-codegen-cache" / spec_cache.FILE
    form, salt, _ = msgspec.msgpack.decode(unseal(cache.read_bytes()))
    decoded = spec_cache.decode(unseal(cache.read_bytes()), salt)
    planted = {
        key: replace(spec, description="Planted.") if spec.name == "todoTask" else spec
        for key, spec in decoded.items()
    }
    cache.write_bytes(spec_cache.encode((form, salt, planted)))
    (cache.parent / "models.msgpack").unlink()  # so the models are built from the specs
    shutil.rmtree(project / "generated")  # generate renders it all, through the cache
    assert cli.main(["generate", "--quiet"]) == 0
    assert "specs.msgpack: note: not sealed by graph-codegen" in capsys.readouterr().err
    assert b"Planted." not in (project / MODEL).read_bytes()
    assert _check(capsys, "--full")[0] == 0


def test_a_planted_model_cache_is_not_read(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A model cache committed with `git add -f` holds a model the specs do not make: it
    lacks the seal of this user's key, so generate builds the models from the specs."""
    file = project / ".graph-codegen-cache" / model_cache.FILE
    shape = tuple[str, str, dict[str, model_cache.Unit]]
    form, salt, unit = msgspec.msgpack.decode(unseal(file.read_bytes()), type=shape)
    cache = model_cache.ModelCache(None, salt)
    name = "resource microsoft.graph.todoTask"
    stored = cache.decode(unit[name].value, model_units.Stored)
    planted = replace(
        cache.decode(stored.resource, Resource), docstring=Code('"""Planted."""')
    )
    raw = msgspec.Raw(model_cache._ENCODER.encode(planted))
    value = msgspec.Raw(
        model_cache._ENCODER.encode(msgspec.structs.replace(stored, resource=raw))
    )
    unit[name] = msgspec.structs.replace(unit[name], value=value)
    file.write_bytes(model_cache._ENCODER.encode((form, salt, unit)))
    shutil.rmtree(project / "generated")  # generate renders it all, through the cache
    assert cli.main(["generate", "--quiet"]) == 0
    assert (
        "models.msgpack: note: not sealed by graph-codegen" in capsys.readouterr().err
    )
    assert b'"""Planted."""' not in (project / MODEL).read_bytes()
    assert _check(capsys, "--full")[0] == 0


def test_a_cache_sealed_here_is_read_and_one_from_elsewhere_is_not() -> None:
    data = b"a cache file"
    assert unseal(seal(data)) == data
    with pytest.raises(Unsealed, match="not sealed by graph-codegen"):
        unseal(data + bytes(32))
    with pytest.raises(ValueError):
        unseal(b"short")


def test_the_key_lives_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made once, private to the user; where none can be kept, one for the run alone."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sealing.key.cache_clear()
    try:
        made = sealing.key()
        file = tmp_path / "graph-codegen" / "cache.key"
        assert file.read_bytes() == made and len(made) == 32
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        sealing.key.cache_clear()
        assert sealing.key() == made  # read again, not made again
        blocked = tmp_path / "a-file"
        blocked.write_bytes(b"")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
        sealing.key.cache_clear()
        assert len(sealing.key()) == 32 and sealing.key() != made
    finally:
        sealing.key.cache_clear()
