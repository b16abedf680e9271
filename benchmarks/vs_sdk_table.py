"""The table `benchmarks/vs_sdk.py` prints: the SDK and each package, the ratios, the goals."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Figures = dict[str, Any]


def _mb(f: Figures) -> float:
    return float(f["installed"]["bytes"]) / 1e6


def _non_test(f: Figures) -> int:
    return sum(v for k, v in f["lines"].items() if k != "tests")


# label, value of one side (None: not measured), how the last package compares, the goal
ROWS: list[tuple[str, Callable[[Figures], float | None], str, str]] = [
    (
        "installed files (package + requirements)",
        lambda f: f["installed"]["files"],
        "1/",
        "<= 1/50",
    ),
    ("installed MB (package + requirements)", _mb, "1/", "<= 1/50"),
    (
        "  files of the requirements alone (httpx, msgspec)",
        lambda f: f["installed"]["requirements"]["files"],
        "1/",
        "",
    ),
    (
        "  MB of the requirements alone",
        lambda f: f["installed"]["requirements"]["bytes"] / 1e6,
        "1/",
        "",
    ),
    (
        "  files without the generated tests",
        lambda f: f["installed"]["files"] - f["installed"]["tests"]["files"],
        "1/",
        "",
    ),
    (
        "  MB without the generated tests",
        lambda f: (f["installed"]["bytes"] - f["installed"]["tests"]["bytes"]) / 1e6,
        "1/",
        "",
    ),
    (
        "longest path below site-packages, chars",
        lambda f: len(f["installed"]["longest"]),
        "1/",
        "",
    ),
    (
        "import the client, ms (median of 7)",
        lambda f: f["import_client"]["wall"],
        "x",
        "",
    ),
    ("  CPU ms (median of 7)", lambda f: f["import_client"]["cpu"], "x", ""),
    (
        "import one model (User), ms (median of 7)",
        lambda f: f["import_model"]["wall"],
        "x",
        "<= 30 ms",
    ),
    ("  CPU ms (median of 7)", lambda f: f["import_model"]["cpu"], "x", "<= 30 ms"),
    (
        "first decode of a user, ms (median of 7)",
        lambda f: f["first_user"],
        "x",
        "<= 5 ms",
    ),
    (
        "first decode of a message, ms (median of 7)",
        lambda f: f["first_message"],
        "x",
        "",
    ),
    ("page of 100 users, first, ms", lambda f: f["page_user"]["first"], "x", ""),
    (
        "page of 100 users, warm, ms (median of 7)",
        lambda f: f["page_user"]["median"],
        "x",
        ">= 100x",
    ),
    ("page of 100 messages, first, ms", lambda f: f["page_message"]["first"], "x", ""),
    (
        "page of 100 messages, warm, ms (median of 7)",
        lambda f: f["page_message"]["median"],
        "x",
        "",
    ),
    ("GET-edit-PATCH of an event, first, ms", lambda f: f["round"]["first"], "x", ""),
    (
        "GET-edit-PATCH of an event, warm, ms (median of 7)",
        lambda f: f["round"]["median"],
        "x",
        "",
    ),
    ("peak RSS: client, both pages, a round, MiB", lambda f: f["rss_mib"], "1/", ""),
]


def _value(show: Callable[[Figures], float | None], f: Figures) -> float | None:
    try:
        return show(f)
    except KeyError:
        return None


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, int):
        return f"{value:,}"
    return (
        f"{value:,.0f}"
        if value >= 100
        else f"{value:.2f}" if value < 10 else f"{value:.1f}"
    )


def _ratio(theirs: float | None, ours: float | None, style: str) -> str:
    """How many times smaller (`1/N`) or faster (`Nx`) ours is than the SDK's."""
    if not theirs or not ours:
        return "-"
    times = theirs / ours
    return f"1/{times:,.1f}" if style == "1/" else f"{times:,.1f}x"


