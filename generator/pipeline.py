"""The stages in order: load specs, build the model, render, format. Nothing here writes to disk."""

from __future__ import annotations

import hashlib
import importlib.metadata
import sys
from dataclasses import dataclass
from pathlib import Path

from generator import __version__, escape
from generator.check import check
from generator.format import format_source
from generator.model import build_resources, header
from generator.navigation import build_navigation
from generator.render import RUNTIME, Package, render
from generator.reserved import reserved
from generator.spec import load_specs

MANIFEST = ".graph-codegen.json"
# What the output depends on besides our own sources: a new version may change a byte.
_LIBRARIES = ("black", "jinja2", "msgspec", "pyyaml", "jsonschema")


@dataclass(frozen=True)
class Options:
    specs: Path
    templates: Path
    out: Path


def produce(options: Options) -> dict[str, bytes]:
    """Every file of the generated package, formatted: relative path -> bytes."""
    schema = check(load_specs(options.specs), reserved(options.templates / RUNTIME))
    resources = build_resources(schema)
    navigation = build_navigation([t.spec for t in schema])
    package = Package(
        resources=tuple(resources),
        navigation=navigation,
        base_url=escape.literal(schema.base_url),
        header=header(f"the specs in {options.specs.name}/"),
    )
    rendered = render(package, options.templates)
    return {
        path: format_source(path, template, source).encode("utf-8")
        for path, (template, source) in sorted(rendered.items())
    }


def fingerprint(options: Options) -> dict[str, object]:
    """Hashes of everything the output depends on, so an unchanged project is proved current fast."""
    generator_dir = Path(__file__).parent
    return {
        "generator": __version__,
        "generator_sources": _hash_files(
            sorted(generator_dir.rglob("*.py")) + sorted(generator_dir.glob("*.json")),
            generator_dir,
        ),
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "libraries": {name: importlib.metadata.version(name) for name in _LIBRARIES},
        "templates": _hash_files(
            sorted(p for p in options.templates.rglob("*") if p.is_file()),
            options.templates,
        ),
        "specs": {  # the folder's name is in every generated header
            f"{options.specs.name}/{p.name}": sha256(p.read_bytes())
            for p in sorted(options.specs.glob("*.y*ml"))
        },
    }


def _hash_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        if "__pycache__" in path.parts:
            continue
        digest.update(
            path.relative_to(root).as_posix().encode()
            + b"\0"
            + path.read_bytes()
            + b"\0"
        )
    return digest.hexdigest()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
