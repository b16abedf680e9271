"""Inline markdown in table cells and prose: links, emphasis and the stub pages' TODO placeholders."""

from __future__ import annotations

import re
from collections.abc import Mapping

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
# `[identitySet][]`, `[**list**][list]`: the target is defined elsewhere on the page.
_REFERENCE = re.compile(r"\[([^\]]*)\]\[([^\]]*)\]")
# `[invitedUserMessageInfo](invitedusermessageinfo.md`: a link whose closing parenthesis is lost.
_UNCLOSED = re.compile(r"\[([^\]]*)\]\(([^)\s]*)$")
_TODO = re.compile(r"\*\*\s*TODO:.*?\*\*|\bTODO:[^.|]*\.?", re.IGNORECASE)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def links(text: str, references: Mapping[str, str] = {}) -> list[tuple[str, str]]:
    """The (text, target) of every link, in order; a reference link's target is its definition."""
    found = [(m.start(), m.group(1), m.group(2)) for m in _LINK.finditer(text)]
    for m in _REFERENCE.finditer(text):
        label = (m.group(2) or m.group(1)).strip("*` ").lower()
        if label in references:
            found.append((m.start(), m.group(1), references[label]))
    found.extend((m.start(), m.group(1), m.group(2)) for m in _UNCLOSED.finditer(text))
    return [(t, target) for _, t, target in sorted(found)]


def plain(text: str) -> str:
    """Cell or prose text without link markup or breaks, whitespace collapsed."""
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE.sub(r"\1", text)
    text = _UNCLOSED.sub(r"\1", text)
    text = _HTML_BREAK.sub(" ", text)
    return " ".join(text.split())


def without_todo(text: str) -> tuple[str, bool]:
    """Drop `**TODO: ...**` placeholders; the flag says one was there, so it can be reported."""
    cleaned, count = _TODO.subn("", text)
    return plain(cleaned), count > 0


def is_todo(text: str) -> bool:
    return bool(_TODO.search(text))
