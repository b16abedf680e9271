"""The output folder is the generator's: where it may be, and what in it is someone else's.

Generate owns every file of its output folder but the ones `keep` names, so it refuses a
folder that is (or holds) the project, its specs or its templates, and a folder that holds
files it did not write, before anything is written. A folder it wrote before, left behind when
`out` changed, is recognised by its manifest.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from generator.emit.manifest import MANIFEST, Entry, parse
from generator.report.problems import InputError, Problem
from generator.spec.safeio import read_regular

IGNORED_DIRS = frozenset({"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"})
_SHOWN = 20  # foreign files named one by one; more are counted
# Folders a search for earlier output folders never enters: tools' and environments' own.
_NOT_SEARCHED = frozenset({"node_modules", "site-packages", "__pycache__"})
_SEARCH_DEPTH = 4


def kept(path: str, keep: Sequence[str]) -> bool:
    """A user's own file in the output folder, named by a `keep` glob of the configuration."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in keep)


def on_disk(out: Path, keep: Sequence[str] = ()) -> Iterator[str]:
    """Every file below `out` a user could care about, as relative POSIX paths."""
    if not out.is_dir():
        return
    for root, dirs, files in os.walk(out):
        dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS)
        folder = Path(root).relative_to(out).as_posix()
        prefix = "" if folder == "." else f"{folder}/"
        for name in sorted(files):
            if name.endswith(".pyc") or name == MANIFEST:
                continue
            if not kept(prefix + name, keep):
                yield prefix + name


def foreign(
    out: Path,
    files: Mapping[str, bytes],
    owned: Mapping[str, Entry],
    keep: Sequence[str],
) -> list[str]:
    """Files in `out` the manifest does not list and `keep` does not name, other than those
    that are already byte for byte what generate writes there (nothing of them is lost).
    """
    found = []
    for path in on_disk(out, keep):
        if path in owned:
            continue
        if path in files and _same(out / path, files[path]):
            continue
        found.append(path)
    return found


def refuse_foreign(out: Path, paths: list[str]) -> None:
    """Exit 2 naming the foreign files: generate would own a folder that holds a user's files."""
    if not paths:
        return
    message = (
        "was not written by graph-codegen and no `keep` names it; generate owns "
        f"{out.name}/: move the file out, or name it in `keep` under [tool.graph-codegen]"
    )
    problems = [Problem(_shown(out / path), 0, message) for path in paths[:_SHOWN]]
    if len(paths) > _SHOWN:
        more = len(paths) - _SHOWN
        problems.append(
            Problem(
                "", 0, f"and {more} more file(s) in {_shown(out)}/ it did not write"
            )
        )
    raise InputError(problems)


def _shown(path: Path) -> str:
    """A path as messages show it: relative to where the command runs."""
    return os.path.relpath(path, Path.cwd())


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def placement(out: Path, root: Path, specs: Path, templates: Path | None) -> str | None:
    """Why `out` can never be an output folder (it holds the project or its inputs), or None."""
    folder = out.resolve()
    if root.resolve().is_relative_to(folder):
        return "is the project folder or holds it"
    for what, path in (("specs", specs), ("templates", templates)):
        if path is None:
            continue
        inputs = path.resolve()
        if inputs == folder:
            return f"is the {what} folder"
        if inputs.is_relative_to(folder):
            return f"holds the {what} folder {_shown(path)}/"
        if folder.is_relative_to(inputs):
            return f"is inside the {what} folder {_shown(path)}/"
    return None


def earlier_outputs(root: Path, out: Path, specs: Path) -> list[Path]:
    """Output folders generate wrote before from the same spec folder, other than `out`.

    Searched (a few levels deep, hidden folders and environments left out) only when `out`
    has no manifest yet: that is when `out` changed.
    """
    found = []
    target = out.resolve()
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        depth = len(here.relative_to(root).parts)
        dirs[:] = sorted(
            d
            for d in dirs
            if depth < _SEARCH_DEPTH
            and not d.startswith(".")
            and d not in _NOT_SEARCHED
            and not (here / d / "pyvenv.cfg").exists()
        )
        if MANIFEST in files and here.resolve() != target and _made_from(here, specs):
            found.append(here)
    return found


def _made_from(folder: Path, specs: Path) -> bool:
    """A manifest of this tool whose inputs were specs of a folder named like `specs`."""
    try:
        recorded = parse(read_regular(folder / MANIFEST)).inputs.get("specs")
    except (OSError, ValueError):
        return False
    return isinstance(recorded, dict) and any(
        isinstance(name, str) and name.startswith(f"{specs.name}/") for name in recorded
    )
