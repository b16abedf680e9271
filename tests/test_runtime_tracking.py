"""Change tracking: a model the service sent remembers it, so `patch` sends what changed.

Nested complex values and collections, pages and items, sync and async, against FakeGraph.
"""

from __future__ import annotations

import asyncio
import copy
import pickle
from datetime import UTC, datetime
from typing import Any

import packages
import pytest
from fake_graph import FakeGraph

TOKEN = "token-123"
todo = packages.todo()
TASK = {
    "title": "Milk",
    "body": {"content": "two litres", "contentType": "text"},
    "categories": ["Blue"],
    "checklist": [{"displayName": "skimmed", "isChecked": False}],
}


def seeded(todo_graph: FakeGraph, todo_client: Any) -> tuple[Any, Any, dict[str, Any]]:
    """A task in the fake: the collection builder it is in, its own builder, and the task."""
    groceries = todo_graph.add_item("/me/todo/lists", displayName="Groceries")
    path = f"/me/todo/lists/{groceries['id']}/tasks"
    task = todo_graph.add_item(path, **TASK)
    tasks = todo_client.me.todo.lists.by_todo_task_list_id(groceries["id"]).tasks
    return tasks, tasks.by_todo_task_id(task["id"]), task


def test_a_fetched_model_sends_only_the_property_that_changed(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    """Read-only id and lastModifiedDateTime came from the service: not sent, not refused."""
    _, item, task = seeded(todo_graph, todo_client)
    fetched = item.get()
    fetched.title = "Oat milk"
    updated = item.patch(fetched, if_match=fetched.odata_etag)

    request = todo_graph.requests[-1]
    assert (request.method, request.json()) == ("PATCH", {"title": "Oat milk"})
    assert request.headers["if-match"] == task["@odata.etag"]
    assert updated.title == "Oat milk" and updated.categories == ["Blue"]


@pytest.mark.parametrize(
    ("edit", "sent"),
    [
        (
            lambda t: setattr(t.body, "content", "one litre"),
            {"body": {"content": "one litre", "contentType": "text"}},
        ),
        (lambda t: t.categories.append("Red"), {"categories": ["Blue", "Red"]}),
        (
            lambda t: setattr(t.checklist[0], "is_checked", True),
            {"checklist": [{"displayName": "skimmed", "isChecked": True}]},
        ),
        (lambda t: None, {}),
    ],
    ids=["nested value", "collection", "value in a collection", "nothing"],
)
def test_a_change_inside_a_property_sends_that_whole_property(
    todo_graph: FakeGraph, todo_client: Any, edit: Any, sent: dict[str, Any]
) -> None:
    _, item, _ = seeded(todo_graph, todo_client)
    fetched = item.get()
    edit(fetched)
    item.patch(fetched)

    assert todo_graph.requests[-1].json() == sent


def test_changing_a_read_only_property_is_refused(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    _, item, _ = seeded(todo_graph, todo_client)
    fetched = item.get()
    fetched.last_modified_date_time = datetime(2024, 1, 31, tzinfo=UTC)
    with pytest.raises(todo.ValidationError) as caught:
        item.patch(fetched)

    assert [e.path for e in caught.value.errors] == ["/lastModifiedDateTime"]
    assert [r.method for r in todo_graph.requests] == ["GET"]


def test_items_of_pages_remember_what_they_were_sent(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    tasks, item, _ = seeded(todo_graph, todo_client)
    [listed] = tasks.get().value
    [iterated] = list(tasks.iterate())
    listed.title, iterated.categories = "Oat milk", []
    item.patch(listed)
    item.patch(iterated)

    assert [r.json() for r in todo_graph.requests[-2:]] == [
        {"title": "Oat milk"},
        {"categories": []},
    ]


@pytest.mark.parametrize(
    "duplicate",
    [copy.copy, copy.deepcopy, lambda m: pickle.loads(pickle.dumps(m))],
    ids=["copy", "deepcopy", "pickle"],
)
def test_a_copy_keeps_unknown_properties_and_what_the_service_sent(
    todo_graph: FakeGraph, todo_client: Any, duplicate: Any
) -> None:
    """A model cached with pickle, or copied to edit, still writes back the properties the
    spec lacks and patches only what changed (msgspec's own copy keeps fields only)."""
    groceries = todo_graph.add_item("/me/todo/lists", displayName="Groceries")
    path = f"/me/todo/lists/{groceries['id']}/tasks"
    task = todo_graph.add_item(path, **TASK, flagged="yes")
    tasks = todo_client.me.todo.lists.by_todo_task_list_id(groceries["id"]).tasks
    item = tasks.by_todo_task_id(task["id"])
    [listed] = tasks.get().value
    for fetched in (item.get(), listed):
        twin = duplicate(fetched)
        todo.runtime.model._extras_seen = (
            False  # as in a process that just unpickled it
        )
        assert twin.additional_data == {"flagged": "yes"}
        assert twin.to_dict()["flagged"] == "yes"
        twin.title = "Oat milk"
        item.patch(twin)
        assert todo_graph.requests[-1].json() == {"title": "Oat milk"}


def test_a_model_built_here_sends_every_property_set(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    _, item, _ = seeded(todo_graph, todo_client)
    item.patch(todo.models.TodoTask(title="Milk", categories=["Blue"]))

    assert todo_graph.requests[-1].json() == {"title": "Milk", "categories": ["Blue"]}


def test_put_of_a_fetched_model_leaves_out_read_only_properties(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    """PUT replaces: every writable property goes, id and lastModifiedDateTime do not."""
    groceries = todo_graph.add_item("/me/todo/lists", displayName="Groceries")
    item = todo_client.me.todo.lists.by_todo_task_list_id(groceries["id"])
    fetched = item.get()
    item.put(fetched)

    assert todo_graph.requests[-1].json() == {"displayName": "Groceries"}


def test_async_patch_of_a_fetched_model_sends_what_changed(
    todo_graph: FakeGraph,
) -> None:
    groceries = todo_graph.add_item("/me/todo/lists", displayName="Groceries")
    task = todo_graph.add_item(f"/me/todo/lists/{groceries['id']}/tasks", **TASK)

    async def scenario() -> Any:
        async with todo.AsyncGraphClient(
            TOKEN, base_url=todo_graph.base_url
        ) as todo_client:
            lists = todo_client.me.todo.lists.by_todo_task_list_id(groceries["id"])
            item = lists.tasks.by_todo_task_id(task["id"])
            fetched = await item.get()
            fetched.body.content_type = "html"
            return await item.patch(fetched, if_match=fetched.odata_etag)

    updated = asyncio.run(scenario())

    sent = {"body": {"content": "two litres", "contentType": "html"}}
    assert todo_graph.requests[-1].json() == sent
    assert updated.body.content_type == "html"


def test_an_expanded_entity_remembers_what_it_was_sent() -> None:
    """A list read with its tasks expanded: a task edited, even after its list was, sends
    only what changed in it; what the service sent is read again only for that write."""
    import httpx
    from todo_client.runtime.calls import reads_model

    task = {"id": "t1", "lastModifiedDateTime": "2024-01-31T10:00:00Z", **TASK}
    body = {
        "id": "l1",
        "displayName": "Groceries",
        "tasks": [task, {**task, "id": "t2"}],
    }
    request = httpx.Request("GET", "https://graph.test/me/todo/lists/l1")
    response = httpx.Response(200, json=body, request=request)
    fetched = reads_model(todo.models.TodoTaskList)(response)
    fetched.display_name = "Shopping"
    fetched.tasks[1].title = "Oat milk"

    assert fetched.tasks[1].checked("update") == {"title": "Oat milk"}
    assert fetched.tasks[0].checked("update") == {}
    assert fetched.checked("update")["displayName"] == "Shopping"


@pytest.mark.parametrize("extra", [{}, {"unknownProperty": 1}])
def test_a_response_read_in_one_call_is_tracked_as_track_of_from_json(
    extra: dict[str, Any],
) -> None:
    """`received` (how the client reads a response) remembers what `track` would: a
    property that changed is all an update sends; an unknown one goes back as it came.
    """
    import json

    from todo_client.runtime.model import received, track

    payload = json.dumps({"id": "t1", **TASK, **extra}).encode()
    model = received(todo.models.TodoTask, payload)
    assert model == track(todo.models.TodoTask.from_json(payload), payload)
    assert model.additional_data == extra
    model.title = "Oat milk"
    assert model.checked("update") == {"title": "Oat milk"}
    assert model.to_dict() == {**json.loads(payload), "title": "Oat milk"}
