"""The base of every generated model: exact JSON in and out, unknown properties kept, the
derived class `@odata.type` names, and what the service sent remembered for `patch`."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache, partial
from types import UnionType
from typing import Any, ClassVar, NamedTuple, Self, TypeVar, Union, get_args, get_origin

import msgspec
from msgspec import UNSET, UnsetType

from . import navigation, registry
from .enums import decode_hook as _flags_hook
from .enums import encode_hook
from .validation import Issue, ValidationError, rules_of, tagged, validate

_ENCODER = msgspec.json.Encoder(decimal_format="number", enc_hook=encode_hook)
_RAW_DECODER = msgspec.json.Decoder(float_hook=Decimal)
_EXTRA = "_additional_data"
_SENT = "_sent"
M = TypeVar("M", bound="Model")


class _PerClass(dict[type["Model"], Any]):
    """What a class needs on every decode or encode, found on its first: a lookup that
    stays in C (no method call, no default) on the hot path."""

    def __init__(self, find: Callable[[type[Model]], Any]) -> None:
        super().__init__()
        self._find = find

    def __missing__(self, cls: type[Model]) -> Any:
        found = self[cls] = self._find(cls)
        return found


# Per class, found once: by Graph type name; msgspec's decoder (it stops at a payload whose
# `@odata.type` names a derived class, see `_stop_at_derived`); the attributes that hold
# nested models, and nested entities.
_CLASSES: dict[str, type[Model]] = {}
_DECODERS = _PerClass(lambda cls: json_decoder(cls).decode)
_CHILDREN = _PerClass(lambda cls: _children_of(cls))
_ENTITIES = _PerClass(lambda cls: _entities_of(cls))
# Whether a model has held properties it does not declare: until one has, encoding need not
# look for them in nested models.
_extras_seen = False
_LEAVES = frozenset({UnsetType, type(None)})  # values that hold no nested model


class Model(
    msgspec.Struct,
    kw_only=True,
    omit_defaults=True,
    forbid_unknown_fields=True,
    dict=True,
    repr_omit_defaults=True,
    rename={"odata_type": "@odata.type", "odata_context": "@odata.context"},
):
    """A Graph object: attributes are snake_case, the wire keeps its camelCase names."""

    _graph_type: ClassVar[str]
    # What validation cannot read from the hints (see `rules.py`); the generated class
    # sets only those that apply to it.
    _read_only: ClassVar[frozenset[str]] = frozenset()  # attributes the server sets
    _graph_types: ClassVar[Mapping[str, str]] = {}  # Graph types a hint leaves open
    _abstract: ClassVar[bool] = False
    _open_type: ClassVar[bool] = False
    _prefer_unknown_members: ClassVar[bool] = False
    odata_type: str | UnsetType = UNSET
    odata_context: str | UnsetType = (
        UNSET  # what a response says it holds, kept as sent
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A class is found by its Graph type name, so `@odata.type` can pick it; one that
        may have derived classes checks it as msgspec decodes it (see `_stop_at_derived`).
        """
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("_graph_type")
        if isinstance(name, str):
            _CLASSES[name] = cls
        leaf = (
            isinstance(name, str)
            and registry.known(name)
            and not registry.has_derived(name)
        )
        if not leaf and cls.__module__ != __name__:
            # msgspec looks for the hook once this returns; Model itself declares none
            setattr(cls, "__post_init__", _stop_at_derived)  # noqa: B010

    @property
    def removed(self) -> Removed | None:
        """In a delta round, why the service reports the item removed (`@removed`); None
        for an item that is there."""
        marker = self.__dict__.get(_EXTRA, {}).get("@removed")
        if not isinstance(marker, Mapping):
            return None
        reason = marker.get("reason")
        return Removed(reason if isinstance(reason, str) else None)

    @property
    def additional_data(self) -> dict[str, Any]:
        """Wire properties this model does not declare; they are written back as they came."""
        _saw_extras()
        extra: dict[str, Any] = self.__dict__.setdefault(_EXTRA, {})
        return extra

    @classmethod
    def from_json(cls, data: bytes | str) -> Self:
        """Decode and validate; a bad payload raises ValidationError naming every problem."""
        try:
            model: Self = _DECODERS[cls](data)
            return model
        except (msgspec.ValidationError, msgspec.DecodeError):
            return _from_json_slowly(cls, data)

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
        data: dict[str, Any] = msgspec.to_builtins(
            self, builtin_types=(Decimal,), enc_hook=encode_hook
        )
        _merge_extra(self, data)
        return data

    def to_json(self) -> bytes:
        """The wire form as JSON bytes; amounts are JSON numbers with every digit."""
        if _extras_seen:
            return _json_with_extras(self)
        return _ENCODER.encode(self)

    def __copy__(self) -> Self:
        """A copy keeps what no field holds: `additional_data` and what the service sent."""
        twin = msgspec.structs.replace(self)
        twin.__dict__.update(self.__dict__)
        return twin

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle and deepcopy keep `additional_data` and what the service sent (msgspec's
        own keep the fields only), the latter as plain data."""
        state = {k: v for k, v in self.__dict__.items() if k == _EXTRA}
        sent = self.__dict__.get(_SENT)
        if sent is not None:
            state[_SENT] = sent if isinstance(sent, bytes) else _sent(self)
        fields = msgspec.structs.asdict(self)
        return (_restore, (type(self), fields), state)

    def __setstate__(self, state: dict[str, Any]) -> None:
        if state.get(_EXTRA):
            _saw_extras()
        self.__dict__.update(state)

    def checked(self, mode: str) -> dict[str, Any]:
        """A request body, after checking it may be sent: `mode` is "create", "update"
        (PATCH: of a model the service sent, only what changed) or "replace" (PUT)."""
        data = _changes(self, mode, self.to_dict())
        _tag(self, data)
        issues = validate(self._graph_type, data, mode=mode, sent=_sent(self))
        if issues:
            raise ValidationError(issues)
        return data


def _json_with_extras(model: Model) -> bytes:
    """The wire form once some model has held undeclared properties: this one's after the
    declared ones, as `to_dict` has them; a nested model's through `to_dict`."""
    if _nested_extra(model):
        return _ENCODER.encode(model.to_dict())
    body = _ENCODER.encode(model)
    extra = model.__dict__.get(_EXTRA)
    if not extra:
        return body
    tail = _ENCODER.encode(extra)
    return body[:-1] + b"," + tail[1:] if len(body) > 2 else tail


