"""What the generated runtime takes from the type table: its constrained types, integer ranges,
and the Graph type each hint of a model stands for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

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


@cache
def hinted() -> dict[str, str]:
    """The Graph primitive the runtime reads from each hint a model writes: a constrained
    type's own name, and for a plain class the first primitive of the table that has it
    (`bytes` is Binary): a property of another (Stream) names its type in the model."""
    found: dict[str, str] = {}
    for p in PRIMITIVES.values():
        found.setdefault(p.hint, p.name)
    return found


def read_from_hint(name: str) -> bool:
    """Whether the runtime reads this primitive from its hint, unnamed."""
    return hinted()[PRIMITIVES[name].hint] == name


def types_context(header: Code) -> dict[str, object]:
    """The context of `runtime/types.py.j2`."""
    found = constrained()
    modules: dict[str, set[str]] = {"typing": {"Annotated"}}
    for p in PRIMITIVES.values():
        module = p.python.__module__
        if module != "builtins":
            modules.setdefault(module, set()).add(p.python.__name__)
    return {
        "header": header,
        "constrained": found,
        "ranged": [t for t in found if t.low is not None],
        "imports": [
            Code(f"from {m} import {', '.join(sorted(names))}")
            for m, names in sorted(modules.items())
        ],
        "hinted": [(Code(f'"{name}"'), Code(hint)) for hint, name in hinted().items()],
    }
