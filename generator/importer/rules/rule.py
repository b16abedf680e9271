"""One importer rule: a way of reading the docs or the metadata that decides what no page says
outright, named so the decision it takes can say which rule took it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """`id` is stable (`stage.what`, written into the spec's `notes[].rule`); `fixture` is the
    page under tests/fixtures/ that shows the rule, where the rules test sees it decided.
    """

    id: str
    description: str
    fixture: str
