"""More of Graph for the fake: `$batch`, file content (`/content`, `/$value`), upload sessions
and long-running operations, with a second host for the URLs that authorize themselves.

`with FakeGraph() as graph, FakeFiles(graph) as files:` adds the routes to `graph` and serves
the second host (pre-authenticated download, upload and monitor URLs) on 127.0.0.1 at a port of
its own, so it is another origin. That host refuses any request carrying an Authorization
header: the token must never reach it. Stdlib only, like fake_graph.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from http.server import ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

from fake_graph import (
    FakeGraph,
    RecordedRequest,
    _error,
    _Fail,
    _Handler,
    _json,
    _Response,
    dumps,
)

UNIT = 320 * 1024  # every upload range but the last is a multiple of 320 KiB
BATCH_LIMIT = 20


@dataclass
class _Upload:
    item: str  # the entity path the upload makes
    received: bytearray


class FakeFiles:
    """File content, uploads, copies with a monitor, and `$batch`, for one FakeGraph."""

    def __init__(self, graph: FakeGraph, *, redirect_downloads: bool = False) -> None:
        self.graph = graph
        self.redirect_downloads = redirect_downloads
        self.blobs: dict[str, bytes] = {}  # by entity path, under the version
        self.requests: list[RecordedRequest] = []  # what the second host received
        self.batches: list[list[dict[str, Any]]] = []  # each $batch's requests, as sent
        self.upload_faults: deque[int] = deque()  # statuses for the next upload ranges
        self.item_throttles: deque[str] = deque()  # batch item ids to answer 429 once
        self.polls_before_done = 2
        self._uploads: dict[str, _Upload] = {}
        self._downloads: dict[str, str] = {}
        self._operations: dict[str, tuple[int, str]] = {}
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> Self:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.graph = self  # type: ignore[attr-defined]
        self._server = server
        threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
        self.graph.routes.append(self.route)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.graph.routes.remove(self.route)
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def origin(self) -> str:
        assert self._server is not None, "use `with FakeFiles(graph) as files:`"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def put_file(self, path: str, data: bytes, **props: Any) -> dict[str, Any]:
        """Seed a file at an entity path (`/me/drive/items/1`): its item and its bytes."""
        self.blobs[path] = data
        return self.graph.add_single(path, id=path.rsplit("/", 1)[-1], **props)

    # -- Graph's side (called by FakeGraph, authorized, under its lock) -----------------

    def route(self, request: RecordedRequest) -> _Response | None:
        path = "/" + "/".join(unquote(s) for s in request.path.split("/")[2:])
        parent, _, last = path.rpartition("/")
        if path == "/$batch" and request.method == "POST":
            return self._batch(request)
        if last in ("content", "$value"):
            return self._content(request, parent, last)
        if last == "createUploadSession" and request.method == "POST":
            return self._create_session(parent)
        if last == "copy" and request.method == "POST":
            return self._copy(parent)
        return None

    def _content(self, request: RecordedRequest, path: str, kind: str) -> _Response:
        if request.method == "GET":
            if path not in self.blobs:
                raise _Fail(404, "itemNotFound", f"No content at {path}.")
            if not self.redirect_downloads:
                return _octets(self.blobs[path])
            token = uuid.uuid4().hex
            self._downloads[token] = path
            return _Response(
                302, headers={"Location": f"{self.origin}/download/{token}"}
            )
        if request.method != "PUT":
            raise _Fail(405, "MethodNotAllowed", f"{request.method} on {kind}.")
        if request.headers.get("content-type") != "application/octet-stream":
            raise _Fail(415, "UnsupportedMediaType", "Send the bytes as octet-stream.")
        existed = self.graph.entity(path) is not None
        item = self._store(path, request.body)
        if kind == "$value":
            return _Response(200)
        return _json(200 if existed else 201, item)

    def _store(self, path: str, data: bytes) -> dict[str, Any]:
        self.blobs[path] = data
        found = self.graph.entity(path) or {"id": path.rsplit("/", 1)[-1]}
        props = {k: v for k, v in found.items() if not k.startswith("@")}
        props.pop("lastModifiedDateTime", None)
        return self.graph.add_single(path, **{**props, "size": len(data)})

    def upload_session(self, path: str) -> str:
        """A new upload session's URL, for a file to be made at an entity path."""
        session = uuid.uuid4().hex
        self._uploads[session] = _Upload(path, bytearray())
        return f"{self.origin}/upload/{session}"

    def _create_session(self, path: str) -> _Response:
        url = self.upload_session(path)
        body = {"uploadUrl": url, "expirationDateTime": "2030-01-01T00:00:00Z"}
        return _json(200, {**body, "nextExpectedRanges": ["0-"]})

    def _copy(self, path: str) -> _Response:
        if self.graph.entity(path) is None:
            raise _Fail(404, "itemNotFound", f"No item at {path}.")
        operation = uuid.uuid4().hex
        self._operations[operation] = (self.polls_before_done, path)
        location = f"{self.origin}/monitor/{operation}"
        return _Response(202, headers={"Location": location, "Retry-After": "0"})

    def _batch(self, request: RecordedRequest) -> _Response:
        items = json.loads(request.body, parse_float=Decimal).get("requests")
        if not isinstance(items, list) or not 0 < len(items) <= BATCH_LIMIT:
            raise _Fail(400, "BadRequest", "A batch holds 1 to 20 requests.")
        self.batches.append(items)
        statuses: dict[str, int] = {}
        answers = []
        for item in items:
            answer = self._batch_item(request, item, statuses)
            statuses[str(item["id"])] = answer["status"]
            answers.append(answer)
        return _json(200, {"responses": answers[::-1]})  # any order, as Graph answers

    def _batch_item(
        self, outer: RecordedRequest, item: dict[str, Any], statuses: dict[str, int]
    ) -> dict[str, Any]:
        ident = str(item["id"])
        if any(statuses.get(str(d), 424) >= 400 for d in item.get("dependsOn", [])):
            return {
                "id": ident,
                "status": 424,
                "body": _failure(424, "FailedDependency"),
            }
        if ident in self.item_throttles:
            self.item_throttles.remove(ident)
            body = _failure(429, "TooManyRequests")
            return {
                "id": ident,
                "status": 429,
                "headers": {"Retry-After": "0"},
                "body": body,
            }
        try:
            inner = _inner(outer, item, self.graph.version)
        except _Fail as failure:
            return _item_answer(ident, _error(failure, outer.request_id))
        return _item_answer(ident, self.graph._answer(inner))

    # -- the second host: URLs that authorize themselves ---------------------------------

    def handle(self, request: RecordedRequest) -> _Response:
        self.requests.append(request)
        try:
            if "authorization" in request.headers:
                raise _Fail(401, "unauthenticated", "This URL takes no Authorization.")
            kind, _, ident = request.path.strip("/").partition("/")
            if kind == "download" and ident in self._downloads:
                return _octets(self.blobs[self._downloads[ident]])
            if kind == "upload" and ident in self._uploads:
                return self._upload(request, self._uploads[ident])
            if kind == "monitor" and ident in self._operations:
                return self._monitor(ident)
            raise _Fail(404, "itemNotFound", f"Nothing at {request.path}.")
        except _Fail as failure:
            return _error(failure, request.request_id)

    def _upload(self, request: RecordedRequest, upload: _Upload) -> _Response:
        done = len(upload.received)
        if request.method == "GET":
            return _json(200, {"nextExpectedRanges": [f"{done}-"]})
        if self.upload_faults:
            raise _Fail(
                self.upload_faults.popleft(), "serviceNotAvailable", "Injected."
            )
        unit, _, total = request.headers.get("content-range", "").partition("/")
        first, _, last = unit.removeprefix("bytes ").partition("-")
        start, end, size = int(first), int(last), int(total)
        if start != done or end - start + 1 != len(request.body):
            raise _Fail(416, "invalidRange", f"Expected bytes from {done}.")
        if end + 1 < size and len(request.body) % UNIT:
            raise _Fail(400, "invalidRange", "A range must be a multiple of 320 KiB.")
        upload.received += request.body
        if len(upload.received) < size:
            return _json(202, {"nextExpectedRanges": [f"{len(upload.received)}-"]})
        return _json(201, self._store(upload.item, bytes(upload.received)))

    def _monitor(self, operation: str) -> _Response:
        left, path = self._operations[operation]
        if left > 0:
            self._operations[operation] = (left - 1, path)
            percent = 100 * (self.polls_before_done - left) // self.polls_before_done
            body = {"status": "inProgress", "percentageComplete": percent}
            return _json(202, body, {"Retry-After": "0"})
        copy = self.graph.add_single(
            f"{path}-copy", id=f"{path.rsplit('/', 1)[-1]}-copy"
        )
        return _json(200, {"status": "completed", "resourceId": copy["id"]})


