"""What a distribution and everything it requires put on disk, as this interpreter has them.

Usage: python installed.py DIST [DIST...]   prints one JSON object
Counts the files each distribution's RECORD lists, bytecode (`__pycache__`) excluded, so a
package that was never imported and one that pip compiled compare alike; the longest path is
relative to site-packages, as it lands below a user's environment folder. Standard library
only: the official SDK's interpreter runs it too.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path


def closure(names: list[str]) -> list[metadata.Distribution]:
    """The distributions named and every one they require (extras left out)."""
    found: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        name = _normal(todo.pop())
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found[name] = dist
        for requirement in dist.requires or ():
            if "extra ==" not in requirement and _applies(requirement):
                todo.append(re.split(r"[\s;<>=!~\[(]", requirement, maxsplit=1)[0])
    return list(found.values())


def _applies(requirement: str) -> bool:
    """A marker for another platform or an older Python leaves the requirement out."""
    _, _, marker = requirement.partition(";")
    marker = marker.strip()
    if not marker:
        return True
    if "sys_platform" in marker or "platform_system" in marker:
        return ("linux" in marker) == ("==" in marker)
    match = re.search(r"python_version\s*([<>=]+)\s*['\"]([\d.]+)['\"]", marker)
    if match:
        wanted = tuple(int(p) for p in match.group(2).split("."))
        have = sys.version_info[: len(wanted)]
        return {"<": have < wanted, "<=": have <= wanted, ">=": have >= wanted}.get(
            match.group(1), have > wanted if match.group(1) == ">" else True
        )
    return True


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def files(dist: metadata.Distribution, bytecode: bool) -> list[Path]:
    """The distribution's installed files, its own metadata excluded; bytecode only if asked."""
    return [
        Path(str(dist.locate_file(f)))
        for f in dist.files or ()
        if ("__pycache__" in f.parts) == bytecode and ".dist-info" not in f.parts[0]
    ]


def measure(names: list[str]) -> dict[str, object]:
    dists = closure(names)
    paths = [p for d in dists for p in files(d, False) if p.is_file()]
    compiled = [p for d in dists for p in files(d, True) if p.is_file()]
    site = Path(str(dists[0].locate_file(""))) if dists else Path()
    relative = [p.relative_to(site).as_posix() for p in paths]
    longest = max(relative, key=len, default="")
    return {
        "distributions": sorted(f"{d.metadata['Name']} {d.version}" for d in dists),
        "files": len(paths),
        "bytes": sum(p.stat().st_size for p in paths),
        "longest": longest,
        "bytecode_files": len(compiled),
        "bytecode_bytes": sum(p.stat().st_size for p in compiled),
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1:])))
