"""A small in-memory Microsoft Graph serving the customerPayment API, for functional tests.

Any other path is served by a plain store of entities (`add_item`, `add_single`): collections
list and create, items and singletons get, patch, put and delete, with etags and read-only
`id` and `lastModifiedDateTime`, so routes and bodies of other resources can be tested too.

Stdlib only. `with FakeGraph() as graph:` serves on 127.0.0.1 at an ephemeral port; point a
client at `graph.base_url`, then assert on `graph.requests`. It is strict where a client bug
would otherwise pass unseen (bearer token, Content-Type, read-only, unknown or mistyped
properties, unknown query options), and it keeps money exact: request JSON is parsed with
`Decimal` and amounts are written back with the same digits.
"""

from __future__ import annotations

import json
import operator
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self, TypeVar
from urllib.parse import parse_qs, unquote

DEFAULT_TOKEN = "token-123"
EVIL_ORIGIN = "https://evil.example.com"
RESPONSE_CONTENT_TYPE = (
    "application/json; odata.metadata=minimal; odata.streaming=true;"
    " IEEE754Compatible=false; charset=utf-8"
)

# Wire name -> wire type, from the customerPayment resource page (id as metadata's Guid).
PROPERTIES: dict[str, str] = {
    "id": "guid",
    "amount": "decimal",
    "appliesToInvoiceId": "guid",
    "appliesToInvoiceNumber": "string",
    "comment": "string",
    "contactId": "string",
    "customerId": "guid",
    "customerNumber": "string",
    "description": "string",
    "documentNumber": "string",
    "externalDocumentNumber": "string",
    "journalDisplayName": "string",
    "lastModifiedDateTime": "datetime",
    "lineNumber": "int32",
    "postingDate": "date",
}
READ_ONLY = frozenset({"id", "lastModifiedDateTime"})
LIST_OPTIONS = frozenset(
    {"$top", "$skip", "$filter", "$orderby", "$select", "$count", "$skiptoken"}
)
ITEM_OPTIONS = frozenset({"$select"})
NO_OPTIONS: frozenset[str] = frozenset()

_GUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLAUSE = re.compile(r"^\s*(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(.+?)\s*$")
_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "gt": operator.gt,
    "ge": operator.ge,
    "lt": operator.lt,
    "le": operator.le,
}
_T = TypeVar("_T", bound="_Shots")


@dataclass
class RecordedRequest:
    """One request as received; `path` keeps the client's percent-encoding."""

    method: str
    path: str
    raw_query: str
    query: dict[str, list[str]]  # decoded by parse_qs
    headers: dict[str, str]  # names lower-cased
    body: bytes
    request_id: str  # the `request-id` the fake answered with
    status: int | None = None  # filled in once the answer is ready

    @property
    def target(self) -> str:
        """The request-target exactly as sent, to compare with a nextLink."""
        return f"{self.path}?{self.raw_query}" if self.raw_query else self.path

    def json(self) -> Any:
        """The body parsed as the fake parses it: fractional numbers become Decimal."""
        return json.loads(self.body, parse_float=Decimal)


@dataclass
class _Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


