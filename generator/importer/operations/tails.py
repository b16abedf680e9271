"""A route split into the path it addresses and what follows it: a reference (`$ref`), a media
stream (`$value`, `content`), a function call (`range(address='A1')`, `delta()`), or nothing;
`root:/path:` addressing is taken out of the path and remembered."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.operations import routes

_BY_PATH = re.compile(r"(?<=[^/]):/[^:]*(?::(?=/|$)|$)")
_ROOT = re.compile(r"^https://graph\.microsoft\.com/(?:v1\.0|beta)")
_CALL = re.compile(r"^([A-Za-z_][A-Za-z0-9_.]*)\((.*)\)$")
_ARGUMENT = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=")
# Functions the pages write without parentheses (`GET /education/classes/delta`).
FUNCTIONS = ("delta",)
REF, VALUE, CONTENT, CALL = "$ref", "$value", "content", "call"
BY_PATH_THEN_MORE = "a path addressed by name (`root:/path:`), then more segments"


@dataclass(frozen=True)
class Address:
    """The segments before the tail (None when the builders cannot express them, with why)."""

    parts: list[str] | None
    tail: str = ""  # "", $ref, $value, content or call
    name: str = ""  # the function's name for a call
    arguments: tuple[str, ...] = ()  # the argument names a call writes in the route
    by_path: bool = False  # the route addresses an item by path (`root:/a/b.txt:`)
    after: int = 0  # segments after the item addressed by path
    why: str = ""

    @property
    def last(self) -> str:
        return self.parts[-1] if self.parts else ""


def address(path: str) -> Address:
    """The route's path and tail; `x/content` is a stream only where the caller says so."""
    path = _ROOT.sub("", path.split("?", 1)[0]).rstrip("/")
    colon = _BY_PATH.search(path)
    by_path = colon is not None
    after = _split(path[colon.end() :]) if colon else []
    path = _BY_PATH.sub("", path)
    if ":" in path:
        return Address(None, why="a path addressed by name that is not `item:/path:`")
    if len(after) > 1:
        return Address(None, why=BY_PATH_THEN_MORE)

    segments = _split(path)
    if not segments:
        return Address(None, why="the service root")
    tail, name = "", ""
    arguments: tuple[str, ...] = ()
    last = segments[-1]
    call = _CALL.match(last)
    if last.lower() in (REF, VALUE):
        tail, segments = last.lower(), segments[:-1]
    elif call and (not call.group(2).strip() or "=" in call.group(2)):
        tail, name, segments = CALL, call.group(1), segments[:-1]
        arguments = tuple(
            m.group(1) for a in call.group(2).split(",") if (m := _ARGUMENT.match(a))
        )
    elif last.lower() in FUNCTIONS:
        tail, name, segments = CALL, last, segments[:-1]
    if not segments and tail == CALL:  # `/users(userPrincipalName='x')`
        return Address([], tail, name, arguments, by_path, _beyond(after, tail))
    parts, why = routes.readable("/" + "/".join(segments)) if segments else (None, "")
    if parts is None:
        return Address(None, why=why or "the service root")
    return Address(parts, tail, name, arguments, by_path, _beyond(after, tail))


def _beyond(after: list[str], tail: str) -> int:
    """How many path segments follow the item addressed by path, its tail left out."""
    return max(len(after) - (1 if tail else 0), 0)


def expected(kind: str) -> tuple[str, ...]:
    """The tails the routes of an operation of this kind end with."""
    return {"function": (CALL, ""), "stream": (VALUE, ""), "ref": (REF,)}.get(
        kind, ("",)
    )


def unexpected(found: Address) -> str:
    """Why a route with this tail is not the operation its page documents."""
    if found.tail == CALL:
        return f"{found.name}(), a function, not the operation of this page"
    return f"{found.tail} (the raw value or a reference, not the entity)"


def _split(path: str) -> list[str]:
    """Segments split on `/` outside parentheses: a function's arguments may hold one."""
    found, depth, current = [], 0, ""
    for char in path:
        depth += (char == "(") - (char == ")")
        if char == "/" and depth <= 0:
            found.append(current)
            current = ""
        else:
            current += char
    found.append(current)
    return [s for s in found if s]
