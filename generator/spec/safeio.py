"""Reading files as data, whatever a repository put there.

A repository can commit a symbolic link, a FIFO or a device under the name of a file the tool
writes for itself; reading one must neither follow it out of the project nor wait forever.
Inputs (specs, templates, the configuration, the metadata) are read through no link that leaves
the project: a spec linked to `~/.ssh/id_rsa.pub` would have its text quoted by a message.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.report.problems import Problem, excerpt

# Far above any manifest or spec cache a project makes (a 1,000-spec cache is ~10 MB).
LIMIT = 512 * 1024 * 1024


class NotRegular(OSError):
    """The name is taken by something that is not a plain file (a link, a FIFO, a device)."""


def read_regular(path: Path, limit: int = LIMIT) -> bytes:
    """The bytes of a plain file, never through a symbolic link; OSError when it is anything else.

    FileNotFoundError when there is nothing there, NotRegular when the name holds something
    other than a plain file or one larger than `limit`.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if path.is_symlink():
            raise NotRegular(0, "a symbolic link, not a plain file") from None
        raise
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(0, "not a plain file")
        if info.st_size > limit:
            raise NotRegular(0, f"larger than {limit} bytes")
        return stream.read(limit + 1)


def leaves(path: Path, root: Path) -> bool:
    """Whether `path`, named inside the project at `root`, is really outside it: a symbolic
    link (to the file or to a folder above it) leads out. A path named outside the project
    (`--specs ../shared`) is the user's own choice, not a link of the repository's."""
    named = os.path.abspath(path)
    if not _within(named, os.path.abspath(root)):
        return False
    return not _within(os.path.realpath(path), os.path.realpath(root))


def outside(paths: Iterable[Path], root: Path, what: str) -> list[Problem]:
    """A problem for each of `paths` that a link leads out of the project, at its file, that
    quotes nothing of what the link reaches."""
    return [
        Problem(
            os.path.relpath(path, Path.cwd()),
            0,
            f"a symbolic link that leads out of the project (to {_target(path)}): "
            f"graph-codegen reads no {what} outside the project; copy the file in instead",
        )
        for path in paths
        if leaves(path, root)
    ]


def _target(path: Path) -> str:
    """Where a link leads, as its repository wrote it (a folder above it may be the link)."""
    try:
        return excerpt(os.readlink(path))
    except OSError:
        return excerpt(os.path.realpath(path))


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
