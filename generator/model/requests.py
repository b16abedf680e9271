"""Every request the generated client can send, as `graph-codegen routes` lists it: the HTTP
method, the URL template below the service root as the docs write it, the Python call that
sends it (sync and async), and the spec and the API page it came from."""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.operations import BY_PATH
from generator.check.pathtree import Node, child_attr
from generator.check.schema import Schema
from generator.model.methods import Method
from generator.model.navigation import BuilderClass, Navigation
from generator.model.operations import template
from generator.odata import naming
from generator.odata.typeref import TypeRef
from generator.spec.load import Spec

_ORDER = ("GET", "POST", "PATCH", "PUT", "DELETE")
# What each part of a stream (a runtime class of `.content`) sends: method, path, call.
_STREAM = {
    "ContentReader": ("GET", "", "content.get()"),
    "ContentWriter": ("PUT", "", "content.put(data)"),
    "LargeFileUploader": ("POST", "/createUploadSession", "content.upload(data)"),
}


@dataclass(frozen=True)
class Request:
    """One request: `GET /me/events/{eventId}`, `client.me.events.by_event_id(event_id).get()`."""

    method: str
    path: str
    call: str
    async_call: str
    spec: str | None
    docs: str | None

    def matches(self, text: str) -> bool:
        """Whether `text` is in its method, path or call, in any case."""
        return text.lower() in f"{self.method} {self.path} {self.call}".lower()


def requests(schema: Schema, root: Node, navigation: Navigation) -> list[Request]:
    """Every request of every builder, each route walked from the client."""
    classes = {str(c.name): c for c in navigation.classes}
    found: list[Request] = []

    def visit(node: Node, path: str, call: str, taken: frozenset[str]) -> None:
        for child in node.children.values():
            segment, names = child.segment, taken
            step = f".{child_attr(segment)}"
            if segment.startswith("{"):
                name = _parameter(segment[1:-1], taken)
                segment, names = f"{{{name}}}", taken | {name}
                step += f"({_argument(name)})"
            here, reached = f"{path}/{segment}", call + step
            c = classes.get(navigation.node_classes.get(id(child), ""))
            if c is not None:
                found.extend(_requests(c, here, reached, schema, classes))
            visit(child, here, reached, names)

    visit(root, "", "client", frozenset())
    return sorted(found, key=lambda r: (r.path, _ORDER.index(r.method), r.call))


def _requests(
    c: BuilderClass,
    path: str,
    call: str,
    schema: Schema,
    classes: dict[str, BuilderClass],
    addressed: bool = False,
) -> list[Request]:
    """What a builder sends at `path`; an item reached another way (an alternate key, its
    path) is listed with its own requests there, not with what is below it."""
    spec = schema[c.resource].spec if c.resource else None
    found = [_method(m, path, call, spec) for m in c.methods]
    if spec is not None and c.stream is not None:
        stream = spec.streams[0]
        for part, _ in c.stream.parts:
            method, after, usage = _STREAM[part]
            where = f"{path}/{stream.segment}{after}"
            found.append(_request(method, where, f"{call}.{usage}", spec.file, None))
    for child in () if addressed else c.children:
        if not child.address:
            continue
        if child.address == BY_PATH:
            where, argument = f"{path}:/{{path}}:", "path"
        else:
            key = TypeRef("primitive", child.param_type or "String")
            where = f"{path}({template(child.address, key)})"
            argument = _argument(child.address)
        target = classes[str(child.target_class)]
        reached = f"{call}.{child.attr}({argument})"
        found += _requests(target, where, reached, schema, classes, True)
    return found


def _method(m: Method, path: str, call: str, spec: Spec | None) -> Request:
    """The request a builder method sends, and how it is called."""
    params = str(m.params)
    usage = "()" if params == "self" else "(...)"
    for first in ("body", "id_or_url"):
        if params.startswith(f"self, {first}"):
            usage = f"({first})"
    iterates = m.returns is None or m.shape == "paged"
    sent = f"{call}.{m.name}{usage}"
    file = m.spec or (spec.file if spec else None)
    return _request(m.http, path + m.suffix, sent, file, m.docs or None, iterates)


def _request(
    method: str,
    path: str,
    call: str,
    spec: str | None,
    docs: str | None,
    iterates: bool = False,
) -> Request:
    waits = f"async for item in {call}" if iterates else f"await {call}"
    return Request(method, path, call, waits, spec, docs)


def _parameter(name: str, taken: frozenset[str]) -> str:
    """A parameter's name in a route, unique in it as the Graph SDKs make it: a key named as
    one before it (a drive item's child) is numbered, `{driveItemId1}`."""
    return next(
        f"{name}{n or ''}"
        for n in range(len(taken) + 1)
        if f"{name}{n or ''}" not in taken
    )


def _argument(name: str) -> str:
    """The argument a call names for a parameter: `event_id` for `{eventId}`."""
    return naming.safe_identifier(naming.snake(name), fallback="key")
