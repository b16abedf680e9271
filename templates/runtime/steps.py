"""The steps a call is made of, with no I/O: what a driver sends, reads, waits or awaits."""

from __future__ import annotations

from collections.abc import Awaitable, Generator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")


class AccessToken(Protocol):
    """What `get_token` returns: azure-identity's AccessToken is a NamedTuple with `.token`."""

    @property
    def token(self) -> str: ...


@dataclass(frozen=True)
class Send:
    """A step: send this request, and reply with the response (still open when streamed)."""

    method: str
    url: str
    options: dict[
        str, Any
    ]  # httpx's request keywords: params, headers, content, timeout
    stream: bool = False


@dataclass(frozen=True)
class Read:
    """A step: read a streamed response whole and close it (an error's body, a redirect)."""

    response: httpx.Response


@dataclass(frozen=True)
class Done(Generic[T]):
    """The last step: the decoded answer."""

    value: T


# A step asks for a request to be sent, a streamed answer read, a wait (seconds), or an
# asyncio credential's token.
Step = Send | Read | float | Awaitable[AccessToken]
Steps = Generator[Step | Done[T], Any, None]


@dataclass(frozen=True)
class CallOptions:
    """What a caller adds to one call: headers beyond the builder's, and a timeout."""

    headers: Mapping[str, str] = field(default_factory=dict)
    timeout: float | None = None  # seconds; None keeps the client's


NO_OPTIONS = CallOptions()


@dataclass(frozen=True)
class Response(Generic[T]):
    """An answer with its typed value: the status and headers the service sent."""

    status_code: int
    headers: httpx.Headers
    value: T
    url: str = ""  # the request's URL, which a relative `Location` is resolved against
