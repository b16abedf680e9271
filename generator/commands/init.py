"""`graph-codegen init`: a project that generates from its first run.

It writes what is missing and nothing else: a `[tool.graph-codegen]` table (a new
pyproject.toml, or the table added at the end of an existing one), and a `specs/` folder with
one small spec that generates a package whose tests pass. A file that exists is never changed
but to append the table, and a specs folder that holds specs gets no example.
"""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path

from generator.commands import config
from generator.emit.run import Exit
from generator.report.problems import InputError, Problem

NAME = "init"
HELP = "start a project: a [tool.graph-codegen] table and specs/ with one example spec"
WRITES = True

TABLE = """[tool.graph-codegen]
specs = "specs"            # the spec folder
out = "generated"          # the generated package
"""
EXAMPLE_FILE = "todo_task_list.yaml"
EXAMPLE = """\
# yaml-language-server: $schema=../generated/spec.schema.json
#
# An example to start from: the To Do lists of the signed-in user, as the Graph docs describe
# them (resources/todotasklist.md). `graph-codegen docs spec-format` explains every field;
# `graph-codegen import-docs --docs DIR NAME` writes specs like it from the Graph docs pages.
name: todoTaskList
kind: entity
description: A list of To Do tasks.
baseUrl: https://graph.microsoft.com/v1.0
key: id
properties:
  id:
    type: String
    readOnly: true
    description: The identifier of the task list, unique in the user's mailbox.
  displayName:
    type: String
    description: The name of the task list.
  isOwner:
    type: Boolean
    readOnly: true
    description: True if the user is the owner of the task list.
  isShared:
    type: Boolean
    readOnly: true
    description: True if the task list is shared with other users.
paths:
  collection: [/me/todo/lists]
  item: /{todoTaskListId}
parameters:
  todoTaskListId: String
operations:
  list: {method: GET, target: collection, status: [200], query: [top, skip, filter, count]}
  create: {method: POST, target: collection, status: [201]}
  get: {method: GET, target: item, status: [200]}
  update: {method: PATCH, target: item, status: [200]}
  delete: {method: DELETE, target: item, status: [204]}
example:
  "@odata.etag": W/"m1fdwWoFiE2YS9yegTKoYwAA/ZGlTQ=="
  id: AAMkADIyAAAAABrJAAA=
  displayName: Holidays
  isOwner: true
  isShared: false
"""
NEXT = (
    ("graph-codegen generate", "writes {out}/ from {specs}/"),
    ("python -m pytest {out}", "runs the generated tests"),
    (
        "graph-codegen check --full",
        "in CI: exit 1 when {out}/ is not what generate writes",
    ),
    ("graph-codegen docs spec-format", "the spec format, field by field"),
    ("graph-codegen import-docs --docs DIR NAME", "more types from the Graph docs"),
)


def arguments(command: argparse.ArgumentParser) -> None:
    """No options: the defaults are the project's; pyproject.toml changes them afterwards."""


def main(args: argparse.Namespace) -> int:
    here = Path.cwd()
    pyproject = here / config.PYPROJECT
    said = [_table(pyproject)]
    settings = config.load(here)
    said += _example(settings)
    for line in said:
        print(f"graph-codegen: {line}")
    shown = {
        "specs": settings.shown(settings.specs),
        "out": settings.shown(settings.out),
    }
    steps = [(c.format(**shown), w.format(**shown)) for c, w in NEXT]
    width = max(len(command) for command, _ in steps)
    print("\nNext:")
    for command, what in steps:
        print(f"  {command:<{width}}  # {what}")
    return Exit.OK


def _table(pyproject: Path) -> str:
    """The `[tool.graph-codegen]` table: a new file, added to one, or the one there kept."""
    if not pyproject.exists():
        pyproject.write_text(TABLE, encoding="utf-8")
        return f"wrote {pyproject.name} with a [tool.graph-codegen] table"
    try:
        text = pyproject.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        message = f"cannot be read as TOML ({error}); fix it, then run init again"
        raise InputError([Problem(pyproject.name, 0, message)]) from None
    tool = data.get("tool")
    if isinstance(tool, dict) and "graph-codegen" in tool:
        return f"kept the [tool.graph-codegen] table of {pyproject.name}"
    misspelt = config.lookalikes(
        pyproject, text
    )  # added beside them, it would be doubled
    if misspelt:
        raise InputError(misspelt)
    separator = "" if text.endswith("\n") or not text else "\n"
    with pyproject.open("a", encoding="utf-8") as stream:
        stream.write(f"{separator}\n{TABLE}")
    return f"added a [tool.graph-codegen] table at the end of {pyproject.name}"


def _example(settings: config.Config) -> list[str]:
    """One small spec, unless the specs folder holds specs already."""
    specs = settings.specs
    if specs.is_dir() and [*specs.glob("*.yaml"), *specs.glob("*.yml")]:
        return [f"kept {settings.shown(specs)}/: it holds specs (no example added)"]
    target = specs / EXAMPLE_FILE
    specs.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as stream:
        stream.write(EXAMPLE)
    return [f"wrote {settings.shown(target)}, an example spec to start from"]
