"""What the generated runtime takes from the type table: its constrained types, integer ranges."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.escape import Code
from generator.odata.types import PRIMITIVES

TYPES_MODULE = "types.py"  # rendered into the runtime from `runtime/types.py.j2`


@dataclass(frozen=True)
class Constrained:
    """A primitive the runtime types with msgspec constraints (`Int32`, `DateTimeOffset`)."""

    name: Code
    python: Code
    meta: Code
    low: int | None
    high: int | None


def constrained() -> list[Constrained]:
    """Every primitive with a range or a time zone rule, as `runtime/types.py` declares it."""
    return [
        Constrained(
            Code(p.name),
            Code(p.python.__name__),
            Code(p.meta),
            *(p.range or (None, None)),
        )
        for p in PRIMITIVES.values()
        if p.runtime
    ]


def types_context(header: Code) -> dict[str, object]:
    """The context of `runtime/types.py.j2`."""
    found = constrained()
    return {
        "header": header,
        "constrained": found,
        "ranged": [t for t in found if t.low is not None],
    }
