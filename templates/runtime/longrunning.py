"""Long-running operations: a 202 answer's monitor URL, and polling it to completion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urljoin

import msgspec

from .calls import PreparedCall
from .errors import GraphError
from .http import answer
from .settings import Settings, retry_after
from .steps import Done, Response, Steps

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
DEFAULT_POLL = 1.0  # seconds between polls when the service does not say
FINISHED = frozenset({"completed", "succeeded"})
FAILED = frozenset({"failed", "cancelled", "canceled"})


@dataclass(frozen=True)
class Accepted:
    """A long-running operation the service accepted (202): where to ask how it is going."""

    location: str  # the monitor URL, often on another host and pre-authenticated
    retry_after: float | None = None  # seconds the service asks to wait before asking

    @classmethod
    def of(cls, response: Response[Any]) -> Accepted:
        """The acceptance a raw answer carries: `Accepted.of(client.send(prepared))`; a
        relative `Location` is resolved against the request's URL."""
        location = response.headers.get("Location")
        if response.status_code != 202 or not location:
            message = "not a 202 answer with a Location monitor URL"
            raise GraphError(response.status_code, "InvalidResponse", message, None)
        delay = retry_after(response.headers.get("Retry-After"))
        return cls(urljoin(response.url, location), delay)


class _Status(msgspec.Struct):
    status: str = ""
    percentage_complete: float | None = msgspec.field(
        default=None, name="percentageComplete"
    )
    resource_id: str | None = msgspec.field(default=None, name="resourceId")
    resource_location: str | None = msgspec.field(default=None, name="resourceLocation")
    error: dict[str, Any] | None = None


@dataclass(frozen=True)
class OperationStatus:
    """Where a long-running operation stands: the monitor's `status` (`inProgress`,
    `completed`, `succeeded`...), its progress, and what it made when it is done."""

    status: str
    percentage_complete: float | None = None
    resource_id: str | None = None
    resource_location: str | None = (
        None  # the URL of what it made, when the service says
    )

    @property
    def done(self) -> bool:
        return self.status in FINISHED


def reads_accepted(response: httpx.Response) -> Accepted:
    """A 202 answer: its `Location` monitor URL and `Retry-After`."""
    location = response.headers.get("Location")
    if not location:
        message = "a 202 answer without a Location monitor URL"
        raise GraphError(response.status_code, "InvalidResponse", message, None)
    delay = retry_after(response.headers.get("Retry-After"))
    return Accepted(str(response.url.join(location)), delay)


def accepting(
    decode: Callable[[httpx.Response], T],
) -> Callable[[httpx.Response], T | Accepted]:
    """An operation that may finish at once or be accepted (202) to finish later: a 202
    with a `Location` monitor URL is an Accepted; one without (an event forwarded, a mail
    sent) has nothing to watch, and is read as the operation's own answer."""

    def read(response: httpx.Response) -> T | Accepted:
        if response.status_code == 202 and response.headers.get("Location"):
            return reads_accepted(response)
        return decode(response)

    return read


def poll(
    settings: Settings, accepted: Accepted, timeout: float
) -> Steps[OperationStatus]:
    """Ask the monitor URL until the operation ends, waiting as `Retry-After` says; the
    token goes with the question only when the monitor is on the base URL's host. The
    timeout counts from the first question, the time the answers take included."""
    delay, deadline = accepted.retry_after or 0.0, monotonic() + timeout
    call = PreparedCall("GET", accepted.location, (200, 202, 303), _read, any_host=True)
    while True:
        if monotonic() + delay > deadline:
            raise TimeoutError(f"the operation did not end within {timeout} s")
        if delay:
            yield delay
        response = yield from answer(settings, call)
        status, after = _read(response), retry_after(
            response.headers.get("Retry-After")
        )
        if status.done:
            yield Done(status)
            return
        delay = after if after is not None else DEFAULT_POLL


def _read(response: httpx.Response) -> OperationStatus:
    """The monitor's answer; a 303 to what was made means it is done."""
    if response.status_code == 303:
        where = response.headers.get("Location")
        return OperationStatus("completed", 100.0, None, where)
    try:
        wire = msgspec.json.decode(response.content or b"{}", type=_Status)
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        message = f"the monitor's answer is not a status: {error}"
        raise GraphError(
            response.status_code, "InvalidResponse", message, None
        ) from None
    if wire.status in FAILED:
        failure = wire.error or {}
        code = str(failure.get("code") or "OperationFailed")
        message = str(failure.get("message") or f"the operation {wire.status}")
        raise GraphError(response.status_code, code, message, None)
    return OperationStatus(
        wire.status, wire.percentage_complete, wire.resource_id, wire.resource_location
    )
