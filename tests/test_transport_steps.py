"""The transport's sans-IO steps driven by hand: redirects, the token's reach, chunk sizes."""

from __future__ import annotations

import httpx
import pytest

from generated.runtime import longrunning
from generated.runtime.calls import PreparedCall
from generated.runtime.http import Done, Send, Settings, exchange
from generated.runtime.upload import UNIT, checked_chunk_size

BASE = "https://graph.test/beta"


def status(response: httpx.Response) -> int:
    return response.status_code


def settings() -> Settings:
    return Settings(BASE, "secret", 3, 60.0)


def answer(status: int, url: str, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers, request=httpx.Request("GET", url))


def test_a_redirect_elsewhere_is_followed_without_the_token_or_the_query() -> None:
    call = PreparedCall("GET", "/items/1/content", (200,), status, (("format", "pdf"),))
    steps = exchange(settings(), call)
    first = next(steps)
    assert isinstance(first, Send)
    assert first.options["headers"]["Authorization"] == "Bearer secret"
    assert first.options["params"] == (("format", "pdf"),)
    download = "https://files.test/download?sig=abc"
    second = steps.send(answer(302, first.url, Location=download))
    assert isinstance(second, Send) and second.url == download
    assert "Authorization" not in second.options["headers"]
    assert second.options["params"] is None
    assert steps.send(answer(200, download)) == Done(200)


def test_a_redirect_back_to_the_base_host_gets_the_token_again() -> None:
    steps = exchange(settings(), PreparedCall("GET", "/a", (200,), status))
    first = next(steps)
    moved = steps.send(answer(307, first.url, Location="/beta/b"))
    assert isinstance(moved, Send) and moved.url == f"{BASE}/b"
    assert moved.options["headers"]["Authorization"] == "Bearer secret"


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_only_a_get_is_redirected(method: str) -> None:
    steps = exchange(settings(), PreparedCall(method, "/a", (200,), status, body=b"{}"))
    first = next(steps)
    with pytest.raises(Exception, match="302"):
        steps.send(answer(302, first.url, Location="https://files.test/x"))


def test_a_preauthenticated_url_never_gets_the_token() -> None:
    own_host = f"{BASE}/upload/1"
    call = PreparedCall(
        "PUT", own_host, (200,), status, any_host=True, preauthenticated=True
    )
    sent = next(exchange(settings(), call))
    assert isinstance(sent, Send) and "Authorization" not in sent.options["headers"]


@pytest.mark.parametrize("size", [UNIT, 32 * UNIT, 192 * UNIT])
def test_chunk_sizes_the_service_takes(size: int) -> None:
    assert checked_chunk_size(size) == size


@pytest.mark.parametrize("size", [0, -UNIT, UNIT + 1, 193 * UNIT])
def test_chunk_sizes_the_service_refuses(size: int) -> None:
    with pytest.raises(ValueError, match="multiple of 327680 bytes"):
        checked_chunk_size(size)


def test_waiting_ends_at_its_timeout_when_the_service_says_ask_again_now(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A monitor that answers `Retry-After: 0` forever: the timeout still ends the wait,
    counted on the clock (here one that moves a second per reading)."""
    clock = iter(range(1000))
    monkeypatch.setattr(longrunning, "monotonic", lambda: float(next(clock)))
    monitor = "https://files.test/monitor/1"
    steps = longrunning.poll(settings(), longrunning.Accepted(monitor, 0.0), 10.0)
    polls = 0
    with pytest.raises(TimeoutError, match="within 10.0 s"):
        step = next(steps)
        while polls < 100:
            assert isinstance(step, Send) and step.url == monitor
            polls += 1
            running = b'{"status": "inProgress"}'
            step = steps.send(
                httpx.Response(
                    202,
                    headers={"Retry-After": "0"},
                    content=running,
                    request=httpx.Request("GET", monitor),
                )
            )
    assert 0 < polls < 20
