"""The runtime every generated resource shares; it depends on msgspec and httpx only."""

from msgspec import UNSET, UnsetType

from .builders import (
    AsyncCreateOps,
    AsyncDeleteOps,
    AsyncGetOps,
    AsyncListOps,
    AsyncUpdateOps,
    CreateOps,
    DeleteOps,
    GetOps,
    ListOps,
    Page,
    RequestBuilder,
    UpdateOps,
)
from .client import BaseAsyncGraphClient, BaseGraphClient
from .errors import GraphError
from .http import AsyncSession, Session
from .model import Entity, Model
from .types import Byte, DateTimeOffset, Int16, Int32, Int64, SByte
from .validation import Issue, Rules, ValidationError, register, validate

__all__ = [
    "UNSET",
    "AsyncCreateOps",
    "AsyncDeleteOps",
    "AsyncGetOps",
    "AsyncListOps",
    "AsyncSession",
    "AsyncUpdateOps",
    "BaseAsyncGraphClient",
    "BaseGraphClient",
    "Byte",
    "CreateOps",
    "DateTimeOffset",
    "DeleteOps",
    "Entity",
    "GetOps",
    "GraphError",
    "Int16",
    "Int32",
    "Int64",
    "Issue",
    "ListOps",
    "Model",
    "Page",
    "RequestBuilder",
    "Rules",
    "SByte",
    "Session",
    "UnsetType",
    "UpdateOps",
    "ValidationError",
    "register",
    "validate",
]
