"""`[tool.graph-codegen]` of the nearest pyproject.toml: found upwards, checked, paths made absolute.

Paths in the table are relative to the folder of the pyproject.toml that holds it, so the
commands work from any subfolder of a project. An unknown key or a value of the wrong kind is a
located problem, not something silently ignored.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.report.problems import InputError, Problem, plain, suggestion
from generator.spec.safeio import outside

PYPROJECT = "pyproject.toml"
_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*[\"']?graph-codegen[\"']?\s*\]\s*(#.*)?$")
# A table meant for graph-codegen under another spelling: read, to be reported, not skipped.
_LOOKALIKE = re.compile(
    r"^\s*\[\s*(tools?\s*\.\s*)?[\"']?graph[-_ .]?codegen[\"']?\s*\]", re.IGNORECASE
)
_PATHS = {"specs": "specs", "templates": "templates", "out": "generated"}
_KEYS = {**_PATHS, "keep": "a list of globs", "metadata": "a CSDL file"}


@dataclass(frozen=True)
class Config:
    """The settings a command starts from; the command line overrides each of them."""

    root: Path
    file: Path | None
    specs: Path
    templates: Path | None
    out: Path
    keep: tuple[str, ...]
    metadata: Path | None
    lines: dict[str, int] = field(default_factory=dict)  # the line of each key set
    keep_lines: tuple[int, ...] = ()  # the line of each `keep` glob

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to where the command runs, as compilers do."""
        return os.path.relpath(path, Path.cwd())

    def where(self, key: str) -> tuple[str, int]:
        """Where a setting is written, for a problem with its value; nowhere when it is not."""
        if self.file is None or key not in self.lines:
            return "", 0
        return _shown(self.file), self.lines[key]

    def keep_at(self) -> tuple[tuple[str, int], ...]:
        """Where each `keep` glob is written."""
        file = _shown(self.file) if self.file is not None else ""
        return tuple((file, line) for line in self.keep_lines)


def find(start: Path | None = None) -> Path | None:
    """The nearest pyproject.toml at or above `start` that has a `[tool.graph-codegen]` table,
    else the nearest pyproject.toml at all, else None."""
    here = (start or Path.cwd()).resolve()
    found = [d / PYPROJECT for d in (here, *here.parents) if (d / PYPROJECT).is_file()]
    for path in found:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if any(_LOOKALIKE.match(line) for line in text.splitlines()):
            return path
    return found[0] if found else None


def load(start: Path | None = None) -> Config:
    """The configuration for a command run in `start` (the working folder by default)."""
    file = find(start)
    root = file.parent if file else (start or Path.cwd()).resolve()
    linked = outside([file], root, "configuration") if file else []
    if linked:
        raise InputError(linked)
    table, text = _table(file) if file else ({}, "")
    problems = lookalikes(file, text) if file else []
    problems += [
        _problem(file, text, key, f"unknown key{suggestion(key, _KEYS)}")
        for key in sorted(table)
        if key not in _KEYS and file is not None
    ]
    for key in sorted(set(table) & set(_KEYS)):
        expected = "a list of strings" if key == "keep" else "a string"
        if not _valid(key, table[key]) and file is not None:
            problems.append(_problem(file, text, key, f"must be {expected}"))
    if problems:
        raise InputError(problems)

    def path(key: str) -> Path:
        return root / str(table.get(key, _PATHS[key]))

    templates = path("templates")
    keep = tuple(table.get("keep", ()))
    lines = {key: _line(text, key) for key in table}
    return Config(
        root=root,
        file=file,
        specs=path("specs"),
        templates=templates if "templates" in table or templates.is_dir() else None,
        out=path("out"),
        keep=keep,
        metadata=root / table["metadata"] if "metadata" in table else None,
        lines=lines,
        keep_lines=tuple(_item_line(text, lines.get("keep", 0), g) for g in keep),
    )


def lookalikes(file: Path, text: str) -> list[Problem]:
    """A table meant for graph-codegen but spelt otherwise is never read: say so, where it is."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if _LOOKALIKE.match(line) and not _TABLE.match(line):
            written = line.strip().split("]", 1)[0] + "]"
            message = f"{plain(written)} is not read: the table is [tool.graph-codegen]"
            problems.append(Problem(_shown(file), number, message))
    return problems


def _valid(key: str, value: Any) -> bool:
    if key == "keep":
        return isinstance(value, list) and all(isinstance(v, str) and v for v in value)
    return isinstance(value, str) and bool(value)


def _table(file: Path) -> tuple[dict[str, Any], str]:
    try:
        text = file.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise InputError([Problem(_shown(file), 0, f"not UTF-8 text: {error.reason}")])
    except tomllib.TOMLDecodeError as error:
        line = _line_in(str(error))
        raise InputError(
            [Problem(_shown(file), line, f"invalid TOML: {error}")]
        ) from None
    except OSError as error:
        raise InputError([Problem(_shown(file), 0, f"cannot read: {error.strerror}")])
    table = data.get("tool", {}).get("graph-codegen", {})
    if not isinstance(table, dict):
        raise InputError(
            [Problem(_shown(file), 0, "[tool.graph-codegen] must be a table")]
        )
    return table, text


def _line_in(message: str) -> int:
    """tomllib puts the position in its message: `... (at line 3, column 7)`."""
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else 1


def _problem(file: Path | None, text: str, key: str, message: str) -> Problem:
    """A problem at the line of `key` inside the table, or at the table's header."""
    return Problem(
        _shown(file), _line(text, key), f"[tool.graph-codegen] {plain(key)}: {message}"
    )


def _line(text: str, key: str) -> int:
    """The line of `key` inside the table, or of the table's header."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _TABLE.match(line)), 0)
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    line = next((i for i in range(start, len(lines)) if pattern.match(lines[i])), start)
    return line + 1


def _item_line(text: str, start: int, item: str) -> int:
    """The line of one string of a list that starts at line `start` (one-based)."""
    lines = text.splitlines()
    quoted = (f'"{item}"', f"'{item}'")
    for number in range(max(start, 1), len(lines) + 1):
        if any(q in lines[number - 1] for q in quoted):
            return number
        if "]" in lines[number - 1].split("#", 1)[0]:
            break
    return start


def _shown(file: Path | None) -> str:
    if file is None:
        return PYPROJECT
    try:
        return str(file.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)
