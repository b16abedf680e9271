"""Cache files sealed with a key kept outside every repository.

A cache is read only if this user's graph-codegen wrote it on this machine: one a repository
carries (committed with `git add -f`, unpacked from an archive) fails its seal and is ignored,
so no file of a repository can decide what generate writes but the specs and templates.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
from pathlib import Path

TAG = hashlib.sha256().digest_size
_KEY_BYTES = 32


class Unsealed(ValueError):
    """A cache file this user's graph-codegen did not write here (or an older version did)."""


def seal(data: bytes) -> bytes:
    """The data with its tag after it."""
    return data + _tag(data)


def unseal(data: bytes) -> bytes:
    """The data a seal covers; Unsealed when the tag is not this key's."""
    body, tag = data[:-TAG], data[-TAG:]
    if len(data) < TAG or not hmac.compare_digest(tag, _tag(body)):
        raise Unsealed(
            "not sealed by graph-codegen for this user on this machine (a cache from "
            "elsewhere, or of an older version)"
        )
    return body


def _tag(data: bytes) -> bytes:
    return hmac.new(key(), data, hashlib.sha256).digest()


def key_file() -> Path:
    """Where the key lives: the user's cache folder, never a project."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "graph-codegen" / "cache.key"


@functools.cache
def key() -> bytes:
    """This user's key, made at first use; a key for this process alone when none can be
    kept (caches then serve one run only, which is slower and as safe)."""
    path = key_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as file:
                file.write(os.urandom(_KEY_BYTES))
        with open(path, "rb") as file:
            found = file.read(_KEY_BYTES + 1)
        if len(found) == _KEY_BYTES:
            return found
    except OSError:
        pass
    return os.urandom(_KEY_BYTES)
