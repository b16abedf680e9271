"""Builders honour the spec: routes through singletons, the operations each route declares,
their query options and headers as keyword arguments. Generated from tests/packages.py and
run against FakeGraph on 127.0.0.1."""

from __future__ import annotations

import asyncio
import inspect
import sys
from typing import Any

import packages
from fake_graph import FakeGraph

from generator.check.reserved import reserved
from generator.check.stage import check
from generator.model.navigation import Navigation
from generator.model.navigation import build_navigation as navigation_of
from generator.render.templates import TemplateSet
from generator.spec.folder import Loaded
from generator.spec.load import Spec, load_spec

TOKEN = "token-123"
todo = packages.todo()


def keywords(method: Any) -> dict[str, str]:
    """A builder method's parameters after `self`, with their type hints: the keys of the
    TypedDict its `**query: Unpack[...]` names, each with its own."""
    found = {}
    for p in inspect.signature(method).parameters.values():
        if p.kind is not p.VAR_KEYWORD:
            found[p.name] = p.annotation
            continue
        options = method.__globals__[p.annotation.removeprefix("Unpack[")[:-1]]
        found |= {k: v.__forward_arg__ for k, v in options.__annotations__.items()}
    return found


def test_singletons_and_single_valued_navigation_lead_to_collections(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    """`client.me.todo.lists.by_todo_task_list_id(x).tasks`, as the Graph SDK spells it."""
    todo_graph.add_single("/me/todo", id="todo")
    groceries = todo_graph.add_item("/me/todo/lists", displayName="Groceries")
    milk = todo_graph.add_item(f"/me/todo/lists/{groceries['id']}/tasks", title="Milk")

    me = todo_client.me
    tasks = me.todo.lists.by_todo_task_list_id(groceries["id"]).tasks
    listed = tasks.get(top=5)
    fetched = tasks.by_todo_task_id(milk["id"]).get()

    assert me.todo.get().id == "todo"
    assert [t.title for t in listed.value] == ["Milk"]
    assert fetched.title == "Milk"
    base = f"/v1.0/me/todo/lists/{groceries['id']}/tasks"
    assert [r.path for r in todo_graph.requests] == [
        base,
        f"{base}/{milk['id']}",
        "/v1.0/me/todo",
    ]
    assert todo_graph.requests[0].query == {"$top": ["5"]}


def test_a_parameter_is_named_by_the_spec_whose_item_it_is(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    """presence.yaml says /users/{id}/presence, user.yaml /users/{userId}: one node."""
    todo_graph.add_single("/users/u-1/presence", id="u-1", availability="Available")

    presence = todo_client.users.by_user_id("u-1").presence.get()

    assert presence.availability == "Available"
    assert not hasattr(todo_client.users, "by_id")
    assert todo_graph.requests[0].path == "/v1.0/users/u-1/presence"


def test_navigation_operations_decide_the_methods(todo_client: Any) -> None:
    """todo.recentTasks offers list only; todoTaskList.tasks offers list and create."""
    recent = todo_client.me.todo.recent_tasks
    tasks = todo_client.me.todo.lists.by_todo_task_list_id("l").tasks

    assert {"get", "iterate"} <= set(dir(recent)) and not hasattr(recent, "post")
    assert {"get", "iterate", "post"} <= set(dir(tasks))
    assert type(recent) is not type(tasks)
    assert type(recent.by_todo_task_id("t")) is type(tasks.by_todo_task_id("t"))
    assert not hasattr(todo_client.me, "patch") and not hasattr(
        todo_client.me.todo, "delete"
    )


def test_keyword_arguments_are_the_operations_query_options_and_headers(
    todo_client: Any,
) -> None:
    """Exactly what the spec declares, typed; iterate drops $skip and $count."""
    tasks = todo_client.me.todo.lists.by_todo_task_list_id("l").tasks
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
    etag = (
        "str | UnsetType | None"  # a model's odata_etag, as the service sent it or not
    )
    assert keywords(item.patch) == {"body": "TodoTask", "if_match": etag}
    assert keywords(item.delete) == {"if_match": etag}
    assert keywords(todo_client.users.get) == {
        "top": int_or_none,
        "filter": str_or_none,
        "consistency_level": str_or_none,
    }


def test_docstrings_say_what_each_keyword_sends(todo_client: Any) -> None:
    """The method's docstring names its options' TypedDict; each option says what it sends
    where the runtime declares it, the attribute docstring an IDE shows on hover."""
    tasks = todo_client.me.todo.lists.by_todo_task_list_id("l").tasks
    doc = inspect.getdoc(tasks.get) or ""
    options = tasks.get.__globals__["TopFilterCountQuery"]
    runtime = sys.modules[options.__module__.replace("builders._query", "runtime")]
    declared = {
        q: inspect.getsource(getattr(runtime, f"{q.capitalize()}Option"))
        for q in options.__annotations__
    }

    assert "Query options: `TopFilterCountQuery`" in doc
    assert "consistency_level: the `ConsistencyLevel` header" in doc
    assert inspect.getdoc(options) == "The query options `top`, `filter` and `count`."
    assert set(declared) == {"top", "filter", "count"}
    assert all(f'"""`${q}`: ' in source for q, source in declared.items())


def test_header_keywords_are_sent_under_their_header_names(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    groceries = todo_graph.add_item("/me/todo/lists", displayName="Groceries")
    todo_graph.add_item(f"/me/todo/lists/{groceries['id']}/tasks", title="Milk")
    tasks = todo_client.me.todo.lists.by_todo_task_list_id(groceries["id"]).tasks

    tasks.get(consistency_level="eventual")
    list(tasks.iterate(consistency_level="eventual"))
    tasks.post(todo.models.TodoTask(title="Bread"), prefer="return=minimal")
    tasks.get()

    sent = [r.headers for r in todo_graph.requests]
    assert [h.get("consistencylevel") for h in sent] == [
        "eventual",
        "eventual",
        None,
        None,
    ]
    assert [h.get("prefer") for h in sent] == [None, None, "return=minimal", None]


def test_an_update_declared_as_put_is_put(
    todo_graph: FakeGraph, todo_client: Any
) -> None:
    """PUT replaces the entity; the builder has `put` and no `patch`."""
    groceries = todo_graph.add_item("/me/todo/lists", displayName="Groceries")
    item = todo_client.me.todo.lists.by_todo_task_list_id(groceries["id"])
    replaced = item.put(
        todo.models.TodoTaskList(display_name="Shopping"),
        if_match=groceries["@odata.etag"],
    )

    request = todo_graph.requests[-1]
    assert (request.method, request.json()) == ("PUT", {"displayName": "Shopping"})
    assert request.headers["if-match"] == groceries["@odata.etag"]
    assert replaced.display_name == "Shopping"
    assert not hasattr(item, "patch")


def test_async_builders_reach_the_same_routes(todo_graph: FakeGraph) -> None:
    todo_graph.add_single("/users/u-1/presence", id="u-1", availability="Busy")
    groceries = todo_graph.add_item("/users/u-1/todo/lists", displayName="Groceries")

    async def scenario() -> tuple[Any, list[Any]]:
        async with todo.AsyncGraphClient(
            TOKEN, base_url=todo_graph.base_url
        ) as todo_client:
            user = todo_client.users.by_user_id("u-1")
            presence = await user.presence.get()
            lists = [x async for x in user.todo.lists.iterate()]
            return presence, lists

    presence, lists = asyncio.run(scenario())

    assert presence.availability == "Busy"
    assert [x.display_name for x in lists] == [groceries["displayName"]]
    assert [r.path for r in todo_graph.requests] == [
        "/v1.0/users/u-1/presence",
        "/v1.0/users/u-1/todo/lists",
    ]


def spec(name: str, collection: str) -> Spec:
    """A small entity spec whose collection path is `collection`."""
    params = [p.strip("{}") for p in collection.split("/") if p.startswith("{")]
    types = ", ".join(f"{p}: String" for p in [*params, f"{name}Id"])
    text = (
        f"name: {name}\nkind: entity\nkey: id\nproperties: {{id: {{type: String}}}}\n"
        f'paths: {{collection: ["{collection}"], item: "/{{{name}Id}}"}}\n'
        f"parameters: {{{types}}}\n"
    )
    return load_spec(text, f"{name}.yaml")


def build_navigation(specs: list[Spec]) -> Navigation:
    """The builder tree of specs, checked together as `generate` checks them."""
    loaded = Loaded(specs, [], frozenset())
    return navigation_of(
        check(loaded, reserved(TemplateSet.over_shipped(None).runtime()))
    )


def test_a_parameter_no_item_path_names_is_named_by_the_first_spec_by_file() -> None:
    """b.yaml says {groupId} and a.yaml {id}: no item path is there, so a.yaml decides."""
    specs = [spec("b", "/groups/{groupId}/bs"), spec("a", "/groups/{id}/as")]
    navigation = build_navigation(specs)
    [groups] = navigation.root
    by_name = {c.name: c for c in navigation.classes}

    assert [c.attr for c in by_name[groups.target_class].children] == ["by_id"]


def entity(name: str, body: str) -> Spec:
    """An entity spec keyed by `id`, with the fields of `body` (YAML)."""
    text = (
        f"name: {name}\nkind: entity\nkey: id\nproperties: {{id: {{type: String}}}}\n"
    )
    return load_spec(text + body, f"{name}.yaml")


def test_a_builder_serving_several_routes_offers_the_union_of_their_children() -> None:
    """team's item builder serves /me/joinedTeams/{id} and /teams/{id}; only the second
    route has /schedule/shifts, and only there may the schedule be patched: `.schedule`
    leads to one builder, with both, from either route."""
    team = entity(
        "team",
        "navigation: {schedule: {type: schedule, operations: [get]}}\n"
        'paths: {collection: [/me/joinedTeams, /teams], item: "/{teamId}"}\n'
        "parameters: {teamId: String}\n"
        "operations: {get: {method: GET, target: item, status: [200]}}\n",
    )
    schedule = entity(
        "schedule",
        'paths: {single: ["/teams/{teamId}/schedule"]}\n'
        "parameters: {teamId: String}\n"
        "operations: {update: {method: PATCH, target: item, status: [200]}}\n",
    )
    shift = entity(
        "shift",
        'paths: {collection: ["/teams/{teamId}/schedule/shifts"], item: "/{id}"}\n'
        "parameters: {teamId: String, id: String}\n"
        "operations: {list: {method: GET, target: collection, status: [200]}}\n",
    )
    navigation = build_navigation([team, schedule, shift])
    by_name = {c.name: c for c in navigation.classes}
    [item] = by_name["TeamCollectionRequestBuilder"].children
    [to_schedule] = by_name[item.target_class].children
    reached = by_name[to_schedule.target_class]

    assert [c.attr for c in reached.children] == ["shifts"]
    assert [m.name for m in reached.methods] == ["get", "patch"]
    assert [
        c.name for c in navigation.classes if c.resource == "microsoft.graph.schedule"
    ] == [reached.name]
