"""The output folder changed all at once or not at all: files staged beside their targets,
swapped in with signals held, rolled back on any failure, and one run at a time."""

from __future__ import annotations

import fcntl
import os
import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from generator.emit.manifest import MANIFEST
from generator.emit.outguard import on_disk

_TMP, _OLD = ".graph-codegen-tmp", ".graph-codegen-old"


def remove_leftovers(out: Path) -> None:
    """Staging files of a run that was killed outright; they are ours by their names."""
    for path in on_disk(out):
        if path.endswith((_TMP, _OLD)):
            (out / path).unlink()


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Two runs at once take turns instead of interleaving their writes."""
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def transaction(out: Path, planned: Mapping[str, bytes], stale: list[str]) -> None:
    """Stage every file next to its target, then swap them in with signals held off."""
    staged: list[Path] = []
    try:
        for path, data in sorted(planned.items()):
            target = out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(target.name + _TMP)
            staged.append(temp)
            temp.write_bytes(data)
    except BaseException:
        _remove(staged)
        raise
    with _signals_held():
        _commit(out, sorted(planned), stale)


def _commit(out: Path, paths: list[str], stale: list[str]) -> None:
    """Files first, then stale removals, then the manifest, each undoable until the end."""
    done: list[tuple[Path, bool]] = []
    try:
        for path in [p for p in paths if p != MANIFEST]:
            _swap_in(out / path, done)
        for path in stale:  # kept as a link until the end, so a failure can restore it
            target = out / path
            os.link(target, target.with_name(target.name + _OLD))
            target.unlink()
            done.append((target, True))
        if MANIFEST in paths:
            _swap_in(out / MANIFEST, done)
    except BaseException:
        _roll_back(done)
        leftovers = [
            (out / p).with_name(Path(p).name + s)
            for p in paths + stale
            for s in (_TMP, _OLD)
        ]
        _remove(leftovers)
        raise
    _remove([t.with_name(t.name + _OLD) for t, existed in done if existed])
    _prune_empty(out, stale)


def _swap_in(target: Path, done: list[tuple[Path, bool]]) -> None:
    existed = target.exists()
    if existed:
        os.link(target, target.with_name(target.name + _OLD))
    os.replace(target.with_name(target.name + _TMP), target)
    done.append((target, existed))


def _roll_back(done: list[tuple[Path, bool]]) -> None:
    for target, existed in reversed(done):
        if existed:
            os.replace(target.with_name(target.name + _OLD), target)
        else:
            target.unlink(missing_ok=True)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _prune_empty(out: Path, removed: list[str]) -> None:
    for path in removed:
        parent = (out / path).parent
        while parent != out and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


@contextmanager
def _signals_held() -> Iterator[None]:
    """An interrupt during the swap is delivered after it, not in the middle of it."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
