"""Request builders: a URL under the client's base URL, and the call of each operation,
which a generated builder method hands to its session (sync or async) in one line."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    TypeVar,
    get_args,
    get_type_hints,
    overload,
)
from urllib.parse import quote

from msgspec import UnsetType

from .calls import (
    Headers,
    Page,
    Params,
    PreparedCall,
    asking_unknown_members,
    preferring,
    reads_model,
    reads_nothing,
    reads_page,
    reads_update,
)
from .http import AsyncRequestAdapter, RequestAdapter
from .model import Model, encode
from .odata import literal
from .operations import BoundOperation, wire_value
from .query import checked
from .references import (
    Reference,
    reads_reference,
    reads_references,
    reference_body,
)

if TYPE_CHECKING:
    import httpx

M = TypeVar("M", bound=Model)
T = TypeVar("T")
S = TypeVar("S", RequestAdapter, AsyncRequestAdapter)
Query = Mapping[str, object] | None  # a method's `**query`, the keywords of its options


class RequestBuilder(Generic[S]):
    """A URL under the client's base URL; navigation returns new builders, nothing is sent."""

    __slots__ = ("_path", "_session")
    _path: str
    _session: S

    def __init__(self, session: S, path: str) -> None:
        self._session = session
        self._path = path

    def _segment(self, name: str) -> str:
        return f"{self._path}/{name}"

    def _key(self, key: object) -> str:
        """A key is one path segment: `/`, `?` and `#` are percent-encoded; `..` is refused.
        A model's key the service did not send (UNSET) addresses nothing: refused too.
        """
        _given(key, "key")
        text = str(key)
        if text in ("", ".", ".."):
            message = f"{text!r} is not a key: it would address another resource"
            raise ValueError(message)
        return f"{self._path}/{quote(text, safe='')}"

    def _list(
        self,
        model: type[M],
        expected: tuple[int, ...],
        options: object = None,
        given: Query = None,
        headers: Headers | None = None,
    ) -> PreparedCall[Page[M]]:
        """GET on a collection: one page of items."""
        sent = preferring(model, headers)
        params = checked(options, given)
        return self._call("GET", expected, reads_page(model), sent, params)

    def _read(
        self,
        model: type[M],
        expected: tuple[int, ...],
        options: object = None,
        given: Query = None,
        headers: Headers | None = None,
    ) -> PreparedCall[M]:
        """GET on one entity."""
        sent = preferring(model, headers)
        params = checked(options, given)
        return self._call("GET", expected, reads_model(model), sent, params)

    def _create(
        self,
        model: type[M],
        body: M,
        expected: tuple[int, ...],
        options: object = None,
        given: Query = None,
        headers: Headers | None = None,
    ) -> PreparedCall[M]:
        """POST to a collection: every set property, validated before it is sent."""
        params = checked(options, given)
        data = encode(body.checked("create"))
        sent = preferring(model, headers)
        return self._call("POST", expected, reads_model(model), sent, params, data)

    def _update(
        self,
        method: str,
        model: type[M],
        body: M,
        expected: tuple[int, ...],
        if_match: str | UnsetType | None,
        options: object = None,
        given: Query = None,
        headers: Headers | None = None,
    ) -> PreparedCall[M | None]:
        """PATCH (what changed) or PUT (the whole entity) one entity."""
        params = checked(options, given)
        data = encode(body.checked("update" if method == "PATCH" else "replace"))
        sent = {"If-Match": _given(if_match, "if_match"), **preferring(model, headers)}
        return self._call(method, expected, reads_update(model), sent, params, data)

    def _delete(
        self,
        expected: tuple[int, ...],
        if_match: str | UnsetType | None,
        options: object = None,
        given: Query = None,
        headers: Headers | None = None,
    ) -> PreparedCall[None]:
        """DELETE one entity."""
        params = checked(options, given)
        sent = {"If-Match": _given(if_match, "if_match"), **(headers or {})}
        return self._call("DELETE", expected, reads_nothing, sent, params)

    def _call(
        self,
        method: str,
        expected: tuple[int, ...],
        decode: Callable[[httpx.Response], T],
        headers: Headers | None,
        params: Params,
        body: bytes | None = None,
    ) -> PreparedCall[T]:
        return PreparedCall(
            method, self._path, expected, decode, params, headers or {}, body
        )

    def _invoke(
        self,
        operation: BoundOperation[T],
        arguments: Mapping[str, Any],
        options: object = None,
        given: Query = None,
        headers: Headers | None = None,
    ) -> PreparedCall[T]:
        """An action (POST its parameters to `<this path>/<name>`) or a function (GET
        `<this path>/<name>(...)`), its arguments checked before anything is sent."""
        params, sent = checked(options, given), headers or {}
        data = operation.arguments(arguments)
        expected, decode = operation.expected, operation.decode
        if operation.prefer_unknown_members:
            sent = asking_unknown_members(headers)
        if operation.function:
            segment, aliases = operation.call(data)
            path = self._segment(segment)
            return PreparedCall("GET", path, expected, decode, aliases + params, sent)
        body = encode(data) if operation.fields else None
        path = self._segment(operation.name)
        return PreparedCall("POST", path, expected, decode, params, sent, body)

    def _references(self, expected: tuple[int, ...]) -> PreparedCall[Page[Reference]]:
        """GET `$ref` of a collection: the links it holds, a page at a time."""
        return PreparedCall("GET", self._path, expected, reads_references)

    def _reference(self, expected: tuple[int, ...]) -> PreparedCall[Reference]:
        """GET `$ref` of a single-valued navigation: the link it holds."""
        return PreparedCall("GET", self._path, expected, reads_reference)

    def _refer(
        self, method: str, id_or_url: str, entity_set: str, expected: tuple[int, ...]
    ) -> PreparedCall[None]:
        """POST (add to a collection) or PUT (set one value) a link to an entity: its URL,
        or its id, which becomes a link into its set (`<base>/directoryObjects/<id>`).
        """
        body = reference_body(self._session.settings.base_url, entity_set, id_or_url)
        return PreparedCall(method, self._path, expected, reads_nothing, body=body)

    def _alternate(self, name: str, type_name: str, value: object) -> str:
        """An item by another property than its key: `/users(userPrincipalName='a@b.c')`."""
        _given(value, name)
        text = literal(type_name, wire_value(value))
        if text is None or text == "null":
            raise ValueError(f"{value!r} is not a {type_name} key")
        return f"{self._path}({name}={text})"

    def _by_path(self, path: str) -> str:
        """An item by its path below this one, `root:/folder/file.txt:`: each segment is
        percent-encoded; an empty, `.` or `..` segment is refused."""
        segments = path.strip("/").split("/")
        if any(s in ("", ".", "..") for s in segments):
            message = f"{path!r} is not a path below the item: empty, . or .. segment"
            raise ValueError(message)
        encoded = "/".join(quote(s, safe="") for s in segments)
        base = self._path[:-1] if self._path.endswith(":") else f"{self._path}:"
        return f"{base}/{encoded}:"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._path!r})"