class _Fail(Exception):
    """An OData error answer, raised from anywhere in request handling."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


@dataclass
class _Shots:
    times: int


@dataclass
class _Fault(_Shots):
    """An injected answer given instead of the real one."""

    method: str | None
    respond: Callable[[str], _Response]  # request id -> answer


@dataclass
class _LinkFault(_Shots):
    """A nextLink rewrite: (honest next link, this page's own URL) -> the link sent."""

    rewrite: Callable[[str, str], str]


@dataclass
class _Payment:
    company: str
    journal: str | None
    etag: str
    data: dict[str, Any]


@dataclass(frozen=True)
class _Target:
    """What a path addresses: a collection, or one payment in it."""

    company: str
    journal: str | None
    payment_id: str | None
    collection_path: str  # raw, as the client sent it


@dataclass(frozen=True)
class _ListOptions:
    top: int
    skip: int
    filter: str | None
    orderby: str | None
    select: tuple[str, ...] | None
    count: bool


class FakeGraph:
    """The customerPayment endpoints of Graph, in memory, recording requests."""

    def __init__(
        self, *, token: str = DEFAULT_TOKEN, page_size: int = 2, version: str = "beta"
    ) -> None:
        self.token = token
        self.page_size = page_size
        self.version = version
        self.patch_returns_no_content = False
        self.require_if_match = False
        self.requests: list[RecordedRequest] = []
        self._payments: dict[str, _Payment] = {}
        self._store = _Store()
        self._skiptokens: dict[str, _ListOptions] = {}
        self._faults: list[_Fault] = []
        self._link_faults: list[_LinkFault] = []
        # Rewrites of every answer, in order: behaviour that other test modules plug in.
        self.answer_hooks: list[Callable[[RecordedRequest, _Response], None]] = []
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None
        # More of Graph, served before the rest (tests/fake_transport.py): each route answers
        # an authorized request, or returns None to let the next one try.
        self.routes: list[Callable[[RecordedRequest], _Response | None]] = []

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> Self:
        """Serve on an ephemeral port from a daemon thread."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.graph = self  # type: ignore[attr-defined]
        self._server = server
        threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        if self._server is None:
            raise RuntimeError("not running; use `with FakeGraph() as graph:`")
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def base_url(self) -> str:
        return f"{self.origin}/{self.version}"

    # -- state, for tests --------------------------------------------------------------

    def add_payment(
        self, company_id: object, journal_id: object = None, **props: Any
    ) -> dict[str, Any]:
        """Seed a payment without a client; props use wire names (UUID, date allowed)."""
        data = {name: _to_wire(value) for name, value in props.items()}
        journal = None if journal_id is None else str(journal_id)
        with self._lock:
            return _render(self._insert(str(company_id), journal, data))

    def stored(self, payment_id: object) -> dict[str, Any] | None:
        """What the server holds for a payment (with `@odata.etag`), or None."""
        with self._lock:
            payment = self._payments.get(str(payment_id).lower())
            return None if payment is None else _render(payment)

    def add_item(self, collection: str, **props: Any) -> dict[str, Any]:
        """Seed an item of any other collection (`/me/todo/lists`); wire names."""
        data = {name: _to_wire(value) for name, value in props.items()}
        with self._lock:
            return self._store.insert(collection, data).rendered()

    def add_single(self, path: str, **props: Any) -> dict[str, Any]:
        """Seed an entity addressed without a key (`/me`, `/users/{id}/presence`)."""
        data = {name: _to_wire(value) for name, value in props.items()}
        with self._lock:
            return self._store.put(path, data).rendered()

    def entity(self, path: str) -> dict[str, Any] | None:
        """What the plain store holds at a path (with `@odata.etag`), or None."""
        with self._lock:
            found = self._store.entities.get(path)
            return None if found is None else found.rendered()

    # -- fault injection ---------------------------------------------------------------

    def fail(
        self,
        status: int,
        *,
        times: int = 1,
        retry_after: float | None = None,
        as_http_date: bool = False,
        method: str | None = None,
    ) -> None:
        """Answer the next `times` requests (of `method`, if given) with an OData error."""
        codes = {
            429: "TooManyRequests",
            503: "ServiceUnavailable",
            504: "GatewayTimeout",
        }
        code = codes.get(status, "InternalServerError")

        def respond(request_id: str) -> _Response:
            headers = {}
            if retry_after is not None:
                headers["Retry-After"] = _retry_after(retry_after, as_http_date)
            return _error(
                _Fail(status, code, f"Injected {status}.", headers), request_id
            )

        self._add(self._faults, _Fault(times, method, respond))

    def throttle(
        self, retry_after: float = 1, *, times: int = 1, as_http_date: bool = False
    ) -> None:
        """Answer 429 with Retry-After (seconds, or an HTTP date) to the next requests."""
        self.fail(429, times=times, retry_after=retry_after, as_http_date=as_http_date)

    def fail_html(self, status: int = 500, *, times: int = 1) -> None:
        """Answer with a text/html body, as a crashed front end or a proxy would."""
        page = f"<html><body><h1>{status} Server Error</h1></body></html>".encode()

        def respond(_request_id: str) -> _Response:
            return _Response(status, page, {"Content-Type": "text/html; charset=utf-8"})

        self._add(self._faults, _Fault(times, None, respond))

    def foreign_next_link(self, origin: str = EVIL_ORIGIN, *, times: int = 1) -> None:
        """Make the next list pages link to `origin` instead, same path and query."""

        def rewrite(honest: str, _own_url: str) -> str:
            return origin.rstrip("/") + honest.removeprefix(self.origin)

        self._add(self._link_faults, _LinkFault(times, rewrite))

    def looping_next_link(self, *, times: int = 1) -> None:
        """Make the next list pages link to themselves."""
        self._add(self._link_faults, _LinkFault(times, lambda _honest, own: own))

    def _add(self, queue: list[_T], fault: _T) -> None:
        with self._lock:
            queue.append(fault)

    # -- request handling (server threads) ---------------------------------------------

    def handle(self, request: RecordedRequest) -> _Response:
        """Record the request, then answer it: with an injected fault, or the API."""
        with self._lock:
            self.requests.append(request)
            fault = _take(self._faults, lambda f: f.method in (None, request.method))
            if fault is not None:
                response = fault.respond(request.request_id)
            else:
                response = self._answer(request)
            for hook in self.answer_hooks:
                hook(request, response)
            _stamp(response, request)
            request.status = response.status
            return response

    def _answer(self, request: RecordedRequest) -> _Response:
        try:
            return self._serve(request)
        except _Fail as failure:
            return _error(failure, request.request_id)

    def _serve(self, request: RecordedRequest) -> _Response:
        self._authorize(request)
        for route in self.routes:
            answered = route(request)
            if answered is not None:
                return answered
        if not _is_payments(request.path, self.version):
            return self._store.answer(request, self.version)
        target = self._route(request.path)
        if target.payment_id is None:
            actions = {"GET": self._list, "POST": self._create}
        else:
            actions = {"GET": self._get, "PATCH": self._update, "DELETE": self._delete}
        action = actions.get(request.method)
        if action is None:
            message = f"{request.method} is not allowed on {request.path}."
            raise _Fail(405, "MethodNotAllowed", message)
        return action(request, target)

    def _authorize(self, request: RecordedRequest) -> None:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        code = "InvalidAuthenticationToken"
        if not token:
            challenge = {"WWW-Authenticate": "Bearer"}
            raise _Fail(401, code, "Access token is empty.", challenge)
        if scheme.lower() != "bearer" or token != self.token:
            raise _Fail(401, code, "Access token validation failure.")

    def _route(self, raw_path: str) -> _Target:
        """The target of a raw path; each segment is percent-decoded on its own."""
        raw = raw_path.split("/")[1:]
        segments = [unquote(s) for s in raw]
        if segments[:3] != [self.version, "financials", "companies"] or len(raw) < 5:
            raise _not_found(f"No resource at {raw_path}.")
        at, journal = 4, None
        if segments[at] == "customerPaymentJournals" and len(raw) >= 7:
            at, journal = 6, segments[5]
        rest = segments[at:]
        if rest[0] != "customerPayments" or len(rest) > 2 or "" in segments:
            raise _not_found(f"No resource at {raw_path}.")
        collection_path = "/" + "/".join(raw[: at + 1])
        payment_id = rest[1] if len(rest) == 2 else None
        return _Target(segments[3], journal, payment_id, collection_path)

    # -- operations --------------------------------------------------------------------

    def _list(self, request: RecordedRequest, target: _Target) -> _Response:
        options = self._list_options(request)
        items = [p for p in self._payments.values() if _in_scope(p, target)]
        items = [p for p in items if _matches(p.data, options.filter)]
        items = _order(items, options.orderby)
        end = options.skip + options.top
        body: dict[str, Any] = {"@odata.context": self._context(target)}
        if options.count:
            body["@odata.count"] = len(items)
        body["value"] = [_render(p, options.select) for p in items[options.skip : end]]
        more = options.top > 0 and end < len(items)
        next_link = self._next_link(request, replace(options, skip=end), more)
        if next_link is not None:
            body["@odata.nextLink"] = next_link
        return _json(200, body)

    def _create(self, request: RecordedRequest, target: _Target) -> _Response:
        _check_options(request, NO_OPTIONS)
        payment = self._insert(target.company, target.journal, _payload(request))
        location = f"{self.origin}{target.collection_path}/{payment.data['id']}"
        headers = {"Location": location, "ETag": payment.etag}
        return _json(201, self._entity(target, payment), headers)

    def _get(self, request: RecordedRequest, target: _Target) -> _Response:
        _check_options(request, ITEM_OPTIONS)
        payment = self._find(target)
        select = _select(_single(request.query, "$select"))
        return _json(200, self._entity(target, payment, select), {"ETag": payment.etag})

    def _update(self, request: RecordedRequest, target: _Target) -> _Response:
        _check_options(request, NO_OPTIONS)
        payment = self._find(target)
        self._check_if_match(request, payment)
        payment.data.update(_payload(request))
        _touch(payment)
        prefer = request.headers.get("prefer", "").replace(" ", "")
        if self.patch_returns_no_content or "return=minimal" in prefer:
            return _Response(204, headers={"ETag": payment.etag})
        return _json(200, self._entity(target, payment), {"ETag": payment.etag})

    def _delete(self, request: RecordedRequest, target: _Target) -> _Response:
        _check_options(request, NO_OPTIONS)
        payment = self._find(target)
        self._check_if_match(request, payment)
        del self._payments[payment.data["id"]]
        return _Response(204)

    # -- helpers over state ------------------------------------------------------------

    def _insert(
        self, company: str, journal: str | None, data: dict[str, Any]
    ) -> _Payment:
        payment_id = str(uuid.uuid4())
        payment = _Payment(company, journal, "", {"id": payment_id, **data})
        _touch(payment)
        self._payments[payment_id] = payment
        return payment

    def _find(self, target: _Target) -> _Payment:
        payment = self._payments.get(str(target.payment_id).lower())
        if payment is None or not _in_scope(payment, target):
            raise _not_found(
                f"The customerPayment '{target.payment_id}' does not exist."
            )
        return payment

    def _check_if_match(self, request: RecordedRequest, payment: _Payment) -> None:
        header = request.headers.get("if-match")
        if header is None and self.require_if_match:
            raise _Fail(428, "PreconditionRequired", "An If-Match header is required.")
        tags = [tag.strip() for tag in (header or "*").split(",")]
        if "*" not in tags and payment.etag not in tags:
            message = (
                "The entity was changed since it was read: If-Match does not match."
            )
            raise _Fail(412, "PreconditionFailed", message)

    def _list_options(self, request: RecordedRequest) -> _ListOptions:
        _check_options(request, LIST_OPTIONS)
        token = _single(request.query, "$skiptoken")
        if token is not None:
            if token not in self._skiptokens:
                raise _bad_request("The $skiptoken is not valid.")
            return self._skiptokens[token]
        count = _single(request.query, "$count")
        if count not in (None, "true", "false"):
            raise _bad_request(f"$count must be true or false, not {count!r}.")
        options = _ListOptions(
            top=_non_negative(request.query, "$top", self.page_size),
            skip=_non_negative(request.query, "$skip", 0),
            filter=_single(request.query, "$filter"),
            orderby=_single(request.query, "$orderby"),
            select=_select(_single(request.query, "$select")),
            count=count == "true",
        )
        _matches({}, options.filter)  # a bad option fails even on an empty collection
        _order([], options.orderby)
        return options

    def _next_link(
        self, request: RecordedRequest, following: _ListOptions, more: bool
    ) -> str | None:
        """An absolute link to the following page, unless a link fault rewrites it."""
        token = uuid.uuid4().hex
        self._skiptokens[token] = following
        honest = f"{self.origin}{request.path}?$skiptoken={token}"
        fault = _take(self._link_faults, lambda _f: True)
        if fault is not None:
            return fault.rewrite(honest, self.origin + request.target)
        return honest if more else None

    def _context(self, target: _Target, *, entity: bool = False) -> str:
        path = target.collection_path.removeprefix(f"/{self.version}/")
        return f"{self.base_url}/$metadata#{path}" + ("/$entity" if entity else "")

    def _entity(
        self, target: _Target, payment: _Payment, select: tuple[str, ...] | None = None
    ) -> dict[str, Any]:
        context = self._context(target, entity=True)
        return {"@odata.context": context, **_render(payment, select)}


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 plumbing: read the request, let FakeGraph answer, write the answer."""

    protocol_version = "HTTP/1.1"
    timeout = 30

    def _serve(self) -> None:
        path, _, raw_query = self.path.partition("?")
        request = RecordedRequest(
            method=self.command,
            path=path,
            raw_query=raw_query,
            query=parse_qs(raw_query, keep_blank_values=True),
            headers=_lower_headers(self.headers.items()),
            body=self._read_body(),
            request_id=str(uuid.uuid4()),
        )
        response = self.server.graph.handle(request)  # type: ignore[attr-defined]
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)

    do_GET = do_POST = do_PATCH = do_DELETE = do_PUT = _serve

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return b"".join(self._chunks())
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _chunks(self) -> Iterator[bytes]:
        while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
            yield self.rfile.read(size)
            self.rfile.readline()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass  # trailers

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `graph.requests`, not stderr."""


# -- answers -----------------------------------------------------------------------------


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> _Response:
    content = dumps(body).encode()
    return _Response(
        status, content, {"Content-Type": RESPONSE_CONTENT_TYPE, **(headers or {})}
    )


def _error(failure: _Fail, request_id: str) -> _Response:
    """The Graph error shape, carrying the same request id as the header."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    inner = {"request-id": request_id, "date": now}
    error = {"code": failure.code, "message": failure.message, "innerError": inner}
    return _json(failure.status, {"error": error}, dict(failure.headers))


