"""The runtime every generated resource shares; it depends on msgspec and httpx only.

Models and validation load eagerly; the request side (calls, builders, sessions, clients)
loads on first use, so importing a model never imports the HTTP stack.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from msgspec import UNSET, UnsetType

from .enums import EnumValue, Flags, GraphEnum, UnknownMember
from .errors import GraphError
from .model import EntityModel, Model
from .types import Byte, DateTimeOffset, Int16, Int32, Int64, SByte
from .validation import Issue, Rules, ValidationError, register, validate

if TYPE_CHECKING:
    from .builders import RequestBuilder
    from .calls import Page, PreparedCall
    from .client import BaseAsyncGraphClient, BaseGraphClient
    from .http import AsyncRequestAdapter, RequestAdapter

_LAZY = {
    "AsyncRequestAdapter": "http",
    "BaseAsyncGraphClient": "client",
    "BaseGraphClient": "client",
    "Page": "calls",
    "PreparedCall": "calls",
    "RequestAdapter": "http",
    "RequestBuilder": "builders",
}

__all__ = [
    "UNSET",
    "AsyncRequestAdapter",
    "BaseAsyncGraphClient",
    "BaseGraphClient",
    "Byte",
    "DateTimeOffset",
    "EntityModel",
    "EnumValue",
    "Flags",
    "GraphEnum",
    "GraphError",
    "Int16",
    "Int32",
    "Int64",
    "Issue",
    "Model",
    "Page",
    "PreparedCall",
    "RequestAdapter",
    "RequestBuilder",
    "Rules",
    "SByte",
    "UnknownMember",
    "UnsetType",
    "ValidationError",
    "register",
    "validate",
]


def __getattr__(name: str) -> Any:
    """The request side, imported when a builder or a client first needs it."""
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
