"""The one OData type table: every primitive as specs, CSDL, docs pages, Python and the wire know it.

The generator's hints and imports, the generated runtime's range and time-zone rules (rendered
from here into `runtime/types.py`), the generated tests' samples, the importer's reading of
type cells and of example values, and the metadata's `Edm.` names all come from this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec

# How a value travels in JSON: `text` is a string in a format its Python type reads.
Wire = Literal["boolean", "integer", "number", "decimal", "string", "text"]
CSDL_PREFIX = "Edm."


@dataclass(frozen=True)
class KeyType:
    """A path parameter's type: the `by_<key>` hint, and sample keys for the generated tests."""

    hint: str
    sample: str  # formatted with a number: the n-th key of a route
    number: bool  # passed as an int literal, not a string


@dataclass(frozen=True)
class Primitive:
    """One OData primitive: its Python type, its JSON form and limits, its spellings, samples."""

    name: str  # as specs write it, and CSDL after `Edm.`
    python: type  # what a JSON value of it becomes
    wire: Wire
    sample: object  # a wire value the generated tests send and expect back
    bad: object  # a wire value the generated models must refuse
    range: tuple[int, int] | None = None  # inclusive limits of an integer
    timezone: bool = False  # a value must carry its offset from UTC
    docs: tuple[str, ...] = ()  # other spellings docs pages use in type cells
    docs_bare: tuple[str, ...] = ()  # spellings that name it only when not a link
    key: KeyType | None = None  # how it types a path parameter, when it can

    @property
    def runtime(self) -> bool:
        """The generated runtime defines a constrained type named like it (`Int32`)."""
        return self.range is not None or self.timezone

    @property
    def hint(self) -> str:
        """The type hint generated code writes."""
        return self.name if self.runtime else self.python.__name__

    @property
    def imports(self) -> tuple[str, ...]:
        """What the hint needs, as "module:name"; "runtime" is the generated runtime."""
        if self.runtime:
            return (f"runtime:{self.name}",)
        module = self.python.__module__
        return () if module == "builtins" else (f"{module}:{self.python.__name__}",)

    @property
    def csdl(self) -> str:
        """Its name in a CSDL document."""
        return f"{CSDL_PREFIX}{self.name}"

    @property
    def meta(self) -> str:
        """The msgspec constraint the runtime puts on its type, as Python source."""
        if self.range is not None:
            return f"ge={self.range[0]}, le={self.range[1]}"
        return "tz=True" if self.timezone else ""

    def converted(self) -> Any:
        """The type msgspec converts a wire value to, constraints included."""
        if self.range is not None:
            low, high = self.range
            return Annotated[self.python, msgspec.Meta(ge=low, le=high)]
        if self.timezone:
            return Annotated[self.python, msgspec.Meta(tz=True)]
        return self.python


def _integer(name: str, low: int, high: int, sample: int, **more: Any) -> Primitive:
    """An integer primitive: its range, and the value past its top as the one to refuse."""
    return Primitive(name, int, "integer", sample, high + 1, (low, high), **more)


PRIMITIVES: dict[str, Primitive] = {
    p.name: p
    for p in (
        Primitive("Binary", bytes, "text", "aGVsbG8=", "not base64!"),
        Primitive("Boolean", bool, "boolean", True, "yes", docs=("bool",)),
        _integer("Byte", 0, 2**8 - 1, sample=255),
        Primitive("Date", date, "text", "2024-01-31", "2024-13-01"),
        Primitive(
            "DateTimeOffset",
            datetime,
            "text",
            "2024-01-31T10:15:00Z",
            "2024-01-31T10:15:00",
            timezone=True,
            docs=("datetime",),
            docs_bare=("timestamp",),
        ),
        Primitive("Decimal", Decimal, "decimal", Decimal("1500.25"), "12,5"),
        Primitive("Double", float, "number", 1.5, "1.5x", docs=("float",)),
        Primitive(
            "Duration",
            timedelta,
            "text",
            "PT5400S",
            "90 minutes",
            docs_bare=("timespan",),
        ),
        Primitive(
            "Guid",
            UUID,
            "text",
            "5d115c9c-44e3-ea11-bb43-000d3a2feca1",
            "not-a-guid",
            key=KeyType(
                "UUID | str", "00000000-0000-0000-0000-0000000000{:02d}", False
            ),
        ),
        _integer("Int16", -(2**15), 2**15 - 1, sample=-(2**15)),
        _integer(
            "Int32",
            -(2**31),
            2**31 - 1,
            sample=2**31 - 1,
            docs=("integer", "int"),
            key=KeyType("int", "{}", True),
        ),
        _integer(
            "Int64",
            -(2**63),
            2**63 - 1,
            sample=-(2**63),
            docs=("long",),
            key=KeyType("int", "{}", True),
        ),
        _integer("SByte", -(2**7), 2**7 - 1, sample=-(2**7)),
        Primitive("Single", float, "number", 0.5, [0.5]),
        Primitive("Stream", bytes, "text", "aGVsbG8=", 42),
        Primitive(
            "String",
            str,
            "string",
            "text",
            42,
            docs=("url", "uri"),
            key=KeyType("str", "key-{}", False),
        ),
        Primitive("TimeOfDay", time, "text", "10:30:00", "25:00:00"),
    )
}

KEYS: dict[str, KeyType] = {n: p.key for n, p in PRIMITIVES.items() if p.key}


def key_type(name: str | None) -> KeyType:
    """How a path parameter of this type is typed; any other type is keyed as a String."""
    return KEYS.get(name or "String", KEYS["String"])


def value_class(name: str) -> tuple[str, str]:
    """The plain class of a primitive value a builder method takes or returns, and the module
    to import it from ("" for a builtin): `int` for `Int32`, `datetime` for `DateTimeOffset`
    (validation checks ranges and time zones)."""
    python = PRIMITIVES[name].python
    module = python.__module__
    return python.__name__, "" if module == "builtins" else module
