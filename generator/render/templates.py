"""Where templates come from: a user's folder may override some, the installed package has all."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

RUNTIME = "runtime"


def shipped() -> Path:
    """The templates installed with the tool (inside the package in a wheel, or in the repo)."""
    package = Path(__file__).resolve().parent.parent
    beside = package / "templates"
    return beside if beside.is_dir() else package.parent / "templates"


@dataclass(frozen=True)
class TemplateSet:
    """Template folders in lookup order: the first that has a file provides it."""

    folders: tuple[Path, ...]

    @classmethod
    def over_shipped(cls, override: Path | None) -> TemplateSet:
        """A user's folder in front of the shipped templates; the same folder only once."""
        folders = [shipped()]
        if override is not None and override.resolve() != folders[0].resolve():
            folders.insert(0, override)
        return cls(tuple(folders))

    @cached_property
    def files(self) -> dict[str, Path]:
        """Every template by its relative name, as the lookup order resolves it."""
        found: dict[str, Path] = {}
        for folder in reversed(self.folders):
            for path in sorted(folder.rglob("*")):
                wanted = (
                    path.suffix in (".j2", ".py") and "__pycache__" not in path.parts
                )
                if wanted and path.is_file():
                    found[path.relative_to(folder).as_posix()] = path
        return dict(sorted(found.items()))

    def path(self, name: str) -> Path:
        """Where a template is read from; the user's folder when it overrides it."""
        return self.files.get(name, self.folders[0] / name)

    def runtime(self) -> dict[str, Path]:
        """The runtime sources, copied into the generated package."""
        prefix = f"{RUNTIME}/"
        return {
            name.removeprefix(prefix): path
            for name, path in self.files.items()
            if name.startswith(prefix) and name.count("/") == 1 and name.endswith(".py")
        }

    def overridden(self) -> list[str]:
        """The templates a user's folder replaces, for messages and documentation."""
        if len(self.folders) < 2:
            return []
        return [n for n, p in self.files.items() if p.is_relative_to(self.folders[0])]

    def digest(self) -> str:
        """One hash of every template in effect, so a change to any of them is seen."""
        digest = hashlib.sha256()
        for name, path in self.files.items():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()
