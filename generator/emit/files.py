"""Write, check or diff the output tree against a render; owns its files through the manifest
(the all-or-nothing swap of a write: `transaction`)."""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.emit import manifest
from generator.emit.manifest import MANIFEST, Entry, Manifest, sha256
from generator.emit.outguard import foreign, on_disk, refuse_foreign
from generator.emit.transaction import locked, remove_leftovers, transaction
from generator.report.problems import InputError, Problem


@dataclass
class Drift:
    """How the disk differs from the render: sorted relative paths."""

    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(
        default_factory=list
    )  # written before; no spec makes it now
    foreign: list[str] = field(default_factory=list)  # never written by the generator

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.extra or self.foreign)

    def lines(self) -> list[str]:
        rows = [(p, "changed") for p in self.changed]
        rows += [(p, "missing") for p in self.missing]
        rows += [(p, "extra") for p in self.extra]
        rows += [(p, "extra (not generated)") for p in self.foreign]
        return [f"{path}: {what}" for path, what in sorted(rows)]


def compare(out: Path, files: Mapping[str, bytes], keep: Sequence[str] = ()) -> Drift:
    """Exact comparison of a render with the disk."""
    return compare_hashes(out, {p: sha256(d) for p, d in files.items()}, keep)


def compare_hashes(
    out: Path,
    hashes: Mapping[str, str],
    keep: Sequence[str] = (),
    owned: Mapping[str, Entry] | None = None,
) -> Drift:
    """The disk against the hashes of a render, or of the manifest when nothing was rendered.

    A file on disk that the render lacks is `extra` when the last generate wrote it and it is
    unchanged since (the next generate removes it), `foreign` otherwise (only its owner can
    move it or keep it). `owned` is what the manifest lists, when the caller has read it.
    """
    drift = Drift()
    for path, digest in sorted(hashes.items()):
        data = _read(os.path.join(out, path))
        if data is None:
            drift.missing.append(path)
        elif sha256(data) != digest:
            drift.changed.append(path)
    owned = manifest.read(out).files if owned is None else owned
    for path in sorted(set(on_disk(out, keep)) - set(hashes)):
        entry = owned.get(path)
        ours = entry is not None and _ours(out, path, entry.sha256)
        (drift.extra if ours else drift.foreign).append(path)
    return drift


def recorded(
    out: Path,
    changed: Sequence[str],
    owned: Mapping[str, Entry],
    rendered: Mapping[str, Entry],
) -> list[str]:
    """The changed files the manifest records as generated, bytes and render key: generate
    keeps such a file (it renders only what changed since), so only a full one repairs it.
    """
    found = []
    for path in changed:
        entry, now = owned.get(path), rendered.get(path)
        if entry is None or now is None or entry.key != now.key:
            continue
        data = _read(os.path.join(out, path))
        if data is not None and sha256(data) == entry.sha256:
            found.append(path)
    return found


def _read(path: str) -> bytes | None:
    """A file's bytes; None when there is no file there (a thousand files: no Path objects)."""
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def diffs(
    out: Path, files: Mapping[str, bytes], drift: Drift, prefix: str = ""
) -> Iterator[str]:
    """Unified diffs from the disk to the render, one per changed, missing or extra file.

    A foreign file has none: generate never removes it, so neither may `git apply`.
    `prefix` is the output folder as the repository sees it, so `git apply` takes the diff.
    """
    for path in sorted(drift.changed + drift.missing + drift.extra):
        old = _text(out / path) if path not in drift.missing else []
        new = (
            files[path].decode("utf-8", "replace").splitlines(keepends=True)
            if path in files
            else []
        )
        shown = f"{prefix}{path}"
        yield from difflib.unified_diff(old, new, f"a/{shown}", f"b/{shown}")


def _text(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8", "replace").splitlines(keepends=True)


@dataclass(frozen=True)
class Written:
    """What a write did: the files written or removed, and the stale ones it kept (edited)."""

    changed: list[str]
    kept: list[str]


def write(
    out: Path,
    files: Mapping[str, bytes],
    record: Manifest,
    keep: Sequence[str] = (),
    read: Collection[str] = (),
) -> Written:
    """Bring `out` to exactly `files`, removing what an earlier run wrote and no spec makes now.

    A file the manifest does not list, that `keep` does not name and that is not already
    what generate would write is refused before anything is written. A failure or an
    interrupt rolls every change back; only a kill between two swaps can leave a mix, and
    then the manifest, swapped in last, still describes the old tree. A file the generator
    did not write, or one edited by hand since, is never deleted. `read` names files whose
    bytes in `files` were read from `out` by this run: they are not read again.
    """
    out.mkdir(
        parents=True, exist_ok=True
    )  # only a new folder is made: nothing foreign in it
    with locked(out):
        remove_leftovers(out)
        entries = manifest.read(out).files
        refuse_foreign(out, foreign(out, files, entries, keep))
        owned = {p: e.sha256 for p, e in entries.items()}
        wanted = {**files, MANIFEST: record.to_bytes()}
        planned = {
            p: d for p, d in wanted.items() if p not in read and _differs(out / p, d)
        }
        _refuse_links(out, planned)
        gone = sorted(p for p in owned if p not in files)
        stale = [p for p in gone if _ours(out, p, owned[p])]
        if planned or stale:
            transaction(out, planned, stale)
    kept = [p for p in gone if p not in stale and (out / p).is_file()]
    return Written(sorted([p for p in planned if p != MANIFEST] + stale), kept)


def _ours(out: Path, path: object, digest: object) -> bool:
    """A manifest entry names a file to delete only if it is inside `out`, reached through no
    symbolic link, and still byte-for-byte what the generator wrote."""
    if not isinstance(path, str) or not isinstance(digest, str):
        return False
    relative = Path(path)
    if relative.is_absolute() or ".." in relative.parts or _has_link(out, path):
        return False
    target = out / relative
    return target.is_file() and sha256(target.read_bytes()) == digest


def _differs(target: Path, data: bytes) -> bool:
    return not target.is_file() or target.read_bytes() != data


def _refuse_links(out: Path, planned: Mapping[str, bytes]) -> None:
    root = out.resolve()
    problems = [
        Problem(
            os.path.relpath(out / path, Path.cwd()),
            0,
            "is a symbolic link or leads outside the output folder; refusing to write",
        )
        for path in sorted(planned)
        if _has_link(out, path) or not (out / path).resolve().is_relative_to(root)
    ]
    if problems:
        raise InputError(problems)


def _has_link(out: Path, path: str) -> bool:
    current = out
    for part in Path(path).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False
