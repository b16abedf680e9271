"""Routes to the spec's paths and parameters: collection paths, the item path, `{id}` renamed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.importer.api import Route
from generator.importer.log import Log

_SEGMENT = re.compile(r"^[A-Za-z0-9_.$-]+$")
_PARAM = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_]*)\}$")
_KEY_IN_PARENS = re.compile(r"\(\s*'?(\{[A-Za-z_][A-Za-z0-9_]*\})'?\s*\)")
_ROOT = re.compile(r"^https://graph\.microsoft\.com/(?:v1\.0|beta)")


def segments(path: str) -> list[str] | None:
    """A route's segments (`x({id})` as `x/{id}`), or None when a segment is not a path segment."""
    path = _ROOT.sub("", path.split("?", 1)[0])
    path = _KEY_IN_PARENS.sub(r"/\1", path).strip("/")
    parts = path.split("/") if path else []
    if not parts or not all(_SEGMENT.match(p) or _PARAM.match(p) for p in parts):
        return None
    return parts


def is_param(segment: str) -> bool:
    return bool(_PARAM.match(segment))


def param(segment: str) -> str:
    match = _PARAM.match(segment)
    return match.group(1) if match else ""


def singular(word: str) -> str:
    """companies -> company, customerPayments -> customerPayment: to name an `{id}` after its set."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def rename_ids(parts: list[str], item_name: str | None) -> tuple[list[str], bool]:
    """`{id}` becomes `{companyId}` after the set before it, or `{<item_name>Id}` in the last place."""
    renamed, changed = [], False
    for i, part in enumerate(parts):
        if part.lower() == "{id}" and i > 0 and not is_param(parts[i - 1]):
            last = i == len(parts) - 1 and item_name is not None
            base = (
                item_name
                if last and item_name
                else singular(parts[i - 1].split(".")[-1])
            )
            part = "{" + base + "Id}"
            changed = True
        renamed.append(part)
    return renamed, changed


def join(parts: Sequence[str]) -> str:
    return "/" + "/".join(parts)


def collection_routes(
    routes: Sequence[Route], item_name: str, log: Log, file: str, at: str
) -> list[str]:
    """Collection paths from list or create routes, deduplicated in page order."""
    found: list[str] = []
    for parts in _renamed(routes, item_name, log, file, at):
        if join(parts) not in found:
            found.append(join(parts))
    return found


def item_routes(
    routes: Sequence[Route], item_name: str, log: Log, file: str, at: str
) -> tuple[list[str], list[str]]:
    """(collection paths, item parameters) of get/update/delete routes ending in `/{key}`."""
    found, keys, skipped = [], [], []
    for route, parts in zip(routes, _renamed(routes, item_name, log, file, at)):
        if not parts:
            continue
        if not is_param(parts[-1]):
            skipped.append(route)
            continue
        if join(parts[:-1]) not in found:
            found.append(join(parts[:-1]))
        keys.append(parts[-1])
    if skipped:
        shown = ", ".join(r.path for r in skipped)
        log.decide(
            file,
            skipped[0].line,
            at,
            f"{len(skipped)} route(s) not ending in a key skipped ({shown}): "
            "they reach it through a single-valued navigation; paths hold collection and item routes only",
        )
    return found, keys


def _renamed(
    routes: Sequence[Route], item_name: str, log: Log, file: str, at: str
) -> list[list[str]]:
    """Each route's segments with `{id}` renamed (one decision per page); [] for a route it cannot read."""
    result: list[list[str]] = []
    renamed: list[tuple[Route, str]] = []
    for route in routes:
        parts = segments(route.path)
        if parts is None:
            log.decide(
                file,
                route.line,
                at,
                f"route {route.path[:80]!r} skipped: not plain segments and {{parameters}}",
            )
            result.append([])
            continue
        new, changed = rename_ids(parts, item_name)
        renamed.extend([(route, join(new))] if changed else [])
        result.append(new)
    if renamed:
        log.decide(
            file,
            renamed[0][0].line,
            at,
            f"{{id}} placeholders renamed: {', '.join(p for _, p in renamed)}",
        )
    return result
