"""Packages generated for the runtime's tests, once per session, from specs the shipped ones
do not cover.

`todo()`: a small To Do API as the Graph docs describe it: singletons (`/me`), single-valued
navigation (`/me/todo`), two specs naming one parameter differently (`{userId}`, `{id}`),
navigation properties whose operations differ, a PUT update, `Prefer` and `ConsistencyLevel`
headers, a complex property and collections. `inheritance()`: the derived types of
tests/fixtures/specs/inheritance (attachments of a message).
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
INHERITANCE = HERE / "fixtures" / "specs" / "inheritance"

TODO_SPECS = {
    "user.yaml": """
name: user
kind: entity
key: id
baseUrl: https://graph.microsoft.com/v1.0
properties:
  id: {type: String, readOnly: true}
  displayName: {type: String}
navigation:
  todo: {type: todo, operations: [get]}
  presence: {type: presence, operations: [get]}
paths:
  collection: [/users]
  item: /{userId}
  single: [/me]
parameters: {userId: String}
operations:
  list:
    method: GET
    target: collection
    status: [200]
    query: [top, filter]
    headers:
      - {name: Authorization, value: "Bearer {token}"}
      - {name: ConsistencyLevel, value: eventual, required: false}
  get: {method: GET, target: item, status: [200], query: [select]}
""",
    "presence.yaml": """
name: presence
kind: entity
key: id
baseUrl: https://graph.microsoft.com/v1.0
properties:
  id: {type: String, readOnly: true}
  availability: {type: String}
paths:
  single: ["/users/{id}/presence"]
parameters: {id: String}
operations:
  get: {method: GET, target: item, status: [200]}
""",
    "todo.yaml": """
name: todo
kind: entity
key: id
baseUrl: https://graph.microsoft.com/v1.0
properties:
  id: {type: String, readOnly: true}
navigation:
  lists: {type: Collection(todoTaskList), operations: [list, create]}
  recentTasks: {type: Collection(todoTask), operations: [list]}
paths:
  single: [/me/todo, "/users/{userId}/todo"]
parameters: {userId: String}
operations:
  get: {method: GET, target: item, status: [200]}
""",
    "todo_task_list.yaml": """
name: todoTaskList
kind: entity
key: id
baseUrl: https://graph.microsoft.com/v1.0
properties:
  id: {type: String, readOnly: true}
  displayName: {type: String}
  lastModifiedDateTime: {type: DateTimeOffset, readOnly: true}
navigation:
  tasks: {type: Collection(todoTask), operations: [list, create]}
paths:
  collection: [/me/todo/lists, "/users/{userId}/todo/lists"]
  item: /{todoTaskListId}
parameters: {userId: String, todoTaskListId: String}
operations:
  list: {method: GET, target: collection, status: [200]}
  create: {method: POST, target: collection, status: [201]}
  get: {method: GET, target: item, status: [200]}
  update: {method: PUT, target: item, status: [200, 204]}
  delete: {method: DELETE, target: item, status: [204]}
""",
    "todo_task.yaml": """
name: todoTask
kind: entity
key: id
baseUrl: https://graph.microsoft.com/v1.0
properties:
  id: {type: String, readOnly: true}
  title: {type: String}
  body: {type: itemBody}
  categories: {type: Collection(String)}
  checklist: {type: Collection(checklistItem)}
  lastModifiedDateTime: {type: DateTimeOffset, readOnly: true}
paths:
  collection:
    - "/me/todo/lists/{todoTaskListId}/tasks"
    - "/users/{userId}/todo/lists/{todoTaskListId}/tasks"
  item: /{todoTaskId}
parameters: {userId: String, todoTaskListId: String, todoTaskId: String}
operations:
  list:
    method: GET
    target: collection
    status: [200]
    query: [top, filter, count]
    headers: [{name: ConsistencyLevel, value: eventual, required: false}]
  create:
    method: POST
    target: collection
    status: [201]
    headers:
      - {name: Content-Type, value: application/json}
      - {name: Prefer, value: return=minimal, required: false}
  get: {method: GET, target: item, status: [200], query: [select]}
  update:
    method: PATCH
    target: item
    status: [200, 204]
    headers: [{name: If-Match, value: "{etag}", required: false}]
  delete: {method: DELETE, target: item, status: [204]}
""",
    "item_body.yaml": """
name: itemBody
kind: complex
properties:
  content: {type: String}
  contentType: {type: String}
""",
    "checklist_item.yaml": """
name: checklistItem
kind: complex
properties:
  displayName: {type: String}
  isChecked: {type: Boolean}
""",
}


@cache
def todo() -> ModuleType:
    """The package generated from TODO_SPECS."""
    root = _scratch()
    specs = root / "specs"
    specs.mkdir()
    for name, text in TODO_SPECS.items():
        (specs / name).write_text(text, encoding="utf-8")
    return _generate(specs, root, "todo_client")


@cache
def inheritance() -> ModuleType:
    """The package generated from tests/fixtures/specs/inheritance."""
    return _generate(INHERITANCE, _scratch(), "inheritance_client")


def _scratch() -> Path:
    root = Path(tempfile.mkdtemp(prefix="graph-codegen-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def _generate(specs: Path, root: Path, package: str) -> ModuleType:
    for path, data in produce(Options(specs, TEMPLATES, root / package)).items():
        target = root / package / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    sys.path.insert(0, str(root))
    return importlib.import_module(package)
