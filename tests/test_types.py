"""The OData type table and the escapers: the two places spec text turns into Python."""

from __future__ import annotations

import ast
import inspect
import unicodedata
from decimal import Decimal
from typing import cast

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from generator.importer.log import Log
from generator.importer.operations import examples
from generator.importer.types.context import Context, WireType
from generator.model import escape
from generator.odata import typeref, types, values

ODATA_PRIMITIVES = {
    "Binary", "Boolean", "Byte", "Date", "DateTimeOffset", "Decimal", "Double", "Duration",
    "Guid", "Int16", "Int32", "Int64", "SByte", "Single", "Stream", "String", "TimeOfDay",
}  # fmt: skip

# Any string at all, lone surrogates included: spec text is not guaranteed to be sane.
ANY_TEXT = st.text(st.characters(exclude_categories=()))
NASTY = [
    '"""',
    "'''",
    "\\",
    'ends with "',
    "ends with \\",
    "a\r\nb",
    "\x85",
    "\u2028",
    "\x00",
    "\ud800",
    "a\u202eb\u2066",  # bidirectional controls (Trojan Source)
]


def test_every_odata_primitive_is_mapped() -> None:
    """An unknown type is an error, so a missing primitive would reject valid specs."""
    assert set(types.PRIMITIVES) == ODATA_PRIMITIVES


@pytest.mark.parametrize("name", sorted(ODATA_PRIMITIVES))
def test_primitive_hint_and_imports_are_well_formed(name: str) -> None:
    """Hints are Python names and imports are `module:name`, ready for the templates."""
    primitive = types.PRIMITIVES[name]
    assert primitive.hint.isidentifier()
    for spec in primitive.imports:
        module, _, imported = spec.partition(":")
        assert module.isidentifier() and imported.isidentifier()
    assert primitive.sample != primitive.bad


@pytest.mark.parametrize(
    ("written", "item"),
    [
        ("Collection(String)", "String"),
        (" Collection(Guid) ", "Guid"),
        ("Collection(Edm.Int32)", "Int32"),
        ("Collection(microsoft.graph.postalAddress)", "postalAddress"),
        ("String", None),
        ("Collection()", None),
        ("Collection(Collection(String))", None),
        ("collection(String)", None),
    ],
)
def test_collection_item(written: str, item: str | None) -> None:
    """`Collection(X)` is the only way to write a list; nested or malformed ones are not lists."""
    assert typeref.collection_item(written) == item


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Edm.Decimal", "Decimal"),
        ("microsoft.graph.customer", "customer"),
        ("  Edm.String ", "String"),
        ("Decimal", "Decimal"),
        (
            "Edm.Edm.String",
            "Edm.String",
        ),  # one prefix only: the rest stays and is reported unknown
        ("other.ns.Thing", "other.ns.Thing"),
    ],
)
def test_normalise_drops_one_known_prefix(written: str, name: str) -> None:
    """Docs pages write `Edm.` and `microsoft.graph.` prefixes; the table has bare names."""
    assert typeref.normalise(written) == name


@given(ANY_TEXT)
@example("")
@pytest.mark.parametrize("nasty", NASTY)
def test_literal_round_trips_exactly(nasty: str, text: str) -> None:
    """A literal's value is exactly the input, whatever the input is."""
    for value in (text, nasty, nasty + text):
        code = escape.literal(value)
        assert code.isascii()
        assert ast.literal_eval(code) == value


def _unsafe_in_comment(char: str) -> bool:
    return unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"} or char == "\ufeff"


def _visible(text: str) -> str:
    """The text without whitespace and format characters, which a comment may drop."""
    return "".join(c for c in "".join(text.split()) if unicodedata.category(c) != "Cf")


@given(ANY_TEXT)
@pytest.mark.parametrize("nasty", NASTY)
def test_comment_cannot_break_out(nasty: str, text: str) -> None:
    """Every comment line is one `#` line without line breaks or controls, and keeps the words."""
    value = nasty + text
    lines = escape.comment(value, width=40)
    for line in lines:
        assert line.startswith("# ")
        assert len(line.splitlines()) == 1
        assert not any(_unsafe_in_comment(c) for c in line)
        line.encode("utf-8")
    source = "\n".join(lines) + "\nx = 1\n"
    assert len(ast.parse(source).body) == 1
    kept = "".join(c for c in value if not _unsafe_in_comment(c))
    shown = "".join(_undirected(line[2:]) for line in lines).replace("(#)", "#")
    assert _visible(shown) == _visible(kept)


def _undirected(line: str) -> str:
    """A comment line without the "- " that keeps it from reading as a tool directive."""
    rest = line[2:]
    return rest if line.startswith("- ") and escape._DIRECTIVE.match(rest) else line


@pytest.mark.parametrize(
    "description",
    [
        "ruff: noqa",
        "noqa",
        "type: ignore",
        "fmt: off",
        "fmt: skip",
        "x # noqa: F401",
        "mypy: ignore-errors",
    ],
)
def test_a_description_never_becomes_a_tool_directive(description: str) -> None:
    """`# ruff: noqa` in a description would silence ruff for the whole generated file."""
    for line in escape.comment(description):
        text = line[2:]
        assert "#" not in text.replace("(#)", "")
        assert not escape._DIRECTIVE.match(text)


def test_comment_of_blank_text_is_nothing() -> None:
    """No empty `#` lines for a missing description."""
    assert escape.comment(" \n\t\u2028") == ()


