"""Names the generated modules already use, read from the runtime sources so they never drift."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.odata.types import PRIMITIVES

# Imported by the model, builder and test templates next to the model classes.
_TEMPLATE_IMPORTS = frozenset({"Any", "AsyncGraphClient", "ClassVar", "GraphClient"})


@dataclass(frozen=True)
class Reserved:
    """Class names a model class must not take, and attribute names a model already has."""

    classes: frozenset[str]
    members: frozenset[str]


# The runtime modules that declare the contracts generated tests inherit.
_CONTRACTS = (
    "testing.py",
    "testing_models.py",
    "testing_clients.py",
    "testing_enums.py",
)


def reserved(runtime: Mapping[str, Path]) -> Reserved:
    """What the runtime (its sources by file name) exports and puts on every model."""
    init, model, *testing = (
        runtime.get(name, Path(name))
        for name in ("__init__.py", "model.py", *_CONTRACTS)
    )
    return _reserved(
        init,
        _stamp(init),
        model,
        _stamp(model),
        tuple(testing),
        tuple(_stamp(path) for path in testing),
    )


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (0, 0)
    return (info.st_mtime_ns, info.st_size)


@cache
def _reserved(
    init: Path,
    _init_stamp: object,
    model: Path,
    _model_stamp: object,
    testing: tuple[Path, ...],
    _testing_stamp: object,
) -> Reserved:
    stdlib = {
        spec.partition(":")[2]
        for primitive in PRIMITIVES.values()
        for spec in primitive.imports
        if not spec.startswith("runtime:")
    }
    contracts = {name for module in testing for name in _classes(module)}
    classes = _exports(init) | contracts | _TEMPLATE_IMPORTS | stdlib
    return Reserved(frozenset(classes), frozenset(_members(model)))


def _tree(path: Path) -> ast.Module:
    try:
        return ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return ast.Module(body=[], type_ignores=[])


def _exports(path: Path) -> set[str]:
    """The names in `__all__` of the runtime package."""
    for node in _tree(path).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            value = node.value if isinstance(node, ast.Assign) else None
            if isinstance(value, ast.List | ast.Tuple):
                return {
                    e.value
                    for e in value.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
    return set()


def _classes(path: Path) -> set[str]:
    """The public classes of a runtime module the generated tests import from."""
    return {
        node.name
        for node in _tree(path).body
        if isinstance(node, ast.ClassDef) and not node.name.startswith("_")
    }


def _members(path: Path) -> set[str]:
    """Public names defined in the runtime's model classes (msgspec Structs and their subclasses)."""
    names: set[str] = set()
    models = {"Struct"}
    for node in _tree(path).body:
        if not isinstance(node, ast.ClassDef) or not any(
            _base_name(b) in models for b in node.bases
        ):
            continue
        models.add(node.name)
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(item.name)
            elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                names.add(item.target.id)
    return {name for name in names if not name.startswith("_")}


def _base_name(node: ast.expr) -> str:
    """`msgspec.Struct` and `Struct` are both `Struct`."""
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""
