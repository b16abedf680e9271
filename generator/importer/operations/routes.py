"""Routes as the pages write them to path segments the builders can express, parameters camelCase."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.odata.naming import singular

_SEGMENT = re.compile(r"^[A-Za-z0-9_.$-]+$")
_PARAM = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)\}$")
_WRITTEN_PARAM = re.compile(r"^\{([^{}]+)\}$")
_KEY_IN_PARENS = re.compile(r"\(\s*'?(\{[^{}()]+\})'?\s*\)")
_ROOT = re.compile(r"^https://graph\.microsoft\.com/(?:v1\.0|beta)")
_GUID = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
_CALL = re.compile(r"\(.*\)$")
# Functions the pages write without parentheses (`GET /education/classes/delta`).
_FUNCTIONS = ("delta",)


def segments(path: str) -> list[str] | None:
    """A route's segments (`x({id})` as `x/{id}`), or None when a segment is not a path segment."""
    found, _ = readable(path)
    return found


def readable(path: str) -> tuple[list[str] | None, str]:
    """The segments of a route, parameters camelCase; or None and why the builders cannot express it."""
    path = _ROOT.sub("", path.split("?", 1)[0]).rstrip("/")
    if ":" in path:
        return None, "a path addressed by name (`root:/path:`)"
    path = _KEY_IN_PARENS.sub(r"/\1", path).strip("/")
    parts = path.split("/") if path else []
    if not parts:
        return None, "the service root"
    if parts[-1].lower() in _FUNCTIONS:
        return None, f"{parts[-1]}, a function of the set, not a path to the type"
    result: list[str] = []
    for part in parts:
        if part.lower() in ("$value", "$ref", "$count"):
            return None, f"{part} (the raw value or a reference, not the entity)"
        if _CALL.search(part):
            return None, f"a function call with arguments ({part[:40]})"
        named = _param_name(part)
        if named is not None:
            result.append("{" + named + "}")
        elif _GUID.match(part):
            result.append("{id}")
        elif part.strip(".") == "":
            return None, f"{part!r} stands for segments the page leaves out"
        elif _SEGMENT.match(part):
            result.append(part)
        else:
            return None, "not plain segments and {parameters}"
    return result, ""


def _param_name(part: str) -> str | None:
    """`{drive-id}` -> driveId, `{id|userPrincipalName}` -> id, `{alert_id}` -> alertId, `{Id}` -> id."""
    match = _WRITTEN_PARAM.match(part)
    if match is None:
        return None
    first = match.group(1).split("|")[0].strip()
    words = [w for w in re.split(r"[^A-Za-z0-9]+", first) if w]
    if not words or not words[0][0].isalpha():
        return "id"
    head = words[0][0].lower() + words[0][1:]
    name = head + "".join(w[0].upper() + w[1:] for w in words[1:])
    return "id" if name.lower() == "id" else name


def is_param(segment: str) -> bool:
    return bool(_PARAM.match(segment))


def param(segment: str) -> str:
    match = _PARAM.match(segment)
    return match.group(1) if match else ""


def rename_ids(parts: list[str], item_name: str | None) -> tuple[list[str], bool]:
    """`{id}` becomes `{companyId}` after the set before it, or `{<item_name>Id}` in the last place."""
    renamed, changed = [], False
    for i, part in enumerate(parts):
        last = i == len(parts) - 1 and item_name is not None and is_param(part)
        if last or (part == "{id}" and i > 0 and not is_param(parts[i - 1])):
            base = (
                item_name
                if last and item_name
                else singular(parts[i - 1].split(".")[-1])
            )
            new = "{" + base + "Id}"
            changed = changed or new != part
            part = new
        renamed.append(part)
    return renamed, changed


def join(parts: Sequence[str]) -> str:
    return "/" + "/".join(parts)


def names(parts: list[str], name: str) -> bool:
    """`/me/todo/lists/{id}/tasks` names todoTask: its last set, singular, ends the type's name."""
    words = [p for p in parts if not is_param(p)]
    if not words:
        return False
    last = words[-1].rsplit(".", 1)[-1].lower()
    type_name = name.lower()
    plain = last[:-2] if last.endswith("ses") else ""  # statuses, not statuse
    return any(
        type_name.endswith(w) or w.endswith(type_name)
        for w in (last, singular(last).lower(), plain)
        if w
    )
