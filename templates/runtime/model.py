"""The base of every generated model: exact JSON in and out, unknown properties kept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar, Self

import msgspec
from msgspec import UNSET, UnsetType

from .validation import Issue, ValidationError, validate

_ENCODER = msgspec.json.Encoder(decimal_format="number")
_RAW_DECODER = msgspec.json.Decoder(float_hook=Decimal)
_EXTRA = "_additional_data"


class Model(
    msgspec.Struct,
    kw_only=True,
    omit_defaults=True,
    forbid_unknown_fields=True,
    dict=True,
    rename={"odata_type": "@odata.type"},
):
    """A Graph object: attributes are snake_case, the wire keeps its camelCase names."""

    _graph_type: ClassVar[str]
    odata_type: str | UnsetType = UNSET

    @property
    def additional_data(self) -> dict[str, Any]:
        """Wire properties this model does not declare; they are written back as they came."""
        extra: dict[str, Any] = self.__dict__.setdefault(_EXTRA, {})
        return extra

    @classmethod
    def from_json(cls, data: bytes | str) -> Self:
        """Decode and validate; a bad payload raises ValidationError naming every problem."""
        try:
            model: Self = _decoder(cls).decode(data)
            return model
        except (msgspec.ValidationError, msgspec.DecodeError):
            pass
        try:
            raw = _RAW_DECODER.decode(data)
        except msgspec.DecodeError as error:
            raise ValidationError([Issue("", f"invalid JSON: {error}")]) from None
        if isinstance(raw, dict):
            try:  # unknown properties, but JSON numbers arrive as int or Decimal: no float here
                model = msgspec.convert(_known(cls, raw), cls)
                _attach_extra(model, raw)
                return model
            except msgspec.ValidationError:
                pass
        return cls.from_dict(raw)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Validate a decoded payload (wire names) and build the model from it."""
        issues = validate(cls._graph_type, data)
        if issues:
            raise ValidationError(issues)
        try:
            model = msgspec.json.decode(_ENCODER.encode(_known(cls, data)), type=cls)
        except (msgspec.ValidationError, msgspec.EncodeError, TypeError) as error:
            raise ValidationError([Issue(_pointer(str(error)), str(error))]) from None
        _attach_extra(model, data)
        return model

    def to_dict(self) -> dict[str, Any]:
        """The wire form: camelCase names, Decimal kept exact, unknown properties included."""
        data: dict[str, Any] = msgspec.to_builtins(self, builtin_types=(Decimal,))
        _merge_extra(self, data)
        return data

    def to_json(self) -> bytes:
        """The wire form as JSON bytes; amounts are JSON numbers with every digit."""
        if _has_extra(self):
            return _ENCODER.encode(self.to_dict())
        return _ENCODER.encode(self)

    def checked(self, mode: str) -> dict[str, Any]:
        """The wire form, after checking it may be sent: `mode` is "create" or "update"."""
        data = self.to_dict()
        issues = validate(self._graph_type, data, mode=mode)
        if issues:
            raise ValidationError(issues)
        return data


class Entity(Model, rename={"odata_type": "@odata.type", "odata_etag": "@odata.etag"}):
    """A Graph entity: it has a key and an etag for optimistic concurrency."""

    odata_etag: str | UnsetType = UNSET


def _pointer(message: str) -> str:
    """The JSON pointer in a msgspec message (`... - at `$.a[0].b``), for the rare case our
    rules let through what msgspec refuses."""
    _, _, where = message.rpartition(" - at `$")
    path = where.rstrip("`").replace("[", ".").replace("]", "")
    return "/".join(["", *[p for p in path.split(".") if p]]) if where else ""


def encode(data: Any) -> bytes:
    """JSON with Decimal as a number, for request bodies."""
    return _ENCODER.encode(data)


def decode_raw(data: bytes) -> Any:
    """JSON with every non-integer number as a Decimal."""
    return _RAW_DECODER.decode(data)


@cache
def _decoder(cls: type[Model]) -> msgspec.json.Decoder[Any]:
    return msgspec.json.Decoder(cls)


@dataclass(frozen=True)
class _Plan:
    """Which wire names a class declares, and which of them hold nested models."""

    wire_names: frozenset[str]
    nested: tuple[tuple[str, str, type[Model], bool], ...]


@cache
def _plan(cls: type[Model]) -> _Plan:
    info = msgspec.inspect.type_info(cls)
    assert isinstance(info, msgspec.inspect.StructType)
    nested = []
    for f in info.fields:
        found = _nested_type(f.type)
        if found is not None:
            nested.append((f.encode_name, f.name, found[0], found[1]))
    return _Plan(frozenset(f.encode_name for f in info.fields), tuple(nested))


def _nested_type(t: msgspec.inspect.Type) -> tuple[type[Model], bool] | None:
    options = t.types if isinstance(t, msgspec.inspect.UnionType) else (t,)
    for option in options:
        many = isinstance(option, msgspec.inspect.ListType)
        inner = option.item_type if isinstance(option, msgspec.inspect.ListType) else option
        if isinstance(inner, msgspec.inspect.StructType) and issubclass(inner.cls, Model):
            return inner.cls, many
    return None


def _known(cls: type[Model], data: Mapping[str, Any]) -> dict[str, Any]:
    """The declared part of a payload, nested models included, for the typed decoder."""
    plan = _plan(cls)
    known = {k: v for k, v in data.items() if k in plan.wire_names}
    for wire, _, nested, many in plan.nested:
        value = known.get(wire)
        if isinstance(value, list) and many:
            known[wire] = [_known(nested, v) for v in value]
        elif isinstance(value, Mapping):
            known[wire] = _known(nested, value)
    return known


def _attach_extra(model: Model, data: Mapping[str, Any]) -> None:
    plan = _plan(type(model))
    extra = {k: v for k, v in data.items() if k not in plan.wire_names}
    if extra:
        model.__dict__[_EXTRA] = extra
    for wire, attr, _, many in plan.nested:
        child, raw = getattr(model, attr), data.get(wire)
        if many and isinstance(child, list) and isinstance(raw, list):
            for c, r in zip(child, raw):
                _attach_extra(c, r)
        elif isinstance(child, Model) and isinstance(raw, Mapping):
            _attach_extra(child, raw)


def _has_extra(model: Model) -> bool:
    if model.__dict__.get(_EXTRA):
        return True
    for _, attr, _, many in _plan(type(model)).nested:
        child = getattr(model, attr)
        children = child if many and isinstance(child, list) else [child]
        if any(isinstance(c, Model) and _has_extra(c) for c in children):
            return True
    return False


def _merge_extra(model: Model, data: dict[str, Any]) -> None:
    data.update(model.__dict__.get(_EXTRA, {}))
    for wire, attr, _, many in _plan(type(model)).nested:
        child, raw = getattr(model, attr), data.get(wire)
        if many and isinstance(child, list) and isinstance(raw, list):
            for c, r in zip(child, raw):
                _merge_extra(c, r)
        elif isinstance(child, Model) and isinstance(raw, dict):
            _merge_extra(child, raw)
