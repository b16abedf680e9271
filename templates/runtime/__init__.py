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
    from .content import (
        AsyncContentReader,
        AsyncContentWriter,
        AsyncLargeFileUploader,
        ContentReader,
        ContentWriter,
        LargeFileUploader,
    )
    from .http import AsyncRequestAdapter, RequestAdapter
    from .longrunning import Accepted, OperationStatus
    from .steps import Response
    from .upload import UploadSession

_LAZY = {
    "Accepted": "longrunning",
    "AsyncContentReader": "content",
    "AsyncContentWriter": "content",
    "AsyncLargeFileUploader": "content",
    "AsyncRequestAdapter": "http",
    "BaseAsyncGraphClient": "client",
    "BaseGraphClient": "client",
    "ContentReader": "content",
    "ContentWriter": "content",
    "LargeFileUploader": "content",
    "OperationStatus": "longrunning",
    "Page": "calls",
    "PreparedCall": "calls",
    "RequestAdapter": "http",
    "RequestBuilder": "builders",
    "Response": "steps",
    "UploadSession": "upload",
}

__all__ = [
    "UNSET",
    "Accepted",
    "AsyncContentReader",
    "AsyncContentWriter",
    "AsyncLargeFileUploader",
    "AsyncRequestAdapter",
    "BaseAsyncGraphClient",
    "BaseGraphClient",
    "Byte",
    "ContentReader",
    "ContentWriter",
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
    "LargeFileUploader",
    "Model",
    "OperationStatus",
    "Page",
    "PreparedCall",
    "RequestAdapter",
    "RequestBuilder",
    "Response",
    "Rules",
    "SByte",
    "UnknownMember",
    "UnsetType",
    "UploadSession",
    "ValidationError",
    "register",
    "validate",
]


def __getattr__(name: str) -> Any:
    """The request side, imported when a builder or a client first needs it."""
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