def _stamp(response: _Response, request: RecordedRequest) -> None:
    """Every answer carries the request id, and echoes client-request-id as Graph does."""
    response.headers["request-id"] = request.request_id
    client_id = request.headers.get("client-request-id", request.request_id)
    response.headers["client-request-id"] = client_id


def _not_found(message: str) -> _Fail:
    return _Fail(404, "NotFound", message)


def _bad_request(message: str) -> _Fail:
    return _Fail(400, "BadRequest", message)


def dumps(value: Any) -> str:
    """JSON text in which a Decimal is written as the number it is, digit for digit."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return json.dumps(value)


def _retry_after(seconds: float, as_http_date: bool) -> str:
    if as_http_date:  # whole seconds: about `seconds` from now, give or take half
        return formatdate(round(time.time() + seconds), usegmt=True)
    return str(int(seconds)) if float(seconds).is_integer() else str(seconds)


# -- state helpers -----------------------------------------------------------------------


def _take(queue: list[_T], wanted: Callable[[_T], bool]) -> _T | None:
    """Use one shot of the first matching fault, dropping it once spent."""
    for fault in queue:
        if wanted(fault):
            fault.times -= 1
            if fault.times <= 0:
                queue.remove(fault)
            return fault
    return None


def _touch(payment: _Payment) -> None:
    """A new etag and modification time on every write, as the service does."""
    payment.etag = f'W/"{uuid.uuid4().hex}"'
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    payment.data["lastModifiedDateTime"] = now.replace("+00:00", "Z")


def _render(payment: _Payment, select: tuple[str, ...] | None = None) -> dict[str, Any]:
    data = payment.data
    if select is not None:
        data = {name: value for name, value in data.items() if name in select}
    return {"@odata.etag": payment.etag, **data}


def _in_scope(payment: _Payment, target: _Target) -> bool:
    """A journal's payments are the company's too, as in Business Central."""
    if payment.company.lower() != target.company.lower():
        return False
    return (
        target.journal is None
        or (payment.journal or "").lower() == target.journal.lower()
    )


def _to_wire(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _lower_headers(items: Any) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in items:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


# -- request bodies ----------------------------------------------------------------------


def _payload(request: RecordedRequest) -> dict[str, Any]:
    """The body's wire properties, after the checks the service makes."""
    body, strings_ok = _body(request)
    properties = {k: v for k, v in body.items() if not k.startswith("@")}
    return {
        name: _checked(name, value, strings_ok) for name, value in properties.items()
    }


