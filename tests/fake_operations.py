"""Operations beyond CRUD for FakeGraph: bound actions and functions, delta rounds, `$ref`
links, alternate keys and `root:/path:` addressing, over the plain store's entities.

`Operations(graph)` plugs itself into a FakeGraph. Tests declare what an action or function
takes and answers (`ops.action("forward", required=["ToRecipients"], status=202)`), then
assert on `graph.requests` and `ops.calls`. It is strict where a client bug would pass
unseen: a function's parameters are parsed from OData literals as the service parses them
(quoted strings with doubled quotes, bare numbers, `@alias` JSON in the query), a missing or
unknown parameter is a 400, a `$ref` body must link into the service's own sets.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any
from urllib.parse import unquote

from fake_graph import (
    FakeGraph,
    RecordedRequest,
    _bad_request,
    _Fail,
    _json,
    _not_found,
    _Response,
)

# Graph writes a directory object's link with the type it is, past the key.
CAST = "Microsoft.DirectoryServices.User"


@dataclass
class Call:
    """One action or function call as the service understood it."""

    name: str
    path: str  # the bound path, decoded, below the version
    arguments: dict[str, Any]


@dataclass
class _Handler:
    required: frozenset[str]
    optional: frozenset[str]
    status: int
    respond: Callable[[Call], Any]
    function: bool


@dataclass
class Operations:
    """The operations of a FakeGraph; `calls` records every action and function call."""

    graph: FakeGraph
    calls: list[Call] = field(default_factory=list)
    refs: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _handlers: dict[str, _Handler] = field(default_factory=dict)
    _rounds: dict[str, dict[str, str]] = field(default_factory=dict)
    _pages: dict[str, list[Any]] = field(default_factory=dict)
    looping: bool = False  # nextLinks point back at the page they are on

    def __post_init__(self) -> None:
        self.graph.routes.append(self.answer)

    def action(
        self,
        name: str,
        *,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
        status: int = 204,
        respond: Callable[[Call], Any] = lambda call: None,
    ) -> None:
        """Answer POST `.../<name>`: `respond` gives the JSON body (None: no body)."""
        self._handlers[name] = _Handler(
            frozenset(required), frozenset(optional), status, respond, False
        )

    def function(
        self,
        name: str,
        *,
        required: tuple[str, ...] = (),
        optional: tuple[str, ...] = (),
        respond: Callable[[Call], Any] = lambda call: None,
    ) -> None:
        """Answer GET `.../<name>(...)`: `respond` gives the JSON body, or a _Response."""
        self._handlers[name] = _Handler(
            frozenset(required), frozenset(optional), 200, respond, True
        )

    def items(self, collection: str) -> list[dict[str, Any]]:
        """The entities of a collection of the plain store, as the service sends them."""
        store = self.graph._store.entities
        return [
            e.rendered() for p, e in store.items() if p.rsplit("/", 1)[0] == collection
        ]

    def remove(self, path: str) -> None:
        """Delete an entity of the plain store, as another client would."""
        del self.graph._store.entities[path]

    # -- dispatch ----------------------------------------------------------------------

    def answer(self, request: RecordedRequest) -> _Response | None:
        raw = request.path.split("/")[1:]
        if not raw or unquote(raw[0]) != self.graph.version:
            return None
        segments = self._addressed(raw[1:])
        if segments is None:
            return None
        last = segments[-1]
        if last == "$ref":
            return self._reference(request, segments[:-1])
        name = unquote(last.split("(", 1)[0])
        if name == "delta" and request.method == "GET":
            return self._delta(request, segments[:-1])
        handler = self._handlers.get(name)
        if handler is not None:
            return self._call(request, handler, name, segments)
        path = _path(segments)
        if path in self.refs and request.method == "GET":
            return self._referenced(path)
        if segments != raw[1:]:  # addressed by key or path: the plain store serves it
            moved = replace(request, path="/".join(["", raw[0], *segments]))
            return self.graph._store.answer(moved, self.graph.version)
        return None

    def _addressed(self, raw: list[str]) -> list[str] | None:
        """Raw segments with `users(userPrincipalName='x')` and `root:/a/b:` resolved to
        `users/<id>` and `items/<id>`; None when an address names nothing."""
        found: list[str] = []
        i = 0
        while i < len(raw):
            segment = raw[i]
            if segment.endswith(":"):
                end = next(
                    (j for j in range(i + 1, len(raw)) if raw[j].endswith(":")), None
                )
                if end is None:
                    return None
                names = [unquote(s) for s in raw[i + 1 : end + 1]]
                names[-1] = names[-1][:-1]
                item = self._by_path(found, unquote(segment[:-1]), names)
                if item is None:
                    raise _not_found("No item at that path.")
                found, i = item, end + 1
                continue
            collection = _path(found + [segment.split("(", 1)[0]])
            if "(" in segment and collection in self.graph._store.collections:
                found = self._by_alternate(found, segment, collection)
            else:
                found.append(segment)
            i += 1
        return found

    def _by_alternate(
        self, found: list[str], segment: str, collection: str
    ) -> list[str]:
        name, arguments = parse_call(segment, {})
        [(key, value)] = arguments.items()
        for path, entity in self.graph._store.entities.items():
            if path.rsplit("/", 1)[0] == collection and entity.data.get(key) == value:
                return [*found, name, entity.data["id"]]
        raise _not_found(f"No item with {key} {value!r}.")

    def _by_path(
        self, found: list[str], base: str, names: list[str]
    ) -> list[str] | None:
        """`root:/folder/file.txt:` below a drive (or below an item of it)."""
        drive = found if base == "root" else found[:-1]
        store = self.graph._store.entities
        items = _path([*drive, "items"])
        if base == "root":
            parent = "/drive/root:"
        else:
            entity = store[f"{items}/{unquote(base)}"].data
            parent = f"{entity['parentReference']['path']}/{entity['name']}"
        parent += "".join(f"/{n}" for n in names[:-1])
        for path, entity in store.items():
            data = entity.data
            where = data.get("parentReference", {}).get("path")
            if path.rsplit("/", 1)[0] == items and (data.get("name"), where) == (
                names[-1],
                parent,
            ):
                return [*drive, "items", data["id"]]
        return None

    # -- actions and functions ---------------------------------------------------------

    def _call(
        self,
        request: RecordedRequest,
        handler: _Handler,
        name: str,
        segments: list[str],
    ) -> _Response:
        token = request.query.get("$skiptoken", [None])[0]
        if handler.function and token is not None:  # a nextLink of an earlier answer
            return self._page(request, self._pages.pop(token), None)
        if handler.function:
            if request.method != "GET":
                raise _Fail(405, "MethodNotAllowed", f"{name} is a function: GET it.")
            _, arguments = parse_call(segments[-1], request.query)
        else:
            if request.method != "POST":
                raise _Fail(405, "MethodNotAllowed", f"{name} is an action: POST it.")
            arguments = _action_body(request, bool(handler.required | handler.optional))
        missing = sorted(handler.required - arguments.keys())
        unknown = sorted(arguments.keys() - handler.required - handler.optional)
        if missing or unknown:
            raise _bad_request(f"{name}: missing {missing}, unknown {unknown}.")
        call = Call(name, _path(segments[:-1]), arguments)
        self.calls.append(call)
        body = handler.respond(call)
        if isinstance(body, _Response):
            return body
        if body is None:
            return _Response(handler.status)
        if handler.function and isinstance(body, dict) and "value" in body:
            return self._page(request, body["value"], None)
        return _json(handler.status, body)

    def _page(
        self,
        request: RecordedRequest,
        values: list[Any],
        delta: dict[str, str] | None,
    ) -> _Response:
        """A page of `values`, and a nextLink to the rest; the last page of a delta round
        links to what changes from now on (`delta`: the items' etags now)."""
        size = self.graph.page_size
        link = f"{self.graph.origin}{request.path}?"
        body: dict[str, Any] = {"value": values[:size]}
        token = uuid.uuid4().hex
        if values[size:]:
            self._pages[token] = values[size:]
            here = f"{self.graph.origin}{request.target}"
            body["@odata.nextLink"] = (
                here if self.looping else f"{link}$skiptoken={token}"
            )
        elif delta is not None:
            self._rounds[token] = delta
            body["@odata.deltaLink"] = f"{link}$deltatoken={token}"
        return _json(200, body)

    # -- delta -------------------------------------------------------------------------

    def _delta(self, request: RecordedRequest, segments: list[str]) -> _Response:
        """A round: every item, a page at a time; then, from its deltaLink, what changed."""
        allowed = {"$select", "$skiptoken", "$deltatoken"}
        if request.query.keys() - allowed:
            raise _bad_request(f"Unsupported query options: {sorted(request.query)}.")
        collection = _path(segments)
        if collection not in self.graph._store.collections:
            collection = _path(
                [*segments[:-1], "items"]
            )  # driveItem: the drive's items
        token = request.query.get("$skiptoken", [None])[0]
        if token is not None:
            values = self._pages.pop(token)
        else:
            since = request.query.get("$deltatoken", [None])[0]
            select = request.query.get("$select", [""])[0].split(",")
            found = self._changes(collection, self._rounds.get(since or ""))
            values = [_selected(item, select) for item in found]
        return self._page(request, values, self._snapshot(collection))

    def _snapshot(self, collection: str) -> dict[str, str]:
        store = self.graph._store.entities
        return {
            e.data["id"]: e.etag
            for p, e in store.items()
            if p.rsplit("/", 1)[0] == collection
        }

    def _changes(
        self, collection: str, since: dict[str, str] | None
    ) -> list[dict[str, Any]]:
        store = self.graph._store.entities
        now = {p: e for p, e in store.items() if p.rsplit("/", 1)[0] == collection}
        changed = [
            e.rendered()
            for e in now.values()
            if since is None or since.get(e.data["id"]) != e.etag
        ]
        ids = {e.data["id"] for e in now.values()}
        gone = [i for i in (since or {}) if i not in ids]
        removed = [{"id": i, "@removed": {"reason": "deleted"}} for i in gone]
        return changed + removed

    # -- $ref --------------------------------------------------------------------------

    def _reference(self, request: RecordedRequest, segments: list[str]) -> _Response:
        path = _path(segments)
        owner, _, key = path.rpartition("/")
        if request.method == "DELETE" and owner in self.refs:
            links = self.refs[owner]
            if not any(k == key for _, k in links):
                raise _not_found(f"{key} is not a link of {owner}.")
            self.refs[owner] = [(s, k) for s, k in links if k != key]
            return _Response(204)
        if request.method == "GET":
            links = self.refs.get(path, [])
            value = [{"@odata.id": self._link(s, k)} for s, k in links]
            single = path in self.refs and len(value) == 1 and not _many(path)
            return _json(200, value[0] if single else {"value": value})
        if request.method in ("POST", "PUT"):
            added = self._linked(request)
            links = self.refs.setdefault(path, [])
            if request.method == "PUT":
                links.clear()
            elif added in links:
                raise _bad_request("One or more added object references already exist.")
            links.append(added)
            return _Response(204)
        if request.method == "DELETE" and path in self.refs:
            self.refs[path].clear()
            return _Response(204)
        raise _Fail(405, "MethodNotAllowed", f"{request.method} on {path}/$ref.")

    def _linked(self, request: RecordedRequest) -> tuple[str, str]:
        """The set and key an `@odata.id` links to, in this service, of an entity it has."""
        body = request.json()
        link = body.get("@odata.id") if isinstance(body, dict) else None
        base = self.graph.base_url + "/"
        if not isinstance(link, str) or not link.startswith(base) or len(body) != 1:
            raise _bad_request(f"Expected {{'@odata.id': '{base}<set>/<id>'}}.")
        entity_set, _, key = link.removeprefix(base).rpartition("/")
        key = unquote(key)
        if f"/{entity_set}/{key}" not in self.graph._store.entities:
            raise _not_found(f"No {entity_set} {key}.")
        return (f"/{entity_set}", key)

    def _link(self, entity_set: str, key: str) -> str:
        return f"{self.graph.base_url}{entity_set}/{key}/{CAST}"

    def _referenced(self, path: str) -> _Response:
        """A navigation made of links lists (or is) the entities they point to."""
        store = self.graph._store.entities
        found = [store[f"{s}/{k}"].rendered() for s, k in self.refs[path]]
        if _many(path):
            return _json(200, {"value": found})
        if not found:
            raise _not_found(f"Nothing at {path}.")
        return _json(200, found[0])


def parse_call(segment: str, query: dict[str, list[str]]) -> tuple[str, dict[str, Any]]:
    """`name(a='x',b=@b)` as the service reads it: its name and its parameters' values."""
    name, opened, rest = segment.partition("(")
    if not opened or not rest.endswith(")"):
        return unquote(name), {}
    arguments: dict[str, Any] = {}
    for part in _split(rest[:-1]):
        key, equals, text = part.partition("=")
        if not equals:
            raise _bad_request(f"Malformed parameter {part!r}.")
        arguments[unquote(key)] = _literal(text, query)
    return unquote(name), arguments


def _split(text: str) -> list[str]:
    """Parameters split on commas outside quoted strings; a quote inside is doubled."""
    parts, current, quoted = [], "", False
    for char in text:
        if char == "'":
            quoted = not quoted
        if char == "," and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    if quoted:
        raise _bad_request(f"Unterminated string in {text!r}.")
    return [*parts, current] if text else parts


def _literal(text: str, query: dict[str, list[str]]) -> Any:
    if text.startswith("@"):
        if text not in query:
            raise _bad_request(f"No value for the alias {text}.")
        return json.loads(query[text][0], parse_float=Decimal)
    for prefix in ("duration", "binary", ""):
        if (
            text.startswith(prefix + "'")
            and text.endswith("'")
            and len(text) > len(prefix) + 1
        ):
            inner = text[len(prefix) + 1 : -1]
            if "'" in inner.replace("''", ""):
                raise _bad_request(f"A quote inside {text!r} is not doubled.")
            return unquote(inner.replace("''", "'"))
    value = unquote(text)
    constants = {"null": None, "true": True, "false": False}
    if value in constants:
        return constants[value]
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return Decimal(value)
    except ArithmeticError:
        return value  # a Guid, a date, a time: bare


def _action_body(request: RecordedRequest, takes: bool) -> dict[str, Any]:
    if not request.body:
        return {}
    if not request.headers.get("content-type", "").startswith("application/json"):
        raise _bad_request("An action's body is JSON.")
    body = request.json()
    if not isinstance(body, dict) or (body and not takes):
        raise _bad_request("An action's body is an object of its parameters.")
    return body


def _selected(item: dict[str, Any], select: list[str]) -> dict[str, Any]:
    if select == [""] or "@removed" in item:
        return item
    return {k: v for k, v in item.items() if k in select or k in ("id", "@odata.etag")}


def _path(segments: list[str]) -> str:
    return "/" + "/".join(unquote(s) for s in segments)


def _many(path: str) -> bool:
    """A collection navigation's name is plural (members, owners); manager is one."""
    return path.endswith("s")
