"""The coverage benchmark's route resolver: which builder method of a set of specs a docs route reaches."""

from __future__ import annotations

import yaml

from benchmarks.spec_routes import Served, split

_SPECS = {
    "entity.yaml": {"name": "entity", "kind": "entity", "key": "id"},
    "event.yaml": {
        "name": "event",
        "kind": "entity",
        "base": "entity",
        "paths": {
            "collection": ["/me/events", "/users/{userId}/events"],
            "item": "/{eventId}",
            "alternateKeys": ["iCalUId"],
        },
        "operations": {"list": {}, "get": {}, "update": {}},
        "navigation": {
            "attachments": {
                "type": "Collection(attachment)",
                "operations": ["list"],
                "ref": ["get", "post", "delete"],
            }
        },
        "actions": {
            "forward": {"parameters": {"Comment": {"type": "String"}}},
            "clear": {"bound": "collection"},
        },
        "functions": {"delta": {"bound": "collection"}, "range": {}},
        "streams": {"$value": {"operations": ["get"]}},
    },
    "attachment.yaml": {
        "name": "attachment",
        "kind": "entity",
        "base": "entity",
        "paths": {
            "collection": ["/attachments"],
            "item": "/{attachmentId}",
            "byPath": True,
        },
        "operations": {"get": {}, "delete": {}},
    },
}


def _served() -> Served:
    return Served({f: yaml.safe_dump(s) for f, s in _SPECS.items()})


def test_routes_are_split_as_the_tree_holds_them() -> None:
    assert split("https://graph.microsoft.com/v1.0/Me/Events/{id}?$select=x") == [
        "me",
        "events",
        "{}",
    ]
    assert split("/drive/root:/a/b.txt:/content") == [
        "drive",
        "root",
        ":path:",
        "content",
    ]
    assert split("/users('{id}')/events/AAA-1") == ["users", "{}", "events", "aaa-1"]
    assert split("/x/range(address='A1:B2')") == ["x", "range", "(address='A1:B2')"]


def test_operations_actions_functions_and_streams_are_reached() -> None:
    served = _served()
    assert served.reach("GET", "/me/events").kind == "list"
    assert served.reach("POST", "/me/events").why == "no POST operation there"
    assert served.reach("PATCH", "/users/{id}/events/{id}").kind == "update"
    forward = served.reach("POST", "/me/events/{id}/forward")
    assert (forward.kind, forward.name) == ("action", "forward")
    assert forward.entry == {"parameters": {"Comment": {"type": "String"}}}
    assert served.reach("POST", "/me/events/clear").kind == "action"
    assert served.reach("POST", "/me/events/{id}/clear").kind == ""  # bound to the set
    assert served.reach("GET", "/me/events/delta()").name == "delta"
    assert served.reach("GET", "/me/events/{id}/range(address='A1')").name == "range"
    assert served.reach("GET", "/me/events/{id}/$value").kind == "stream"
    assert served.reach("PUT", "/me/events/{id}/$value").kind == ""


def test_navigation_references_keys_and_paths_are_reached() -> None:
    served = _served()
    assert served.reach("GET", "/me/events/{id}/attachments").kind == "list"
    assert served.reach("GET", "/me/events/{id}/attachments/{id}").kind == "get"
    assert served.reach("POST", "/me/events/{id}/attachments/$ref").name == "post"
    assert (
        served.reach("DELETE", "/me/events/{id}/attachments/{id}/$ref").name == "delete"
    )
    assert served.reach("GET", "/me/events(iCalUId='x')").kind == "get"
    assert served.reach("GET", "/me/events(subject='x')").kind == ""
    assert served.reach("GET", "/attachments/{id}:/a/b:").kind == "get"
    assert (
        served.reach("GET", "/me/events/{id}:/a/b:").why == "no root:/path: addressing"
    )
    assert served.reach("GET", "/groups/{id}/events").why == "no builder at /groups"
