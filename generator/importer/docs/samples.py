"""The Examples section of an API page: request and response fences, versions, example status."""

from __future__ import annotations

import re

from generator.importer.docs.markdown import Fence, Page

_URL = re.compile(
    r"^\s*(?:GET|POST|PATCH|PUT|DELETE)\s+https://graph\.microsoft\.com/(v1\.0|beta)/"
)
_HTTP_STATUS = re.compile(r"^\s*HTTP/[0-9.]+\s+([1-5][0-9][0-9])\b")


def fences(page: Page) -> tuple[list[Fence], list[Fence]]:
    """The example request fences and response fences, in page order."""
    kinds = [(_kind(page, f), f) for f in page.fences]
    return [f for k, f in kinds if k == "request"], [
        f for k, f in kinds if k == "response"
    ]


def _kind(page: Page, fence: Fence) -> str:
    """request or response, from the blockType comment or the sub-section the fence sits in."""
    kind = str(fence.block.get("blockType", ""))
    if kind in ("request", "response"):
        return kind
    section = page.section_of(fence.line)
    if section is not None and section.level >= 3:
        title = section.title.lower()
        return (
            "request"
            if title.startswith("request")
            else "response" if title.startswith("response") else ""
        )
    return ""


def status(responses: list[Fence]) -> tuple[int, int] | None:
    for fence in responses:
        for i, text in enumerate(fence.body):
            match = _HTTP_STATUS.match(text)
            if match:
                return int(match.group(1)), fence.line + 1 + i
    return None


def versions(fence: Fence) -> list[tuple[str, int]]:
    return [
        (m.group(1), fence.line + 1 + i)
        for i, t in enumerate(fence.body)
        if (m := _URL.match(t))
    ]
