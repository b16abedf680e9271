"""Everyday use from a project: configuration found upwards, template overrides, the API report,
progress on a terminal. The CLI runs in-process, in a scratch copy of the project."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from generator import __version__, cli

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's repository: specs/ and a pyproject.toml, no templates of its own."""
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "mine"\n\n[tool.graph-codegen]\nout = "src/client"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"graph-codegen {__version__}\n"


def test_configuration_is_found_from_a_subfolder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paths in [tool.graph-codegen] are relative to the pyproject.toml, wherever we run."""
    (project / "docs" / "deep").mkdir(parents=True)
    monkeypatch.chdir(project / "docs" / "deep")
    code, out, _ = run(capsys, "generate")
    assert code == 0, out
    assert (project / "src" / "client" / "models" / "customer_payment.py").is_file()
    code, out, _ = run(capsys, "check")
    assert (code, out) == (0, "graph-codegen: ../../src/client/ is current.\n")


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            'template = "t"\n',
            (
                "pyproject.toml:6: [tool.graph-codegen] template: unknown key"
                " (did you mean 'templates'?)"
            ),
        ),
        (
            "specs = 3\n",
            "pyproject.toml:6: [tool.graph-codegen] specs: must be a string",
        ),
        (
            'keep = "notes.md"\n',
            "pyproject.toml:6: [tool.graph-codegen] keep: must be a list of strings",
        ),
    ],
)
def test_configuration_mistakes_are_located(
    project: Path, capsys: pytest.CaptureFixture[str], table: str, expected: str
) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8") + table, encoding="utf-8"
    )
    code, _, err = run(capsys, "generate")
    assert code == 2
    assert err.splitlines()[0] == expected
    assert not (project / "src").exists()


def test_one_template_overridden_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A templates folder may hold only the template a user changes; check sees its edits."""
    own = project / "my_templates"
    own.mkdir()
    model = (TEMPLATES / "model.py.j2").read_text(encoding="utf-8")
    marker = "    # Reviewed by the platform team.\n"
    (own / "model.py.j2").write_text(
        model.replace(
            "    _graph_type: ClassVar", marker + "    _graph_type: ClassVar"
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "generate", "--templates", "my_templates")
    assert code == 0, err
    generated = project / "src" / "client"
    assert marker in (generated / "models" / "customer_payment.py").read_text()
    assert (generated / "builders" / "customer_payment.py").is_file()  # shipped ones
    assert run(capsys, "check", "--templates", "my_templates")[0] == 0
    (own / "model.py.j2").write_text(model, encoding="utf-8")
    code, out, err = run(capsys, "check", "--templates", "my_templates")
    assert code == 1
    assert "src/client/models/customer_payment.py: changed" in out.splitlines()
    assert "the templates changed since the last generate" in err


def _retype_amount(project: Path) -> None:
    spec = project / "specs" / "customer_payment.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text.replace("    type: Decimal", "    type: Double"), encoding="utf-8"
    )


def test_generate_reports_what_changed_in_the_api(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "generate")[0] == 0
    _retype_amount(project)
    code, out, _ = run(capsys, "check", "--fail-on-breaking", "--report", "json")
    report = json.loads(out)
    assert code == 1
    assert report == {
        "breaking": 1,
        "changes": [
            {
                "breaking": True,
                "detail": "retyped Decimal -> Double",
                "resource": "customerPayment",
                "what": "property amount",
            }
        ],
    }
    code, out, _ = run(capsys, "generate")
    assert code == 0
    assert out.splitlines()[1:] == [
        "customerPayment: property amount retyped Decimal -> Double (breaking)",
        "1 API change(s), 1 breaking.",
    ]


def test_a_baseline_manifest_finds_breaking_changes_already_generated(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI compares with the main branch's manifest: a committed break still fails."""
    assert run(capsys, "generate")[0] == 0
    manifest = project / "src" / "client" / ".graph-codegen.json"
    shutil.copy(manifest, project / "main.json")
    _retype_amount(project)
    assert run(capsys, "generate")[0] == 0
    assert run(capsys, "check", "--fail-on-breaking")[0] == 0
    code, out, err = run(
        capsys, "check", "--fail-on-breaking", "--baseline", "main.json"
    )
    assert code == 1
    assert (
        "customerPayment: property amount retyped Decimal -> Double (breaking)" in out
    )
    assert "1 breaking API change(s)" in err


def test_progress_shows_on_a_terminal_only(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    for quiet, shown in (((), True), (("--quiet",), False)):
        shutil.rmtree(project / "src", ignore_errors=True)
        stderr = Tty()
        monkeypatch.setattr("sys.stderr", stderr)
        assert cli.main(["generate", *quiet]) == 0
        assert ("graph-codegen: formatting" in stderr.getvalue()) is shown
        assert ("reading specs 5/5" in stderr.getvalue()) is shown


def test_import_docs_progress_shows_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages read and specs built, erased before the decisions print, which stay as they are."""

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.chdir(tmp_path)
    docs = str(REPO / "tests" / "fixtures" / "docs")
    shown: dict[tuple[bool, bool], str] = {}
    for stream, argv in ((Tty(), ()), (Tty(), ("--quiet",)), (io.StringIO(), ())):
        shutil.rmtree(tmp_path / "specs", ignore_errors=True)
        monkeypatch.setattr("sys.stderr", stream)
        assert cli.main(["import-docs", "--docs", docs, *argv, "widget"]) == 0
        shown[(stream.isatty(), bool(argv))] = stream.getvalue()
    quiet = shown[(True, True)]
    assert "warning: " in quiet and "\r" not in quiet
    assert shown[(False, False)] == quiet
    progress, _, after = shown[(True, False)].rpartition("\r\x1b[K")
    assert after == quiet
    assert "graph-codegen: reading pages 4/4" in progress
    assert "graph-codegen: building specs 4/4" in progress
