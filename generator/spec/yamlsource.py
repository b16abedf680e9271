"""YAML to plain data with the line of every value, decimals exact and no surprises."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from generator.report.problems import InputError, Problem, excerpt

Path = tuple[str | int, ...]

_MAX_NODES = 200_000
# Half a surrogate pair: only a YAML escape such as "\ud800" makes one, and no UTF-8 holds it.
_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # what PyYAML counts as a line break
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


class _Builder:
    """Turns composed YAML nodes into data, refusing aliases, unknown tags and duplicate keys."""

    def __init__(self, file: str, last_line: int) -> None:
        self.file = file
        self.last_line = last_line
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > _MAX_NODES:
            raise InputError(
                [self._problem(node, f"more than {_MAX_NODES} values; is this a spec?")]
            )
        self.lines[path] = self._line(node)
        if node.tag not in _COLLECTION_TAGS and not isinstance(node, yaml.ScalarNode):
            self.problems.append(
                self._problem(node, f"unsupported YAML tag {excerpt(node.tag, 80)}")
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                self.problems.append(
                    self._problem(key_node, f"duplicate key {excerpt(key)}")
                )
                continue
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problems.append(self._problem(node, "a key must be a plain value"))
            return "?"
        tag, value = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            if _SURROGATE.search(value):
                self.problems.append(
                    self._problem(node, "a lone surrogate (\\ud800-\\udfff) is no text")
                )
            return value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() in ("true", "yes", "on")
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            number = _int(value) if tag.endswith(":int") else _decimal(value)
            if number is None:
                self.problems.append(
                    self._problem(
                        node,
                        f"{excerpt(value)} is not a number a spec can hold"
                        " (no NaN, infinity, 1:30 form or 4300+ digits)",
                    )
                )
                return value
            return number
        self.problems.append(
            self._problem(node, f"unsupported YAML tag {excerpt(tag, 80)}")
        )
        return value

    def _problem(self, node: yaml.Node, message: str) -> Problem:
        return Problem(self.file, self._line(node), message)

    def _line(self, node: yaml.Node) -> int:
        """A node's line; an empty value at the very end is on the last line, not after it."""
        return min(node.start_mark.line + 1, self.last_line)


def _int(text: str) -> int | None:
    """None for what int() cannot read: sexagesimal (1:30), or more digits than it converts."""
    cleaned = text.replace("_", "")
    for base in (0, 10):
        try:
            return int(cleaned, base)
        except ValueError:
            continue
    return None


def _decimal(text: str) -> Decimal | None:
    """YAML floats become Decimal, so an example amount never passes through a binary float.

    None for NaN, infinities and sexagesimal floats: JSON has none of them.
    """
    try:
        number = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class _NoAliasComposer(yaml.SafeLoader):
    """Aliases would let a few lines expand into millions of values; specs never need them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None,
                None,
                "anchors and aliases are not supported in specs",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _compose_fast(text: str) -> yaml.Node | None:
    """The document's nodes through libyaml when PyYAML has it; None when it cannot say.

    Any problem (a syntax error, an alias, a character YAML refuses) makes the pure-Python
    composer run instead, so messages and lines are the same with or without libyaml.
    """
    loader_class = getattr(yaml, "CSafeLoader", None)
    if loader_class is None:
        return None
    try:
        loader = loader_class(text)
        try:
            node: yaml.Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None
    return node if node is not None and not _has_alias(node) else None


def _has_alias(root: yaml.Node) -> bool:
    """libyaml resolves an alias to the node it names: a node reached twice is one."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return False


def load(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse one YAML document; every problem is raised together as an InputError."""
    node = _compose_fast(text)
    if node is not None:
        return _built(node, text, file)
    try:
        loader = _NoAliasComposer(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise InputError(
            [Problem(file, line, f"invalid YAML: {error.problem or error.context}")]
        )
    except yaml.reader.ReaderError as error:  # its text spans lines and names no line
        line = len(_BREAK.split(text[: error.position]))
        message = f"character U+{error.character:04X} is not allowed in YAML"
        raise InputError([Problem(file, line, f"invalid YAML: {message}")])
    except yaml.YAMLError as error:
        raise InputError(
            [Problem(file, 0, f"invalid YAML: {' '.join(str(error).split())}")]
        )
    if node is None:
        raise InputError([Problem(file, 0, "the file is empty")])
    return _built(node, text, file)


def _built(node: yaml.Node, text: str, file: str) -> tuple[Any, dict[Path, int]]:
    last_line = len(_BREAK.split(text.rstrip("\r\n\x85\u2028\u2029")))
    builder = _Builder(file, max(1, last_line))
    data = builder.build(node, ())
    if builder.problems:
        raise InputError(builder.problems)
    return data, builder.lines


def line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of `path`, or of its nearest ancestor that has one."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)
