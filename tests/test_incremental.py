"""A regenerate renders only what an edit changes, and writes exactly what a full run writes.

Each case edits a generated project, regenerates it in place (reusing what the manifest
recorded), generates the edited specs from nothing in another folder, and compares the two
trees byte for byte, manifest included.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.emit import manifest
from generator.emit.pipeline import Options, build
from generator.spec import load as spec_module

REPO = Path(__file__).resolve().parent.parent
INHERITANCE = REPO / "tests" / "fixtures" / "specs" / "inheritance"

Edit = Callable[[Path], None]


def _tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _generate(project: Path, monkeypatch: pytest.MonkeyPatch, *argv: str) -> None:
    monkeypatch.chdir(project)
    assert cli.main(["generate", "--quiet", *argv]) == 0


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped specs and the inheritance fixtures, generated once."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "specs", root / "specs")
    for spec in INHERITANCE.glob("*.yaml"):
        text = spec.read_text(encoding="utf-8").replace("v1.0", "beta")
        (root / "specs" / spec.name).write_text(text, encoding="utf-8")
    _generate(root, monkeypatch)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def edit_two_resources(project: Path) -> None:
    specs = project / "specs"
    _replace(specs / "customer_payment.yaml", "type: Int32", "type: Int64")
    _replace(
        specs / "customer.yaml", 'description: "The customer\'s postal address."',
        'description: "Where the customer is."',
    )  # fmt: skip
    _replace(specs / "item_body.yaml", "type: bodyType", "type: String")


def rename_a_type(project: Path) -> None:
    old = project / "specs" / "item_attachment.yaml"
    _replace(old, "name: itemAttachment", "name: embeddedItem")
    old.rename(project / "specs" / "embedded_item.yaml")


def delete_a_spec(project: Path) -> None:
    (project / "specs" / "file_attachment.yaml").unlink()


def override_a_template(project: Path) -> None:
    (project / "templates").mkdir()
    model = (REPO / "templates" / "model.py.j2").read_text(encoding="utf-8")
    marker = "    # Models of this package are generated; edit the specs.\n"
    (project / "templates" / "model.py.j2").write_text(
        model.replace(
            "    _graph_type: ClassVar", marker + "    _graph_type: ClassVar"
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "edit", [edit_two_resources, rename_a_type, delete_a_spec, override_a_template]
)
def test_a_regenerate_writes_what_a_full_run_writes(
    edit: Edit, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(project)
    _generate(project, monkeypatch)
    fresh = tmp_path / "fresh"
    shutil.copytree(project / "specs", fresh / "specs")
    if (project / "templates").exists():
        shutil.copytree(project / "templates", fresh / "templates")
    _generate(fresh, monkeypatch)
    assert _tree(project / "generated") == _tree(fresh / "generated")


def test_one_edit_renders_only_what_it_changes(project: Path) -> None:
    out = project / "generated"
    previous = manifest.read(out)
    options = Options(project / "specs", None, out)
    assert build(options, previous).rendered == 0  # nothing changed: nothing formatted
    edit_two_resources(project)
    changed = build(options, previous)
    # The three edited types' model, validation and test modules, their builders, and the
    # package files whose text an edit of a type changes (none here: names are the same).
    assert 0 < changed.rendered <= 12
    assert changed.rendered < len(changed.files) / 5


def test_parsed_specs_are_kept_between_runs(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regenerate parses only the spec that changed; git ignores the cache by itself."""
    cache = project / ".graph-codegen-cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    parsed: list[str] = []
    real = spec_module.load_spec

    def counting(text: str, file: str, source: str | None = None) -> Any:
        parsed.append(Path(file).name)
        return real(text, file, source)

    monkeypatch.setattr(spec_module, "load_spec", counting)
    _replace(project / "specs" / "item_body.yaml", "type: bodyType", "type: String")
    _generate(project, monkeypatch)
    assert parsed == ["item_body.yaml"]
