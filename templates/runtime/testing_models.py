"""For the generated tests: the model contracts (decoding, encoding, validation of one model
from its spec's samples), and the exact JSON helpers every contract compares with."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import msgspec
import pytest

from .model import Model
from .validation import ValidationError, rules_of

_DECODER = msgspec.json.Decoder(float_hook=Decimal)
_ENCODER = msgspec.json.Encoder(decimal_format="number")


def load(data: bytes | str) -> Any:
    """JSON with numbers as Decimal, so comparisons are exact."""
    return _DECODER.decode(data)


def dump(data: Any) -> bytes:
    """JSON with Decimal written as a number."""
    return _ENCODER.encode(data)


def _pointer(wire: str) -> str:
    """The JSON pointer of a top-level property."""
    return "/" + wire.replace("~", "~0").replace("/", "~1")


class ModelContract:
    """Decoding, encoding and validation of one model, from its spec's sample values."""

    model: ClassVar[type[Model]]
    samples: ClassVar[dict[str, Any]]  # one valid wire value per property
    bad: ClassVar[dict[str, Any]]  # one value per property that it must refuse

    def test_samples_decode_and_encode_exactly(self) -> None:
        model = self.model.from_dict(self.samples)
        assert load(model.to_json()) == self.samples
        assert self.model.from_json(dump(self.samples)) == model

    def test_unknown_properties_survive_a_round_trip(self) -> None:
        payload = {**self.samples, "futureProperty": {"nested": [1, "two"]}}
        model = self.model.from_json(dump(payload))
        assert model.additional_data == {"futureProperty": {"nested": [1, "two"]}}
        assert load(model.to_json()) == payload

    def test_every_bad_value_is_refused_at_its_path(self) -> None:
        for wire, value in self.bad.items():
            payload = {**self.samples, wire: value}
            with pytest.raises(ValidationError) as from_dict:
                self.model.from_dict(payload)
            with pytest.raises(ValidationError) as from_json:
                self.model.from_json(dump(payload))
            assert [e.path for e in from_dict.value.errors] == [_pointer(wire)]
            assert from_json.value.errors == from_dict.value.errors


class ExampleContract:
    """The spec's example payload, as the service sends it, survives decoding and encoding."""

    model: ClassVar[type[Model]]
    example: ClassVar[dict[str, Any]]

    def test_example_round_trips(self) -> None:
        model = self.model.from_json(dump(self.example))
        assert self.model.from_json(model.to_json()) == model
        assert self.model.from_dict(model.to_dict()) == model
        assert load(model.to_json()).keys() == self.example.keys()


class DecimalContract:
    """A Decimal property keeps every digit, in and out, as a JSON number."""

    model: ClassVar[type[Model]]
    decimal: ClassVar[str]  # the wire name of a Decimal property

    def test_decimal_keeps_every_digit(self) -> None:
        text = b"{" + dump(self.decimal) + b":12345678901234567890.000000001}"
        model = self.model.from_json(text)
        exact = Decimal("12345678901234567890.000000001")
        assert load(model.to_json()) == {self.decimal: exact}
        assert model.to_json() == text


class ReadOnlyContract:
    """A property the server sets is refused in create and update bodies."""

    model: ClassVar[type[Model]]
    samples: ClassVar[dict[str, Any]]
    read_only: ClassVar[tuple[str, ...]]

    def test_read_only_properties_are_refused_in_requests(self) -> None:
        abstract = rules_of(self.model._graph_type).abstract
        for wire in self.read_only:
            model = self.model.from_dict({wire: self.samples[wire]})
            for mode in ("create", "update"):
                with pytest.raises(ValidationError) as caught:
                    model.checked(mode)
                refused = [e.path for e in caught.value.errors]
                expected = [_pointer(wire)]
                if (
                    abstract and mode == "create"
                ):  # never created: said at the body's root
                    expected.append("")
                assert refused == expected
