"""The shape of the generator's code, in figures: modules, import edges, module and function sizes.

Usage (from the repository root): python benchmarks/layout.py [PACKAGE]   (default: generator)

What a redesign is measured by, before and after: how many modules import how many others (every
import counts, `TYPE_CHECKING` ones too), how long modules and functions are, and the largest
modules. `tests/test_layout.py` is the verdict on the rules (no upward import, no circle); this
prints the figures.
"""

from __future__ import annotations

import ast
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def modules(package: Path) -> dict[str, Path]:
    """Every module of a package by its dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that one module imports."""
    found: set[str] = set()
    here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = here[: len(here) - (node.level - 1)]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in known:
                    found.add(full)
                elif base in known and base != name:
                    found.add(base)
    return found


def function_lines(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


def main() -> int:
    package = ROOT / (sys.argv[1] if len(sys.argv) > 1 else "generator")
    known = modules(package)
    edges = sum(len(imports(name, path, known)) for name, path in known.items())
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in known.items()
    }
    functions = [n for path in known.values() for n in function_lines(path)]
    print(f"modules {len(known)}, import edges {edges}")
    print(
        f"module lines median {statistics.median(sizes.values()):.0f}, "
        f"largest {max(sizes.values())}; over 300: {sum(n > 300 for n in sizes.values())}"
    )
    print(
        f"function lines median {statistics.median(functions):.0f}, largest {max(functions)}"
    )
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:12]
    print("largest: " + ", ".join(f"{name} {n}" for name, n in largest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
