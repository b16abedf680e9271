"""Whether `--docs` names a folder laid out as the Graph docs are, and where one is if it does not.

Pointing one level too deep (at `resources/`) or too high (at the repository that holds
`api-reference/v1.0`) is the usual slip: the message names the folder that was meant.
"""

from __future__ import annotations

from pathlib import Path

from generator.report.problems import Problem

_PARTS = ("resources", "api")
_DEPTH = 3  # how far below the given folder docs folders are looked for


def docs_problem(docs: Path) -> Problem | None:
    """Why `docs` is not a docs folder (it has neither resources/ nor api/), or None."""
    if not docs.is_dir():
        return Problem("", 0, f"--docs {docs} is not a folder")
    if _is_docs(docs):
        return None
    message = f"--docs {docs} is not a docs folder: it has no resources/ and api/"
    return Problem("", 0, message + _hint(docs))


def _is_docs(folder: Path) -> bool:
    return any((folder / part).is_dir() for part in _PARTS)


def _hint(docs: Path) -> str:
    if docs.name in _PARTS and _is_docs(docs.parent):
        return f" (it is the {docs.name}/ folder of one: --docs {docs.parent})"
    below = _below(docs, _DEPTH)
    if below:
        shown = ", ".join(f"--docs {folder}" for folder in below[:3])
        return f" (docs folders below it: {shown})"
    return ""


def _below(folder: Path, depth: int) -> list[Path]:
    """Docs folders below `folder`, nearest first; hidden folders are not searched."""
    found: list[Path] = []
    level = [folder]
    for _ in range(depth):
        level = sorted(
            child
            for parent in level
            for child in _children(parent)
            if not child.name.startswith(".")
        )
        found += [child for child in level if _is_docs(child)]
        if found:
            return found
    return found


def _children(folder: Path) -> list[Path]:
    try:
        return [c for c in folder.iterdir() if c.is_dir() and not c.is_symlink()]
    except OSError:
        return []