def _from_json_slowly(cls: type[M], data: bytes | str) -> M:
    """What msgspec refused at once: unknown properties, a derived class, or a bad payload
    (then a ValidationError naming every problem)."""
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


def _stop_at_derived(model: Model) -> None:
    """A value whose `@odata.type` names a class derived from its own is that class:
    msgspec's decoding stops here, and the payload is built as the class it names. A class
    the package declares without derived types skips this call on every decode."""
    if model.odata_type is not UNSET:
        found = _pick(type(model), model.odata_type)
        if found is not type(model):
            message = f"@odata.type {model.odata_type!r} is {found.__name__}: use it"
            raise ValueError(message)


class Removed(NamedTuple):
    """What `@removed` says of an item a delta round reports gone: `changed` (it may come
    back: out of scope, or soft-deleted) or `deleted` (for good)."""

    reason: str | None


class EntityModel(
    Model,
    rename={
        "odata_type": "@odata.type",
        "odata_context": "@odata.context",
        "odata_etag": "@odata.etag",
    },
):
    """A Graph entity: it has a key and an etag for optimistic concurrency."""

    odata_etag: str | UnsetType = UNSET


def sendable(model: Model) -> dict[str, Any]:
    """A model inside another request (an action's parameter): every property set, and
    `@odata.type` where the service needs it; validated with the request."""
    data = model.to_dict()
    _tag(model, data)
    return data


class _Source(NamedTuple):
    """What the service sent, kept as it came until a write needs its wire form: how to
    decode it again, and where the model is in what that returns."""

    decode: Callable[[], Any]
    path: tuple[str | int, ...]