@given(ANY_TEXT)
@pytest.mark.parametrize("nasty", NASTY)
def test_docstring_is_valid_python_with_the_stripped_value(
    nasty: str, text: str
) -> None:
    """A description can never end the docstring early, and its value survives exactly."""
    for value in (text, nasty, nasty + text, text + nasty):
        code = escape.docstring(value)
        code.encode("utf-8")
        assert len(code.splitlines()) == 1
        tree = ast.parse(f"def f() -> None:\n    {code}\n")
        assert ast.get_docstring(tree.body[0], clean=False) == value.strip()  # type: ignore[arg-type]


@given(ANY_TEXT)
@pytest.mark.parametrize("nasty", NASTY)
def test_an_attribute_docstring_holds_the_words_of_the_description(
    nasty: str, text: str
) -> None:
    """Wrapped into lines, a description never ends its docstring early, and its words come
    back in order, as a hover shows them."""
    for value in (text, nasty, nasty + text, text + nasty):
        lines = escape.docstring_lines(value, width=30)
        source = "class C:\n    a: int\n" + "".join(f"    {line}\n" for line in lines)
        [_, *docstring] = ast.parse(source).body[0].body  # type: ignore[attr-defined]
        if not " ".join(value.split()):
            assert lines == () and docstring == []
            continue
        found = inspect.cleandoc(docstring[0].value.value)
        assert found.split() == value.split()


@pytest.mark.parametrize("bad", ["", "a-b", "é", "a b", "1a"])
def test_identifier_refuses_anything_naming_did_not_make(bad: str) -> None:
    """A name from a spec that skipped naming.py is a generator bug, caught before output."""
    with pytest.raises(ValueError):
        escape.identifier(bad)
    with pytest.raises(ValueError):
        escape.dotted(f"ok.{bad}")


@pytest.mark.parametrize("bad", [True, 1.5, "3"])
def test_number_accepts_only_ints(bad: object) -> None:
    """`True` or a float printed as an int literal would change a value silently."""
    with pytest.raises(TypeError):
        escape.number(bad)  # type: ignore[arg-type]
    assert escape.number(-3) == "-3"


def test_each_docs_spelling_names_one_primitive() -> None:
    """The importer maps a docs spelling to one primitive; the table must not say two."""
    spellings = [s for p in types.PRIMITIVES.values() for s in (*p.docs, *p.docs_bare)]
    assert len(spellings) == len(set(spellings))
    assert not {s.lower() for s in spellings} & {n.lower() for n in types.PRIMITIVES}


@pytest.mark.parametrize(
    "name", sorted(n for n, p in types.PRIMITIVES.items() if p.range)
)
def test_the_generated_runtime_keeps_the_tables_range(name: str) -> None:
    """runtime/types.py is rendered from the table: its types refuse just past each end."""
    import msgspec

    from generated.runtime import types as runtime

    low, high = types.PRIMITIVES[name].range or (0, 0)
    assert runtime.RANGES[name] == (low, high)
    constrained = getattr(runtime, name)
    assert msgspec.convert(low, constrained) == low
    assert msgspec.convert(high, constrained) == high
    for outside in (low - 1, high + 1):
        with pytest.raises(msgspec.ValidationError):
            msgspec.convert(outside, constrained)


@pytest.mark.parametrize("name", sorted(types.PRIMITIVES))
def test_the_sample_fits_and_the_bad_value_does_not(name: str) -> None:
    """The one value rule and the generated tests' samples read the same table."""

    primitive = types.PRIMITIVES[name]
    sample = primitive.sample
    assert values.fits(sample, name)
    assert not values.fits(primitive.bad, name)
    assert primitive.csdl == f"Edm.{name}"


# Values a docs page or a spec may give a primitive, beside each primitive's sample and bad one.
_EDGES = [
    ("Decimal", "12.50"),  # the service's form under IEEE754Compatible=true
    ("Decimal", "-1e5"),
    ("Decimal", "12,5"),
    ("Decimal", "NaN"),
    ("Decimal", Decimal("Infinity")),
    ("Decimal", 7),
    ("Decimal", True),
    ("Double", Decimal("1.5")),
    ("Double", "1.5"),
    ("Int32", True),
    ("Int64", Decimal(3)),
    ("Guid", "5D115C9C-44E3-EA11-BB43-000D3A2FECA1"),
    ("DateTimeOffset", "2024-01-31T10:15:00+02:00"),
    ("Date", 20240131),
    ("String", None),
]
_VALUES = [
    (name, value)
    for name, primitive in sorted(types.PRIMITIVES.items())
    for value in (primitive.sample, primitive.bad)
] + _EDGES


class _OneProperty:
    """The importer's view of a type with one property `v` of a primitive type."""

    def __init__(self, name: str) -> None:
        self.name = name

    def wire_types(self, qualified: str) -> dict[str, WireType]:
        return {"v": WireType(self.name, False, True)}


@pytest.mark.parametrize(("name", "value"), _VALUES)
def test_the_importer_keeps_an_example_value_the_check_accepts(
    name: str, value: object
) -> None:
    """One rule of what fits a primitive: an imported example never fails its spec's check."""
    log = Log()
    context = cast(Context, _OneProperty(name))
    kept = examples.checked({"v": value}, "t", context, "page.md", 1, log)
    accepted = values.problem(value, name) is None
    assert ("v" in kept and kept["v"] == value and not log.decisions) == accepted


def test_the_spec_format_spells_identifiers_as_the_generator_reads_them() -> None:
    """The JSON Schema cannot import Python: its name patterns are held to typeref's here."""
    from generator.spec.specschema import schema

    format_ = schema()
    ident, qualified = typeref.IDENTIFIER, typeref.QUALIFIED.replace("(?:", "(")
    assert format_["properties"]["namespace"]["pattern"] == f"^{qualified}$"
    assert format_["$defs"]["graphName"]["pattern"] == f"^{ident}$"
    assert f"\\{{{ident}\\}}" in format_["$defs"]["path"]["pattern"]
