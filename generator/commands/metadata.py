"""The CSDL document a command reads: the one the command line names, else the configured one."""

from __future__ import annotations

from pathlib import Path

from generator.commands import config
from generator.odata import csdl
from generator.odata.edm import Metadata
from generator.report.problems import InputError, Problem
from generator.spec.safeio import outside


def metadata(
    given: Path | None, settings: config.Config, required: bool
) -> Metadata | None:
    """The CSDL document the command line names, else the configured one; None when neither does."""
    if given is not None:
        _refuse_links(given, settings)
        return csdl.load(given)
    if settings.metadata is not None:
        _refuse_links(settings.metadata, settings)
        return csdl.load(settings.metadata, settings.shown(settings.metadata))
    if not required:
        return None
    message = (
        "no metadata file to compare with: pass --metadata FILE, or name one in "
        '[tool.graph-codegen] (metadata = "metadata.xml")'
    )
    raise InputError([Problem("", 0, message)])


def _refuse_links(file: Path, settings: config.Config) -> None:
    """A metadata file of the project is read through no link that leads out of it."""
    linked = outside([file], settings.root, "metadata")
    if linked:
        raise InputError(linked)
