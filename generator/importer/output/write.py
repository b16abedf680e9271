"""Spec files into the specs folder: each written whole or not at all."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from generator.report.problems import InputError, Problem

_SPEC_FILE = re.compile(r"^[a-z][a-z0-9_]*\.yaml$")


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
            [Problem(str(specs_dir), 0, f"cannot write specs: {error.strerror}")]
        ) from None
    return sorted(specs)


def write_record(specs_dir: Path, name: str, text: str) -> None:
    """The record of the imports beside the specs, written as they are: whole or not at all."""
    try:
        _replace(specs_dir / name, text)
    except OSError as error:
        raise InputError(
            [Problem(str(specs_dir / name), 0, f"cannot write: {error.strerror}")]
        ) from None


def _replace(target: Path, text: str) -> None:
    """A new file moved over the old one; readable as any file the user writes (umask)."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=".import-", suffix=".yaml"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
