"""An action's or function's signature from its API page: typed parameters, and what it returns."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

from generator.importer.docs import inline
from generator.importer.docs.api import ApiPage
from generator.importer.docs.apisignature import Answer, Parameter
from generator.importer.docs.index import GRAPH
from generator.importer.docs.markdown import Page
from generator.importer.docs.pages import link_target
from generator.importer.docs.typenames import parse_type
from generator.importer.log import Log
from generator.importer.types.catalog import Catalog
from generator.odata.types import PRIMITIVES

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_OPTIONAL = re.compile(r"\boptional\b", re.IGNORECASE)
_REQUIRED = re.compile(r"\brequired\b", re.IGNORECASE)
_NULLABLE = re.compile(
    r"\b(?:nullable|can be null|may be null|or null)\b", re.IGNORECASE
)
_NO = ("no", "false", "optional")
# `returns a `200 OK` response code and a String collection`: a primitive the sentence names.
_PRIMITIVE = re.compile(
    r"\b(?:an?\s+|the\s+)?(?:new\s+)?("
    + "|".join(sorted(PRIMITIVES, key=len, reverse=True))
    + r")\b(\s+collection)?",
)
_CODE = re.compile(r"`[^`]*`")
_REDIRECT = re.compile(r"\b302\b")


@dataclass(frozen=True)
class Typed:
    """A type cell as the spec names it, with the documented type it resolves to."""

    spelled: str | None  # None: the cell names no type the spec can use
    target: str | None = (
        None  # the qualified name of a documented type; None for a primitive
    )
    decision: str = ""
    rule: str = ""  # the importer rule that took the decision


def type_of(cell: str, page: Page, namespace: str, catalog: Catalog) -> Typed:
    """A parameter's type cell, resolved as properties' cells are: primitives, documented types."""
    ref = parse_type(cell, page.references)
    if ref is None:
        return Typed(None, decision=f"{inline.plain(cell)[:60]!r} names no type")
    decision, rule = "", ""
    if ref.alternatives:
        rule = "signature.union-first"
        decision = f"{ref.written[:60]!r}: one of several types; the first, {ref.name}, is used"
    if ref.primitive:
        alias = f"{ref.written!r} read as {ref.spelled}" if ref.alias else ""
        rule = rule or ("signature.alias" if alias else "")
        return Typed(ref.spelled, decision=decision or alias, rule=rule)
    found = _linked(ref.link, page, catalog) or catalog.candidates(
        ref.name, namespace, ref.link, page.file
    )
    if not found:
        return Typed(None, decision=f"{ref.name} is documented nowhere in the docs")
    target = _nearest(found, namespace)
    if len(found) > 1:
        decision = f"{ref.name} could be {', '.join(found)}: {target}"
        rule = "signature.ambiguous-name"
    return _spelled(catalog, target, ref.collection, namespace, decision, rule)


def _linked(link: str | None, page: Page, catalog: Catalog) -> list[str]:
    """The type the linked page documents, whatever the link's text says: `[Reading](x.md)` on a
    page documenting doohickeyReading names doohickeyReading."""
    path = link_target(link, posixpath.dirname(page.file)) if link else None
    found = catalog.index.by_file.get(path or "", [])
    return [d.qualified for d in found if d.section is None][:1]


def _spelled(
    catalog: Catalog,
    target: str,
    many: bool,
    namespace: str,
    decision: str = "",
    rule: str = "",
) -> Typed:
    name = catalog.spelled(target, namespace)
    return Typed(f"Collection({name})" if many else name, target, decision, rule)


def _nearest(found: list[str], namespace: str) -> str:
    for space in (namespace, GRAPH):
        near = sorted(q for q in found if q.rsplit(".", 1)[0] == space)
        if near:
            return near[0]
    return min(found)


def parameters(
    api: ApiPage, function: bool, namespace: str, catalog: Catalog, at: str, log: Log
) -> tuple[dict[str, Any], dict[str, str]] | str:
    """A function's (or an action's request body's) parameters by wire name, in the page's
    order, and the documented type each uses; or why one cannot be typed (the operation is
    skipped then: a call without it would fail)."""
    found: dict[str, Any] = {}
    targets: dict[str, str] = {}
    file = api.page.file
    # A function's arguments are its Function parameters table; some pages list them as a
    # Request body table instead.
    rows = (api.parameters or api.body_parameters) if function else api.body_parameters
    for row in rows:
        if not _NAME.match(row.name) or row.name in found:
            log.decide(
                file,
                row.line,
                at,
                f"parameter {row.name[:60]!r} skipped: not a name, or listed twice",
                rule="action.bad-parameter",
            )
            continue
        typed = type_of(row.type, api.page, namespace, catalog)
        if typed.spelled is None:
            return f"parameter {row.name}: {typed.decision} ({file}:{row.line})"
        if typed.decision:
            log.decide(
                file,
                row.line,
                f"{at}.parameters.{row.name}",
                typed.decision,
                rule=typed.rule,
            )
        found[row.name] = _parameter(row, typed.spelled)
        if typed.target:
            targets[row.name] = typed.target
    return found, targets


def _parameter(row: Parameter, spelled: str) -> dict[str, Any]:
    """`Optional.` in the description or a Required cell of `No` makes a keyword with a default."""
    entry: dict[str, Any] = {"type": spelled}
    description, _ = inline.without_todo(row.description)
    if description:
        entry["description"] = description
    required = inline.plain(row.required).strip().lower()
    optional = (
        required.startswith(_NO)
        if required
        else bool(
            _OPTIONAL.search(row.description) and not _REQUIRED.search(row.description)
        )
    )
    if optional:
        entry["optional"] = True
    if _NULLABLE.search(row.description):
        entry["nullable"] = True
    return entry


def result(api: ApiPage, namespace: str, catalog: Catalog) -> tuple[Typed | None, int]:
    """What the operation returns, and the line that says so: the response block's `@odata.type`
    (exact), else the Response sentence's linked type (the type its page documents, so
    `[Page](onenotepage.md)` is onenotePage) or the primitive it names; None: nothing. A
    response block naming a type no page documents, when nothing else says what comes back,
    is a Typed without a spelling: the operation cannot be written.
    """
    if api.status and all(code in (202, 204) for code in api.status):
        return None, api.status_line  # accepted, or no content: nothing comes back
    unknown: tuple[Typed, int] | None = None
    for answer in api.answers:
        typed = _block(answer, namespace, catalog) if not answer.prose else None
        if answer.prose:
            typed = _sentence(answer, api.page, namespace, catalog)
        if typed is not None and typed.spelled is None:
            unknown = unknown or (typed, answer.line)
        elif typed is not None:
            return typed, answer.line
    return unknown or (None, api.status_line)


def _block(answer: Answer, namespace: str, catalog: Catalog) -> Typed | None:
    """`microsoft.graph.workbookRange`, `Collection(microsoft.graph.event)`, `Edm.String`."""
    name = answer.written.removeprefix("#")
    ref = parse_type(name)
    if ref is not None and ref.primitive:
        return Typed(f"Collection({ref.name})" if answer.collection else ref.name)
    target = catalog.documented(name) or catalog.documented(f"{GRAPH}.{name}")
    if target is None:
        shown = ref.name if ref is not None else name
        return Typed(None, decision=f"its result, {shown}, is documented nowhere")
    return _spelled(catalog, target, answer.collection, namespace)


def _sentence(
    answer: Answer, page: Page, namespace: str, catalog: Catalog
) -> Typed | None:
    """The first type the sentence links after `returns`, or the primitive it names."""
    text = answer.written[answer.written.lower().find("return") :]
    if _REDIRECT.search(text):
        return Typed(
            "Stream",
            decision="Stream: the answer redirects to the content",
            rule="signature.redirect-stream",
        )
    for shown, target in inline.links(text, page.references):
        path = link_target(target, "api")
        documented = [
            d for d in catalog.index.by_file.get(path or "", []) if d.section is None
        ]
        if documented:
            after = text[text.find(shown) + len(shown) :].lstrip(")] ").lower()
            before = text[: text.find(shown)].lower()
            many = after.startswith(("collection", "objects")) or before.rstrip(
                "[ "
            ).endswith("collection of")
            return _spelled(catalog, documented[0].qualified, many, namespace)
    plain = _CODE.sub("", inline.plain(text))
    match = _PRIMITIVE.search(
        plain.split(" and ", 1)[-1] if " and " in plain else plain
    )
    if match:
        name = match.group(1)
        return Typed(f"Collection({name})" if match.group(2) else name)
    return None
