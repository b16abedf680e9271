"""OData query options, said once: each a TypedDict of one keyword, documented where it is
declared (an IDE shows it on hover), and the sets the builder methods take, as
`**query: Unpack[ListQuery]`. A set no method of the runtime's names is a generated one,
built from these the same way (`builders/_query.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from .calls import Params, query


class TopOption(TypedDict, total=False):
    top: int | None
    """`$top`: at most this many items."""


class SkipOption(TypedDict, total=False):
    skip: int | None
    """`$skip`: skip this many items first."""


class FilterOption(TypedDict, total=False):
    filter: str | None
    """`$filter`: an OData filter, such as `amount gt 100`."""


class SelectOption(TypedDict, total=False):
    select: list[str] | None
    """`$select`: the properties to return (wire names)."""


class OrderbyOption(TypedDict, total=False):
    orderby: list[str] | None
    """`$orderby`: properties to sort by (`name desc`)."""


class ExpandOption(TypedDict, total=False):
    expand: list[str] | None
    """`$expand`: navigation properties to include."""


class CountOption(TypedDict, total=False):
    count: bool | None
    """`$count`: ask for the number of items (`Page.count`)."""


class SearchOption(TypedDict, total=False):
    search: str | None
    """`$search`: a search expression."""


class ListQuery(
    TopOption,
    SkipOption,
    FilterOption,
    SelectOption,
    OrderbyOption,
    ExpandOption,
    CountOption,
    SearchOption,
):
    """The query options of one page of a collection: `top`, `skip`, `filter`, `select`,
    `orderby`, `expand`, `count`, `search` (each None or left out: not sent)."""


class IterateQuery(
    TopOption, FilterOption, SelectOption, OrderbyOption, ExpandOption, SearchOption
):
    """The query options of every page of a collection: `top`, `filter`, `select`,
    `orderby`, `expand`, `search` (pages follow `@odata.nextLink`: no `skip`, no `count`).
    """


class ItemQuery(SelectOption, ExpandOption):
    """The query options of one entity: `select`, `expand`."""


def checked(options: object, given: Mapping[str, object] | None) -> Params:
    """The query a method's keywords send; a keyword its options' TypedDict does not name
    is refused as Python refuses an unexpected keyword argument, before anything is sent.
    """
    allowed: frozenset[str] = getattr(options, "__optional_keys__", frozenset())
    for name in given or {}:
        if name not in allowed:
            takes = ", ".join(sorted(allowed)) or "none"
            name_of = getattr(options, "__name__", "this call")
            message = f"unexpected keyword argument {name!r}: {name_of} takes {takes}"
            raise TypeError(message)
    return query(**(given or {}))
