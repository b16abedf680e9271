"""Generated packages in the test process: written to a folder, imported under a name of their
own, their generated tests run, then forgotten.

The generated package imports itself only relatively, so a copy in `<root>/<name>/` imports as
`<name>`: many of them live side by side in one process without clashing in `sys.modules`.

Four are generated once per session for the runtime's tests, from specs the shipped ones do not
cover. `todo()`: tests/fixtures/specs/todo, a small To Do API as the Graph docs describe it:
singletons (`/me`), single-valued navigation (`/me/todo`), two specs naming one parameter
differently (`{userId}`, `{id}`), navigation properties whose operations differ, a PUT update,
`Prefer` and `ConsistencyLevel` headers, a complex property and collections. `inheritance()`:
the derived types of tests/fixtures/specs/inheritance (the attachments of a message).
`files()`: drive items with content, large-file uploads and a copy that runs long, and a
photo's `$value`, from tests/fixtures/specs/files. `enums()`: tests/fixtures/specs/enums, chats
and their messages: evolvable enums (one with a member after `unknownFutureValue`), a flags
enum, an open one, and a collection of enum values.
"""

from __future__ import annotations

import atexit
import importlib
import pkgutil
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType

from generator.emit.pipeline import Options, produce

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent / "templates"
SPECS = HERE / "fixtures" / "specs"


def todo() -> ModuleType:
    """The package generated from tests/fixtures/specs/todo."""
    return _generate("todo")


def files() -> ModuleType:
    """The package generated from tests/fixtures/specs/files."""
    return _generate("files")


def inheritance() -> ModuleType:
    """The package generated from tests/fixtures/specs/inheritance."""
    return _generate("inheritance")


def operations() -> ModuleType:
    """The package generated from tests/fixtures/specs/operations: actions, functions,
    delta, `$ref`, alternate keys and path addressing."""
    return _generate("operations")


def whole_api() -> ModuleType:
    """The package generated from tests/fixtures/specs/wholeapi: cases the whole v1.0 API
    met (a Double and a flags enum argument, set-bound actions inherited by a singleton).
    """
    return _generate("wholeapi")


def enums() -> ModuleType:
    """The package generated from tests/fixtures/specs/enums."""
    return _generate("enums")


def derive() -> ModuleType:
    """The package generated from tests/fixtures/specs/derive: every OData primitive alone
    and in a collection, an abstract open base and a type derived from it, flags and open
    enums, a complex type that holds itself, navigation to the same and to the base."""
    return _generate("derive")


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


def write(files: dict[str, bytes], folder: Path) -> None:
    """Write produced files (relative path -> bytes) below `folder`."""
    for path, data in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def load(root: Path, name: str) -> ModuleType:
    """Import `root/name` as the package `name`, with every module in it."""
    sys.path.insert(0, str(root))
    try:
        importlib.invalidate_caches()
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            importlib.import_module(info.name)
        return package
    finally:
        sys.path.remove(str(root))


def unload(name: str) -> None:
    """Forget `name` and its modules, so a later package may take the name."""
    for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
        del sys.modules[module]


def generated_tests(package: ModuleType) -> list[tuple[str, Callable[[], object]]]:
    """The tests pytest would collect from the package's `tests/`: `Test*` classes' `test*`
    methods and `test*` functions, each with a name to report it by."""
    found: list[tuple[str, Callable[[], object]]] = []
    folder = importlib.import_module(f"{package.__name__}.tests")
    for info in pkgutil.iter_modules(folder.__path__, f"{folder.__name__}."):
        if not info.name.rpartition(".")[2].startswith("test_"):
            continue
        module = importlib.import_module(info.name)
        for name, value in sorted(vars(module).items()):
            if isinstance(value, type) and name.startswith("Test"):
                found += [
                    (f"{info.name}::{name}::{method}", getattr(value(), method))
                    for method in sorted(dir(value))
                    if method.startswith("test") and callable(getattr(value, method))
                ]
            elif name.startswith("test") and callable(value):
                found.append((f"{info.name}::{name}", value))
    return found


def run_generated_tests(package: ModuleType) -> tuple[int, list[str]]:
    """Run every generated test; returns how many ran and the failures with their tracebacks."""
    tests = generated_tests(package)
    failures = []
    for name, test in tests:
        try:
            test()
        except Exception:  # noqa: BLE001 - every failure is reported, as pytest would
            failures.append(f"{name}\n{traceback.format_exc()}")
    return len(tests), failures
