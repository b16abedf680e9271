"""What a failed call raises: the status, and the OData error the service sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    import httpx


class GraphError(Exception):
    """Any answer that is not a success of the operation: status, OData code, message and
    request id."""

    def __init__(
        self, status_code: int, code: str, message: str, request_id: str | None
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.message = message
        self.request_id = request_id
        suffix = f" (request-id {request_id})" if request_id else ""
        super().__init__(f"{status_code} {code}: {message}{suffix}")

    @classmethod
    def from_response(cls, response: httpx.Response) -> GraphError:
        """Read the OData error body defensively: it may be missing, truncated or HTML."""
        error = _error_object(response.content)
        inner = error.get("innerError") or error.get("innererror") or {}
        request_id = _text(inner.get("request-id")) if isinstance(inner, dict) else None
        return cls(
            response.status_code,
            _text(error.get("code")) or response.reason_phrase or "UnknownError",
            _text(error.get("message")) or _snippet(response),
            request_id or response.headers.get("request-id"),
        )


def _error_object(content: bytes) -> dict[str, Any]:
    try:
        body = msgspec.json.decode(content)
    except msgspec.DecodeError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _snippet(response: httpx.Response) -> str:
    text = response.content[:200].decode("utf-8", "replace")
    return " ".join(text.split()) or "no error details in the response"
