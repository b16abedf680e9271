"""Actions and functions, as a generated builder module declares each once: its parameters are
checked like a model's properties before anything is sent, then sent as a JSON body (an action)
or as OData literals in the URL (a function); its answer is read as its result type says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec
from msgspec import UNSET

from .calls import Params
from .enums import encode_hook
from .model import Model, sendable
from .odata import literal
from .rules import Rules
from .validation import ValidationError, register, validate
from .wire import encode

if TYPE_CHECKING:
    import httpx

T = TypeVar("T")


@dataclass(frozen=True)
class BoundOperation(Generic[T]):
    """An action or a function of a type: where it goes, what it takes, what it answers."""

    owner: str  # the qualified name of the type that declares it
    name: str  # its wire name: the path segment
    expected: tuple[int, ...]  # the success statuses
    decode: Callable[[httpx.Response], T]
    fields: Mapping[str, str] = field(default_factory=dict)  # parameter -> Graph type
    optional: frozenset[str] = frozenset()  # may be left out, never null: None omits it
    nullable: frozenset[str] = frozenset()  # may be sent as null
    function: bool = False
    # its parameters or result can hold enum members sent only to a client that asks
    prefer_unknown_members: bool = False

    def __post_init__(self) -> None:
        """The parameters are validated as a model's properties are: by registered rules."""
        not_null = frozenset(self.fields) - self.nullable
        register(Rules(self.rules, fields=dict(self.fields), not_null=not_null))

    @property
    def rules(self) -> str:
        """The name its parameters' rules are registered under (`...event/forward`)."""
        return f"{self.owner}/{self.name}" + ("()" if self.function else "")

    def arguments(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The arguments given, in their wire form; a bad one raises ValidationError naming
        every problem at its JSON pointer (`/ToRecipients/0/emailAddress`)."""
        data = {
            wire: wire_value(value)
            for wire, value in values.items()
            if value is not UNSET and not (value is None and wire in self.optional)
        }
        issues = validate(self.rules, data, mode="create")
        if issues:
            raise ValidationError(issues)
        return data

    def call(self, data: Mapping[str, Any]) -> tuple[str, Params]:
        """A function's path segment, `name(a='x',b=@b)`, and its aliases' JSON values."""
        inline, aliases = [], []
        for wire, value in data.items():
            text = literal(self.fields[wire], value)
            if text is None:
                aliases.append((f"@{wire}", encode(value).decode()))
                text = f"@{wire}"
            inline.append(f"{wire}={text}")
        return f"{self.name}({','.join(inline)})", tuple(aliases)


def wire_value(value: Any) -> Any:
    """A Python value as JSON carries it: a model with `@odata.type` where needed, a date as
    its ISO text, an enum as its member (flags as `"a,b"`), Decimal kept exact."""
    if isinstance(value, Model):
        return sendable(value)
    if isinstance(value, list | tuple):
        return [wire_value(v) for v in value]
    if isinstance(value, dict):
        return {k: wire_value(v) for k, v in value.items()}
    return msgspec.to_builtins(value, builtin_types=(Decimal,), enc_hook=encode_hook)
