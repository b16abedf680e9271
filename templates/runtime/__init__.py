"""The runtime every generated resource shares; it depends on msgspec and httpx only.

Models and validation load eagerly (what reads a type's rules from its class, on first
validation); the request side (calls, builders, sessions, clients) loads on first use, so
importing a model never imports the HTTP stack.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from msgspec import UNSET, UnsetType

from .enums import EnumValue, Flags, GraphEnum, UnknownMember
from .errors import GraphError
from .model import EntityModel, Model, Removed
from .navigation import Navigation
from .types import Byte, DateTimeOffset, Int16, Int32, Int64, SByte
from .validation import Issue, ValidationError, register, validate

if TYPE_CHECKING:
    from .builders import Child, RequestBuilder
    from .calls import (
        Page,
        PreparedCall,
        reads_bytes,
        reads_member,
        reads_members,
        reads_model,
        reads_nothing,
        reads_page,
        reads_value,
        reads_values,
    )
    from .client import BaseAsyncGraphClient, BaseGraphClient
    from .content import (
        AsyncContentReader,
        AsyncContentWriter,
        AsyncLargeFileUploader,
        ContentReader,
        ContentWriter,
        LargeFileUploader,
    )
    from .http import AsyncRequestAdapter, RequestAdapter
    from .longrunning import Accepted, OperationStatus, accepting
    from .operations import BoundOperation
    from .paging import AsyncPaged, Paged
    from .query import (
        CountOption,
        ExpandOption,
        FilterOption,
        ItemQuery,
        IterateQuery,
        ListQuery,
        OrderbyOption,
        SearchOption,
        SelectOption,
        SkipOption,
        TopOption,
    )
    from .references import Reference
    from .rules import Rules
    from .steps import Response
    from .upload import UploadSession

_LAZY = {
    "Accepted": "longrunning",
    "AsyncContentReader": "content",
    "AsyncContentWriter": "content",
    "AsyncLargeFileUploader": "content",
    "AsyncPaged": "paging",
    "AsyncRequestAdapter": "http",
    "BaseAsyncGraphClient": "client",
    "BaseGraphClient": "client",
    "BoundOperation": "operations",
    "Child": "builders",
    "ContentReader": "content",
    "ContentWriter": "content",
    "CountOption": "query",
    "ExpandOption": "query",
    "FilterOption": "query",
    "ItemQuery": "query",
    "IterateQuery": "query",
    "LargeFileUploader": "content",
    "ListQuery": "query",
    "OperationStatus": "longrunning",
    "OrderbyOption": "query",
    "Page": "calls",
    "Paged": "paging",
    "PreparedCall": "calls",
    "Reference": "references",
    "RequestAdapter": "http",
    "RequestBuilder": "builders",
    "Response": "steps",
    "Rules": "rules",
    "SearchOption": "query",
    "SelectOption": "query",
    "SkipOption": "query",
    "TopOption": "query",
    "UploadSession": "upload",
    "accepting": "longrunning",
    "reads_bytes": "calls",
    "reads_member": "calls",
    "reads_members": "calls",
    "reads_model": "calls",
    "reads_nothing": "calls",
    "reads_page": "calls",
    "reads_value": "calls",
    "reads_values": "calls",
}

__all__ = [
    "UNSET",
    "Accepted",
    "AsyncContentReader",
    "AsyncContentWriter",
    "AsyncLargeFileUploader",
    "AsyncPaged",
    "AsyncRequestAdapter",
    "BaseAsyncGraphClient",
    "BaseGraphClient",
    "BoundOperation",
    "Byte",
    "Child",
    "ContentReader",
    "ContentWriter",
    "CountOption",
    "DateTimeOffset",
    "EntityModel",
    "EnumValue",
    "ExpandOption",
    "FilterOption",
    "Flags",
    "GraphEnum",
    "GraphError",
    "Int16",
    "Int32",
    "Int64",
    "Issue",
    "ItemQuery",
    "IterateQuery",
    "LargeFileUploader",
    "ListQuery",
    "Model",
    "Navigation",
    "OperationStatus",
    "OrderbyOption",
    "Page",
    "Paged",
    "PreparedCall",
    "Reference",
    "Removed",
    "RequestAdapter",
    "RequestBuilder",
    "Response",
    "Rules",
    "SByte",
    "SearchOption",
    "SelectOption",
    "SkipOption",
    "TopOption",
    "UnknownMember",
    "UnsetType",
    "UploadSession",
    "ValidationError",
    "accepting",
    "reads_bytes",
    "reads_member",
    "reads_members",
    "reads_model",
    "reads_nothing",
    "reads_page",
    "reads_value",
    "reads_values",
    "register",
    "validate",
]


def __getattr__(name: str) -> Any:
    """The request side, imported when a builder or a client first needs it."""
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
