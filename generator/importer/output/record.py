"""What the last imports wrote, kept beside the specs (`.graph-codegen-import.json`), so a
re-import tells a reviewer's edit from its own: a short hash of every field each spec had as
written, the hashes of its notes, and the types each import was asked for, with its source.

A plain JSON document, never executed; one that cannot be read is a located error.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.report.problems import InputError, Problem

FILE = ".graph-codegen-import.json"
FORMAT = 1


@dataclass(frozen=True)
class Source:
    """Where an import read its types from, and how: two imports of one source run together."""

    command: str  # import-docs | import-metadata
    docs: str | None  # the docs folder, from the project's root
    metadata: str | None  # the metadata file, as notes name it
    depth: int | None = None  # import-metadata's navigation depth

    def data(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass(frozen=True)
class Named:
    """A type a user named, the source it was imported from, and whether its navigation
    targets came too (`--with-navigation`)."""

    source: Source
    navigation: bool


@dataclass(frozen=True)
class Entry:
    """One spec as the import wrote it: each field's hash (by JSON pointer), its notes'."""

    fields: Mapping[str, str]
    notes: frozenset[str]


@dataclass
class Record:
    named: dict[str, Named] = field(default_factory=dict)  # by qualified type name
    specs: dict[str, Entry] = field(default_factory=dict)  # by spec file name

    def dump(self) -> str:
        data = {
            "format": FORMAT,
            "named": {
                q: {**n.source.data(), "navigation": n.navigation}
                for q, n in sorted(self.named.items())
            },
            "specs": {
                f: {"fields": dict(sorted(e.fields.items())), "notes": sorted(e.notes)}
                for f, e in sorted(self.specs.items())
            },
        }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def entry(data: Mapping[str, Any]) -> Entry:
    """The record of one spec's data as written."""
    fields = {p: digest(v) for p, v in leaves(data) if p != "/notes"}
    notes = frozenset(digest(n) for n in data.get("notes", []))
    return Entry(fields, notes)


def leaves(data: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every field of a spec by JSON pointer: mappings are walked, lists are one value."""
    if isinstance(data, Mapping) and (data or not pointer):
        for key, value in data.items():
            yield from leaves(value, f"{pointer}/{_escape(str(key))}")
    else:
        yield pointer, data


def digest(value: Any) -> str:
    """A short, stable hash of a value as YAML gives it."""
    text = json.dumps(value, sort_keys=True, default=_plain, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def parse(text: str, file: str) -> Record:
    """A record from its JSON text; anything that is not one is a problem at the file."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, not {FORMAT}")
        named = {
            q: Named(_source(n), bool(n.get("navigation")))
            for q, n in data.get("named", {}).items()
        }
        specs = {
            f: Entry(dict(e["fields"]), frozenset(e.get("notes", [])))
            for f, e in data.get("specs", {}).items()
        }
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        message = (
            f"not a record of graph-codegen imports ({error}); delete it to start anew"
        )
        raise InputError([Problem(file, 0, message)]) from None
    return Record(named, specs)


def _source(data: Mapping[str, Any]) -> Source:
    depth = data.get("depth")
    return Source(
        str(data["command"]),
        data.get("docs"),
        data.get("metadata"),
        int(depth) if depth is not None else None,
    )
