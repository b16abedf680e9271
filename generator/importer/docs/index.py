"""Every type a docs folder documents, found by the type and not by the file name, read once per run."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.importer.docs.markdown import Page, Section
from generator.importer.docs.pages import Reader, link_target
from generator.importer.docs.resource import documented_type, kind_of
from generator.report.progress import Progress, silent

GRAPH = "microsoft.graph"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# `### bodyType values`, `#### deviceProfileType values`: an enum documented in a section.
_VALUES = re.compile(
    r"^`?([A-Za-z_][A-Za-z0-9_]*)`?\s+(?:enum\s+)?values$", re.IGNORECASE
)
_TYPE_TITLE = re.compile(
    r"^[A-Za-z_][A-Za-z0-9_]*\s+(?:resource|enum|enumeration|complex|entity|facet|type)\b",
    re.IGNORECASE,
)
_NAMESPACE = re.compile(r"^\s*Namespace:\s*([A-Za-z0-9_.]+)")
_NOT_TYPES = ("conceptualPageType",)
# Where a type is documented, best first: its own page, then enums.md, then a section of another page.
PAGE, ENUMS, SECTION = 0, 1, 2


@dataclass(frozen=True)
class Documented:
    """One type the docs document: its page, and the section when it is one of several on a page."""

    name: str
    namespace: str
    file: str
    line: int
    section: Section | None
    rank: int
    size: int = 0

    @property
    def qualified(self) -> str:
        return f"{self.namespace}.{self.name}"


class Index:
    """The types of `resources/`, by qualified name, by bare name and by page."""

    def __init__(self, reader: Reader, progress: Progress = silent) -> None:
        self.reader = reader
        self.types: dict[str, Documented] = {}
        self.by_name: dict[str, list[Documented]] = {}
        self.by_file: dict[str, list[Documented]] = {}
        self.also: dict[str, list[Documented]] = {}
        files = reader.listing("resources")
        for done, file in enumerate(files, 1):
            page = reader.page(file, used=False)
            if page is not None:
                for found in _documented(page):
                    self._add(found)
            progress("reading pages", done, len(files))

    def _add(self, found: Documented) -> None:
        known = self.types.get(found.qualified.lower())
        if known is not None:
            self.also.setdefault(found.qualified.lower(), []).append(known)
            if (known.rank, -known.size) <= (found.rank, -found.size):
                self.also[found.qualified.lower()][-1] = found
                return
            self._forget(known)
        self.types[found.qualified.lower()] = found
        self.by_name.setdefault(found.name.lower(), []).append(found)
        self.by_file.setdefault(found.file, []).append(found)

    def _forget(self, known: Documented) -> None:
        self.by_name[known.name.lower()].remove(known)
        self.by_file[known.file].remove(known)

    def find(self, name: str, namespace: str = GRAPH) -> list[Documented]:
        """The types a name in a page of `namespace` may mean: one, several (ambiguous) or none.

        A qualified name is exact (relative to microsoft.graph too); a bare one is looked up in the
        page's namespace, then in microsoft.graph, then anywhere; an exact spelling beats another case.
        """
        if "." in name:
            for full in (name, f"{GRAPH}.{name}"):
                if full.lower() in self.types:
                    return [self.types[full.lower()]]
            return []
        for ns in (namespace, GRAPH):
            found = self.types.get(f"{ns}.{name}".lower())
            if found is not None:
                return [found]
        candidates = self.by_name.get(name.lower(), [])
        exact = [c for c in candidates if c.name == name]
        return sorted(exact or candidates, key=lambda c: c.qualified)

    def at_link(self, link: str, base: str, name: str) -> Documented | None:
        """The type named `name` on the page a link leads to, when that page documents it."""
        target = link_target(link, base)
        for found in self.by_file.get(target or "", []):
            if found.name.lower() == name.rsplit(".", 1)[-1].lower():
                return found
        return None

    def type_pages(self) -> list[str]:
        """The qualified names of the types that have a page of their own, enums left out."""
        return sorted(
            d.qualified
            for d in self.types.values()
            if d.rank == PAGE and not _is_enum_page(self.page_of(d))
        )

    def page_of(self, found: Documented) -> Page:
        page = self.reader.page(found.file, used=False)
        assert page is not None  # indexed pages were read
        return page


def _documented(page: Page) -> list[Documented]:
    """The types one page documents: the page's own type, and enums in sections of values."""
    found: list[Documented] = []
    namespace = _page_namespace(page)
    if page.front.get("doc_type", "") not in _NOT_TYPES:
        own = documented_type(page)
        name = own.rsplit(".", 1)[-1]
        if _NAME.match(name) and _titled_as_type(page, own):
            ns = own.rsplit(".", 1)[0] if "." in own else namespace
            size = sum(1 for line in page.lines if line.lstrip().startswith("|"))
            found.append(Documented(name, ns, page.file, 1, None, PAGE, size))
    rank = ENUMS if not found else SECTION
    for section in page.sections[1:]:
        match = _VALUES.match(section.title.strip())
        if match:
            found.append(
                Documented(
                    match.group(1), namespace, page.file, section.line, section, rank
                )
            )
    return found


def _is_enum_page(page: Page) -> bool:
    return page.front.get("doc_type") == "enumPageType" or kind_of(page) == "enum"


def _titled_as_type(page: Page, documented: str) -> bool:
    """A resource block names the type; without one, the title must say `X resource type` or alike."""
    title = page.sections[0].title if page.sections else ""
    return "." in documented or bool(_TYPE_TITLE.match(title))


def _page_namespace(page: Page) -> str:
    for line in page.lines[:60]:
        match = _NAMESPACE.match(line)
        if match:
            return match.group(1).rstrip(".")
    return GRAPH