def table(sides: list[Any]) -> list[str]:
    """Every figure per side, then the last package against the SDK and the goal."""
    sdk, packages = sides[0], sides[1:]
    last = packages[-1] if packages else None
    heads = ["SDK", *(p.name for p in packages), f"{last.name} vs SDK" if last else ""]
    lines = [_line("figure", heads, "goal (issue 19)")]
    lines.append(re.sub(r"[^|]", "-", lines[0]))
    specs = [str(p.figures.get("specs", "-")) for p in packages]
    lines.append(_line("specs (types) generated", ["whole API", *specs, ""], ""))
    for label, show, style, goal in ROWS:
        theirs = _value(show, sdk.figures)
        cells = [_cell(theirs), *(_cell(_value(show, p.figures)) for p in packages)]
        ratio = _ratio(theirs, _value(show, last.figures), style) if last else ""
        lines.append(_line(label, [*cells, ratio], goal))
    lines += _lines_rows(sdk, packages)
    mypy = [_cell(p.figures.get("mypy_s")) for p in packages]
    lines.append(
        _line(
            "mypy --strict on the package, s (cold cache)", ["-", *mypy, ""], "printed"
        )
    )
    lines.append("")
    lines.append(_notes(sdk))
    if last is not None and "requirements" in last.figures.get("installed", {}):
        lines.append(_floor(sdk.figures["installed"], last.figures["installed"]))
    return lines


def _lines_rows(sdk: Any, packages: list[Any]) -> list[str]:
    """Lines for the same resources: each package against the SDK's files for its specs."""
    rows = []
    for p in packages:
        if "lines" not in p.figures:
            continue
        theirs = sdk.figures.get("lines", {}).get(p.name)
        ours = _non_test(p.figures)
        if theirs is None:
            continue
        label = f"lines, {p.name}'s resources (ours: not tests)"
        cells = [f"{theirs['lines']:,}"] + [
            f"{ours:,}" if q is p else "" for q in packages
        ]
        rows.append(
            _line(label, [*cells, _ratio(theirs["lines"], ours, "1/")], "<= 1/10")
        )
        if "code_lines" in p.figures and "code" in theirs:
            label = "  code lines (docstrings, comments, blanks out)"
            cells = [f"{theirs['code']:,}"] + [
                f"{p.figures['code_lines']:,}" if q is p else "" for q in packages
            ]
            ratio = _ratio(theirs["code"], p.figures["code_lines"], "1/")
            rows.append(_line(label, [*cells, ratio], ""))
        parts = ", ".join(f"{k} {v:,}" for k, v in p.figures["lines"].items())
        rows.append(
            f"|   {p.name}: {parts}; SDK: {theirs['files']} files, "
            f"{theirs['paths_found']} of {theirs['paths']} paths found"
        )
    return rows


def _notes(sdk: Any) -> str:
    found = sdk.figures["installed"]
    return (
        f"SDK bytecode as pip compiled it, not counted above: {found['bytecode_files']:,} "
        f"files, {found['bytecode_bytes'] / 1e6:,.0f} MB. SDK longest path: "
        f"{found['longest']}"
    )


def _floor(theirs: dict[str, Any], ours: dict[str, Any]) -> str:
    """What the 1/50 goal leaves for the package once the requirements are installed."""
    needs = ours["requirements"]
    room_files = theirs["files"] / 50 - needs["files"]
    room_mb = (theirs["bytes"] / 50 - needs["bytes"]) / 1e6
    return (
        f"Requirements alone (httpx, msgspec and theirs): {needs['files']:,} files, "
        f"{needs['bytes'] / 1e6:.2f} MB = 1/{theirs['files'] / needs['files']:,.0f} of the "
        f"SDK's files, 1/{theirs['bytes'] / needs['bytes']:,.0f} of its MB; 1/50 leaves the "
        f"package {room_files:,.0f} files and {room_mb:.2f} MB "
        f"(the generated tests alone: {ours['tests']['files']:,} files, "
        f"{ours['tests']['bytes'] / 1e6:.2f} MB)."
    )


def _line(label: str, cells: list[str], goal: str) -> str:
    return (
        f"| {label:<52} | " + " | ".join(f"{c:>12}" for c in cells) + f" | {goal:<15} |"
    )
