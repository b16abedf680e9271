"""black, in-process, with one pinned mode: the output must not depend on the user's black config."""

from __future__ import annotations

import black

MODE = black.Mode(target_versions={black.mode.TargetVersion.PY311}, line_length=88)


class FormatError(Exception):
    """black refused generated source: a template bug, named with the template and output file."""


def format_source(path: str, template: str, source: str) -> str:
    """Format one Python file; other files pass through."""
    if not path.endswith(".py"):
        return source
    try:
        return black.format_str(source, mode=MODE)
    except Exception as error:  # black raises several types for invalid input
        raise FormatError(
            f"{path} (from template {template}) is not valid Python: {error}"
        ) from error
