"""How the wire is read and written: JSON with every number exact, the class a payload's
`@odata.type` names, navigation values decoded when met, and each model field's hint."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar, Protocol, TypeVar

import msgspec

from . import navigation, registry
from .enums import decode_hook as _flags_hook
from .enums import encode_hook

_ENCODER = msgspec.json.Encoder(decimal_format="number", enc_hook=encode_hook)
_RAW_DECODER = msgspec.json.Decoder(float_hook=Decimal)
# Model classes by Graph type name, as each is declared (see `Model.__init_subclass__`).
_CLASSES: dict[str, type[Any]] = {}


class _Named(Protocol):
    """A model class, as far as finding its derived classes needs it."""

    _graph_type: ClassVar[str]


N = TypeVar("N", bound=_Named)


class _PerClass(dict[type, Any]):
    """What a class needs on every decode or encode, found on its first: a lookup that
    stays in C (no method call, no default) on the hot path."""

    def __init__(self, find: Callable[[type], Any]) -> None:
        super().__init__()
        self._find = find

    def __missing__(self, cls: type) -> Any:
        found = self[cls] = self._find(cls)
        return found


def encode(data: Any) -> bytes:
    """JSON with Decimal as a number, for request bodies."""
    return _ENCODER.encode(data)


def decode_raw(data: bytes) -> Any:
    """JSON with every non-integer number as a Decimal."""
    return _RAW_DECODER.decode(data)


def _pick(cls: type[N], odata_type: object) -> type[N]:
    """The class `@odata.type` names when it derives from `cls`; otherwise `cls` itself.
    A derived class the package declares is imported when a payload first names it."""
    if isinstance(odata_type, str):
        name = odata_type.removeprefix("#")
        found = _CLASSES.get(name)
        if found is None and registry.derives(name, cls._graph_type):
            found = registry.model_class(name)
        if found is not None and found is not cls and issubclass(found, cls):
            return found
    return cls


def json_decoder(kind: Any) -> msgspec.json.Decoder[Any]:
    """msgspec's decoder of a type holding models: navigation values reach `decode_hook` as
    plain data, with every non-integer number a Decimal, as exact as the wire."""
    return msgspec.json.Decoder(kind, dec_hook=decode_hook, float_hook=Decimal)


def decode_hook(kind: Any, value: Any) -> Any:
    """A navigation property's value, as the model it names (or the derived one its
    `@odata.type` names), that model imported now; a flags value."""
    target = navigation.target(kind)
    if target is None:
        return _flags_hook(kind, value)
    if isinstance(value, dict):
        target = _pick(target, value.get("@odata.type"))
    return msgspec.convert(value, target, dec_hook=decode_hook)


def written_hints(cls: type) -> dict[str, tuple[type, Any]]:
    """Each field's hint as its class wrote it (a string, in a generated module), with the
    class that wrote it: a derived class's own hint wins over its base's."""
    fields = set(cls.__struct_fields__)  # type: ignore[attr-defined]
    return {
        attr: (owner, hint)
        for owner in reversed(cls.__mro__)
        for attr, hint in inspect.get_annotations(owner).items()
        if attr in fields
    }


def evaluated(owner: type, hint: Any, names: dict[str, Any]) -> Any:
    """A hint as msgspec reads it: a string is evaluated with the class's names first, then
    `names` (its module's), as `typing.get_type_hints` does. The string is the generated
    module's own source, which importing the module ran already; no data reaches it."""
    if isinstance(hint, str):
        hint = eval(hint, names, vars(owner))
    return type(None) if hint is None else hint


def _hints(cls: type[msgspec.Struct]) -> dict[str, Any]:
    """Each field's hint as msgspec reads it, without the typing machinery
    `msgspec.structs.fields` runs on every hint."""
    return {
        attr: evaluated(owner, hint, sys.modules[owner.__module__].__dict__)
        for attr, (owner, hint) in written_hints(cls).items()
    }


def _pointer(message: str) -> str:
    """The JSON pointer in a msgspec message (`... - at `$.a[0].b``), for the rare case our
    rules let through what msgspec refuses."""
    _, _, where = message.rpartition(" - at `$")
    path = where.rstrip("`").replace("[", ".").replace("]", "")
    return "/".join(["", *[p for p in path.split(".") if p]]) if where else ""
