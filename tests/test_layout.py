"""The generator's packages keep the pipeline's order: no import climbs a layer or closes a circle,
and every subcommand module is registered with the command line."""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

import pytest

import generator.commands
from generator import cli

GENERATOR = Path(cli.__file__).resolve().parent
# Bottom to top: a module may import its own package and those below it, never one above.
LAYERS = (
    "report",
    "odata",
    "spec",
    "check",
    "model",
    "render",
    "emit",
    "importer",
    "commands",
    "cli",
    "__main__",
)


def _module(path: Path) -> str:
    parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every generator module a file imports, TYPE_CHECKING and function-level ones too."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "generator":
                found |= {f"generator.{a.name}" for a in node.names}
            elif node.module.startswith("generator."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("generator.")}
    return found


GRAPH = {_module(p): _imports(p) for p in sorted(GENERATOR.rglob("*.py"))}


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else -1


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_module_imports_a_higher_layer(module: str) -> None:
    above = sorted(i for i in GRAPH[module] if _layer(i) > _layer(module))
    assert above == [], f"{module} imports from a higher layer"


def test_no_import_circle() -> None:
    known = {m: {i for i in imports if i in GRAPH} for m, imports in GRAPH.items()}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, " -> ".join((*path, module))
        if module not in done:
            for target in sorted(known[module]):
                if not target.startswith(f"{module}.") or module == "generator":
                    visit(target, (*path, module))
            done.add(module)

    for module in sorted(known):
        visit(module, ())


def test_every_command_module_is_registered() -> None:
    modules = {
        info.name
        for info in pkgutil.iter_modules(generator.commands.__path__)
        if hasattr(cli.command(info.name), "NAME")
    }
    assert modules == set(cli.COMMANDS)


@pytest.mark.parametrize("name", cli.COMMANDS)
def test_a_command_has_what_the_parser_asks(name: str) -> None:
    command = cli.command(name)
    assert command.NAME == name.replace("_", "-")
    assert command.HELP and callable(command.arguments) and callable(command.main)


def test_the_importer_rules_are_a_leaf() -> None:
    """Every stage of the importer decides by the rules of its registry; the registry imports
    no stage, so any stage may name a rule."""
    for module, imports in GRAPH.items():
        if module.startswith("generator.importer.rules"):
            above = {
                i
                for i in imports
                if i.startswith("generator.importer.")
                and not i.startswith("generator.importer.rules")
            }
            assert above == set(), f"{module} imports {sorted(above)}"


# The importer's own layers, bottom to top: a module imports its own subpackage and those
# below it; its `__init__` drives them all, and `output` only formats and writes what it gets.
IMPORTER = (
    "rules",
    "log",
    "docs",
    "metadata",
    "types",
    "operations",
    "specs",
    "agree",
    "output",
)


def _importer_layer(module: str) -> int:
    parts = module.split(".")
    if parts[:2] != ["generator", "importer"]:
        return -1
    return IMPORTER.index(parts[2]) if len(parts) > 2 else len(IMPORTER)


def test_every_importer_module_is_in_a_layer() -> None:
    """A new importer module goes into one of the subpackages, never beside them."""
    for module in GRAPH:
        if module.startswith("generator.importer."):
            assert module.split(".")[2] in IMPORTER, module


@pytest.mark.parametrize(
    "module", [m for m in sorted(GRAPH) if m.startswith("generator.importer.")]
)
def test_no_importer_module_imports_a_higher_importer_layer(module: str) -> None:
    above = sorted(
        i for i in GRAPH[module] if _importer_layer(i) > _importer_layer(module)
    )
    assert above == [], f"{module} imports from a higher importer layer"
