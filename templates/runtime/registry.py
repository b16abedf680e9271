"""Every Graph type of the package by name, without importing its module: a model loads
when first used, or when a payload's `@odata.type` (or validation) names it."""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Graph type -> (models package, module, class), and derived type -> base type, as the
# models package declares them.
_TYPES: dict[str, tuple[str, str, str]] = {}
_BASES: dict[str, str] = {}
_CHILDREN: dict[str, list[str]] = {}  # base type -> the types directly derived from it
_NAMES: dict[str, str] = {}  # class -> Graph type
_BY_CLASS: dict[str, tuple[str, str]] = {}  # class -> (models package, module)


def declare(
    package: str,
    classes: dict[str, str],
    modules: dict[str, str],
    bases: dict[str, str],
) -> None:
    """The package's tables: Graph type -> class, class -> module, derived -> base type."""
    for name, cls in classes.items():
        _TYPES[name] = (package, modules[cls], cls)
    _BY_CLASS.update((cls, (package, module)) for cls, module in modules.items())
    _BASES.update(bases)
    _CHILDREN.clear()
    _NAMES.clear()


def known(name: str) -> bool:
    """Whether the package declares the type (its module may not be loaded yet)."""
    return name in _TYPES


def base_of(name: str) -> str | None:
    """The base type the table names, or None (a root type, or one it does not know)."""
    return _BASES.get(name)


def has_derived(name: str) -> bool:
    """Whether any declared type derives from `name`."""
    return name in _children()


def derived(name: str) -> list[str]:
    """Every declared type that derives from `name`, directly or not."""
    children = _children()
    found, todo = [], list(children.get(name, ()))
    while todo:
        child = todo.pop()
        if child not in found and child != name:
            found.append(child)
            todo += children.get(child, ())
    return found


def _children() -> dict[str, list[str]]:
    if not _CHILDREN:
        for child, base in _BASES.items():
            _CHILDREN.setdefault(base, []).append(child)
    return _CHILDREN


def derives(name: str, base: str) -> bool:
    """Whether the table says `name` derives from `base`, directly or not."""
    seen = {name}
    while (name := base_of(name) or "") and name not in seen:
        if name == base:
            return True
        seen.add(name)
    return False


def model_class(name: str) -> Any:
    """The model class of a declared type, its module imported now if it was not; or None."""
    found = _TYPES.get(name)
    if found is None:
        return None
    package, module, cls = found
    return getattr(import_module(f"{package}.{module}"), cls)


def type_named(
    cls: str, module: str | None = None, package: str | None = None
) -> str | None:
    """The Graph type of a declared class by its name (an enum's, which its class does not
    say; a navigation property's, not imported), in `module` or `package` when given; or
    None."""
    if not _NAMES:
        _NAMES.update({c: name for name, (_, _, c) in _TYPES.items()})
    found = _BY_CLASS.get(cls)
    if found is None or (module is not None and module != ".".join(found)):
        return None
    if package is not None and package != found[0]:
        return None
    return _NAMES.get(cls)


def model_named(cls: str) -> Any:
    """A model class by its class name, for a navigation property; its module imported now
    if it was not; or None."""
    found = _BY_CLASS.get(cls)
    if found is None:
        return None
    package, module = found
    return getattr(import_module(f"{package}.{module}"), cls)
