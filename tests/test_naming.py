"""Table tests for generator.odata.naming: every Python name in the output comes from these rules."""

from __future__ import annotations

import keyword
import re
from pathlib import Path

import pytest

from generator.check.pathtree import segment_attr
from generator.emit.pipeline import Options, produce
from generator.odata import naming

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.mark.parametrize(
    ("wire", "words"),
    [
        ("customerPayment", ["customer", "payment"]),
        ("CustomerPayment", ["customer", "payment"]),
        ("line_number", ["line", "number"]),
        ("lastModifiedDateTime", ["last", "modified", "date", "time"]),
        ("HTMLParser", ["html", "parser"]),
        ("getHTTPResponseCode", ["get", "http", "response", "code"]),
        ("isMFARegistered", ["is", "mfa", "registered"]),
        ("ID", ["id"]),
        ("userIDs", ["user", "ids"]),
        ("URLs", ["urls"]),
        ("address2", ["address2"]),
        ("address2Line", ["address2", "line"]),
        ("sha256Hash", ["sha256", "hash"]),
        ("2fa", ["2", "fa"]),
        ("@odata.etag", ["odata", "etag"]),
        ("odata.nextLink", ["odata", "next", "link"]),
        ("foo-bar baz", ["foo", "bar", "baz"]),
        ("__dunder__", ["dunder"]),
        ("café", ["cafe"]),  # accents fold to ASCII instead of dropping the letter
        ("naïveName", ["naive", "name"]),
        ("日本語", []),
        ("", []),
    ],
)
def test_split_words(wire: str, words: list[str]) -> None:
    """Word splitting decides every snake_case and PascalCase name, so pin it."""
    assert naming.split_words(wire) == words


@pytest.mark.parametrize(
    ("wire", "snake", "pascal"),
    [
        ("customerPayment", "customer_payment", "CustomerPayment"),
        (
            "customerPaymentJournals",
            "customer_payment_journals",
            "CustomerPaymentJournals",
        ),
        ("lineNumber", "line_number", "LineNumber"),
        ("HTMLParser", "html_parser", "HtmlParser"),
        ("x509Cert", "x509_cert", "X509Cert"),
        ("a_b_c", "a_b_c", "ABC"),
        ("ALLCAPS", "allcaps", "Allcaps"),
        ("Ünïcode", "unicode", "Unicode"),
        ("!!!", "", ""),
    ],
)
def test_snake_and_pascal(wire: str, snake: str, pascal: str) -> None:
    """Attributes read like the Graph SDK's (snake_case) and classes like its models."""
    assert naming.snake(wire) == snake
    assert naming.pascal(wire) == pascal


@pytest.mark.parametrize(
    ("candidate", "expected"),
    [
        ("amount", "amount"),
        ("class", "class_"),
        ("from", "from_"),
        ("async", "async_"),
        ("None", "None_"),
        ("match", "match_"),  # soft keywords too
        ("case", "case_"),
        ("_", "__"),
        ("type", "type_"),  # a builtin: safe_identifier is for modules and segments
        ("list", "list_"),
        ("2fa", "value_2fa"),
        ("", "value"),
    ],
)
def test_safe_identifier(candidate: str, expected: str) -> None:
    """Module names and path segments never shadow a keyword or builtin."""
    assert naming.safe_identifier(candidate) == expected


def test_safe_identifier_avoid_and_fallback() -> None:
    """Callers can reserve their own names and choose the prefix for empty or digit-led ones."""
    assert naming.safe_identifier("models", avoid={"models"}) == "models_"
    assert naming.safe_identifier("", fallback="segment") == "segment"
    assert naming.safe_identifier("1st", fallback="segment") == "segment_1st"


@pytest.mark.parametrize("bad", ["é", "a-b", "a b"])
def test_safe_identifier_refuses_what_it_cannot_repair(bad: str) -> None:
    """It is called on snake() output; anything else reaching it is a generator bug."""
    with pytest.raises(ValueError, match="not an identifier"):
        naming.safe_identifier(bad)


