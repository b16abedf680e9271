"""Specs parsed and schema-checked before, kept by the hash of their bytes between runs.

Reading YAML and checking it against the JSON Schema is most of the cost of an unchanged spec;
a regenerate after one edit among a thousand specs parses one. The cache lives in the project's
`.graph-codegen-cache/` (ignored by git through its own `.gitignore`), one file, replaced whole.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from generator.spec.load import Spec

FOLDER = ".graph-codegen-cache"
_FILE = "specs.pickle"
_REWRITE = 16  # specs parsed (or gone) since the cache was written, before it is again


class SpecCache:
    """Parsed specs by the hash of their bytes and how messages name them; `salt` invalidates."""

    def __init__(self, folder: Path | None, salt: str) -> None:
        self.folder = folder
        self.salt = salt
        self.used: dict[str, Spec] = {}
        self.known = self._read() if folder is not None else {}
        self.parsed = 0

    def get(self, key: str) -> Spec | None:
        spec = self.known.get(key)
        if spec is not None:
            self.used[key] = spec
        return spec

    def put(self, key: str, spec: Spec) -> None:
        self.used[key] = spec
        self.parsed += 1

    def save(self) -> None:
        """Keep what this run used; a cache that cannot be written is only slower next time.

        Rewriting the whole cache costs more than parsing a few specs again: it is written
        when there is none, when many were parsed, or when it holds many no spec has now.
        """
        stale = len(self.known) - (len(self.used) - self.parsed)
        worth = self.parsed >= _REWRITE or stale >= _REWRITE
        if self.folder is None or not (worth or (self.parsed and not self.known)):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(
                    "# Written by graph-codegen: nothing here is source.\n*\n"
                )
            data = pickle.dumps(
                (self.salt, self.used), protocol=pickle.HIGHEST_PROTOCOL
            )
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".specs-")
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.folder / _FILE)
        except OSError:
            return

    def _read(self) -> dict[str, Spec]:
        assert self.folder is not None
        # Missing, truncated, or written by another version: start over. Unpickling a damaged
        # file can raise almost anything, and a cache must never stop a run.
        try:
            salt, specs = pickle.loads((self.folder / _FILE).read_bytes())
        except Exception:  # noqa: BLE001
            return {}
        return specs if salt == self.salt and isinstance(specs, dict) else {}
