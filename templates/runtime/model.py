"""The base of every generated model: exact JSON in and out, unknown properties kept, the
derived class `@odata.type` names, and what the service sent remembered for `patch`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, ClassVar, Self, TypeVar

import msgspec
from msgspec import UNSET, UnsetType

from .validation import Issue, ValidationError, rules_of, tagged, validate

_ENCODER = msgspec.json.Encoder(decimal_format="number")
_RAW_DECODER = msgspec.json.Decoder(float_hook=Decimal)
_EXTRA = "_additional_data"
_SENT = "_sent"
_CLASSES: dict[str, type[Model]] = {}
M = TypeVar("M", bound="Model")


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

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A class is found by its Graph type name, so `@odata.type` can pick it."""
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("_graph_type")
        if isinstance(name, str):
            _CLASSES[name] = cls
            _plan.cache_clear()
            _fast_decoder.cache_clear()

    @property
    def additional_data(self) -> dict[str, Any]:
        """Wire properties this model does not declare; they are written back as they came."""
        extra: dict[str, Any] = self.__dict__.setdefault(_EXTRA, {})
        return extra

    @classmethod
    def from_json(cls, data: bytes | str) -> Self:
        """Decode and validate; a bad payload raises ValidationError naming every problem."""
        decoder = _fast_decoder(cls)
        if decoder is None and _plan(cls).derived:
            decoder = _fast_decoder(_pick(cls, _peek(data)))
        if decoder is not None:
            try:
                model: Self = decoder.decode(data)
                return model
            except (msgspec.ValidationError, msgspec.DecodeError):
                pass
        try:
            raw = _RAW_DECODER.decode(data)
        except msgspec.DecodeError as error:
            raise ValidationError([Issue("", f"invalid JSON: {error}")]) from None
        if isinstance(raw, dict):
            try:  # unknown properties, but JSON numbers arrive as int or Decimal: no float
                return _build(cls, raw)
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
            return _build(cls, data)
        except (msgspec.ValidationError, TypeError) as error:
            raise ValidationError([Issue(_pointer(str(error)), str(error))]) from None

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
        """A request body, after checking it may be sent: `mode` is "create", "update"
        (PATCH: of a model the service sent, only what changed) or "replace" (PUT)."""
        data = _changes(self, mode, self.to_dict())
        _tag(self, data)
        issues = validate(self._graph_type, data, mode=mode)
        if issues:
            raise ValidationError(issues)
        return data


class EntityModel(
    Model, rename={"odata_type": "@odata.type", "odata_etag": "@odata.etag"}
):
    """A Graph entity: it has a key and an etag for optimistic concurrency."""

    odata_etag: str | UnsetType = UNSET


def track(model: M) -> M:
    """Remember the wire form of a model the service sent, nested models too."""
    _remember(model, model.to_dict())
    return model


def _remember(model: Model, data: dict[str, Any]) -> None:
    model.__dict__[_SENT] = data
    for wire, attr, _, many in _plan(type(model)).nested:
        for child, raw in _pairs(getattr(model, attr), data.get(wire), many):
            _remember(child, raw)


def _changes(model: Model, mode: str, data: dict[str, Any]) -> dict[str, Any]:
    """What a write sends: a PATCH of a model the service sent holds only the properties
    that changed; a PUT leaves out only read-only properties and annotations not changed.
    """
    sent = model.__dict__.get(_SENT)
    if sent is None or mode == "create":
        return data
    changed = {k: v for k, v in data.items() if k not in sent or sent[k] != v}
    if mode == "update":
        return changed
    fixed = rules_of(model._graph_type).read_only
    return {
        k: v
        for k, v in data.items()
        if k in changed or not (k in fixed or k.startswith("@"))
    }


def _tag(model: Model, data: dict[str, Any]) -> None:
    """`@odata.type` where the service needs it to tell a type from its relatives, first,
    as OData writes control information."""
    if "@odata.type" not in data and tagged(model._graph_type):
        rest = data.copy()
        data.clear()
        data.update({"@odata.type": f"#{model._graph_type}", **rest})
    for wire, attr, _, many in _plan(type(model)).nested:
        for child, raw in _pairs(getattr(model, attr), data.get(wire), many):
            _tag(child, raw)


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


