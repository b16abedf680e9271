"""Problems in the user's input, collected as values with a location and printed once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem; `file:line: message` is the format every user sees.

    Line 0 is a file as a whole (`file: message`); no file is a problem of the command line or
    of the setup, which has no place in a file (`graph-codegen: message`).
    """

    file: str
    line: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.level == "error" else f"{self.level}: "
        if not self.file:
            return f"graph-codegen: {prefix}{self.message}"
        where = f"{self.file}:{self.line}" if self.line > 0 else self.file
        return f"{where}: {prefix}{self.message}"


class InputError(Exception):
    """Raised with every problem found, so the command can report them all and exit 2."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class FormatError(Exception):
    """black refused generated source: a template bug, named with the template and output file."""


EXCERPT = 40  # characters of an input value a message may quote
NAME = 128  # characters of a name (a field, a key): Graph's own reach 74


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """An input value as a message quotes it: escaped, and cut to a few words, so a message
    never echoes a whole line of a file (a secret a link reached, a document, a key)."""
    if isinstance(value, str):
        if len(value) <= limit:
            return repr(value)
        return f"{value[:limit]!r}... ({len(value)} characters)"
    if isinstance(value, dict):
        return f"an object of {len(value)} field(s)"
    if isinstance(value, list):
        return f"an array of {len(value)} item(s)"
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}..."


def plain(name: str, limit: int = NAME) -> str:
    """A name from the input (a field, a key, an element) as written, unless it is long or
    holds what a terminal would act on: then quoted and cut as `excerpt` does."""
    return name if name.isprintable() and len(name) <= limit else excerpt(name, limit)


def suggestion(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'X'?)` hint for a near miss, or nothing."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
