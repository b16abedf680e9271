"""The project's `.graph-codegen-cache/`: complete (with the `.gitignore` that hides it) or absent.

The folder is built beside its place and renamed into it, so no kill leaves a folder git
sees; a folder an older version or a kill left incomplete is repaired by the next run.
Staging folders of a run that was killed are removed by the next one: every writer holds a
lock on the project folder while its staging folder exists, so one found under the lock is
a dead run's.
"""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.report.problems import Problem
from generator.spec.safeio import NotRegular, read_regular
from generator.spec.seal import Unsealed

NAME = ".graph-codegen-cache"
IGNORE = b"# Written by graph-codegen: nothing here is source.\n*\n"
_STAGING = f"{NAME}.staging-"
_TEMP = ".tmp-"


class CacheFolder:
    """One project's cache folder: files read as data, written whole, never through a link."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self, name: str) -> bytes | None:
        """A file's bytes; None when there is none. OSError when the name holds something
        else than a plain file (a link, a FIFO, a folder), or the folder is a link."""
        if not self._usable():
            if self.path.is_symlink():
                raise NotRegular(0, "a symbolic link, not a folder")
            return None
        try:
            return read_regular(self.path / name)
        except FileNotFoundError:
            return None

    def write(self, files: dict[str, bytes]) -> None:
        """Replace these files, creating the folder complete when there is none.

        A cache that cannot be written is only slower next time: OSError is not raised.
        """
        try:
            with self._locked():
                self._clean()
                if self.path.is_symlink() or (
                    self.path.exists() and not self.path.is_dir()
                ):
                    return  # a name a repository took: never written through
                if not self.path.exists():
                    self._create(files)
                    return
                self._complete()
                for name, data in sorted(files.items()):
                    _replace(self.path / name, data)
        except OSError:
            return

    def repair(self) -> None:
        """Make an existing folder complete and remove dead runs' staging; cheap when all is well."""
        try:
            stale = [e for e in os.scandir(self.path.parent) if _staging(e.name)]
            if not stale and (not self._usable() or self._ignored()):
                return
            with self._locked():
                self._clean()
                if self._usable():
                    self._complete()
        except OSError:
            return

    def _usable(self) -> bool:
        """A real folder (not a link to one elsewhere) is there."""
        try:
            return stat.S_ISDIR(os.lstat(self.path).st_mode)
        except OSError:
            return False

    def _ignored(self) -> bool:
        try:
            return read_regular(self.path / ".gitignore") == IGNORE
        except OSError:
            return False

    def _complete(self) -> None:
        """The `.gitignore` in place, written whole; leftover temporary files removed."""
        for entry in os.scandir(self.path):
            if entry.name.startswith(_TEMP):
                os.unlink(entry.path)
        if not self._ignored():
            _replace(self.path / ".gitignore", IGNORE)

    def _create(self, files: dict[str, bytes]) -> None:
        import shutil
        import tempfile

        staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=self.path.parent))
        try:
            (staging / ".gitignore").write_bytes(IGNORE)
            for name, data in sorted(files.items()):
                (staging / name).write_bytes(data)
            os.rename(staging, self.path)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)

    def _clean(self) -> None:
        """Staging folders left by runs that were killed (called under the lock)."""
        import shutil

        for entry in os.scandir(self.path.parent):
            if _staging(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Runs in one project take turns: a staging folder found under the lock is a dead run's."""
        fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def _staging(name: str) -> bool:
    return name.startswith(_STAGING)


def _replace(target: Path, data: bytes) -> None:
    """Write beside, then rename over: a reader sees the old file or the new one, never half."""
    import tempfile  # writing only: `check`'s fast path reads

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=_TEMP)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ignored(path: Path, error: Exception, kind: str) -> Problem:
    """The one note for a cache file not read (not sealed here, not a plain file, or not a
    `kind` of this version): the run goes on as if there were none."""
    if isinstance(error, Unsealed):
        what = str(error)
    else:
        what = f"not {'a plain file' if isinstance(error, OSError) else kind} of graph-codegen"
    shown = os.path.relpath(path, Path.cwd())
    return Problem(shown, 0, f"{what}; ignored, as if there were none", "note")
