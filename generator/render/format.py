"""black, in-process, with one pinned mode: the output must not depend on the user's black config.

Many files are formatted on every core: black is most of the time of a cold run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor

import black

from generator.render.layout import prelaid
from generator.report.problems import FormatError
from generator.report.progress import Progress, silent

MODE = black.Mode(target_versions={black.mode.TargetVersion.PY311}, line_length=88)
# Below this many files a pool costs more to start than it saves.
PARALLEL_FROM = 24

Source = tuple[str, str, str]  # output path, template, unformatted source


def format_source(path: str, template: str, source: str) -> str:
    """Format one Python file; other files pass through."""
    if not path.endswith(".py"):
        return source
    try:
        return black.format_str(prelaid(source), mode=MODE)
    except Exception as error:  # black raises several types for invalid input
        raise FormatError(
            f"{path} (from template {template}) is not valid Python: {error}"
        ) from error


def _format_one(item: Source) -> tuple[str, str]:
    return item[0], format_source(*item)


def format_all(
    sources: Iterable[Source], workers: int | None = None, progress: Progress = silent
) -> dict[str, str]:
    """Every source formatted, by path; on several processes when there are many."""
    items = list(sources)
    workers = workers or os.cpu_count() or 1
    formatted: dict[str, str] = {}
    if workers < 2 or len(items) < PARALLEL_FROM or not _can_fork():
        results: Iterable[tuple[str, str]] = map(_format_one, items)
        return _collect(results, formatted, len(items), progress)
    # Largest first, so no worker is left with one big file at the end.
    items.sort(key=lambda item: -len(item[2]))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        results = pool.map(_format_one, items, chunksize=4)
        return _collect(results, formatted, len(items), progress)


def _collect(
    results: Iterable[tuple[str, str]],
    into: dict[str, str],
    total: int,
    progress: Progress,
) -> dict[str, str]:
    for path, text in results:
        into[path] = text
        progress("formatting", len(into), total)
    return into


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
