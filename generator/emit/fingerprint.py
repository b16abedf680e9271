"""What decides the output bytes, hashed: the specs, the templates, the generator and black.

Nothing else goes in (not the Python version, not other libraries' versions), so a fresh
install of the same project proves an unchanged `generated/` current without rendering.
Only hashlib and black's version module are imported here: the fast path must start quickly.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.emit.manifest import sha256
from generator.render.templates import TemplateSet

_GENERATOR = Path(__file__).resolve().parent.parent
# Parts of the tool that never reach generated/: editing them must not make check re-render.
_NOT_OUTPUT = (
    *("importer", "commands", "cli.py", "__main__.py"),
    *("odata/csdl.py", "odata/edm.py", "check/drift.py"),
)
# Where a wheel puts the shipped templates; they are hashed as "templates", and an editable
# install has none here, so hashing them as generator sources too made the two installs differ.
_SHIPPED_TEMPLATES = "templates"


def inputs(specs: Path, templates: TemplateSet) -> dict[str, Any]:
    """The fingerprint recorded in the manifest and compared by `check`."""
    return {
        "black": black_version(),
        "generator": f"{__version__} {_sources_digest()}",
        "templates": templates.digest(),
        "specs": {  # the folder's name is in every generated header
            f"{specs.name}/{p.name}": sha256(p.read_bytes()) for p in spec_files(specs)
        },
    }


def black_version() -> str:
    """black's version as black records it for itself: importing importlib.metadata to ask
    would take a third of the fast path's imports."""
    try:
        return str(importlib.import_module("_black_version").version)
    except (ImportError, AttributeError):  # a black that does not ship the module
        from importlib import metadata

        return metadata.version("black")


def spec_files(specs: Path) -> list[Path]:
    return sorted([*specs.glob("*.yaml"), *specs.glob("*.yml")])


def salt(fingerprint: dict[str, Any]) -> str:
    """Everything but the specs: a change here changes every file's render key."""
    shared = {k: v for k, v in fingerprint.items() if k != "specs"}
    return hashlib.sha256(json.dumps(shared, sort_keys=True).encode()).hexdigest()


def why_stale(recorded: dict[str, Any], current: dict[str, Any]) -> str | None:
    """One true line on why the manifest's fingerprint is not the current one, or None."""
    if not recorded:
        return "no record of the last generate"
    for key, what in (
        ("generator", "the generator"),
        ("black", "black"),
        ("templates", "the templates"),
    ):
        if recorded.get(key) != current.get(key):
            return f"{what} changed since the last generate"
    old, new = recorded.get("specs") or {}, current["specs"]
    if not isinstance(old, dict):
        return "no record of the specs of the last generate"
    changed = sorted(
        name for name in set(old) | set(new) if old.get(name) != new.get(name)
    )
    if changed:
        shown = ", ".join(changed[:3]) + (" ..." if len(changed) > 3 else "")
        return f"{len(changed)} spec(s) changed since the last generate: {shown}"
    return None


def _sources_digest() -> str:
    """The generator's own sources: a change to any of them may change the output."""
    digest = hashlib.sha256()
    paths = sorted(_GENERATOR.rglob("*.py")) + sorted(_GENERATOR.glob("*.json"))
    for path in paths:
        relative = path.relative_to(_GENERATOR).as_posix()
        skipped = (*_NOT_OUTPUT, _SHIPPED_TEMPLATES)
        if "__pycache__" not in path.parts and not _under(relative, skipped):
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _under(relative: str, tops: tuple[str, ...]) -> bool:
    """Whether a source path is one of `tops` or inside one of those folders."""
    return any(relative == top or relative.startswith(f"{top}/") for top in tops)
