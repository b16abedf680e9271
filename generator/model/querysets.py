"""The query options a builder method takes, as the TypedDict named in its `**query`: one
of the runtime's for the usual sets, else one generated in `builders/_query.py`, named for
the options it holds (`FilterSelectQuery`).
"""

from __future__ import annotations

from collections.abc import Iterable

# OData query options, in the order a set lists them; each is a runtime `<Name>Option`.
QUERY = ("top", "skip", "filter", "select", "orderby", "expand", "count", "search")
PAGING_SKIPS = ("skip", "count")  # iterate pages with nextLinks and reads no count
QUERY_MODULE = "_query"  # the builders module of the sets the runtime has none for
_RUNTIME = {
    QUERY: "ListQuery",
    tuple(q for q in QUERY if q not in PAGING_SKIPS): "IterateQuery",
    ("select", "expand"): "ItemQuery",
}


def ordered(options: Iterable[str]) -> tuple[str, ...]:
    """The query options a spec names, in the order of `QUERY`."""
    given = set(options)
    return tuple(q for q in QUERY if q in given)


def query_class(options: tuple[str, ...]) -> str:
    """The TypedDict of a set of options: the runtime's, or `<Option>...Query`."""
    return _RUNTIME.get(options) or "".join(q.capitalize() for q in options) + "Query"


def in_runtime(options: tuple[str, ...]) -> bool:
    """Whether the runtime declares the set's TypedDict."""
    return options in _RUNTIME


def option_class(option: str) -> str:
    """The runtime's TypedDict of one option, a base of every set that holds it."""
    return f"{option.capitalize()}Option"