def track(
    model: M,
    sent: bytes | Callable[[], Any] | None = None,
    path: tuple[str | int, ...] = (),
) -> M:
    """Remember what the service sent for a model and the entities nested in it. Given what
    it sent (the model's JSON, or what reads again the payload that holds it, and where),
    nothing is copied until a write needs it; without, the wire form is copied now."""
    if sent is None:
        _remember(model, model.to_dict())
        return model
    model.__dict__[_SENT] = sent if isinstance(sent, bytes) else _Source(sent, path)
    for attr, many in _ENTITIES[type(model)]:
        value = getattr(model, attr)
        if value is UNSET or value is None:
            continue
        if many and isinstance(value, list):
            for i, child in enumerate(value):
                if isinstance(child, EntityModel):
                    track(child, _reader(model, sent), (*path, attr, i))
        elif isinstance(value, EntityModel):
            track(value, _reader(model, sent), (*path, attr))
    return model


def received(cls: type[M], data: bytes) -> M:
    """`track(cls.from_json(data), data)` in one call, as the client reads a response: the
    hot path of every read, so it stays one Python call while no entity is nested."""
    try:
        model: M = _DECODERS[cls](data)
    except (msgspec.ValidationError, msgspec.DecodeError):
        model = _from_json_slowly(cls, data)
    model.__dict__[_SENT] = data
    for attr, _ in _ENTITIES[type(model)]:
        value = getattr(model, attr)
        if value is not UNSET and value is not None:  # an expanded entity: track it too
            return track(model, data)
    return model


def _restore(cls: type[M], fields: dict[str, Any]) -> M:
    """A model again from its fields, for pickle and deepcopy."""
    return cls(**fields)


def _reader(model: Model, sent: bytes | Callable[[], Any]) -> Callable[[], Any]:
    return partial(type(model).from_json, sent) if isinstance(sent, bytes) else sent


def _sent(model: Model) -> dict[str, Any] | None:
    """The wire form the service sent, decoded again the first time it is asked for."""
    sent = model.__dict__.get(_SENT)
    if isinstance(sent, bytes):
        sent = model.__dict__[_SENT] = type(model).from_json(sent).to_dict()
    elif isinstance(sent, _Source):
        found = sent.decode()
        for step in sent.path:
            found = found[step] if isinstance(step, int) else getattr(found, step)
        sent = model.__dict__[_SENT] = found.to_dict()
    return sent


def _remember(model: Model, data: dict[str, Any]) -> None:
    model.__dict__[_SENT] = data
    for wire, attr, _, many in _plan(type(model)).nested:
        for child, raw in _pairs(getattr(model, attr), data.get(wire), many):
            _remember(child, raw)


def _changes(model: Model, mode: str, data: dict[str, Any]) -> dict[str, Any]:
    """What a write sends: a PATCH of a model the service sent holds only the properties
    that changed; a PUT leaves out only read-only properties and annotations not changed.
    """
    sent = _sent(model)
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


def _pick(cls: type[M], odata_type: object) -> type[M]:
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


class _Plan(NamedTuple):
    """Which wire names a class declares, and which of them hold nested models."""

    wire_names: frozenset[str]
    nested: tuple[
        tuple[str, str, Any, bool], ...
    ]  # a model class, or a navigation marker
    children: tuple[tuple[str, bool], ...]  # (attribute, holds a list) of `nested`
    entities: tuple[tuple[str, bool], ...]  # the same, of the nested entities


@cache
def _plan(cls: type[Model]) -> _Plan:
    """Read from the class's own fields: the classes it holds are imported, no further."""
    hints = _hints(cls)
    wire = dict(zip(cls.__struct_fields__, cls.__struct_encode_fields__))
    nested = []
    for attr, name in wire.items():
        found = _nested_type(hints[attr])
        if found is not None:
            nested.append((name, attr, found[0], found[1]))
    wire_names = frozenset(wire.values())
    children = tuple((attr, many) for _, attr, _, many in nested)
    entities = tuple(
        (attr, many)
        for _, attr, n, many in nested
        if navigation.is_navigation(n) or issubclass(n, EntityModel)
    )
    return _Plan(wire_names, tuple(nested), children, entities)


