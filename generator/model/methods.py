"""The thin builder methods of one operation: keyword arguments from the spec's query options
and headers, a docstring that says what each sends, and the runtime call the body makes.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generator.model import escape
from generator.model.escape import Code
from generator.model.querysets import PAGING_SKIPS, QUERY, ordered, query_class
from generator.odata import naming
from generator.spec.load import HeaderSpec, OperationSpec, Spec

# Sent by the client on every call that needs them; any other header is a keyword argument.
STANDARD_HEADERS = frozenset(
    {"accept", "authorization", "content-length", "content-type", "if-match"}
)


@dataclass(frozen=True)
class Method:
    """One operation: a thin method whose body hands the runtime's call to the session."""

    name: Code
    params: Code  # `self`, the keyword arguments and `**query`, on one line
    returns: Code | None  # None: an iterator of the model, sync or async by mode
    docstring: Code
    call: Code
    shape: str = "send"  # "paged": returns a Paged (AsyncPaged) read as it is iterated
    # The request it sends, for `graph-codegen routes`: the HTTP method, what follows the
    # builder's path (`/forward`, `/getX(period={period})`), and the API page.
    http: str = ""
    suffix: str = ""
    docs: str = ""
    spec: str = (
        ""  # the spec that declares it, when not the builder's type's (a base's)
    )
    options: tuple[str, ...] = ()  # the query options its `**query` takes


def methods(spec: Spec, op: str, model: Code) -> list[Method]:
    """The builder methods of one operation: `get` and `iterate` for a list. A navigation
    may offer an operation its target's spec does not describe: it has no options then.
    """
    operation = spec.operations.get(op) or _DEFAULT_OPERATIONS[op]
    status = escape.int_tuple(operation.status)
    name = spec.name
    if op == "list":
        paged = tuple(q for q in operation.query if q not in PAGING_SKIPS)
        read = f"self._list({model}, {status}"
        return [
            _method(operation, "get", f"Page[{model}]", read, _LIST_DOC, name),
            _method(operation, "iterate", None, read, _ITERATE_DOC, name, paged),
        ]
    if op == "create":
        call = f"self._create({model}, body, {status}"
        return [_method(operation, "post", model, call, _CREATE_DOC, name, body=model)]
    if op == "get":
        call = f"self._read({model}, {status}"
        return [_method(operation, "get", model, call, _GET_DOC, name)]
    if op == "update":
        verb, method = operation.method.lower(), escape.literal(operation.method)
        call = f"self._update({method}, {model}, body, {status}, if_match"
        returns, doc = f"{model} | None", _UPDATE_DOCS[verb]
        return [_method(operation, verb, returns, call, doc, name, body=model)]
    call = f"self._delete({status}, if_match"
    return [_method(operation, "delete", "None", call, _DELETE_DOC, name)]


_DEFAULT_OPERATIONS = {
    kind: OperationSpec(kind, method, target, status, (), (), 0)
    for kind, method, target, status in (
        ("list", "GET", "collection", (200,)),
        ("create", "POST", "collection", (201,)),
        ("get", "GET", "item", (200,)),
        ("update", "PATCH", "item", (200, 204)),
        ("delete", "DELETE", "item", (204,)),
    )
}
_LIST_DOC = "One page of {name} items."
_ITERATE_DOC = "Every {name} item, following `@odata.nextLink`."
_CREATE_DOC = (
    "Create one {name} from `body`: every property set, validated before it is sent."
)
_GET_DOC = "The {name}, as the service has it now."
_DELETE_DOC = "Delete the {name}."
_UPDATE_DOCS = {
    "patch": (
        "Update the {name} from `body`; None when the service answers 204.\n\n"
        "PATCH sends what changed since the service sent the model, or every property "
        "set of a model built here."
    ),
    "put": (
        "Replace the {name} with `body`; None when the service answers 204.\n\n"
        "PUT sends every property set, less the read-only ones the service sent and that "
        "did not change."
    ),
}
# Said in the docstring's text rather than as an argument of its own.
_IF_MATCH = "`if_match` is the etag (`odata_etag`) the entity must still have."


