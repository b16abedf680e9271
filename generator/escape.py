"""The only way text from a spec reaches generated code: one escaper per context, each returning `Code`."""

from __future__ import annotations

import re
import textwrap

# Everything that could end a line or a comment for some reader of the file: ASCII controls,
# DEL, C1 controls (NEL), and the Unicode line and paragraph separators.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


class Code(str):
    """Text that is safe to place in generated source as it stands; templates print nothing else."""

    __slots__ = ()


def literal(text: str) -> Code:
    """A Python string literal whose value is exactly `text`."""
    return Code(ascii(str(text)))


def comment(text: str, width: int = 80) -> tuple[Code, ...]:
    """`#` comment lines: line breaks and control characters cannot end the comment early."""
    flat = " ".join(_UNSAFE.sub(" ", text).split())
    if not flat:
        return ()
    return tuple(
        Code(f"# {line}") for line in textwrap.wrap(flat, width, break_on_hyphens=False)
    )


def docstring(text: str) -> Code:
    """A triple-quoted docstring whose value is `text` stripped, on one logical line."""
    body = text.strip().replace("\\", "\\\\")
    body = _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    body = body.replace('"', '\\"')
    return Code(f'"""{body}"""')


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