def _hints(cls: type[Model]) -> dict[str, Any]:
    """Each field's hint as msgspec reads it (the class's names first, then its module's),
    without the typing machinery `msgspec.structs.fields` runs on every hint."""
    fields, found = set(cls.__struct_fields__), {}
    for owner in reversed(cls.__mro__):
        names = sys.modules[owner.__module__].__dict__
        for attr, hint in inspect.get_annotations(owner).items():
            if attr in fields:
                if isinstance(hint, str):
                    hint = eval(hint, names, vars(owner))
                found[attr] = type(None) if hint is None else hint
    return found


def _children_of(cls: type[Model]) -> tuple[tuple[str, bool], ...]:
    return _plan(cls).children


def _entities_of(cls: type[Model]) -> tuple[tuple[str, bool], ...]:
    return _plan(cls).entities


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


def _nested_type(hint: Any) -> tuple[Any, bool] | None:
    """The model class (or navigation marker) a field holds, and whether in a list; None
    for other values."""
    union = get_origin(hint) in (Union, UnionType)
    for option in get_args(hint) if union else (hint,):
        many = get_origin(option) is list
        inner = get_args(option)[0] if many else option
        if navigation.is_navigation(inner) or (
            isinstance(inner, type) and issubclass(inner, Model)
        ):
            return inner, many
    return None


def _build(cls: type[M], data: Mapping[str, Any]) -> M:
    """A model from a decoded payload: the class `@odata.type` names, nested models built
    the same way, unknown properties kept in `additional_data`."""
    target = _pick(cls, data.get("@odata.type"))
    plan = _plan(target)
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        (known if key in plan.wire_names else extra)[key] = value
    built: dict[str, Any] = {}
    for wire, attr, kind, many in plan.nested:
        value = known.get(wire)
        if many and isinstance(value, list):
            if not all(isinstance(v, Mapping) for v in value):
                continue
            built[attr] = [_build(_model_of(kind), v) for v in value]
        elif not many and isinstance(value, Mapping):
            built[attr] = _build(_model_of(kind), value)
        else:
            continue
        del known[wire]
    model = msgspec.convert(known, target, dec_hook=decode_hook)
    for attr, value in built.items():
        setattr(model, attr, value)
    if extra:
        _saw_extras()
        model.__dict__[_EXTRA] = extra
    return model


def _model_of(kind: Any) -> type[Model]:
    """A nested model's class: a navigation property's is imported when a value needs it."""
    found: type[Model] = navigation.target(kind) or kind
    return found


def _pairs(child: Any, raw: Any, many: bool) -> list[tuple[Model, dict[str, Any]]]:
    """A nested model (or each one of a list) beside its part of the wire form."""
    if many and isinstance(child, list) and isinstance(raw, list):
        pairs = zip(child, raw)
    else:
        pairs = zip([child], [raw])
    return [(c, r) for c, r in pairs if isinstance(c, Model) and isinstance(r, dict)]


def _saw_extras() -> None:
    global _extras_seen
    _extras_seen = True


def _nested_extra(model: Model) -> bool:
    """Whether a model nested in this one holds properties it does not declare."""
    for attr, many in _CHILDREN[type(model)]:
        child = getattr(model, attr)
        if type(child) in _LEAVES:
            continue
        for item in child if many and isinstance(child, list) else (child,):
            if isinstance(item, Model) and (
                item.__dict__.get(_EXTRA) or _nested_extra(item)
            ):
                return True
    return False


def _merge_extra(model: Model, data: dict[str, Any]) -> None:
    data.update(model.__dict__.get(_EXTRA, {}))
    for wire, attr, _, many in _plan(type(model)).nested:
        for child, raw in _pairs(getattr(model, attr), data.get(wire), many):
            _merge_extra(child, raw)
