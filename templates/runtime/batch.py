"""JSON batching: prepared calls in `$batch` requests of at most 20, each answer read as the
call alone would read it; a throttled item is sent again after its `Retry-After`."""

from __future__ import annotations

import base64
from collections.abc import Generator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlencode, urljoin

import msgspec

from .calls import PreparedCall
from .errors import GraphError
from .http import REDIRECTS, answer
from .settings import Settings, retry_after
from .steps import Done, Step, Steps

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")
MAX_REQUESTS = 20  # the most one $batch request may carry
DependsOn = Mapping[int, Sequence[int]]


class _Request(msgspec.Struct, omit_defaults=True, rename={"depends_on": "dependsOn"}):
    id: str
    method: str
    url: str
    headers: dict[str, str] = {}
    body: msgspec.Raw | None = None
    depends_on: list[str] = []


class _Answer(msgspec.Struct):
    id: str
    status: int
    headers: dict[str, str] = {}
    body: msgspec.Raw = msgspec.Raw()


class _Answers(msgspec.Struct):
    responses: list[_Answer]


def batch(
    settings: Settings, calls: Sequence[PreparedCall[T]], depends_on: DependsOn
) -> Steps[list[T | GraphError]]:
    """Every call's result or GraphError, in the calls' order."""
    requests = [_request(settings, i, call) for i, call in enumerate(calls)]
    needs = _dependencies(len(calls), depends_on)
    results: dict[int, T | GraphError] = {}
    pending, waited, attempt = list(range(len(calls))), 0.0, 0
    while pending:
        throttled: dict[int, float] = {}
        for chunk in _chunks(pending, needs):
            body = [_with_needs(requests[i], needs[i], chunk) for i in chunk]
            answers = _by_call((yield from _send(settings, body)))
            for index in chunk:
                reply = answers.get(str(index))
                if reply is None:
                    results[index] = _unanswered()
                    continue
                moved = _moved(settings, calls[index], requests[index], reply)
                if moved is not None:  # a download URL: read there, without the token
                    results[index] = yield from _read_at(settings, calls[index], moved)
                    continue
                if reply.status == 429:
                    delay = retry_after(_header(reply, "Retry-After"))
                    throttled[index] = 1.0 if delay is None else delay
                results[index] = _outcome(
                    settings, calls[index], requests[index], reply
                )
        again = _with_dependents(throttled, needs, results, pending)
        delay = max(throttled.values(), default=0.0)
        if not again or attempt >= settings.max_retries:
            break
        if waited + delay > settings.max_retry_wait:
            break
        yield delay
        pending, waited, attempt = again, waited + delay, attempt + 1
    yield Done([results[i] for i in range(len(calls))])


def _send(
    settings: Settings, requests: list[_Request]
) -> Generator[Step, Any, list[_Answer]]:
    body = msgspec.json.encode({"requests": requests})
    call = PreparedCall("POST", "/$batch", (200,), _answers, body=body)
    response = yield from answer(settings, call)
    return _answers(response)


def _answers(response: httpx.Response) -> list[_Answer]:
    try:
        return msgspec.json.decode(response.content, type=_Answers).responses
    except (msgspec.DecodeError, msgspec.ValidationError) as error:
        message = f"not a batch answer: {error}"
        raise GraphError(
            response.status_code, "InvalidResponse", message, None
        ) from None


def _by_call(answers: list[_Answer]) -> dict[str, _Answer]:
    return {reply.id: reply for reply in answers}


def _unanswered() -> GraphError:
    message = "the $batch answer holds no response for this call"
    return GraphError(0, "InvalidResponse", message, None)


def _header(reply: _Answer, name: str) -> str | None:
    return next(
        (v for k, v in reply.headers.items() if k.lower() == name.lower()), None
    )


def _moved(
    settings: Settings, call: PreparedCall[Any], request: _Request, reply: _Answer
) -> str | None:
    """Where a GET the service redirected is read instead (a file's download URL)."""
    location = _header(reply, "Location")
    if call.method != "GET" or reply.status not in REDIRECTS or not location:
        return None
    if reply.status in call.expected:
        return None
    return urljoin(settings.base_url + request.url, location)


def _read_at(
    settings: Settings, call: PreparedCall[T], location: str
) -> Generator[Step, Any, T | GraphError]:
    """The call's answer read at the URL its batch item was redirected to; the token goes
    there only when it is on the base URL's host."""
    moved = replace(call, path=location, params=(), any_host=True)
    try:
        response = yield from answer(settings, moved)
    except GraphError as error:
        return error
    return call.decode(response)


