"""Reading pages from the docs folder: never outside it, UTF-8 only, each page parsed once."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from generator.importer.docs import markdown
from generator.report.problems import Problem

MAX_BYTES = 2_000_000
_PAGE = re.compile(r"^(api|resources)/[A-Za-z0-9][A-Za-z0-9._-]*\.md$")
_LEARN = re.compile(
    r"^/?(?:graph/)?(api|resources)/([A-Za-z0-9][A-Za-z0-9._-]*?)(?:\.md)?$"
)


class Reader:
    """The docs folder; every page path it accepts is relative to it, as messages show them."""

    def __init__(self, docs: Path | None) -> None:
        self.root = docs.resolve() if docs is not None else None  # None: no docs at all
        self.errors: dict[str, Problem] = {}
        self._cache: dict[str, markdown.Page | None] = {}
        self._used: list[str] = []

    def page(self, relative: str, *, used: bool = True) -> markdown.Page | None:
        """The parsed page, or None when missing; a used page's problems are reported, a peeked one's not."""
        if relative not in self._cache:
            self._cache[relative] = self._read(relative)
        if used and relative not in self._used:
            self._used.append(relative)
        return self._cache[relative]

    def exists(self, relative: str) -> bool:
        """A page exists when it is a file inside the folder; a symlink out of it does not count."""
        if self.root is None:
            return False
        try:
            path = (self.root / relative).resolve()
            return path.is_relative_to(self.root) and path.is_file()
        except (OSError, RuntimeError):
            return False

    def listing(self, folder: str) -> list[str]:
        """The pages of a folder of the docs, sorted; a symlink out of the docs is not one."""
        if self.root is None:
            return []
        try:
            names = sorted(p.name for p in (self.root / folder).iterdir())
        except OSError:
            return []
        paths = [f"{folder}/{name}" for name in names if name.endswith(".md")]
        return [p for p in paths if _PAGE.match(p) and self.exists(p)]

    def problems(self) -> list[Problem]:
        """Read errors and the problems found in every page parsed so far."""
        found: list[Problem] = []
        for relative in self._used:
            page = self._cache[relative]
            if page is not None:
                found.extend(page.problems)
            elif relative in self.errors:
                found.append(self.errors[relative])
        return found

    def _read(self, relative: str) -> markdown.Page | None:
        if not self.exists(relative) or self.root is None:
            return None
        path = (self.root / relative).resolve()
        try:
            data = path.read_bytes()
        except OSError as error:
            self.errors[relative] = Problem(
                relative, 0, f"cannot read the page: {error.strerror}"
            )
            return None
        if len(data) > MAX_BYTES:
            self.errors[relative] = Problem(
                relative, 0, f"the page is larger than {MAX_BYTES} bytes"
            )
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            self.errors[relative] = Problem(
                relative, line, f"not UTF-8 text: {error.reason}"
            )
            return None
        return markdown.parse(text, relative)


def resource_path(name: str) -> str:
    """Where a resource's page is: its name in lower case, as the Graph docs name files."""
    return f"resources/{name.lower()}.md"


def link_target(link: str, base: str = "resources") -> str | None:
    """A link in a page to a page path in the docs folder, or None when it points elsewhere."""
    target = link.split("#", 1)[0].split("?", 1)[0]
    if "://" in target or not target:
        return None
    learn = _LEARN.match(target)
    if target.startswith("/") and learn:
        return f"{learn.group(1)}/{learn.group(2)}.md"
    joined = posixpath.normpath(posixpath.join(base, target))
    return joined if _PAGE.match(joined) else None
