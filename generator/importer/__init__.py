"""Graph docs pages to specs a person can review: `graph-codegen import-docs --docs DIR NAME...`."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.importer.build import build
from generator.importer.context import Context
from generator.importer.specyaml import emit
from generator.importer.pages import Reader, resource_path
from generator.importer.resource import ResourcePage, read_resource
from generator.naming import snake
from generator.problems import InputError, Problem
from generator.spec import load_spec

__all__ = ["ImportResult", "import_docs", "write_specs"]

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")
_NAME_OF_PAGE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SPEC_FILE = re.compile(r"^[a-z][a-z0-9_]*\.yaml$")


@dataclass(frozen=True)
class ImportResult:
    """The spec texts by file name, and every decision taken, located at a page and line."""

    specs: dict[str, str]
    decisions: list[Problem]


def import_docs(docs: Path, names: Sequence[str]) -> ImportResult:
    """Read each named resource's pages and write its spec; every problem is raised at once."""
    if not docs.is_dir():
        raise InputError(
            [
                Problem(
                    str(docs), 1, "not a folder of Graph docs pages (resources/, api/)"
                )
            ]
        )
    reader = Reader(docs)
    imported = _resources(reader, names)
    ctx = Context(reader, {r.name.lower(): r for r in imported})
    specs: dict[str, str] = {}
    decisions: list[Problem] = []
    errors: list[Problem] = []
    for res in imported:
        spec, log = build(res, ctx)
        spec = {
            **{k: v for k, v in spec.items() if k != "notes"},
            "docs": log.docs,
            "notes": log.notes,
        }
        specs[f"{snake(res.name)}.yaml"] = emit(_ordered(spec))
        decisions.extend(log.decisions)
        errors.extend(log.errors)
    errors.extend(reader.problems())
    if errors:
        raise InputError(errors)
    for file, text in specs.items():
        load_spec(text, file)
    return ImportResult(dict(sorted(specs.items())), sorted(set(decisions)))


def _resources(reader: Reader, names: Sequence[str]) -> list[ResourcePage]:
    """The named resource pages, each once; a bad name or a page that is not a resource is an error."""
    problems: list[Problem] = []
    found: dict[str, ResourcePage] = {}
    for name in names:
        if not _NAME.match(name):
            problems.append(
                Problem(
                    "NAME",
                    1,
                    f"{name[:60]!r} is not a resource name (a letter, then letters and digits)",
                )
            )
            continue
        path = resource_path(name)
        page = reader.page(path)
        if page is None:
            if not reader.exists(path):
                problems.append(Problem(path, 1, f"no resource page for {name!r}"))
            continue
        res = read_resource(page)
        if not _NAME_OF_PAGE.match(res.name) or res.name.lower() != name.lower():
            problems.append(
                Problem(
                    path,
                    1,
                    f"not the resource page of {name!r} (it names {res.name[:60]!r})",
                )
            )
        elif page.front.get("doc_type", "resourcePageType") not in (
            "resourcePageType",
            "enumPageType",
        ):
            problems.append(
                Problem(
                    path,
                    1,
                    f"not a resource page (doc_type: {page.front['doc_type'][:60]})",
                )
            )
        found.setdefault(path, res)
    problems.extend(reader.problems())
    if problems:
        raise InputError(problems)
    return list(found.values())


_ORDER = (
    "name",
    "kind",
    "namespace",
    "description",
    "baseUrl",
    "key",
    "openType",
    "docs",
)


def _ordered(spec: dict[str, object]) -> dict[str, object]:
    """Header fields first, as in the hand-written specs; empty sections left out."""
    head = {k: spec[k] for k in _ORDER if k in spec and spec[k] is not None}
    rest = {
        k: v for k, v in spec.items() if k not in _ORDER and v not in (None, {}, [])
    }
    return {**head, **rest}


def write_specs(specs_dir: Path, specs: dict[str, str]) -> list[str]:
    """Write each spec into the specs folder, atomically; a symlink there is replaced, never followed."""
    bad = [name for name in specs if not _SPEC_FILE.match(name)]
    if bad:
        raise ValueError(f"not spec file names: {bad}")
    try:
        specs_dir.mkdir(parents=True, exist_ok=True)
        for name, text in sorted(specs.items()):
            _replace(specs_dir / name, text)
    except OSError as error:
        raise InputError(
            [Problem(str(specs_dir), 1, f"cannot write specs: {error.strerror}")]
        ) from None
    return sorted(specs)


def _replace(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=".import-", suffix=".yaml"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
