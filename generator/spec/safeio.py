"""Reading the tool's own data files (manifest, cache) as data, whatever a repository put there.

A repository can commit a symbolic link, a FIFO or a device under the name of a file the tool
writes for itself; reading one must neither follow it out of the project nor wait forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

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
