"""Long lines split where black splits them, before black sees them.

black formats a file twice when its first pass changed anything, so a file already in black's
layout costs half. Templates print a statement on one line whatever its length; here the few
shapes the generated code is made of (a `def`, a `return` or `class` line ending in one call,
`attr: Child[...] = Child(...)`, a `from ... import`) get black's split when it is plain. It is
only a speed-up: the text goes through black all the same, and only line breaks inside
brackets are added (and an import's trailing comma, which black adds to every import it
splits), outside strings, which cannot change black's output.
"""

from __future__ import annotations

import io
import re
import tokenize

WIDTH = 88  # black's line length in generator/render/format.py
# The lines worth a closer look: what each shape starts with.
_SHAPE = re.compile(r" *(?:from |def |async def |return |class |\w+: \w+\[)")
_CALL = re.compile(r"(?:return (?:await )?[A-Za-z_][\w.]*|class \w+)\(")
# `attr: Child[Target] = Child("segment")`: black splits the call, else the annotation.
_SUBSCRIPT = re.compile(r"\w+: \w+\[")
_ASSIGNED = re.compile(r"\] = \w+\([^()\[\]]*\)")
_IMPORT = re.compile(r"from [\w.]+ import (\w+(?:, \w+)+)")
_OPEN = {"(": ")", "[": "]", "{": "}"}
_END = (tokenize.NEWLINE, tokenize.ENDMARKER)
# Comments and string literals, in the order the tokenizer meets them: a quote inside one of
# them opens nothing.
_STRINGS = re.compile(
    r"#[^\n]*"
    r'|"""(?:\\.|[^\\])*?"""'
    r"|'''(?:\\.|[^\\])*?'''"
    r'|"(?:\\.|[^"\\\n])*"'
    r"|'(?:\\.|[^'\\\n])*'",
    re.DOTALL,
)


def prelaid(source: str) -> str:
    """`source` with each long line of a known shape split as black would split it, and
    without the blank lines at its end, which black drops."""
    if source.endswith("\n\n") and source.strip():
        source = source.rstrip("\n") + "\n"
    lines = source.split("\n")
    if all(len(line) <= WIDTH for line in lines):
        return source
    strings: list[tuple[int, int]] | None = None
    offset = 0
    for n, line in enumerate(lines):
        if len(line) > WIDTH and _SHAPE.match(line) is not None:
            strings = _multiline_strings(source) if strings is None else strings
            if not any(start < offset < end for start, end in strings):
                lines[n] = _split(line)
        offset += len(line) + 1
    return "\n".join(lines)


def _multiline_strings(source: str) -> list[tuple[int, int]]:
    """Where the strings that span lines are: a line inside one is text, not code."""
    return [
        m.span()
        for m in _STRINGS.finditer(source)
        if "\n" in m.group() and not m.group().startswith("#")
    ]


def _split(line: str) -> str:
    """The line as black would split it in one step, or as it is."""
    text = line.lstrip(" ")
    indent = line[: len(line) - len(text)]
    names = _IMPORT.fullmatch(text)
    if names is not None:
        head = text[: names.start(1)]
        items = "".join(f"{indent}    {n},\n" for n in names.group(1).split(", "))
        return f"{indent}{head}(\n{items}{indent})"
    brackets = _brackets(text)
    if brackets is None:
        return line
    for start in _candidates(text, brackets):
        head, body = text[: start + 1], text[start + 1 : brackets[start]]
        tail = text[brackets[start] :]
        fits = all(
            len(indent) + extra + len(part) <= WIDTH
            for extra, part in ((0, head), (4, body), (0, tail))
        )
        if fits and body and not body.endswith(",") and _plain_comma(body, text):
            return f"{indent}{head}\n{indent}    {body}\n{indent}{tail}"
    return line


def _candidates(text: str, brackets: dict[int, int]) -> list[int]:
    """The opening brackets black would split the line at, in the order it tries them."""
    if text.startswith(("def ", "async def ")):
        return [text.index("(")]
    call = _CALL.match(text)
    if call is not None:
        end = brackets[call.end() - 1]
        return [call.end() - 1] if text[end:] in (")", "):") else []
    annotated = _SUBSCRIPT.match(text)
    if annotated is None:
        return []
    start = annotated.end() - 1
    assigned = _ASSIGNED.fullmatch(text[brackets[start] :])
    if assigned is None:
        return []
    return [brackets[start] + assigned.group().index("("), start]


def _plain_comma(body: str, text: str) -> bool:
    """A def's parameters need a comma: black adds one to a lone parameter, and splits it."""
    if not text.startswith(("def ", "async def ")):
        return True
    depth = 0
    for char in body:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            return True
    return False


def _brackets(text: str) -> dict[int, int] | None:
    """Each opening bracket's column and its closer's, from Python's tokenizer; None for a
    line that is not one whole statement, or has a comment.
    """
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text + "\n").readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    pairs: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for token in tokens:
        unwanted = token.type in (tokenize.COMMENT, tokenize.ERRORTOKEN)
        if (unwanted or token.start[0] > 1) and token.type not in _END:
            return None
        if token.type != tokenize.OP:
            continue
        if token.string in _OPEN:
            stack.append((token.string, token.start[1]))
        elif token.string in _OPEN.values():
            if not stack or _OPEN[stack[-1][0]] != token.string:
                return None
            pairs[stack.pop()[1]] = token.start[1]
    return None if stack else pairs
