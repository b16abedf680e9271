"""Identifier rules: every Python name in the output comes from here, with its wire name kept."""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(
    r"[A-Z]{2,}s?(?=[A-Z][a-z]|[^a-z]|$)|[A-Z]?[a-z]+\d*|[A-Z](?=[A-Z][a-z])|[A-Z]+\d*|\d+"
)
# Pinned rather than read from keyword.softkwlist: Python 3.12 added `type` there, and the
# output must not depend on the Python that runs the generator (`type` stays an allowed attribute).
_RESERVED = frozenset(keyword.kwlist) | frozenset({"_", "case", "match"})
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


def split_words(name: str) -> list[str]:
    """Split camelCase, PascalCase, acronyms, digits and separators into lower-case words."""
    return list(_words(name))


@lru_cache(maxsize=65536)  # the same wire names come back in every type of a large API
def _words(name: str) -> tuple[str, ...]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_only = re.sub(r"[^A-Za-z0-9]+", " ", folded)
    return tuple(word.lower() for word in _WORD.findall(ascii_only))


def snake(name: str) -> str:
    """A snake_case spelling of a wire name; may still need `safe_identifier`."""
    return "_".join(_words(name))


def pascal(name: str) -> str:
    """A PascalCase spelling for class names."""
    return "".join(word.capitalize() for word in _words(name))


def safe_identifier(
    candidate: str, *, avoid: Iterable[str] = (), fallback: str = "value"
) -> str:
    """Make a name valid and harmless: never empty, a keyword, a builtin, or led by a digit."""
    name = candidate or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if name in _RESERVED or name in _BUILTINS or name in set(avoid):
        name = f"{name}_"
    if not name.isidentifier() or not name.isascii():
        raise ValueError(f"not an identifier: {name!r}")
    return name


def attribute_names(
    wire_names: Iterable[str], *, avoid: Iterable[str] = ()
) -> dict[str, str]:
    """Map wire names to unique snake_case attributes; a collision gets a numbered suffix."""
    avoided = set(avoid)
    taken: set[str] = set()
    result: dict[str, str] = {}
    for wire in sorted(wire_names, key=lambda w: (snake(w) != w, w)):
        result[wire] = unique(_attribute(wire, avoided), taken)
    return result


def singular(word: str) -> str:
    """companies -> company, customerPayments -> customerPayment: an item of a set."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def listing_key(name: str) -> tuple[int, list[str | int]]:
    """Where a name goes in an `__all__`, as ruff sorts one: CONSTANTS, then Classes, then the
    rest, each in natural order (`x_9` before `x_10`)."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    parts = re.split(r"(\d+)", name)
    return kind, [int(p) if p.isdigit() else p for p in parts]


def unique(base: str, taken: set[str], sep: str = "_") -> str:
    """`base`, or the first of `base_2`, `base_3`... not yet taken; it is taken from then on."""
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{sep}{n}", n + 1
    taken.add(name)
    return name


def _attribute(wire: str, avoid: set[str]) -> str:
    """Attributes may shadow builtins (`id`, `type`) as the Graph SDK's do, but not keywords."""
    name = snake(wire) or "field"
    if name[0].isdigit():
        name = f"field_{name}"
    if name in _RESERVED or name in avoid:
        name = f"{name}_"
    return name


# Module names the generated package uses for itself.
RESERVED_MODULES = frozenset(
    {"navigation", "runtime", "client", "models", "validation", "builders"}
)


def module_name(resource: str) -> str:
    """The module (and file stem) for a resource: snake_case, safe as a path and an import."""
    return safe_identifier(snake(resource), avoid=RESERVED_MODULES, fallback="resource")


def class_name(resource: str, avoid: Iterable[str] = ()) -> str:
    """The class for a resource or type; a leading digit gets a prefix, a name in `avoid` a `_`."""
    name = pascal(resource) or "Resource"
    if name[0].isdigit():
        name = f"Type{name}"
    return safe_identifier(name, avoid=avoid)
