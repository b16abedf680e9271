"""The spec format's JSON Schema, and its problems worded for people, each at its line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from generator.report.problems import Problem, excerpt, plain, suggestion
from generator.spec import yamlsource

SCHEMA_PATH = Path(__file__).with_name("spec.schema.json")


def problems(data: Any, file: str, lines: dict[Any, int]) -> list[Problem]:
    """Every way `data` breaks the schema, one problem per value, located."""
    errors = list(_validator().iter_errors(data))
    return [_schema_problem(error, file, lines) for error in _one_per_value(errors)]


def flagged(data: Any) -> frozenset[tuple[Any, ...]]:
    """The paths of the values that break the schema: a missing field by the path it would
    have, an unknown field by its own. What lies below them is not to be read."""
    found: set[tuple[Any, ...]] = set()
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        instance: Any = error.instance
        if error.validator == "required" and isinstance(instance, dict):
            required: Any = error.validator_value
            found.update((*path, k) for k in required if k not in instance)
        elif error.validator == "additionalProperties" and isinstance(instance, dict):
            allowed: Any = error.schema
            known = allowed.get("properties", {}) if isinstance(allowed, dict) else {}
            found.update((*path, k) for k in instance if k not in known)
        else:
            found.add(path)
    return frozenset(found)


def dotted(path: tuple[Any, ...]) -> str:
    """A field path for messages; a name holding a line break or an ESC is shown quoted, and
    a long one cut short (an unknown field's name is input, like any value)."""
    return ".".join(plain(str(p)) for p in path)


@cache
def schema() -> dict[str, Any]:
    """The spec format's JSON Schema, shipped with the tool and used by editors too."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    """`pattern` as JSON Schema (ECMA-262) reads it: `$` ends the text.

    Python's `$` also matches before a final newline, so `name: "widget\\n"` would pass.
    """
    if validator.is_type(instance, "string") and not re.search(
        _ecma_end(pattern), instance
    ):
        yield jsonschema.ValidationError(
            f"{excerpt(instance)} does not match {pattern!r}"
        )


@cache
def _ecma_end(pattern: str) -> str:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        return pattern[:-1] + r"\Z"
    return pattern


@cache
def _validator() -> Any:
    checker = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
        jsonschema.Draft202012Validator, {"pattern": _pattern}
    )
    return checker(_inlined(schema(), schema().get("$defs", {})))


def _inlined(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its definition: resolving a reference
    costs more than checking what it names, and the spec schema has no recursion."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = defs[ref.removeprefix("#/$defs/")]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return {k: _inlined(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inlined(v, defs) for v in node]
    return node


def _one_per_value(
    errors: list[jsonschema.ValidationError],
) -> list[jsonschema.ValidationError]:
    """`GETT` breaks both the method enum and the operation's const: report it once."""
    general = {tuple(e.absolute_path) for e in errors if e.validator != "const"}
    return [
        e
        for e in errors
        if e.validator != "const" or tuple(e.absolute_path) not in general
    ]


def _schema_problem(
    error: jsonschema.ValidationError, file: str, lines: dict[Any, int]
) -> Problem:
    path = tuple(error.absolute_path)
    message = _message(error)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema_node: Any = error.schema
        allowed = schema_node.get("properties", {})
        extra = sorted(k for k in error.instance if k not in allowed)
        if extra:
            path = (*path, extra[0])
            message = f"unknown field{_choices(extra[0], sorted(allowed))}"
    shown = dotted(path)
    line = yamlsource.line_of(lines, path)
    return Problem(file, line, f"{shown}: {message}" if shown else message)


def _choices(word: str, allowed: list[str]) -> str:
    """A near miss as `(did you mean 'X'?)`; else the fields there are, when they are few."""
    hint = suggestion(word, allowed)
    if hint or not allowed or len(allowed) > 12:
        return hint
    return f" (the fields here: {', '.join(allowed)})"


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        enum_values: Any = error.validator_value
        values: list[Any] = list(enum_values)
        hint = suggestion(str(error.instance), [str(v) for v in values])
        choices = ", ".join(str(v) for v in values)
        return f"{excerpt(error.instance)} is not one of {choices}{hint}"
    if error.validator == "const":
        expected = error.validator_value
        return f"{excerpt(error.instance)} is not supported here; expected {expected!r}"
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator == "pattern":
        return f"{excerpt(error.instance)} does not have the expected form"
    # jsonschema quotes the whole value (`'...' is not of type 'object'`): quote a few words.
    return error.message.replace(repr(error.instance), excerpt(error.instance))
