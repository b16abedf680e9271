"""OData primitive types that need more than a Python type: ranges and time zones."""

from datetime import datetime
from typing import Annotated

from msgspec import Meta

Byte = Annotated[int, Meta(ge=0, le=255)]
SByte = Annotated[int, Meta(ge=-128, le=127)]
Int16 = Annotated[int, Meta(ge=-(2**15), le=2**15 - 1)]
Int32 = Annotated[int, Meta(ge=-(2**31), le=2**31 - 1)]
Int64 = Annotated[int, Meta(ge=-(2**63), le=2**63 - 1)]
DateTimeOffset = Annotated[datetime, Meta(tz=True)]

RANGES: dict[str, tuple[int, int]] = {
    "Byte": (0, 255),
    "SByte": (-128, 127),
    "Int16": (-(2**15), 2**15 - 1),
    "Int32": (-(2**31), 2**31 - 1),
    "Int64": (-(2**63), 2**63 - 1),
}
