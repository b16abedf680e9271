"""Decode, validate and re-encode a customerPayment payload: the generated model beside a bare
msgspec Struct of the same fields, and pydantic v2 if installed.

Usage: python benchmarks/roundtrip.py   (run from the repository root)
"""

from __future__ import annotations

import sys
import time
import timeit
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generated.models import CustomerPayment
from generated.runtime import DateTimeOffset, Int32

PAYLOAD = (
    b'{"@odata.etag":"W/\\"JzQ0O0VnQUFBQUo3QkRNQU1BQXdBREFBTUFBQUFBQT0xMTsxMjM0NTY3ODk7Jw==\\"",'
    b'"id":"6a7e7af1-8ae3-ea11-bb43-000d3a2feca1","journalDisplayName":"CASHRCPT",'
    b'"lineNumber":10000,"customerId":"5d115c9c-44e3-ea11-bb43-000d3a2feca1",'
    b'"customerNumber":"10000","contactId":"","postingDate":"2019-06-10",'
    b'"documentNumber":"G02001","externalDocumentNumber":"","amount":-2000.00,'
    b'"appliesToInvoiceId":"7a5e7e3b-8ae3-ea11-bb43-000d3a2feca1",'
    b'"appliesToInvoiceNumber":"103001","description":"Payment from Adatum Corporation",'
    b'"comment":"","lastModifiedDateTime":"2019-06-10T12:03:05.27Z"}'
)
WITH_UNKNOWN = (
    PAYLOAD[:-1] + b',"@odata.context":"https://graph.microsoft.com/beta/$metadata"}'
)


class BareCustomerPayment(
    msgspec.Struct, kw_only=True, omit_defaults=True, rename="camel"
):
    """The same fields and types as a plain msgspec Struct: the floor of what msgspec costs."""

    odata_etag: str | None = msgspec.field(default=None, name="@odata.etag")
    amount: Decimal | None = None
    applies_to_invoice_id: UUID | None = None
    applies_to_invoice_number: str | None = None
    comment: str | None = None
    contact_id: str | None = None
    customer_id: UUID | None = None
    customer_number: str | None = None
    description: str | None = None
    document_number: str | None = None
    external_document_number: str | None = None
    id: UUID | None = None
    journal_display_name: str | None = None
    last_modified_date_time: DateTimeOffset | None = None
    line_number: Int32 | None = None
    posting_date: date | None = None


_BARE_DECODER = msgspec.json.Decoder(BareCustomerPayment)
_BARE_ENCODER = msgspec.json.Encoder(decimal_format="number")


def rates(
    candidates: dict[str, Callable[[], object]], rounds: int = 60
) -> dict[str, float]:
    """Round trips per second of each candidate: the best of `rounds` runs of ~20 ms taken in
    turn, timed in CPU time of this process, so that other work on the machine counts less.
    """
    timers = {
        name: timeit.Timer(fn, timer=time.process_time)
        for name, fn in candidates.items()
    }
    numbers = {
        name: max(1, timer.autorange()[0] // 10) for name, timer in timers.items()
    }
    best = dict.fromkeys(timers, float("inf"))
    for _ in range(rounds):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(numbers[name]) / numbers[name])
    return {name: 1 / seconds for name, seconds in best.items()}


def pydantic_roundtrip() -> Callable[[], object] | None:
    try:
        from benchmarks.pydantic_model import roundtrip
    except ImportError:
        return None
    return lambda: roundtrip(PAYLOAD)


def main() -> None:
    candidates: dict[str, Callable[[], object]] = {
        "ours": lambda: CustomerPayment.from_json(PAYLOAD).to_json(),
        "unknown": lambda: CustomerPayment.from_json(WITH_UNKNOWN).to_json(),
        "bare": lambda: _BARE_ENCODER.encode(_BARE_DECODER.decode(PAYLOAD)),
    }
    theirs = pydantic_roundtrip()
    if theirs is not None:
        candidates["pydantic"] = theirs
    found = rates(candidates)
    ours, bare = found["ours"], found["bare"]
    print(f"generated model, known properties:      {ours:12,.0f} round trips/s")
    print(
        f"generated model, one unknown property:  {found['unknown']:12,.0f} round trips/s"
    )
    print(f"bare msgspec Struct, same fields:       {bare:12,.0f} round trips/s")
    print(
        f"ratio generated / bare msgspec:         {ours / bare:12.2f}  (target >= 0.8)"
    )
    if "pydantic" not in found:
        print("pydantic v2: not installed (pip install pydantic) — no comparison")
        return
    pydantic = found["pydantic"]
    print(f"pydantic v2 model of the same resource: {pydantic:12,.0f} round trips/s")
    print(
        f"ratio generated / pydantic:             {ours / pydantic:12.2f}  (target >= 2)"
    )


if __name__ == "__main__":
    main()
