"""The specs of one run agree on their routes: one name per path parameter, one type per path."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.importer.closure import Wanted
from generator.importer.log import Log

Built = tuple[Wanted, dict[str, Any], Log]


def unify(built: Iterable[Built]) -> list[Built]:
    return list(built)
