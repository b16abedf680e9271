"""generated/ is the golden copy: current, deterministic, clean under outside checkers, and it runs."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator import cli

REPO = Path(__file__).resolve().parent.parent
UPDATE = "run `graph-codegen generate` in the repository root and commit generated/"

WIDGET_SPEC = """\
name: widget
kind: entity
description: A made-up resource that uses the less common OData primitives.
key: id
properties:
  id: {type: Guid, readOnly: true}
  size: {type: Int16}
  enabled: {type: Boolean}
  tags: {type: Collection(String)}
  opensAt: {type: TimeOfDay}
  warranty: {type: Duration}
  thumbnail: {type: Binary}
paths:
  collection: [/widgets]
  item: /{widgetId}
parameters:
  widgetId: Guid
operations:
  list: {method: GET, target: collection, status: [200], query: [top, filter]}
  create: {method: POST, target: collection, status: [201]}
  get: {method: GET, target: item, status: [200], query: [select]}
  update: {method: PATCH, target: item, status: [200, 204]}
  delete: {method: DELETE, target: item, status: [204]}
actions:
  send: {method: POST, status: [204], description: Sends the widget to its owner.}
  post: {method: POST, status: [200, 204]}
"""


def python(*argv: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run this interpreter in a subprocess and capture its output."""
    environ = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, *argv],
        check=False,
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def require(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")


def test_committed_output_is_current() -> None:
    """CI's own gate: generated/ is exactly what specs/ and templates/ produce."""
    result = python("-m", "generator", "check", "--diff", cwd=REPO)
    assert (
        result.returncode == 0
    ), f"generated/ is stale; {UPDATE}.\n{result.stdout}{result.stderr}"


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Two runs with different set/dict orderings write the same bytes, manifest included."""
    outs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"seed{seed}" / "generated"
        argv = ["-m", "generator", "generate", "--specs", str(REPO / "specs")]
        result = python(
            *argv,
            "--templates",
            str(REPO / "templates"),
            "--out",
            str(out),
            cwd=tmp_path,
            PYTHONHASHSEED=seed,
        )
        assert result.returncode == 0, result.stderr
        outs.append(tree(out))
    assert outs[0] == outs[1]
    assert ".graph-codegen.json" in outs[0]
    assert all(str(tmp_path).encode() not in data for data in outs[0].values())


def test_mypy_strict_without_configuration(tmp_path: Path) -> None:
    """Generated code meets `mypy --strict` as the repositories it lands in would run it."""
    require("mypy")
    argv = [
        "-m",
        "mypy",
        "--strict",
        "--config-file=",
        "--cache-dir",
        str(tmp_path),
        "generated",
    ]
    result = python(*argv, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_default_rules() -> None:
    """`ruff check` with ruff's defaults and no configuration read (--isolated)."""
    require("ruff")
    result = python(
        "-m", "ruff", "check", "--isolated", "--no-cache", "generated", cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_black_check_without_configuration(tmp_path: Path) -> None:
    """black's defaults, not this repository's [tool.black], agree with the generated layout."""
    require("black")
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    result = python(
        "-m", "black", "--check", "--config", str(empty), "generated", cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def widget_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    """A package generated from a small inline spec, in tmp_path/generated."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "widget.yaml").write_text(WIDGET_SPEC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = cli.main(["generate", "--templates", str(REPO / "templates")])
    assert code == 0, capsys.readouterr()
    return tmp_path


def test_generated_package_imports_and_decodes(widget_package: Path) -> None:
    """The package made from a new spec imports by its folder name and maps every type."""
    script = textwrap.dedent("""
        import datetime, sys, uuid
        import generated
        from generated import GraphClient, ValidationError
        from generated.models import Widget

        assert generated.__file__.startswith(sys.argv[1]), generated.__file__
        payload = {
            "id": "5d115c9c-44e3-ea11-bb43-000d3a2feca1", "size": -32768, "enabled": True,
            "tags": ["a", "b"], "opensAt": "10:30:00", "warranty": "PT5400S", "thumbnail": "aGVsbG8=",
        }
        w = Widget.from_dict(payload)
        assert w.id == uuid.UUID(payload["id"])
        assert (w.size, w.enabled, w.tags) == (-32768, True, ["a", "b"])
        assert w.opens_at == datetime.time(10, 30)
        assert w.warranty == datetime.timedelta(hours=1, minutes=30)
        assert w.thumbnail == b"hello"
        assert w.to_dict() == payload
        try:
            Widget.from_dict({"size": 32768})
        except ValidationError as error:
            assert [e.path for e in error.errors] == ["/size"]
        else:
            raise AssertionError("Int16 out of range was accepted")
        builder = GraphClient("token").widgets.by_widget_id(uuid.uuid4())
        assert callable(builder.get) and callable(builder.patch) and callable(builder.delete)
        print("ok")
        """)
    result = python("-c", script, str(widget_package), cwd=widget_package)
    assert result.returncode == 0 and result.stdout.strip() == "ok", (
        result.stdout + result.stderr
    )


def test_generated_tests_pass(widget_package: Path) -> None:
    """The test stubs generated for a new resource pass against the code generated beside them."""
    argv = [
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(widget_package),
        "generated",
    ]
    result = python(*argv, cwd=widget_package)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    passed = re.search(r"(\d+) passed", result.stdout)
    assert passed and int(passed.group(1)) >= 10, result.stdout