def _request(settings: Settings, index: int, call: PreparedCall[Any]) -> _Request:
    """One item: its URL relative to the service root, its body a JSON value as it is."""
    if call.stream or call.any_host or call.preauthenticated:
        raise ValueError(f"call {index} ({call.method} {call.path}) cannot be batched")
    headers = {name: value for name, value in call.headers.items() if value is not None}
    body = None
    if call.body is not None:
        if not isinstance(call.body, bytes):
            message = f"call {index}: a batch carries bodies of bytes, not streams"
            raise ValueError(message)
        headers["Content-Type"] = call.content_type
        json = "json" in call.content_type
        body = msgspec.Raw(call.body if json else _base64(call.body))
    url = _relative(settings, call)
    return _Request(str(index), call.method, url, headers, body)


def _relative(settings: Settings, call: PreparedCall[Any]) -> str:
    path = settings.url(call.path).removeprefix(settings.base_url)
    query = urlencode(call.params, quote_via=quote, safe="$,'()")
    return f"{path}?{query}" if query else path


def _base64(data: bytes) -> bytes:
    return msgspec.json.encode(base64.b64encode(data).decode("ascii"))


def _outcome(
    settings: Settings, call: PreparedCall[T], request: _Request, reply: _Answer
) -> T | GraphError:
    """The item's answer, read as the call alone would read it (a relative `Location` of
    a 202 resolved against the item's own URL)."""
    import httpx

    headers = {k: v for k, v in reply.headers.items()}
    content = bytes(reply.body)
    kind = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    if content[:1] == b'"' and kind and "json" not in kind:
        content = base64.b64decode(msgspec.json.decode(content))
    elif content and not kind:
        headers["Content-Type"] = "application/json"
    sent = httpx.Request(call.method, settings.base_url + request.url)
    response = httpx.Response(
        reply.status, headers=headers, content=content, request=sent
    )
    if reply.status not in call.expected:
        return GraphError.from_response(response)
    return call.decode(response)


def _dependencies(count: int, depends_on: DependsOn) -> list[frozenset[int]]:
    strays = sorted(i for i in depends_on if not 0 <= i < count)
    if strays:
        raise ValueError(f"depends_on names calls not in the batch: {strays}")
    needs = [frozenset(depends_on.get(i, ())) for i in range(count)]
    for i, needed in enumerate(needs):
        if any(not 0 <= n < count or n == i for n in needed):
            raise ValueError(f"depends_on[{i}] names a call not in the batch: {needed}")
    return needs


def _chunks(pending: list[int], needs: list[frozenset[int]]) -> list[list[int]]:
    """Requests of at most 20 calls; calls that depend on each other stay together."""
    group = {i: i for i in pending}

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i in pending:
        for n in needs[i] & group.keys():
            group[root(n)] = root(i)
    members: dict[int, list[int]] = {}
    for i in pending:
        members.setdefault(root(i), []).append(i)
    chunks: list[list[int]] = []
    for together in sorted(members.values()):
        if len(together) > MAX_REQUESTS:
            message = f"{len(together)} calls depend on each other; a batch takes 20"
            raise ValueError(message)
        if not chunks or len(chunks[-1]) + len(together) > MAX_REQUESTS:
            chunks.append([])
        chunks[-1].extend(together)
    return [_ordered(chunk, needs) for chunk in chunks]


def _ordered(chunk: list[int], needs: list[frozenset[int]]) -> list[int]:
    """A request's calls, each after those it depends on, else in the calls' order."""
    left, done, order, members = sorted(chunk), set[int](), [], set(chunk)
    while left:
        ready = next((i for i in left if needs[i] & members <= done), None)
        if ready is None:
            raise ValueError(f"depends_on makes a circle among calls {left}")
        order.append(ready)
        done.add(ready)
        left.remove(ready)
    return order


def _with_needs(request: _Request, needs: frozenset[int], chunk: list[int]) -> _Request:
    """Only calls still sent are waited for: one that succeeded before is done."""
    wanted = sorted(str(n) for n in needs if n in chunk)
    return msgspec.structs.replace(request, depends_on=wanted)


def _with_dependents(
    throttled: dict[int, float],
    needs: list[frozenset[int]],
    results: Mapping[int, Any],
    pending: list[int],
) -> list[int]:
    """The throttled calls and those that failed (424) because they waited for one."""
    again = set(throttled)
    for i in pending:
        failed = results.get(i)
        waited_in_vain = isinstance(failed, GraphError) and failed.status_code == 424
        if waited_in_vain and _waits_for(i, again, needs):
            again.add(i)
    return sorted(again)


def _waits_for(i: int, chosen: set[int], needs: list[frozenset[int]]) -> bool:
    seen, todo = set(), list(needs[i])
    while todo:
        n = todo.pop()
        if n in chosen:
            return True
        if n not in seen:
            seen.add(n)
            todo.extend(needs[n])
    return False