class _Tag(msgspec.Struct):
    odata_type: str | None = msgspec.field(default=None, name="@odata.type")


_TAG_DECODER = msgspec.json.Decoder(_Tag)


def _peek(data: bytes | str) -> str | None:
    """`@odata.type` of a payload, read without building anything else."""
    try:
        return _TAG_DECODER.decode(data).odata_type
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


def _pick(cls: type[M], odata_type: object) -> type[M]:
    """The class `@odata.type` names when it derives from `cls`; otherwise `cls` itself."""
    if isinstance(odata_type, str):
        found = _CLASSES.get(odata_type.removeprefix("#"))
        if found is not None and issubclass(found, cls):
            return found
    return cls


@dataclass(frozen=True)
class _Plan:
    """Which wire names a class declares, which of them hold nested models, and whether
    other classes derive from it."""

    wire_names: frozenset[str]
    nested: tuple[tuple[str, str, type[Model], bool], ...]
    derived: bool


@cache
def _plan(cls: type[Model]) -> _Plan:
    info = msgspec.inspect.type_info(cls)
    assert isinstance(info, msgspec.inspect.StructType)
    nested = []
    for f in info.fields:
        found = _nested_type(f.type)
        if found is not None:
            nested.append((f.encode_name, f.name, found[0], found[1]))
    derived = any(c is not cls and issubclass(c, cls) for c in _CLASSES.values())
    return _Plan(frozenset(f.encode_name for f in info.fields), tuple(nested), derived)


@cache
def _fast_decoder(cls: type[Model]) -> msgspec.json.Decoder[Any] | None:
    """msgspec's own decoder, for a class with nothing polymorphic in it."""
    return msgspec.json.Decoder(cls) if _monomorphic(cls, set()) else None


def monomorphic(cls: type[Model]) -> bool:
    """Whether msgspec alone can decode the class: no derived classes anywhere in it."""
    return _fast_decoder(cls) is not None


def _monomorphic(cls: type[Model], seen: set[type[Model]]) -> bool:
    """Neither the class nor one reachable through its nested properties has derived ones."""
    seen.add(cls)
    plan = _plan(cls)
    return not plan.derived and all(
        _monomorphic(n, seen) for _, _, n, _ in plan.nested if n not in seen
    )


def _nested_type(t: msgspec.inspect.Type) -> tuple[type[Model], bool] | None:
    options = t.types if isinstance(t, msgspec.inspect.UnionType) else (t,)
    for option in options:
        many = isinstance(option, msgspec.inspect.ListType)
        inner = (
            option.item_type if isinstance(option, msgspec.inspect.ListType) else option
        )
        if isinstance(inner, msgspec.inspect.StructType) and issubclass(
            inner.cls, Model
        ):
            return inner.cls, many
    return None


def _build(cls: type[M], data: Mapping[str, Any]) -> M:
    """A model from a decoded payload: the class `@odata.type` names, nested models built
    the same way, unknown properties kept in `additional_data`."""
    target = _pick(cls, data.get("@odata.type"))
    plan = _plan(target)
    known = {k: v for k, v in data.items() if k in plan.wire_names}
    built: dict[str, Any] = {}
    for wire, attr, nested, many in plan.nested:
        value = known.get(wire)
        if (
            many
            and isinstance(value, list)
            and all(isinstance(v, Mapping) for v in value)
        ):
            built[attr] = [_build(nested, v) for v in value]
        elif not many and isinstance(value, Mapping):
            built[attr] = _build(nested, value)
        else:
            continue
        del known[wire]
    model = msgspec.convert(known, target)
    for attr, value in built.items():
        setattr(model, attr, value)
    extra = {k: v for k, v in data.items() if k not in plan.wire_names}
    if extra:
        model.__dict__[_EXTRA] = extra
    return model


def _pairs(child: Any, raw: Any, many: bool) -> list[tuple[Model, dict[str, Any]]]:
    """A nested model (or each one of a list) beside its part of the wire form."""
    if many and isinstance(child, list) and isinstance(raw, list):
        pairs = zip(child, raw)
    else:
        pairs = zip([child], [raw])
    return [(c, r) for c, r in pairs if isinstance(c, Model) and isinstance(r, dict)]


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
        for child, raw in _pairs(getattr(model, attr), data.get(wire), many):
            _merge_extra(child, raw)
