"""Lines of code for the same resources: a generated package, and the official SDK's files.

The SDK's share of a set of specs is, for each type, its model module (and its collection
response, for an entity with paths), and for each path the specs declare (the collection, its
items, singletons, bound actions), the request builder modules of the SDK's folder for that path
(`/me/events/{eventId}` is `users/item/events/item/`, since the SDK serves `/me` as a user item).
The specs are read as YAML, in the documented format, so this module does not depend on the
generator's internals.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

DEFAULT_NAMESPACE = "microsoft.graph"


def lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def code_lines(path: Path) -> int:
    """Lines that hold code: docstrings (of modules, classes, functions and attributes),
    comments and blank lines left out, so descriptions weigh the same on both sides."""
    text = path.read_text(encoding="utf-8")
    docs: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            docs.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT}
    skip.add(tokenize.DEDENT)
    code: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type not in skip and token.type != tokenize.ENDMARKER:
            code.update(range(token.start[0], token.end[0] + 1))
    return len(code - docs)


def ours_code(out: Path) -> int:
    """Code lines of a generated package, tests left out (see `code_lines`)."""
    return sum(
        code_lines(path)
        for path in out.rglob("*.py")
        if "__pycache__" not in path.parts and path.relative_to(out).parts[0] != "tests"
    )


def ours(out: Path) -> dict[str, int]:
    """Lines of a generated package by part: models, builders, validation, runtime, tests,
    and the rest (client, `__init__` files); `__pycache__` excluded."""
    parts = dict.fromkeys(("models", "builders", "validation", "runtime", "tests"), 0)
    parts["other"] = 0
    for path in out.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        top = path.relative_to(out).parts[0]
        parts[top if top in parts else "other"] += lines(path)
    return parts


def snake(name: str) -> str:
    """The SDK's file and folder names: `mailFolders` -> `mail_folders`."""
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", "_", text).lower()


def _specs(specs: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(specs.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict):
            yield data


def _model_files(spec: dict[str, Any]) -> list[str]:
    namespace = spec.get("namespace", DEFAULT_NAMESPACE)
    below = namespace.removeprefix(DEFAULT_NAMESPACE).strip(".")
    folder = "/".join(["models", *(snake(p) for p in below.split(".") if p)])
    name = snake(spec["name"])
    found = [f"{folder}/{name}.py"]
    if (spec.get("paths") or {}).get("collection"):
        found.append(f"{folder}/{name}_collection_response.py")
    return found


def _paths(spec: dict[str, Any]) -> list[str]:
    """Every path a spec declares: collections, their items, singletons, bound actions."""
    paths = spec.get("paths") or {}
    collections = list(paths.get("collection") or [])
    item = paths.get("item") or ""
    items = [c + item for c in collections if item]
    singles = list(paths.get("single") or [])
    actions = [
        f"{target}/{name}"
        for name in (spec.get("actions") or {})
        for target in (items or singles)
    ]
    return collections + items + singles + actions


def sdk_folder(path: str) -> str:
    """The SDK folder of a URL path: keys are `item`, `/me` is `users/item`."""
    segments = [s for s in path.split("/") if s]
    if segments[:1] == ["me"]:
        segments = ["users", "{userId}", *segments[1:]]
    return "/".join(
        "item" if s.startswith("{") else snake(s.split("(")[0]) for s in segments
    )


def theirs(specs: Path, sdk_root: Path) -> dict[str, int]:
    """Lines of the SDK's modules for the same types and paths, and how many paths it has."""
    files: set[Path] = set()
    found = total = 0
    for spec in _specs(specs):
        files.update(sdk_root / f for f in _model_files(spec))
        for path in _paths(spec):
            total += 1
            folder = sdk_root / sdk_folder(path)
            if folder.is_dir():
                found += 1
                files.update(folder.glob("*.py"))
    present = [f for f in files if f.is_file() and f.name != "__init__.py"]
    return {
        "lines": sum(lines(f) for f in present),
        "code": sum(code_lines(f) for f in present),
        "files": len(present),
        "paths": total,
        "paths_found": found,
    }
