"""Inline markdown in table cells and prose: links, emphasis and the stub pages' TODO placeholders."""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_TODO = re.compile(r"\*\*\s*TODO:.*?\*\*|\bTODO:[^.|]*\.?", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def links(text: str) -> list[tuple[str, str]]:
    """The (text, target) of every markdown link, in order."""
    return [(m.group(1), m.group(2)) for m in _LINK.finditer(text)]


def plain(text: str) -> str:
    """Cell or prose text without link markup or breaks, whitespace collapsed."""
    text = _LINK.sub(r"\1", text)
    text = _HTML_BREAK.sub(" ", text)
    return " ".join(text.split())


def without_todo(text: str) -> tuple[str, bool]:
    """Drop `**TODO: ...**` placeholders; the flag says one was there, so it can be reported."""
    cleaned, count = _TODO.subn("", text)
    return plain(cleaned), count > 0


def is_todo(text: str) -> bool:
    return bool(_TODO.search(text))
