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
from generator.model import units
from generator.spec import folder as spec_folder

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


def reach_the_types_that_read_one(project: Path) -> None:
    """Edits whose effects reach other types' models and builders: an enum made flags and
    given a member after `unknownFutureValue` (the hints and the `Prefer` header of every type
    that can hold it), a property added to a base type (its derived types' tests), and query
    options taken from an operation (the builders)."""
    specs = project / "specs"
    _replace(
        specs / "body_type.yaml",
        "members: [text, html]",
        "flags: true\nmembers: [text, html, unknownFutureValue, markdown]",
    )
    _replace(
        specs / "attachment.yaml",
        "  size:\n    type: Int32\n",
        "  size:\n    type: Int32\n  isInline:\n    type: Boolean\n",
    )
    _replace(specs / "message.yaml", "query: [filter, top, select]", "query: [top]")


def add_a_path(project: Path) -> None:
    """A new route to a type: the request builders of the package are made again."""
    _replace(
        project / "specs" / "message.yaml",
        "collection: [/me/messages]",
        "collection: [/me/messages, /me/mailFolders/inbox/messages]",
    )


@pytest.mark.parametrize(
    "edit",
    [
        edit_two_resources,
        rename_a_type,
        delete_a_spec,
        override_a_template,
        reach_the_types_that_read_one,
        add_a_path,
    ],
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
    real = spec_folder.load_spec

    def counting(text: str, file: str, source: str | None = None) -> Any:
        parsed.append(Path(file).name)
        return real(text, file, source)

    monkeypatch.setattr(spec_folder, "load_spec", counting)
    _replace(project / "specs" / "item_body.yaml", "type: bodyType", "type: String")
    _generate(project, monkeypatch)
    assert parsed == ["item_body.yaml"]


def test_edits_in_turn_each_write_what_a_full_run_writes(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caches carry over from edit to edit, back to where it started: each regenerate
    is a full run of the specs of that moment."""
    original = _tree(project / "generated")
    saved = {p.name: p.read_bytes() for p in (project / "specs").glob("*.yaml")}
    for step, edit in enumerate((reach_the_types_that_read_one, edit_two_resources)):
        edit(project)
        _generate(project, monkeypatch)
        fresh = tmp_path / f"fresh{step}"
        shutil.copytree(project / "specs", fresh / "specs")
        _generate(fresh, monkeypatch)
        assert _tree(project / "generated") == _tree(fresh / "generated")
    for name, data in saved.items():
        (project / "specs" / name).write_bytes(data)
    _generate(project, monkeypatch)
    assert _tree(project / "generated") == original


def test_builders_are_made_again_only_when_what_they_read_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A description, a property's type: the request builders come from the cache. A route:
    they are made again."""
    made: list[int] = []
    real = units.build_navigation
    monkeypatch.setattr(
        units, "build_navigation", lambda *a: made.append(1) or real(*a)
    )
    specs = project / "specs"
    _replace(specs / "attachment.yaml", "type: Int32", "type: Int64")
    _replace(
        specs / "customer_payment.yaml",
        "description: A payment received",
        "description: A payment taken",
    )
    _generate(project, monkeypatch)
    assert made == []
    add_a_path(project)
    _generate(project, monkeypatch)
    assert made == [1]


def test_a_problem_in_a_cached_spec_is_at_its_line(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cache keeps a spec's lines aside, read when a problem needs one: a spec taken
    from the cache is reported where a freshly read one is."""
    (project / "specs" / "item_body.yaml").unlink()  # message.yaml names it, unchanged
    monkeypatch.chdir(project)
    capsys.readouterr()
    assert cli.main(["generate", "--quiet"]) == 2
    cached = capsys.readouterr().err
    shutil.rmtree(project / ".graph-codegen-cache")
    assert cli.main(["generate", "--quiet"]) == 2
    assert capsys.readouterr().err == cached
    assert "specs/message.yaml:9: properties.body.type: unknown type" in cached
