"""The whole OData-to-Python type map, as one table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Primitive:
    """How one OData primitive looks in Python, and sample wire values for the generated tests."""

    hint: str
    imports: tuple[str, ...]  # "module:name"; "runtime" is the generated runtime
    sample: object
    bad: object


PRIMITIVES: dict[str, Primitive] = {
    "Binary": Primitive("bytes", (), "aGVsbG8=", "not base64!"),
    "Boolean": Primitive("bool", (), True, "yes"),
    "Byte": Primitive("Byte", ("runtime:Byte",), 255, 256),
    "Date": Primitive("date", ("datetime:date",), "2024-01-31", "2024-13-01"),
    "DateTimeOffset": Primitive(
        "DateTimeOffset",
        ("runtime:DateTimeOffset",),
        "2024-01-31T10:15:00Z",
        "2024-01-31T10:15:00",
    ),
    "Decimal": Primitive("Decimal", ("decimal:Decimal",), Decimal("1500.25"), "12,5"),
    "Double": Primitive("float", (), 1.5, "1.5x"),
    "Duration": Primitive(
        "timedelta", ("datetime:timedelta",), "PT5400S", "90 minutes"
    ),
    "Guid": Primitive(
        "UUID", ("uuid:UUID",), "5d115c9c-44e3-ea11-bb43-000d3a2feca1", "not-a-guid"
    ),
    "Int16": Primitive("Int16", ("runtime:Int16",), -32768, 32768),
    "Int32": Primitive("Int32", ("runtime:Int32",), 2147483647, 2147483648),
    "Int64": Primitive(
        "Int64", ("runtime:Int64",), -9223372036854775808, 9223372036854775808
    ),
    "SByte": Primitive("SByte", ("runtime:SByte",), -128, 128),
    "Single": Primitive("float", (), 0.5, [0.5]),
    "Stream": Primitive("bytes", (), "aGVsbG8=", 42),
    "String": Primitive("str", (), "text", 42),
    "TimeOfDay": Primitive("time", ("datetime:time",), "10:30:00", "25:00:00"),
}

_COLLECTION = re.compile(r"^Collection\((?P<item>[^()]+)\)$")
_QUALIFIED = re.compile(r"^(?:Edm|microsoft\.graph)\.")


def normalise(type_name: str) -> str:
    """Drop the `Edm.` or `microsoft.graph.` prefix that some pages write."""
    return _QUALIFIED.sub("", type_name.strip())


def collection_item(type_name: str) -> str | None:
    """The item type of `Collection(X)`, or None for a single value."""
    match = _COLLECTION.match(type_name.strip())
    return normalise(match.group("item")) if match else None


@dataclass(frozen=True)
class KeyType:
    """A path parameter's type: the `by_<key>` hint, and sample keys for the generated tests."""

    hint: str
    sample: str  # formatted with a number: the n-th key of a route
    number: bool  # passed as an int literal, not a string


KEYS: dict[str, KeyType] = {
    "Guid": KeyType("UUID | str", "00000000-0000-0000-0000-0000000000{:02d}", False),
    "String": KeyType("str", "key-{}", False),
    "Int32": KeyType("int", "{}", True),
    "Int64": KeyType("int", "{}", True),
}


def value_class(name: str) -> tuple[str, str]:
    """The plain class of a primitive value a builder method takes or returns, and the module
    to import it from ("" for a builtin): a runtime alias of a model's hint is its class, as
    `Int32` is `int` and `DateTimeOffset` is `datetime` (validation checks ranges and zones).
    """
    primitive = PRIMITIVES[name]
    for spec in primitive.imports:
        module, _, imported = spec.partition(":")
        if module != "runtime":
            return imported, module
    if primitive.imports:
        return ("datetime", "datetime") if name == "DateTimeOffset" else ("int", "")
    return primitive.hint, ""