@pytest.mark.parametrize(
    ("wires", "expected"),
    [
        (
            ["lineNumber", "line_number"],
            {"line_number": "line_number", "lineNumber": "line_number_2"},
        ),
        (
            ["line_number", "lineNumber"],
            {"line_number": "line_number", "lineNumber": "line_number_2"},
        ),
        (["x", "x_2", "X"], {"x": "x", "x_2": "x_2", "X": "x_3"}),
        (
            ["a_b", "AB", "a-b", "a.b", "aB"],
            {"a_b": "a_b", "AB": "ab", "a-b": "a_b_2", "a.b": "a_b_3", "aB": "a_b_4"},
        ),
        (
            ["", "field", "!!!", "日本語"],
            {"": "field", "field": "field_2", "!!!": "field_3", "日本語": "field_4"},
        ),
    ],
)
def test_attribute_names_resolve_collisions(
    wires: list[str], expected: dict[str, str]
) -> None:
    """Two wire names never share an attribute; the one already snake_case keeps the plain name."""
    assert naming.attribute_names(wires) == expected


@pytest.mark.parametrize(
    ("wire", "attr"),
    [
        ("class", "class_"),
        ("from", "from_"),
        ("match", "match_"),
        ("case", "case_"),
        ("_", "field"),
        ("type", "type"),  # builtins may be shadowed by attributes, as in the Graph SDK
        ("id", "id"),
        ("list", "list"),
        ("2fa", "field_2_fa"),
        ("@odata.type", "odata_type_"),
        ("from_dict", "from_dict_"),
    ],
)
def test_attribute_names_keywords_and_digits(wire: str, attr: str) -> None:
    """Attributes are valid identifiers that leave the model's own members alone."""
    names = naming.attribute_names([wire], avoid={"from_dict", "odata_type"})
    assert names == {wire: attr}
    assert attr.isidentifier() and not keyword.iskeyword(attr)


def test_attribute_names_do_not_depend_on_the_python_version() -> None:
    """Python 3.12 made `type` a soft keyword; generated attributes must not change with it."""
    assert naming.attribute_names(["type", "match"]) == {
        "type": "type",
        "match": "match_",
    }


@pytest.mark.parametrize(
    ("resource", "module", "cls"),
    [
        ("customerPayment", "customer_payment", "CustomerPayment"),
        ("navigation", "navigation_", "Navigation"),
        ("runtime", "runtime_", "Runtime"),
        ("client", "client_", "Client"),
        ("models", "models_", "Models"),
        ("validation", "validation_", "Validation"),
        ("builders", "builders_", "Builders"),
        ("_navigation", "navigation_", "Navigation"),
        ("class", "class_", "Class"),
        ("list", "list_", "List"),
        ("none", "none", "None_"),
        ("2fa", "resource_2_fa", "Type2Fa"),
        ("", "resource", "Resource"),
    ],
)
def test_module_and_class_names(resource: str, module: str, cls: str) -> None:
    """A resource never takes a module the package uses for itself, nor an unusable class name."""
    assert naming.module_name(resource) == module
    assert naming.class_name(resource) == cls
    assert module not in naming.RESERVED_MODULES


def test_all_lists_sort_as_ruff_sorts_them() -> None:
    names = ["x_10", "Call_", "URL", "CallType", "x_9", "Call"]
    assert sorted(names, key=naming.listing_key) == [
        "URL",
        "Call",
        "CallType",
        "Call_",
        "x_9",
        "x_10",
    ]


def test_a_type_cast_segment_is_named_as_the_graph_sdk_names_it() -> None:
    assert segment_attr("microsoft.graph.room") == "graph_room"
    assert segment_attr("customerPayments") == "customer_payments"


def test_builders_whose_paths_end_alike_are_told_apart_by_their_paths() -> None:
    """/me/drive and /users/{userId}/drive: MeDrive and UserDrive, never Drive2; as much of
    the path as it takes: MeTodoLists and UserTodoLists."""
    folder = Path(__file__).parent / "fixtures" / "specs" / "drives"
    files = produce(Options(folder, TEMPLATES, Path("out")))
    text = "".join(
        data.decode() for path, data in files.items() if path.startswith("builders/")
    )
    classes = set(re.findall(r"^class (\w+)\(", text, re.MULTILINE))
    assert {"MeDriveRequestBuilder", "UserDriveRequestBuilder"} <= classes
    assert "DriveItemCollectionRequestBuilder" in classes
    assert {"MeTodoListsRequestBuilder", "UserTodoListsItemRequestBuilder"} <= classes
    assert not [name for name in classes if name[-1].isdigit()]
