"""Request builder class names as the Graph SDK gives them, and never two classes alike."""

from __future__ import annotations

from generator.check.pathtree import OPERATIONS
from generator.check.schema import Schema
from generator.model.classkeys import ClassKey
from generator.odata import naming

_CLASS_WORDS = {
    "collection": "Collection",
    "item": "Item",
    "single": "",
    "references": "References",
    "reference": "Reference",
}


def class_names(paths: dict[ClassKey, str], schema: Schema) -> dict[ClassKey, str]:
    """Names as the Graph SDK gives them; two different classes never share one. Of the
    builders of one type and kind, the one with the most operations has the plain name
    (`TodoTaskCollectionRequestBuilder`); another is named for its path (`RecentTasks...`),
    and builders whose paths end alike are told apart by as much of the path before as it
    takes (`UserDrive...`, `MeTodoLists...` and `UserTodoLists...`).
    """
    variants = sorted(paths, key=lambda k: (k[:2], *_weight(k)))
    plain = {k[:2]: k for k in reversed(variants) if k[0] != "nav"}
    order = sorted(paths, key=lambda k: (plain.get(k[:2]) != k, k[0] != "nav", k))
    bases = {key: _base_name(key, paths[key], plain, schema) for key in order}
    names: dict[ClassKey, str] = {}
    taken: set[str] = set()
    for key in order:
        if plain.get(key[:2]) == key and bases[key] not in taken:
            names[key] = naming.unique(bases[key], taken, sep="")
        elif plain.get(key[:2]) == key:  # `DriveItem` the type, `Drive` + `Item`
            bases[key] = _base_name(key, paths[key], {}, schema)
    groups: dict[str, list[ClassKey]] = {}
    for key in order:
        if key not in names:
            groups.setdefault(bases[key], []).append(key)
    for base, keys in groups.items():
        chosen = _told_apart([paths[k] for k in keys], base, taken)
        for key, name in zip(keys, chosen, strict=True):
            names[key] = naming.unique(name, taken, sep="")
    return names


def _weight(key: ClassKey) -> tuple[int, int, tuple[str, ...]]:
    """The plain name goes to the most operations, then to the fewest other features."""
    ops = sum(op in OPERATIONS for op in key[2])
    return (-ops, len(key[2]) - ops, key[2])


def _told_apart(paths: list[str], base: str, taken: set[str]) -> list[str]:
    """The names of builders whose own names agree: the shortest qualification by the path
    before them under which they all differ from each other and from the names taken."""
    if len(paths) == 1 and base not in taken:
        return [base]
    deepest = max(len(p.strip("/").split("/")) for p in paths)
    for depth in range(1, deepest + 1):
        names = [_qualified(p, base, depth) for p in paths]
        if len(set(names)) == len(names) and not taken & set(names):
            return names
    return [_qualified(p, base, deepest) for p in paths]


def _base_name(
    key: ClassKey, path: str, plain: dict[tuple[str, str], ClassKey], schema: Schema
) -> str:
    kind, ident, _ = key
    last = path.rsplit("/", 1)[-1]
    if kind == "nav":
        stem = last[1:-1].removesuffix("Id") + "Item" if last[:1] == "{" else last
        return f"{naming.class_name(stem or 'Root')}RequestBuilder"
    if kind in ("references", "reference"):  # `$ref` of an item: ...ItemReference...
        item = kind == "reference" and path.rsplit("/", 2)[-2].startswith("{")
        word = "ItemReference" if item else _CLASS_WORDS[kind]
        return f"{schema[ident].class_name.rstrip('_')}{word}RequestBuilder"
    if plain.get(key[:2]) == key:
        word = _CLASS_WORDS[kind]
        return f"{schema[ident].class_name.rstrip('_')}{word}RequestBuilder"
    return f"{naming.class_name(last.strip('{}'))}RequestBuilder"


def _qualified(path: str, base: str, depth: int) -> str:
    """A name told apart by `depth` sets (or singletons) of the path before it, singular:
    `/users/{id}/drive` -> UserDrive...; an item by its set's own name first:
    `/drives/{driveId}` -> DrivesItem..., `/me/todo/lists/{id}` -> MeTodoListsItem..."""
    parts = path.strip("/").split("/")
    if parts[-1].startswith("{") and len(parts) > 1:
        parts, base = parts[:-1], f"{naming.class_name(parts[-2])}ItemRequestBuilder"
        depth -= 1
    words = [p for p in parts[:-1] if not p.startswith("{")]
    before = words[len(words) - depth :] if depth > 0 else []
    return "".join(naming.class_name(naming.singular(w)) for w in before) + base
