"""Builders honour the spec: routes through singletons, the operations each route declares,
their query options and headers as keyword arguments. Generated from tests/packages.py and
run against FakeGraph on 127.0.0.1."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import Any

import pytest
import packages
from fake_graph import FakeGraph

TOKEN = "token-123"
todo = packages.todo()


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN, version="v1.0") as fake:
        yield fake


@pytest.fixture
def client(graph: FakeGraph) -> Iterator[Any]:
    with todo.GraphClient(TOKEN, base_url=graph.base_url) as graph_client:
        yield graph_client


def keywords(method: Any) -> dict[str, str]:
    """A builder method's parameters after `self`, with their type hints."""
    parameters = inspect.signature(method).parameters.values()
    return {p.name: p.annotation for p in parameters}


def test_singletons_and_single_valued_navigation_lead_to_collections(
    graph: FakeGraph, client: Any
) -> None:
    """`client.me.todo.lists.by_todo_task_list_id(x).tasks`, as the Graph SDK spells it."""
    graph.add_single("/me/todo", id="todo")
    groceries = graph.add_item("/me/todo/lists", displayName="Groceries")
    milk = graph.add_item(f"/me/todo/lists/{groceries['id']}/tasks", title="Milk")

    me = client.me
    tasks = me.todo.lists.by_todo_task_list_id(groceries["id"]).tasks
    listed = tasks.get(top=5)
    fetched = tasks.by_todo_task_id(milk["id"]).get()

    assert me.todo.get().id == "todo"
    assert [t.title for t in listed.value] == ["Milk"]
    assert fetched.title == "Milk"
    base = f"/v1.0/me/todo/lists/{groceries['id']}/tasks"
    assert [r.path for r in graph.requests] == [base, f"{base}/{milk['id']}", "/v1.0/me/todo"]
    assert graph.requests[0].query == {"$top": ["5"]}


def test_a_parameter_is_named_by_the_spec_whose_item_it_is(
    graph: FakeGraph, client: Any
) -> None:
    """presence.yaml says /users/{id}/presence, user.yaml /users/{userId}: one node."""
    graph.add_single("/users/u-1/presence", id="u-1", availability="Available")

    presence = client.users.by_user_id("u-1").presence.get()

    assert presence.availability == "Available"
    assert not hasattr(client.users, "by_id")
    assert graph.requests[0].path == "/v1.0/users/u-1/presence"


def test_navigation_operations_decide_the_methods(client: Any) -> None:
    """todo.recentTasks offers list only; todoTaskList.tasks offers list and create."""
    recent = client.me.todo.recent_tasks
    tasks = client.me.todo.lists.by_todo_task_list_id("l").tasks

    assert {"get", "iterate"} <= set(dir(recent)) and not hasattr(recent, "post")
    assert {"get", "iterate", "post"} <= set(dir(tasks))
    assert type(recent) is not type(tasks)
    assert type(recent.by_todo_task_id("t")) is type(tasks.by_todo_task_id("t"))
    assert not hasattr(client.me, "patch") and not hasattr(client.me.todo, "delete")


def test_keyword_arguments_are_the_operations_query_options_and_headers(
    client: Any,
) -> None:
    """Exactly what the spec declares, typed; iterate drops $skip and $count."""
    tasks = client.me.todo.lists.by_todo_task_list_id("l").tasks
    item = tasks.by_todo_task_id("t")
    bool_or_none, int_or_none, str_or_none = "bool | None", "int | None", "str | None"

    assert keywords(tasks.get) == {
        "top": int_or_none,
        "filter": str_or_none,
        "count": bool_or_none,
        "consistency_level": str_or_none,
    }
    assert keywords(tasks.iterate) == {
        "top": int_or_none,
        "filter": str_or_none,
        "consistency_level": str_or_none,
    }
    assert keywords(tasks.post) == {"body": "TodoTask", "prefer": str_or_none}
    assert keywords(item.get) == {"select": "list[str] | None"}
    assert keywords(item.patch) == {"body": "TodoTask", "if_match": str_or_none}
    assert keywords(item.delete) == {"if_match": str_or_none}
    assert keywords(client.users.get) == {
        "top": int_or_none,
        "filter": str_or_none,
        "consistency_level": str_or_none,
    }


def test_docstrings_say_what_each_keyword_sends(client: Any) -> None:
    tasks = client.me.todo.lists.by_todo_task_list_id("l").tasks
    doc = inspect.getdoc(tasks.get) or ""

    assert "top: `$top`" in doc and "count: `$count`" in doc
    assert "consistency_level: the `ConsistencyLevel` header" in doc
    assert "skip" not in doc and "`$select`" not in doc


def test_header_keywords_are_sent_under_their_header_names(
    graph: FakeGraph, client: Any
) -> None:
    groceries = graph.add_item("/me/todo/lists", displayName="Groceries")
    graph.add_item(f"/me/todo/lists/{groceries['id']}/tasks", title="Milk")
    tasks = client.me.todo.lists.by_todo_task_list_id(groceries["id"]).tasks

    tasks.get(consistency_level="eventual")
    list(tasks.iterate(consistency_level="eventual"))
    tasks.post(todo.models.TodoTask(title="Bread"), prefer="return=minimal")
    tasks.get()

    sent = [r.headers for r in graph.requests]
    assert [h.get("consistencylevel") for h in sent] == ["eventual", "eventual", None, None]
    assert [h.get("prefer") for h in sent] == [None, None, "return=minimal", None]


def test_an_update_declared_as_put_is_put(graph: FakeGraph, client: Any) -> None:
    """PUT replaces the entity; the builder has `put` and no `patch`."""
    groceries = graph.add_item("/me/todo/lists", displayName="Groceries")
    item = client.me.todo.lists.by_todo_task_list_id(groceries["id"])
    replaced = item.put(
        todo.models.TodoTaskList(display_name="Shopping"),
        if_match=groceries["@odata.etag"],
    )

    request = graph.requests[-1]
    assert (request.method, request.json()) == ("PUT", {"displayName": "Shopping"})
    assert request.headers["if-match"] == groceries["@odata.etag"]
    assert replaced.display_name == "Shopping"
    assert not hasattr(item, "patch")


def test_async_builders_reach_the_same_routes(graph: FakeGraph) -> None:
    graph.add_single("/users/u-1/presence", id="u-1", availability="Busy")
    groceries = graph.add_item("/users/u-1/todo/lists", displayName="Groceries")

    async def scenario() -> tuple[Any, list[Any]]:
        async with todo.AsyncGraphClient(TOKEN, base_url=graph.base_url) as client:
            user = client.users.by_user_id("u-1")
            presence = await user.presence.get()
            lists = [x async for x in user.todo.lists.iterate()]
            return presence, lists

    presence, lists = asyncio.run(scenario())

    assert presence.availability == "Busy"
    assert [x.display_name for x in lists] == [groceries["displayName"]]
    assert [r.path for r in graph.requests] == [
        "/v1.0/users/u-1/presence",
        "/v1.0/users/u-1/todo/lists",
    ]
