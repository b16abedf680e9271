"""The methods of `$ref` builders: the links a navigation property holds, read, added, set
and removed, without the entities themselves."""

from __future__ import annotations

from generator.model import escape
from generator.model.escape import Code
from generator.model.methods import Method
from generator.model.operations import Needs


def reference_methods(
    kind: str, ops: tuple[str, ...], entity_set: str | None, needs: Needs
) -> list[Method]:
    """The methods of a `$ref` builder: on a collection `get` and `iterate` (the links) and
    `post` (add one); on one value `get`, `put` (set it) and `delete` (remove it)."""
    found: list[Method] = []
    where = escape.literal(entity_set or "")
    if kind == "references":
        if "list" in ops:
            needs.runtime |= {"Page", "Reference"}
            read = Code("self._references((200,))")
            found.append(_plain("get", "Page[Reference]", _LINKS_DOC, read))
            found.append(
                Method(
                    Code("iterate"),
                    Code("self"),
                    None,
                    _EVERY_LINK_DOC,
                    read,
                    http="GET",
                )
            )
        if "create" in ops:
            add = Code(f'self._refer("POST", id_or_url, {where}, (204,))')
            found.append(_plain("post", "None", _ADD_DOC, add, "id_or_url: str"))
        return found
    if "get" in ops:
        needs.runtime.add("Reference")
        found.append(
            _plain("get", "Reference", _LINK_DOC, Code("self._reference((200,))"))
        )
    if "update" in ops:
        put = Code(f'self._refer("PUT", id_or_url, {where}, (204,))')
        found.append(_plain("put", "None", _SET_DOC, put, "id_or_url: str"))
    if "delete" in ops:
        gone = Code("self._delete((204,), None)")
        found.append(_plain("delete", "None", _REMOVE_DOC, gone))
    return found


def _plain(
    name: str, returns: str, doc: Code, call: Code, argument: str = ""
) -> Method:
    params = Code(f"self, {argument}" if argument else "self")
    http = {"get": "GET", "post": "POST", "put": "PUT", "delete": "DELETE"}[name]
    return Method(Code(name), params, Code(returns), doc, call, http=http)


_LINKS_DOC = escape.docstring("One page of the links (`Reference.url`, `.id`).")
_EVERY_LINK_DOC = escape.docstring("Every link, following `@odata.nextLink`.")
_ADD_DOC = escape.docstring(
    "Add a link: an entity's URL, or its id (a link into its set is made of it)."
)
_LINK_DOC = escape.docstring("The link the navigation property holds.")
_SET_DOC = escape.docstring(
    "Point the navigation property at an entity: its URL, or its id."
)
_REMOVE_DOC = escape.docstring("Remove the link; the entity itself stays.")
