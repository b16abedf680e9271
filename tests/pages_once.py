"""Docs pages parsed once for many imports: a folder that does not change between imports is
read, listed and parsed the first time only. Each import still gets pages of its own, so the
problems one import finds in a page never show in another's."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from generator.importer.docs.markdown import Page
from generator.importer.docs.pages import Reader
from generator.report.problems import Problem


@contextmanager
def parsed_once() -> Iterator[None]:
    """While open, every `Reader` answers a page, a listing or an existence it has asked before."""
    pages: dict[str, tuple[Page | None, Problem | None]] = {}
    listings: dict[str, list[str]] = {}
    exists: dict[str, bool] = {}
    real_read, real_listing, real_exists = Reader._read, Reader.listing, Reader.exists

    def read(self: Reader, relative: str) -> Page | None:
        key = f"{self.root}/{relative}"
        if key not in pages:
            page = real_read(
                self, relative
            )  # kept as parsed: only copies are handed out
            pages[key] = (page, self.errors.get(relative))
        page, error = pages[key]
        if error is not None:
            self.errors[relative] = error
        return None if page is None else _fresh(page)

    def listing(self: Reader, folder: str) -> list[str]:
        key = f"{self.root}/{folder}"
        if key not in listings:
            listings[key] = real_listing(self, folder)
        return list(listings[key])

    def exist(self: Reader, relative: str) -> bool:
        key = f"{self.root}/{relative}"
        if key not in exists:
            exists[key] = real_exists(self, relative)
        return exists[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Reader, "_read", read)
        patch.setattr(Reader, "listing", listing)
        patch.setattr(Reader, "exists", exist)
        yield


def _fresh(page: Page) -> Page:
    """A copy an import may add problems to; the parsed lines and sections are shared, unchanged."""
    return dataclasses.replace(page, problems=list(page.problems))