def _body(request: RecordedRequest) -> tuple[dict[str, Any], bool]:
    """A JSON object body, and whether it may carry decimals as strings."""
    content_type = request.headers.get("content-type", "").lower()
    if content_type.split(";")[0].strip() != "application/json":
        message = f"Content-Type {content_type!r} is not application/json."
        raise _Fail(415, "UnsupportedMediaType", message)
    try:
        body = json.loads(
            request.body, parse_float=Decimal, parse_constant=_no_constant
        )
    except ValueError as exc:
        raise _bad_request(f"The request body is not valid JSON: {exc}.") from None
    if not isinstance(body, dict):
        raise _bad_request("The request body must be a JSON object.")
    return body, "ieee754compatible=true" in content_type.replace(" ", "")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _checked(name: str, value: Any, strings_ok: bool) -> Any:
    """Reject what the service rejects: read-only, unknown and mistyped properties."""
    if name in READ_ONLY:
        raise _bad_request(f"The property '{name}' is read-only and cannot be set.")
    kind = _property(name)
    if value is not None and not _valid(kind, value, strings_ok):
        raise _bad_request(f"Cannot convert {dumps(value)} for '{name}' to {kind}.")
    return value


def _valid(kind: str, value: Any, strings_ok: bool) -> bool:
    """JSON numbers for Decimal (strings only when IEEE754Compatible), ISO text for dates."""
    if kind == "decimal" and isinstance(value, str):
        return strings_ok and _NUMBER.match(value) is not None
    if kind in ("decimal", "int32"):
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            return False
        return kind == "decimal" or (
            isinstance(value, int) and -(2**31) <= value < 2**31
        )
    if not isinstance(value, str):
        return False
    if kind == "guid":
        return _GUID.match(value) is not None
    if kind == "date":
        return _DATE.match(value) is not None and _parses(date.fromisoformat, value)
    if kind == "datetime":
        return _parses(datetime.fromisoformat, value)
    return True


