"""The only way text from a spec reaches generated code: one escaper per context, each returning `Code`."""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

# Everything that could end a line or a comment for some reader of the file: ASCII controls,
# DEL, C1 controls (NEL), the Unicode line and paragraph separators, and lone surrogates
# (which cannot be written as UTF-8 at all); and the bidirectional controls and invisible
# marks that make a reviewer see other code than Python runs (Trojan Source, CVE-2021-42574).
_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff"
    r"\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


# Words that make a comment a directive when they open it; such a line gets a leading "- ".
_DIRECTIVE = re.compile(
    r"^(?:noqa\b|(?:type|fmt|ruff|mypy|pyright|pylint|isort|black|flake8|pragma|nosec|yapf)\s*:)",
    re.IGNORECASE,
)


class Code(str):
    """Text that is safe to place in generated source as it stands; templates print nothing else."""

    __slots__ = ()


# An escape sequence or a double quote, in a single-quoted literal's body.
_REQUOTE = re.compile(r"\\.|\"")
_DOUBLE = {'"': '\\"'}


def literal(text: str) -> Code:
    """A Python string literal whose value is exactly `text`, in double quotes when black
    would put it in them (then black has nothing to change, and formats the file once).
    """
    quoted = ascii(str(text))
    if quoted[0] == '"':
        return Code(quoted)
    body = quoted[1:-1]
    double = _REQUOTE.sub(
        lambda m: "'" if m[0] == "\\'" else _DOUBLE.get(m[0], m[0]), body
    )
    # black's rule: double quotes, unless they take more backslashes.
    return Code(f'"{double}"' if double.count("\\") <= body.count("\\") else quoted)


def comment(text: str, width: int = 80) -> tuple[Code, ...]:
    """`#` comment lines that stay comments: nothing ends them early, and none of them reads
    as a tool directive (`# noqa`, `# type: ignore`, `# fmt: off`) to ruff, mypy or black.
    """
    flat = " ".join(_UNSAFE.sub(" ", text).split()).replace("#", "(#)")
    # Most descriptions fit on one line, and textwrap is slow even then.
    short = len(flat) <= width
    lines = (
        ([flat] if flat else [])
        if short
        else textwrap.wrap(flat, width, break_on_hyphens=False)
    )
    return tuple(Code("# " + _DIRECTIVE.sub(r"- \g<0>", line)) for line in lines)


# Descriptions repeat: every type has an id, every list a `top`.
@lru_cache(maxsize=16384)
def docstring(text: str) -> Code:
    """A triple-quoted docstring whose value is `text` stripped, on one logical line."""
    return Code(f'"""{_docstring_body(text.strip())}"""')


@lru_cache(maxsize=16384)
def docstring_lines(text: str, width: int = 80) -> tuple[Code, ...]:
    """An attribute's docstring (the string under it, which IDE hovers show): `text` with
    its words wrapped into lines of `width`; nothing for blank text."""
    flat = " ".join(text.split())
    lines = textwrap.wrap(flat, width, break_long_words=False, break_on_hyphens=False)
    if not lines:
        return ()
    body = [_docstring_body(line) for line in lines]
    body[0] = f'"""{body[0]}'
    body[-1] = f'{body[-1]}"""'
    return tuple(Code(line) for line in body)


def _docstring_body(text: str) -> str:
    body = text.replace("\\", "\\\\")
    body = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    body = body.replace('"', '\\"')
    # black pads a docstring that ends with a quote with a space; `\x22` keeps the value exact.
    if body.endswith('"'):
        body = body[:-2] + "\\x22"
    return body


def identifier(name: str) -> Code:
    """A name that naming.py produced; anything else is a bug in the generator."""
    if not (name.isidentifier() and name.isascii()):
        raise ValueError(f"not a safe identifier: {name!r}")
    return Code(name)


def dotted(name: str) -> Code:
    """A dotted module path made of safe identifiers."""
    return Code(".".join(identifier(part) for part in name.split(".")))


def number(value: int) -> Code:
    """An integer literal."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"not an int: {value!r}")
    return Code(str(value))


def int_tuple(values: tuple[int, ...] | list[int]) -> Code:
    """A tuple literal of integers, such as status codes: `(200, 204)`."""
    items = [number(v) for v in values]
    return Code(f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})")


def python_value(value: object) -> Code:
    """A Python literal of a decoded JSON value; decimals as `Decimal("...")`, so nothing rounds."""
    if value is None or isinstance(value, bool):
        return Code(repr(value))
    if isinstance(value, int):
        return number(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no JSON literal for {value}")
        return Code(repr(value))
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, Decimal):
        return Code(f"Decimal({literal(str(value))})")
    if isinstance(value, list):
        return Code("[" + ", ".join(python_value(v) for v in value) + "]")
    if isinstance(value, dict):
        items = (f"{literal(str(k))}: {python_value(v)}" for k, v in value.items())
        return Code("{" + ", ".join(items) + "}")
    raise TypeError(f"not a JSON value: {type(value).__name__}")


# black's line length: where a literal is laid out as black would lay it out, black has nothing
# to change in the file and formats it in one pass instead of two.
WIDTH = 88


def python_block(value: Mapping[str, object], column: int, indent: int = 4) -> Code:
    """A dict literal that starts at `column` of a line at `indent`, on that line when it
    fits, else one item a line with a trailing comma: the layout black gives it."""
    flat = python_value(value)
    if not value or column + len(flat) <= WIDTH:
        return flat
    inner = " " * (indent + 4)
    items = "".join(
        f"{inner}{literal(str(k))}: {python_value(v)},\n" for k, v in value.items()
    )
    return Code("{\n" + items + " " * indent + "}")
