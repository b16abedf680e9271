"""Rules of reading a type's Methods table and the API pages it links: which rows become
operations, actions, functions and streams, on which routes, with which status, headers,
parameters, results and examples."""

from __future__ import annotations

from generator.importer.rules.rule import Rule

RULES = (
    Rule(
        "operation.heading-row",
        "A Methods row that is a heading of the table is not an operation.",
        "rules/resources/knob.md",
    ),
    Rule(
        "operation.no-api-page",
        "A Methods row that links no API page of the docs is skipped.",
        "bad_docs/link_outside_docs/resources/thing.md",
    ),
    Rule(
        "operation.api-page-missing",
        "A Methods row whose API page is missing is skipped.",
        "bad_docs/missing_linked_page/resources/thing.md",
    ),
    Rule(
        "operation.api-page-unreadable",
        "A Methods row whose API page cannot be read is skipped, with the page's problem.",
        "bad_docs/api_block_comment/api/thing-get.md",
    ),
    Rule(
        "operation.routes-outside-section",
        'An API page without a "## HTTP request" section gives the routes of its first code '
        "block that holds some.",
        "bad_docs/no_http_request/api/thing-get.md",
    ),
    Rule(
        "operation.two-methods",
        "An API page documenting two HTTP methods gives the one its Methods row's title names.",
        "bad_docs/mixed_methods/api/thing-get.md",
    ),
    Rule(
        "operation.no-usable-route",
        "A Methods row whose page has no route the builders can express is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "operation.returns-other-type",
        "A list or get whose page returns another type than the type's is skipped.",
        "docs_v1/resources/doohickey.md",
    ),
    Rule(
        "operation.addresses-other-type",
        "A Methods row whose routes all address another type is skipped.",
        "conflicts/resources/note.md",
    ),
    Rule(
        "operation.no-path-leads",
        "An operation below a path of the type that none of the type's own paths leads to is "
        "skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "operation.complex-type",
        "A complex type's Methods rows are skipped: a value has no request builders.",
        "rules/resources/knobsettings.md",
    ),
    Rule(
        "operation.status-from-example",
        "An operation whose Response section names no status takes the example response's.",
        "rules/api/knob-create.md",
    ),
    Rule(
        "operation.status-usual",
        "An operation whose page names no status takes its kind's usual one.",
        "rules/api/knob-download.md",
    ),
    Rule(
        "operation.status-section",
        "The Response section's status wins over the example response's.",
        "rules/api/knob-delete.md",
    ),
    Rule(
        "operation.update-status",
        "An update succeeds with 200 (the updated entity) or 204 (no body), whatever the page "
        "names.",
        "docs/api/widget-update.md",
    ),
    Rule(
        "operation.bad-header",
        "A request header row whose name is not a header name is left out.",
        "bad_docs/bad_header_name/api/thing-get.md",
    ),
    Rule(
        "operation.header-twice",
        "A request header listed twice keeps its first row.",
        "rules/api/knob-update.md",
    ),
    Rule(
        "operation.authorization-added",
        "Authorization: Bearer {token} is added where the page lists no header.",
        "conflicts/api/hub-get.md",
    ),
    Rule(
        "operation.content-type-added",
        "Content-Type: application/json is added to a request with a JSON body.",
        "conflicts/api/hub-post-panel.md",
    ),
    Rule(
        "operation.if-match-added",
        "If-Match: {etag} is added to updates and deletes as an optional header.",
        "docs/api/widget-delete.md",
    ),
    Rule(
        "route.item-path",
        "A type whose pages have no get, update or delete route is addressed at the item path "
        "its other routes give.",
        "conflicts/resources/lamp.md",
    ),
    Rule(
        "route.key-twice",
        "A set of a type under an item of the same type (its key twice in one path) is left "
        "out.",
        "rules/resources/dial.md",
    ),
    Rule(
        "route.unexpressible",
        "A route the builders cannot express, or not of the operation its page documents, is "
        "skipped.",
        "conflicts/api/spoke-get.md",
    ),
    Rule(
        "route.by-path-then-more",
        "A route addressing an item by path (`:/path:`) and then more is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "route.other-types",
        "The routes of a page that address other types than the one documented are skipped.",
        "rules/api/dial-get.md",
    ),
    Rule(
        "route.placeholders-renamed",
        "{id} placeholders are renamed after the type whose item they address.",
        "conflicts/api/hub-get.md",
    ),
    Rule(
        "route.no-path",
        "An operation none of whose routes gives the path it needs (collection or item) is "
        "skipped.",
        "rules/api/meter-get.md",
    ),
    Rule(
        "route.beta",
        "Example requests that mostly name beta make the service root beta.",
        "docs/api/widget-list.md",
    ),
    Rule(
        "route.financials-guid",
        "The id parameters of financials paths are Guids, as the service metadata has them.",
        "rules/api/ledger-list.md",
    ),
    Rule(
        "action.bad-name",
        "A POST route whose last segment is not an action name is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "action.bad-function",
        "A route whose last segment is not a function name, or not called with GET, is "
        "skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "action.service-root",
        "An action or function called on the service root, not on the type, is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "action.listed-twice",
        "An action, function or stream listed twice keeps the first row.",
        "rules/resources/knob.md",
    ),
    Rule(
        "action.unreadable",
        "An action or function whose parameters cannot be read is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "action.bad-parameter",
        "A parameter row whose name is not a name, or is listed twice, is skipped.",
        "rules/api/knob-tune.md",
    ),
    Rule(
        "action.result-undocumented",
        "An action or function whose result no page (nor the metadata) documents is skipped.",
        "docs_v1/resources/trinket.md",
    ),
    Rule(
        "action.route-parameter",
        "A function parameter only its route names is a String.",
        "docs_v1/api/doohickey-forecast.md",
    ),
    Rule(
        "action.delta-other-type",
        "A delta function returning another type than the type's is skipped.",
        "rules/resources/dial.md",
    ),
    Rule(
        "action.delta-returns",
        "A delta function returns changed items of its type, whatever its page says.",
        "rules/api/knob-delta.md",
    ),
    Rule(
        "action.one-stream",
        "A type has one media stream: a second one is skipped.",
        "rules/resources/knob.md",
    ),
    Rule(
        "signature.alias",
        "A parameter or result cell that spells a primitive another way is read as the OData "
        "primitive.",
        "rules/api/knob-tune.md",
    ),
    Rule(
        "signature.union-first",
        "A parameter or result cell naming several types is the first.",
        "rules/api/knob-tune.md",
    ),
    Rule(
        "signature.ambiguous-name",
        "A parameter or result type several namespaces document is the one nearest the page's "
        "namespace.",
        "rules/api/knob-tune.md",
    ),
    Rule(
        "signature.redirect-stream",
        "A result the page says redirects to the content is a Stream.",
        "rules/api/knob-download.md",
    ),
    Rule(
        "example.invalid-json",
        "An example that is not valid JSON is not used.",
        "bad_docs/invalid_example_json/api/thing-get.md",
    ),
    Rule(
        "example.trailing-commas",
        "Trailing commas in an example's JSON are repaired.",
        "docs/api/widget-get.md",
    ),
    Rule(
        "example.value-unwrapped",
        'A response example that wraps the entity in "value" is unwrapped.',
        "financials/api/financials-get.md",
    ),
    Rule(
        "example.values-replaced",
        "Example values that are placeholders or do not fit their types are replaced by "
        "samples built from the types, or dropped.",
        "bad_docs/ambiguous_property_type/resources/box.md",
    ),
)
