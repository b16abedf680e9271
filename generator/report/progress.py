"""What a long run is doing, on one terminal line of stderr; nothing when not a terminal."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO


class Progress(Protocol):
    """Told how far a stage is: `done` of `total` items."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...


def silent(stage: str, done: int, total: int) -> None:
    """For runs nobody watches: tests, pipes, `--quiet`."""


class Terminal:
    """One status line, rewritten in place at most ten times a second, erased at the end."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.shown = False
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        self.stream.write(f"\r\x1b[Kgraph-codegen: {stage} {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def for_stderr(quiet: bool) -> Progress:
    """A terminal line when stderr is a terminal and the user did not ask for quiet."""
    return Terminal(sys.stderr) if sys.stderr.isatty() and not quiet else silent
