"""The generator's fingerprint is the same however the tool is installed, and only its sources move it."""

from __future__ import annotations

import importlib.metadata
import shutil
import sys
from pathlib import Path

import pytest

from generator.emit import fingerprint

ROOT = Path(__file__).resolve().parent.parent


def _digest(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(fingerprint, "_GENERATOR", folder)
    return fingerprint._sources_digest()


def test_a_wheel_and_an_editable_install_fingerprint_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wheel ships the templates inside generator/; they are hashed as templates, not here."""
    ignore = shutil.ignore_patterns("__pycache__")
    editable = shutil.copytree(ROOT / "generator", tmp_path / "editable", ignore=ignore)
    wheel = shutil.copytree(editable, tmp_path / "wheel")
    shutil.copytree(ROOT / "templates", wheel / "templates", ignore=ignore)
    assert _digest(editable, monkeypatch) == _digest(wheel, monkeypatch)
    (wheel / "render" / "jinja.py").write_text("# changed\n", encoding="utf-8")
    assert _digest(editable, monkeypatch) != _digest(wheel, monkeypatch)


def test_black_is_recorded_at_the_version_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed = importlib.metadata.version("black")
    assert fingerprint.black_version() == installed
    monkeypatch.setitem(
        sys.modules, "_black_version", None
    )  # a black without the module
    assert fingerprint.black_version() == installed
