"""Spec data to YAML text: deterministic, every string quoted by the YAML library, readable key order."""

from __future__ import annotations

import re
import textwrap
from decimal import Decimal
from typing import Any

import yaml

WIDTH = 100
# Where `generate` writes the spec format's schema, from the default specs folder.
SCHEMA_REFERENCE = "../generated/spec.schema.json"
_SECTIONS = (
    "properties",
    "navigation",
    "members",
    "paths",
    "parameters",
    "operations",
    "actions",
    "functions",
    "streams",
    "example",
    "notes",
)


class _Flow(list):  # type: ignore[type-arg]
    """A short list written on one line, as `status: [200, 204]`."""


class _FlowMap(dict):  # type: ignore[type-arg]
    """A small mapping written on one line, as a header."""


class _Dumper(yaml.SafeDumper):
    """Indented block sequences, as the hand-written specs have them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_PLAIN_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\xa0\u2028\u2029\ufeff\ud800-\udfff\ufff0-\uffff]"
)


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """Control characters, odd line breaks and edge spaces force double quotes, where YAML escapes them."""
    risky = _PLAIN_UNSAFE.search(value) or value != value.strip()
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style='"' if risky else None
    )


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    """An exact number: the spec loader reads it back as the same Decimal."""
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(str, _string)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(
    _Flow,
    lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True),
)
_Dumper.add_representer(
    _FlowMap,
    lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True),
)


def emit(spec: dict[str, Any], schema: str = SCHEMA_REFERENCE) -> str:
    """The spec file: a header naming its pages, then one block per section, blank lines between."""
    head = {k: v for k, v in spec.items() if k not in _SECTIONS}
    blocks = [_header(spec, schema), _dump(head)]
    for key in _SECTIONS:
        if spec.get(key):
            blocks.append(_dump({key: _styled(key, spec[key])}))
    return "\n".join(blocks)


def _header(spec: dict[str, Any], schema: str) -> str:
    pages = [d for d in spec.get("docs", []) if d.endswith(".md")]
    described = [d for d in spec.get("docs", []) if not d.endswith(".md")]
    sources = [f"the Microsoft Graph docs pages {', '.join(pages)}"] if pages else []
    sources += [f"the service metadata {', '.join(described)}"] if described else []
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        f"# {spec['name']}, imported by graph-codegen from {' and '.join(sources)}.",
        "# Review it: every decision the importer took is under `notes`, with the page and line it came from.",
    ]
    wrapped = [
        w
        for line in lines
        for w in textwrap.wrap(
            line, WIDTH, subsequent_indent="# ", break_on_hyphens=False
        )
    ]
    return "\n".join(wrapped) + "\n"


def _styled(key: str, value: Any) -> Any:
    """Status and query lists and headers on one line each; the rest in block style."""
    if key in ("navigation", "streams"):
        return {
            n: {k: _Flow(f) if k in ("operations", "ref") else f for k, f in v.items()}
            for n, v in value.items()
        }
    if key not in ("operations", "actions", "functions"):
        return value
    styled = {}
    for name, op in value.items():
        op = dict(op)
        for field in ("status", "query"):
            if field in op:
                op[field] = _Flow(op[field])
        if "headers" in op:
            op["headers"] = [_FlowMap(h) for h in op["headers"]]
        styled[name] = op
    return styled


def _dump(data: dict[str, Any]) -> str:
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        width=WIDTH,
        allow_unicode=True,
        default_flow_style=False,
    )
    return text


_ORDER = (
    "name",
    "kind",
    "namespace",
    "base",
    "abstract",
    "description",
    "baseUrl",
    "key",
    "openType",
    "docs",
)


def ordered(spec: dict[str, object]) -> dict[str, object]:
    """Header fields first, as in the hand-written specs; empty sections left out."""
    head = {k: spec[k] for k in _ORDER if k in spec and spec[k] is not None}
    rest = {
        k: v for k, v in spec.items() if k not in _ORDER and v not in (None, {}, [])
    }
    return {**head, **rest}
