"""Request builders: a URL under the client's base URL, and the call of each operation,
which a generated builder method hands to its session (sync or async) in one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import quote

from .calls import (
    Headers,
    Page,
    PreparedCall,
    preferring,
    query,
    reads_model,
    reads_nothing,
    reads_page,
    reads_update,
)
from .http import AsyncRequestAdapter, RequestAdapter
from .longrunning import Accepted, accepting, reads_accepted
from .model import Model, encode

if TYPE_CHECKING:
    import httpx

M = TypeVar("M", bound=Model)
T = TypeVar("T")
S = TypeVar("S", RequestAdapter, AsyncRequestAdapter)


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
        """A key is one path segment: `/`, `?` and `#` are percent-encoded; `..` is refused."""
        text = str(key)
        if text in ("", ".", ".."):
            message = f"{text!r} is not a key: it would address another resource"
            raise ValueError(message)
        return f"{self._path}/{quote(text, safe='')}"

    def _list(
        self,
        model: type[M],
        expected: tuple[int, ...],
        headers: Headers | None = None,
        **options: Any,
    ) -> PreparedCall[Page[M]]:
        """GET on a collection: one page of items."""
        sent = preferring(model, headers)
        return self._call("GET", expected, reads_page(model), sent, options)

    def _read(
        self,
        model: type[M],
        expected: tuple[int, ...],
        headers: Headers | None = None,
        **options: Any,
    ) -> PreparedCall[M]:
        """GET on one entity."""
        sent = preferring(model, headers)
        return self._call("GET", expected, reads_model(model), sent, options)

    def _create(
        self,
        model: type[M],
        body: M,
        expected: tuple[int, ...],
        headers: Headers | None = None,
        **options: Any,
    ) -> PreparedCall[M]:
        """POST to a collection: every set property, validated before it is sent."""
        data = encode(body.checked("create"))
        sent = preferring(model, headers)
        return self._call("POST", expected, reads_model(model), sent, options, data)

    def _update(
        self,
        method: str,
        model: type[M],
        body: M,
        expected: tuple[int, ...],
        if_match: str | None,
        headers: Headers | None = None,
        **options: Any,
    ) -> PreparedCall[M | None]:
        """PATCH (what changed) or PUT (the whole entity) one entity."""
        data = encode(body.checked("update" if method == "PATCH" else "replace"))
        sent = {"If-Match": if_match, **preferring(model, headers)}
        return self._call(method, expected, reads_update(model), sent, options, data)

    def _delete(
        self,
        expected: tuple[int, ...],
        if_match: str | None,
        headers: Headers | None = None,
        **options: Any,
    ) -> PreparedCall[None]:
        """DELETE one entity."""
        sent = {"If-Match": if_match, **(headers or {})}
        return self._call("DELETE", expected, reads_nothing, sent, options)

    def _call(
        self,
        method: str,
        expected: tuple[int, ...],
        decode: Callable[[httpx.Response], T],
        headers: Headers | None,
        options: dict[str, Any],
        body: bytes | None = None,
    ) -> PreparedCall[T]:
        params = query(**options)
        return PreparedCall(
            method, self._path, expected, decode, params, headers or {}, body
        )

    def _action(self, name: str, expected: tuple[int, ...]) -> PreparedCall[None]:
        """A bound action: a POST with no body to `<this path>/<name>`."""
        return PreparedCall("POST", self._segment(name), expected, reads_nothing)

    def _accepted_action(self, name: str) -> PreparedCall[Accepted]:
        """A bound action that runs long: the service accepts it (202) with a monitor URL."""
        return PreparedCall("POST", self._segment(name), (202,), reads_accepted)

    def _maybe_accepted_action(
        self, name: str, expected: tuple[int, ...]
    ) -> PreparedCall[Accepted | None]:
        """A bound action that ends at once, or is accepted (202) to end later."""
        decode = accepting(reads_nothing)
        return PreparedCall("POST", self._segment(name), expected, decode)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._path!r})"
