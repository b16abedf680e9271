"""For the generated tests: a mock transport that records requests, and exact JSON helpers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import msgspec

_DECODER = msgspec.json.Decoder(float_hook=Decimal)
_ENCODER = msgspec.json.Encoder(decimal_format="number")
TOKEN = "test-token"
BASE_URL = "https://graph.test/beta"


def load(data: bytes | str) -> Any:
    """JSON with numbers as Decimal, so comparisons are exact."""
    return _DECODER.decode(data)


def dump(data: Any) -> bytes:
    """JSON with Decimal written as a number."""
    return _ENCODER.encode(data)


class Recorder:
    """Answers every request with one canned response and keeps the requests for asserts."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        self.status = status
        self.body = body
        self.headers = {"Content-Type": "application/json", **(headers or {})}
        self.requests: list[httpx.Request] = []

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        content = b"" if self.body is None else dump(self.body)
        return httpx.Response(self.status, content=content, headers=self.headers)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self._handle))

    def async_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self._handle))

    def only(self) -> httpx.Request:
        """The single request sent; anything else is a failure."""
        assert len(self.requests) == 1, f"expected one request, got {len(self.requests)}"
        return self.requests[0]
