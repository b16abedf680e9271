"""What decides the output bytes, hashed: the specs, the templates, the generator and black.

Nothing else goes in (not the Python version, not other libraries' versions), so a fresh
install of the same project proves an unchanged `generated/` current without rendering.
Only hashlib and importlib.metadata are imported here: the fast path must start quickly.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.manifest import sha256
from generator.templates import TemplateSet

_GENERATOR = Path(__file__).resolve().parent
# Parts of the tool that never reach generated/: editing them must not make check re-render.
_NOT_OUTPUT = ("importer", "csdl.py", "drift.py", "cli.py", "config.py", "__main__.py")


def inputs(specs: Path, templates: TemplateSet) -> dict[str, Any]:
    """The fingerprint recorded in the manifest and compared by `check`."""
    return {
        "black": importlib.metadata.version("black"),
        "generator": f"{__version__} {_sources_digest()}",
        "templates": templates.digest(),
        "specs": {  # the folder's name is in every generated header
            f"{specs.name}/{p.name}": sha256(p.read_bytes()) for p in spec_files(specs)
        },
    }


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
        parts = path.relative_to(_GENERATOR).parts
        if "__pycache__" not in parts and parts[0] not in _NOT_OUTPUT:
            relative = path.relative_to(_GENERATOR).as_posix()
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
