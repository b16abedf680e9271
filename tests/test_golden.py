"""generated/ is the golden copy: current, deterministic, clean under outside checkers, and it runs."""

from __future__ import annotations

import datetime
import importlib.util
import io
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stdout
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import packages
import pytest

from generator import cli
from generator.emit.pipeline import Options, produce

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


def test_committed_output_is_current(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI's own gate: generated/ is exactly what specs/ and templates/ produce."""
    monkeypatch.chdir(REPO)
    code = cli.main(["check", "--full", "--diff"])
    out, err = capsys.readouterr()
    assert code == 0, f"generated/ is stale; {UPDATE}.\n{out}{err}"


@pytest.mark.slow
def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    """Two runs with different set/dict orderings write the same bytes, manifest included."""

    def generate(seed: str) -> dict[str, bytes]:
        out = tmp_path / f"seed{seed}" / "generated"
        argv = ["-m", "generator", "generate", "--specs", str(REPO / "specs")]
        argv += ["--templates", str(REPO / "templates"), "--out", str(out)]
        result = python(*argv, cwd=tmp_path, PYTHONHASHSEED=seed)
        assert result.returncode == 0, result.stderr
        return tree(out)

    with ThreadPoolExecutor(max_workers=2) as pool:  # two start-ups at the price of one
        outs = list(pool.map(generate, ("1", "4242")))
    assert outs[0] == outs[1]
    assert ".graph-codegen.json" in outs[0]
    assert all(str(tmp_path).encode() not in data for data in outs[0].values())


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """generated/, and packages of the shapes the shipped specs lack: actions and functions
    with parameters and results, delta, `$ref`, alternate keys, path addressing (operations);
    what validation cannot read from a hint, declared by a base and a derived class (derive).
    """
    found = ["generated"]
    for name in ("operations", "derive"):
        root = tmp_path_factory.mktemp(name)
        options = Options(packages.SPECS / name, packages.TEMPLATES, root)
        packages.write(produce(options), root / f"{name}_client")
        found.append(str(root / f"{name}_client"))
    return found


@pytest.mark.slow
def test_mypy_strict_without_configuration(tmp_path: Path, checked: list[str]) -> None:
    """Generated code meets `mypy --strict` as the repositories it lands in would run it."""
    require("mypy")
    argv = [
        "-m",
        "mypy",
        "--strict",
        "--config-file=",
        "--cache-dir",
        str(tmp_path),
        *checked,
    ]
    result = python(*argv, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_ruff_default_rules(checked: list[str]) -> None:
    """`ruff check` with ruff's defaults and no configuration read (--isolated)."""
    require("ruff")
    result = python(
        "-m", "ruff", "check", "--isolated", "--no-cache", *checked, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_black_check_without_configuration(tmp_path: Path, checked: list[str]) -> None:
    """black's defaults, not this repository's [tool.black], agree with the generated layout."""
    require("black")
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    result = python(
        "-m", "black", "--check", "--config", str(empty), *checked, cwd=REPO
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def widget(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """A package generated from a small inline spec into tmp/pkg_widget, imported by that name."""
    root = tmp_path_factory.mktemp("widget")
    (root / "specs").mkdir()
    (root / "specs" / "widget.yaml").write_text(WIDGET_SPEC, encoding="utf-8")
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(output):
        patch.chdir(root)
        argv = [
            "generate",
            "--templates",
            str(REPO / "templates"),
            "--out",
            "pkg_widget",
        ]
        assert cli.main(argv) == 0, output.getvalue()
    try:
        yield packages.load(root, "pkg_widget")
    finally:
        packages.unload("pkg_widget")


WIDGET_ID = uuid.UUID("5d115c9c-44e3-ea11-bb43-000d3a2feca1")
WIDGET_JSON = {
    "id": str(WIDGET_ID), "size": -32768, "enabled": True, "tags": ["a", "b"],
    "opensAt": "10:30:00", "warranty": "PT5400S", "thumbnail": "aGVsbG8=",
}  # fmt: skip
WIDGETS = "https://graph.microsoft.com/beta/widgets"


def test_generated_package_imports_and_decodes(widget: ModuleType) -> None:
    """The package made from a new spec imports by its folder name and maps every type."""
    assert Path(widget.__file__ or "").parent.name == "pkg_widget"
    w = widget.models.Widget.from_dict(WIDGET_JSON)
    assert w.id == WIDGET_ID
    assert (w.size, w.enabled, w.tags) == (-32768, True, ["a", "b"])
    assert w.opens_at == datetime.time(10, 30)
    assert w.warranty == datetime.timedelta(hours=1, minutes=30)
    assert w.thumbnail == b"hello"
    assert w.to_dict() == WIDGET_JSON
    with pytest.raises(widget.ValidationError) as refused:
        widget.models.Widget.from_dict({"size": 32768})
    assert [e.path for e in refused.value.errors] == ["/size"]


class Wire:
    """A MockTransport that answers each request with the next canned answer and keeps it."""

    def __init__(self, *answers: tuple[int, Any]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        status, body = self.answers.pop(0)
        return httpx.Response(status, json=body) if body else httpx.Response(status)

    def sent(self) -> list[tuple[str, str, dict[str, str]]]:
        """Method, URL without the query, and query of each request, in order."""
        return [
            (r.method, str(r.url.copy_with(query=None)), dict(r.url.params))
            for r in self.requests
        ]


def test_generated_builders_send_each_operation(widget: ModuleType) -> None:
    """Each builder method of the new resource sends its method to its URL and reads the answer."""
    wire = Wire(
        (200, {"value": [WIDGET_JSON]}), (201, WIDGET_JSON), (200, WIDGET_JSON),
        (204, None), (204, None), (204, None),
    )  # fmt: skip
    http = httpx.Client(transport=httpx.MockTransport(wire))
    widgets = widget.GraphClient("token", http_client=http).widgets
    item = widgets.by_widget_id(WIDGET_ID)
    w = widget.models.Widget.from_dict(WIDGET_JSON)
    assert widgets.get(top=2, filter="size gt 1").value == [w]
    assert widgets.post(widget.models.Widget(size=3)) == w
    assert item.get(select=["size", "tags"]) == w
    assert item.patch(widget.models.Widget(enabled=False), if_match='W/"1"') is None
    assert item.delete(if_match='W/"2"') is None
    assert item.send() is None
    one = f"{WIDGETS}/{WIDGET_ID}"
    assert wire.sent() == [
        ("GET", WIDGETS, {"$top": "2", "$filter": "size gt 1"}),
        ("POST", WIDGETS, {}),
        ("GET", one, {"$select": "size,tags"}),
        ("PATCH", one, {}),
        ("DELETE", one, {}),
        ("POST", f"{one}/send", {}),
    ]
    _, post, _, patch, delete, _ = wire.requests
    assert json.loads(post.content) == {"size": 3}
    assert json.loads(patch.content) == {"enabled": False}
    assert (patch.headers["If-Match"], delete.headers["If-Match"]) == ('W/"1"', 'W/"2"')
    assert {r.headers["Authorization"] for r in wire.requests} == {"Bearer token"}


def test_generated_tests_pass(widget: ModuleType) -> None:
    """The test stubs generated for a new resource pass against the code generated beside them."""
    ran, failures = packages.run_generated_tests(widget)
    assert failures == [], "\n".join(failures)[-4000:]
    assert ran >= 10