def _parses(parse: Callable[[str], object], text: str) -> bool:
    try:
        parse(text)
    except ValueError:
        return False
    return True


# -- query options -----------------------------------------------------------------------


def _check_options(request: RecordedRequest, allowed: frozenset[str]) -> None:
    for name, values in request.query.items():
        if name.startswith("$") and name not in allowed:
            raise _bad_request(f"The query option {name} is not supported here.")
        if len(values) > 1:
            raise _bad_request(f"The query option {name} is given more than once.")


def _single(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


def _non_negative(query: dict[str, list[str]], name: str, default: int) -> int:
    text = _single(query, name)
    if text is None:
        return default
    if not text.isdigit():
        raise _bad_request(f"{name} must be a non-negative integer, not {text!r}.")
    return int(text)


def _property(name: str) -> str:
    """The wire type of a property, or the 400 the service gives for an unknown one."""
    if name not in PROPERTIES:
        raise _bad_request(
            f"Could not find a property named '{name}' on customerPayment."
        )
    return PROPERTIES[name]


def _select(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = tuple(name.strip() for name in text.split(","))
    for name in names:
        _property(name)
    return names


def _order(items: list[_Payment], orderby: str | None) -> list[_Payment]:
    """Stable sorts from the last key to the first; absent values sort last."""
    for clause in reversed(orderby.split(",") if orderby else []):
        name, _, direction = clause.strip().partition(" ")
        if direction.strip() not in ("", "asc", "desc"):
            raise _bad_request(f"Bad $orderby clause {clause!r}.")
        _property(name)
        present = [p for p in items if p.data.get(name) is not None]
        present.sort(key=lambda p: p.data[name], reverse=direction.strip() == "desc")
        items = present + [p for p in items if p.data.get(name) is None]
    return items


def _matches(data: dict[str, Any], filter_: str | None) -> bool:
    """A minimal $filter: `property op literal` clauses joined by `and`."""
    if not filter_:
        return True
    clauses = re.split(r"\s+and\s+", filter_.strip())
    results = [_clause(data, clause) for clause in clauses]  # every clause is checked
    return all(results)


def _clause(data: dict[str, Any], clause: str) -> bool:
    match = _CLAUSE.match(clause)
    if match is None:
        raise _bad_request(f"Invalid $filter clause {clause!r}.")
    name, op, literal = match[1], match[2], _literal(match[3])
    _property(name)
    value = data.get(name)
    if isinstance(value, str) and isinstance(literal, str) and _GUID.match(value):
        value, literal = value.lower(), literal.lower()
    try:
        return bool(_OPERATORS[op](value, literal))
    except TypeError:  # absent, or not comparable with the literal
        return False


def _literal(text: str) -> Any:
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    constants = {"null": None, "true": True, "false": False}
    if text in constants:
        return constants[text]
    if _NUMBER.match(text):
        return Decimal(text)
    if _GUID.match(text) or _DATE.match(text):
        return text
    raise _bad_request(f"Invalid literal {text!r} in $filter.")


# -- the plain store, for every path that is not the customerPayment API ------------------


STORE_READ_ONLY = frozenset({"id", "lastModifiedDateTime"})


def _is_payments(raw_path: str, version: str) -> bool:
    segments = [unquote(s) for s in raw_path.split("/")[1:]]
    return segments[:3] == [version, "financials", "companies"] and any(
        s in ("customerPayments", "customerPaymentJournals") for s in segments[4:5]
    )


@dataclass
class _Stored:
    etag: str
    data: dict[str, Any]

    def rendered(self) -> dict[str, Any]:
        return {"@odata.etag": self.etag, **self.data}

    def touch(self) -> _Stored:
        self.etag = f'W/"{uuid.uuid4().hex}"'
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        self.data["lastModifiedDateTime"] = now.replace("+00:00", "Z")
        return self


class _Store:
    """Entities by path: collections (their items are `<collection>/<id>`) and singletons."""

    def __init__(self) -> None:
        self.entities: dict[str, _Stored] = {}
        self.collections: set[str] = set()

    def insert(self, collection: str, data: dict[str, Any]) -> _Stored:
        self.collections.add(collection)
        item_id = str(data.get("id") or uuid.uuid4())
        return self.put(f"{collection}/{item_id}", {**data, "id": item_id})

    def put(self, path: str, data: dict[str, Any]) -> _Stored:
        self.entities[path] = stored = _Stored("", dict(data)).touch()
        return stored

    def answer(self, request: RecordedRequest, version: str) -> _Response:
        raw = request.path.split("/")[1:]
        if not raw or unquote(raw[0]) != version:
            raise _not_found(f"No resource at {request.path}.")
        path = "/" + "/".join(unquote(s) for s in raw[1:])
        if path in self.collections:
            return self._collection(request, path)
        found = self.entities.get(path)
        if found is None:
            raise _not_found(f"No resource at {request.path}.")
        return self._entity(request, path, found)

    def _collection(self, request: RecordedRequest, path: str) -> _Response:
        if request.method == "POST":
            created = self.insert(path, _writable(_body(request)[0]))
            return _json(201, created.rendered(), {"ETag": created.etag})
        if request.method != "GET":
            raise _Fail(405, "MethodNotAllowed", f"{request.method} on {path}.")
        items = [
            e.rendered()
            for p, e in self.entities.items()
            if p.rsplit("/", 1)[0] == path
        ]
        return _json(200, {"value": items})

    def _entity(self, request: RecordedRequest, path: str, found: _Stored) -> _Response:
        if request.method == "GET":
            return _json(200, found.rendered(), {"ETag": found.etag})
        tags = [t.strip() for t in request.headers.get("if-match", "*").split(",")]
        if "*" not in tags and found.etag not in tags:
            raise _Fail(412, "PreconditionFailed", "If-Match does not match.")
        if request.method == "DELETE":
            del self.entities[path]
            return _Response(204)
        body = _writable(_body(request)[0])
        if request.method == "PUT":
            keep = {k: v for k, v in found.data.items() if k in STORE_READ_ONLY}
            found.data = {**keep, **body}
        elif request.method == "PATCH":
            found.data.update(body)
        else:
            raise _Fail(405, "MethodNotAllowed", f"{request.method} on {path}.")
        found.touch()
        if "return=minimal" in request.headers.get("prefer", "").replace(" ", ""):
            return _Response(204, headers={"ETag": found.etag})
        return _json(200, found.rendered(), {"ETag": found.etag})


def _writable(body: dict[str, Any]) -> dict[str, Any]:
    """A body's properties; the service refuses to set read-only ones."""
    for name in STORE_READ_ONLY & body.keys():
        raise _bad_request(f"The property '{name}' is read-only and cannot be set.")
    return {k: v for k, v in body.items() if not k.startswith("@")}
