"""Where templates come from: a user's folder may override some, the installed package has all."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.report.problems import Problem, excerpt, suggestion
from generator.spec import safeio

RUNTIME = "runtime"
# Templates older versions shipped, and where what they made is now: a user's override of
# one would otherwise replace nothing, silently.
VALIDATION = (
    "validation rules live in each model's module now (model.py.j2): the runtime reads "
    "them from the model's hints and its `_read_only`, `_graph_types`, `_abstract`, "
    "`_open_type` and `_prefer_unknown_members` (runtime/rules.py)"
)
RETIRED = {"validation.py.j2": VALIDATION, "validation_init.py.j2": VALIDATION}
# What validation reads from a module a template writes: an override from before the rules
# moved into the models writes none of it, and read-only properties would be sent unchecked.
RULES_WRITTEN = {"model.py.j2": "_read_only"}
_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)  # a Jinja comment writes nothing


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
            found.update(_names(folder))
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

    def shipped_names(self) -> list[str]:
        """Every template the installed package ships, by its relative name."""
        return sorted(_names(self.folders[-1]))

    def unknown(self) -> list[Path]:
        """Files of the user's folder that replace no shipped template and that no template
        in effect includes, imports or extends: a misspelt override does nothing at all.
        """
        if len(self.folders) < 2:
            return []
        shipped = set(_names(self.folders[-1]))
        own = {n: p for n, p in _names(self.folders[0]).items() if n not in shipped}
        if not own:
            return []
        used = _referenced(self.files.values())
        return [path for name, path in sorted(own.items()) if name not in used]

    def unknown_problems(self) -> list[Problem]:
        """An override under a name no template has would silently do nothing: a problem each,
        naming the shipped templates."""
        unknown = self.unknown()
        names = self.shipped_names() if unknown else []
        return [
            Problem(os.path.relpath(path, Path.cwd()), 0, self._unknown(path, names))
            for path in unknown
        ]

    def stale_problems(self) -> list[Problem]:
        """An override of a template that must write what validation reads, and that writes
        none of it (nor includes, imports or extends a template that could): a problem each.
        """
        found = []
        for name in self.overridden():
            marker = RULES_WRITTEN.get(name)
            path = self.files[name]
            if marker is None or _referenced([path]):
                continue
            try:
                if marker in _COMMENT.sub("", path.read_text(encoding="utf-8")):
                    continue
            except (OSError, UnicodeDecodeError):
                continue  # reported where the template is read
            message = (
                f"{name} writes no `{marker}`: validation reads a model's rules from its "
                "class now (`_read_only`, `_graph_types`, `_abstract`, `_open_type`, "
                "`_prefer_unknown_members`; runtime/rules.py), so an override from an older "
                "version would let read-only properties be sent unchecked; start again from "
                f"`graph-codegen templates --copy {name} DIR`"
            )
            found.append(Problem(os.path.relpath(path, Path.cwd()), 0, message))
        return found

    def _unknown(self, path: Path, names: list[str]) -> str:
        name = path.relative_to(self.folders[0]).as_posix()
        if name in RETIRED:
            return f"{name} is no template any more, so it replaces nothing: {RETIRED[name]}"
        return (
            f"no shipped template is named {excerpt(path.name)}, so it replaces nothing"
            f"{suggestion(name, names)}; the shipped templates are {', '.join(names)} "
            "(`graph-codegen templates --list`)"
        )

    def outside(self, root: Path) -> list[Problem]:
        """The files of the user's folder a link leads out of the project: Jinja would render
        them (or include them, whatever their name) into the package."""
        if len(self.folders) < 2:
            return []
        found = self.folders[0].rglob("*")
        own = sorted(p for p in found if p.is_symlink() or not p.is_dir())
        return safeio.outside(own, root, "template")

    def digest(self) -> str:
        """One hash of every template in effect, so a change to any of them is seen."""
        digest = hashlib.sha256()
        for name, path in self.files.items():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        return digest.hexdigest()


def _names(folder: Path) -> dict[str, Path]:
    """The templates of one folder by relative name: `*.j2`, and `*.py` of the runtime."""
    found = {}
    for path in sorted(folder.rglob("*")):
        wanted = path.suffix in (".j2", ".py") and "__pycache__" not in path.parts
        if wanted and path.is_file():
            found[path.relative_to(folder).as_posix()] = path
    return found


def _referenced(paths: Iterable[Path]) -> set[str]:
    """The names the given templates include, import or extend (as far as they parse)."""
    import jinja2
    from jinja2 import meta

    environment = jinja2.Environment(autoescape=False)  # parsed, never rendered
    found: set[str] = set()
    for path in paths:
        if path.suffix != ".j2":
            continue
        try:
            tree = environment.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            continue  # reported where the template is rendered
        found.update(n for n in meta.find_referenced_templates(tree) if n)
    return found