def _inner(
    outer: RecordedRequest, item: dict[str, Any], version: str
) -> RecordedRequest:
    """A batch item as a request of its own, with the batch's Authorization."""
    url = urlsplit(str(item["url"]))
    headers = {k.lower(): str(v) for k, v in item.get("headers", {}).items()}
    headers["authorization"] = outer.headers.get("authorization", "")
    body = item.get("body")
    if isinstance(body, str) and "json" in headers.get("content-type", ""):
        raise _Fail(400, "BadRequest", "A JSON body must be an object, not a string.")
    data = base64.b64decode(body) if isinstance(body, str) else b""
    if isinstance(body, dict | list):
        data = dumps(body).encode()
    return RecordedRequest(
        method=str(item["method"]),
        path=f"/{version}/{url.path.lstrip('/')}",
        raw_query=url.query,
        query=parse_qs(url.query, keep_blank_values=True),
        headers=headers,
        body=data,
        request_id=str(uuid.uuid4()),
    )


def _item_answer(ident: str, answered: _Response) -> dict[str, Any]:
    headers = dict(answered.headers)
    answer: dict[str, Any] = {
        "id": ident,
        "status": answered.status,
        "headers": headers,
    }
    if answered.body:
        kind = headers.get("Content-Type", "")
        answer["body"] = (
            json.loads(answered.body, parse_float=Decimal)
            if "json" in kind
            else base64.b64encode(answered.body).decode()
        )
    return answer


def _failure(status: int, code: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": f"Injected {status}."}}


def _octets(data: bytes) -> _Response:
    return _Response(200, data, {"Content-Type": "application/octet-stream"})
