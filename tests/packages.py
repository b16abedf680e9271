"""Packages generated for the runtime's tests, once per session, from specs the shipped ones
do not cover.

`todo()`: tests/fixtures/specs/todo, a small To Do API as the Graph docs describe it: singletons (`/me`), single-valued
navigation (`/me/todo`), two specs naming one parameter differently (`{userId}`, `{id}`),
navigation properties whose operations differ, a PUT update, `Prefer` and `ConsistencyLevel`
headers, a complex property and collections. `inheritance()`: the derived types of
tests/fixtures/specs/inheritance (the attachments of a message).
"""

from __future__ import annotations

import atexit
import importlib
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path
from types import ModuleType

from generator.pipeline import Options, produce

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent / "templates"
SPECS = HERE / "fixtures" / "specs"


def todo() -> ModuleType:
    """The package generated from tests/fixtures/specs/todo."""
    return _generate("todo")


def inheritance() -> ModuleType:
    """The package generated from tests/fixtures/specs/inheritance."""
    return _generate("inheritance")


@cache
def _generate(name: str) -> ModuleType:
    root = Path(tempfile.mkdtemp(prefix="graph-codegen-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    package = f"{name}_client"
    for path, data in produce(Options(SPECS / name, TEMPLATES, root / package)).items():
        target = root / package / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    sys.path.insert(0, str(root))
    return importlib.import_module(package)