B = TypeVar("B", bound=RequestBuilder[Any])


class Child(Generic[B]):
    """A navigation property of a builder class, `calendar: Child[CalendarRequestBuilder] =
    Child("calendar")`: the builder of `<this path>/<segment>`. Its class is read from the
    annotation on first use, so builder modules that lead to each other import in any order.
    """

    __slots__ = ("_builder", "_name", "_owner", "_segment")

    def __init__(self, segment: str) -> None:
        self._segment = segment
        self._builder: type[B] | None = None

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._owner, self._name = owner, name

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Child[B]: ...

    @overload
    def __get__(self, instance: RequestBuilder[Any], owner: type[Any]) -> B: ...

    def __get__(
        self, instance: RequestBuilder[Any] | None, owner: type[Any]
    ) -> B | Child[B]:
        if instance is None:
            return self
        builder = self._builder
        if builder is None:
            hint = get_type_hints(self._owner)[self._name]
            builder = self._builder = get_args(hint)[0]
        return builder(instance._session, f"{instance._path}/{self._segment}")

    def __repr__(self) -> str:
        return f"Child({self._segment!r})"


def _given(value: T | UnsetType, name: str) -> T:
    """A key or an ETag taken from a model (`created.id`, `fetched.odata_etag`) that the
    service did not send is UNSET: refused with a ValueError that says so."""
    if not isinstance(value, UnsetType):
        return value
    message = f"{name} is unset: the model it came from has no value for it"
    raise ValueError(message)