def _method(
    operation: OperationSpec,
    name: str,
    returns: str | None,
    call: str,
    summary: str,
    resource: str,
    query: tuple[str, ...] | None = None,
    *,
    body: Code | None = None,
) -> Method:
    """A method: its signature, its docstring (each argument and what it sends), its call."""
    options = ordered(operation.query if query is None else query)
    headers, header_args = header_arguments(operation.headers)
    params, keywords, docs = ["self"], [], []
    summary = summary.format(name=resource)
    if body is not None:
        params.append(f"body: {body}")
    if operation.kind in ("update", "delete"):
        keywords.append("if_match: str | UnsetType | None = None")
        summary += (" " if "\n" in summary else "\n\n") + _IF_MATCH
    for arg, _, doc in header_args:
        keywords.append(f"{arg}: str | None = None")
        docs.append((arg, doc))
    return Method(
        name=escape.identifier(name),
        params=signature(params, keywords, options),
        returns=None if returns is None else Code(returns),
        docstring=method_docstring(summary, docs, options),
        call=Code(f"{call}{call_tail(options, headers)})"),
        http=operation.method,
        docs=operation.docs,
        options=options,
    )


def signature(params: list[str], keywords: list[str], options: tuple[str, ...]) -> Code:
    """`self`, the positional parameters, the keyword-only ones, and `**query` that takes
    the options' TypedDict."""
    rest = [f"**query: Unpack[{query_class(options)}]"] if options else []
    return Code(", ".join(params + (["*", *keywords] if keywords else []) + rest))


def call_tail(options: tuple[str, ...], headers: str) -> str:
    """What a runtime call is given after its own arguments: the options' TypedDict and the
    `query` it checks them against, then the headers' dict."""
    tail = f", {query_class(options)}, query" if options else ""
    if headers:
        tail += f", {headers}" if options else f", headers={headers}"
    return tail


def header_arguments(
    headers: tuple[HeaderSpec, ...], avoid: frozenset[str] = frozenset()
) -> tuple[str, list[tuple[str, str, str]]]:
    """The operation's own headers: keyword arguments (snake_case of the header name, none
    of `avoid`), and the dict that sends them."""
    taken = {"self", "body", "if_match", "query", *QUERY, *avoid}
    args: list[tuple[str, str, str]] = []
    for header in headers:
        if header.name.lower() in STANDARD_HEADERS:
            continue
        arg = naming.unique(
            naming.safe_identifier(naming.snake(header.name), avoid=taken), taken
        )
        example = f", such as {header.value!r}" if header.value else ""
        args.append((arg, header.name, f"the `{header.name}` header{example}."))
    if not args:
        return "", []
    pairs = ", ".join(f"{escape.literal(name)}: {arg}" for arg, name, _ in args)
    return f"{{{pairs}}}", args


def method_docstring(
    text: str, args: list[tuple[str, str]], options: tuple[str, ...] = ()
) -> Code:
    """A method's docstring: what it does, then each argument and what it sends; the
    TypedDict of its query options named after the first line, which documents them."""
    summary, _, detail = text.partition("\n\n")
    if options:
        summary = f"{summary.rstrip()} Query options: `{query_class(options)}`."
    if not args and not detail:
        return escape.docstring(summary)
    lines = [_text(summary)]
    if detail:
        lines += ["", *(_text(line) for line in textwrap.wrap(detail, 80))]
    lines += ["", "Args:"] if args else []
    lines += [f"    {name}: {_text(doc)}" for name, doc in args]
    indent = "\n" + " " * 8
    body = indent.join(lines).replace(indent + "\n", "\n\n")
    return Code(f'"""{body}{indent}"""')


def _text(text: str) -> str:
    """One docstring line, escaped as `escape.docstring` escapes a whole docstring."""
    return escape.docstring(text)[3:-3]
