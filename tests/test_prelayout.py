"""The shipped templates print what black keeps, so black formats each file once, not twice;
and the long lines split before black changes nothing black makes of any file."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator.emit.manifest import Manifest
from generator.emit.pipeline import Options, build
from generator.model import escape
from generator.render import format as formatting
from generator.render.format import MODE
from generator.render.layout import prelaid
from generator.render.templates import shipped

REPO = Path(__file__).resolve().parent.parent
# black puts parentheses around a long hint or string there, which only black may add.
BLACK_ADDS_PARENTHESES = {
    "models/customer_payment_journal.py",
    "tests/test_customer.py",
}


def black_of(source: str) -> str:
    return black.format_str(source, mode=MODE)


def test_the_shipped_templates_render_black_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file the project's specs make is in black's layout before black sees it."""
    rendered: dict[str, str] = {}

    def keep(path: str, template: str, source: str) -> str:
        rendered[path] = source
        return source

    monkeypatch.setattr(formatting, "format_source", keep)
    options = Options(REPO / "specs", REPO / "templates", tmp_path, workers=1)
    build(options, Manifest())
    changed = {
        path
        for path, source in rendered.items()
        if path.endswith(".py") and black_of(prelaid(source)) != prelaid(source)
    }
    assert len(rendered) > 40
    assert changed == BLACK_ADDS_PARENTHESES


DEF = (
    "class A:\n"
    "    def iterate(self, **query: Unpack[IterateQuery]) -> "
    "collections.abc.Iterator[CustomerPayment0007]:\n"
    "        return self._session.pages(self._list(CustomerPayment0007, (200,), "
    "IterateQuery, query))\n"
)
SHAPES = [
    DEF,
    (
        "from ..runtime import AsyncRequestAdapter, Child, ItemQuery, IterateQuery, "
        "ListQuery, Page, RequestAdapter\n"
    ),
    (
        "class AsyncCustomerPayment0007CollectionRequestBuilder(RequestBuilder"
        "[AsyncRequestAdapter]):\n    pass\n"
    ),
    (
        "class A:\n    customers: Child[_customer.AsyncCustomerCollectionRequestBuilder]"
        ' = Child("customers")\n'
    ),
    (
        "class A:\n    customer_payment_journals: Child[_customer_payment_journal."
        'CustomerPaymentJournalCollectionRequestBuilder] = Child("customerPaymentJournals")\n'
    ),
    (
        'async def f():\n    return await self._session.send(self._update("PATCH", '
        "CustomerPayment0007, body, (200, 204), if_match))\n"
    ),
]
LEFT = [
    # black adds a comma to a lone parameter and splits it one a line.
    (
        "def content(self) -> AsyncCustomerPayment0007ContentRequestBuilderWithAVeryLongName:"
        "\n    pass\n"
    ),
    # A docstring's line is text, whatever it reads like.
    (
        'def f():\n    """Example:\n\n    def iterate(self, **query: Unpack[IterateQuery]) -> '
        'collections.abc.Iterator[CustomerPayment0007]:\n    """\n'
    ),
    # A comment stays on its line.
    (
        "return_value = 1\ndef g():\n    return self._session.send(self._list(Customer"
        "Payment0007, (200,), ListQuery, query))  # why\n"
    ),
    # A bracket inside a string is no bracket.
    (
        "def g():\n    return self._session.send(self._list(CustomerPayment0007, "
        "'(200,)', ListQuery, query, ')'))\n"
    ),
    # A body too long for its own line: black splits it further.
    (
        "def g():\n    return self._session.send(self._list(CustomerPayment0007, "
        "(200,), ListQuery, query, another_argument, and_another_one, and_more_still))\n"
    ),
    "x = 1\n\n\n",
    "",
]


@pytest.mark.parametrize("source", SHAPES)
def test_a_long_line_of_a_known_shape_is_split_as_black_splits_it(source: str) -> None:
    assert prelaid(source) != source
    assert prelaid(source) == black_of(source)


@pytest.mark.parametrize("source", SHAPES + LEFT)
def test_black_makes_the_same_of_a_prelaid_source(source: str) -> None:
    assert black_of(prelaid(source)) == black_of(source)


def test_a_line_in_a_string_or_with_a_comment_is_left_as_it_is() -> None:
    for source in LEFT[1:3]:
        assert prelaid(source) == source


def test_literals_take_the_quotes_black_gives_them() -> None:
    """Double quotes, unless that needs more escapes: black then changes nothing."""
    for text in ("plain", "it's", 'say "hi"', "both ' and \"", "\\", "é\n"):
        code = escape.literal(text)
        assert black_of(f"x = {code}\n") == f"x = {code}\n"


def test_a_dict_block_is_one_line_when_it_fits_else_one_item_a_line() -> None:
    short = escape.python_block({"a": 1}, 10)
    assert short == '{"a": 1}'
    value = {f"key{i}": "a value of some length" for i in range(4)}
    long = escape.python_block(value, 10)
    source = f"class A:\n    x = {long}\n"
    assert "\n" in long and black_of(source) == source


RUNTIME_FILES = sorted((shipped() / "runtime").glob("*.py"))
HEADERS = [
    "# Generated by graph-codegen from the specs in specs/; do not edit.",
    "# Generated by graph-codegen from the specs in my (#) specs/ - fmt: off; do not edit.",
]


@pytest.mark.parametrize("path", RUNTIME_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("header", HEADERS)
def test_black_leaves_each_shipped_runtime_file_as_it_is(
    path: Path, header: str
) -> None:
    """Why a cold run sends none of them through black."""
    source = f"{header}\n{path.read_text(encoding='utf-8')}"
    assert black_of(source) == source
    template = f"runtime/{path.name}"
    assert formatting.format_source(f"runtime/{path.name}", template, source) == source


def test_a_runtime_file_of_other_text_still_goes_through_black() -> None:
    """A user's own version of a runtime file is formatted as any other."""
    source = f"{HEADERS[0]}\nx=1\n"
    done = formatting.format_source("runtime/http.py", "runtime/http.py", source)
    assert done == f"{HEADERS[0]}\nx = 1\n"
