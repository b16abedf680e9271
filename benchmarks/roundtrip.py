"""Decode and re-encode customerPayment payloads: the generated model as the client uses it
(decoded, then tracked for `patch`, then encoded), beside a bare msgspec Struct of the same
fields, and pydantic v2 if installed.

Usage: python benchmarks/roundtrip.py [--count N]   (run from the repository root)

Two workloads: one payload shape over and over, and N (default 2,000) varied payloads, as a
service sends them: properties present or absent, nulls, amounts as integers and decimals,
strings of every length, and one in four with `@odata.context`, which a single GET carries and
the model keeps in `additional_data`. Rates are round trips per second of CPU time.
"""

from __future__ import annotations

import argparse
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
from generated.runtime.model import received

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


_BARE_ENCODER = msgspec.json.Encoder(decimal_format="number")
_OPTIONAL = (
    "journalDisplayName",
    "lineNumber",
    "customerId",
    "customerNumber",
    "contactId",
    "postingDate",
    "documentNumber",
    "externalDocumentNumber",
    "amount",
    "appliesToInvoiceId",
    "appliesToInvoiceNumber",
    "description",
    "comment",
    "lastModifiedDateTime",
)
_NULLABLE = ("contactId", "comment", "appliesToInvoiceId", "externalDocumentNumber")


def varied(count: int) -> list[bytes]:
    """`count` payloads of differing shapes and values (see the module's docstring)."""
    found = []
    for i in range(count):
        data = {
            "@odata.etag": f'W/"JzQ0O0VnQUFBQUo3QkRNQU1BQXdBREFBTUFBQUFBQT0{i:07d}Jw=="',
            "id": f"6a7e7af1-8ae3-ea11-bb43-{i:012x}",
            "journalDisplayName": ("CASHRCPT", "GENERAL", "BANK")[i % 3],
            "lineNumber": 10000 * (1 + i % 50),
            "customerId": f"5d115c9c-44e3-ea11-bb43-{(i * 31) % 4096:012x}",
            "customerNumber": str(10000 + i % 900),
            "contactId": f"contact-{i}" if i % 5 else "",
            "postingDate": f"20{19 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "documentNumber": f"G{2000 + i:05d}",
            "externalDocumentNumber": f"EXT-{i}" * (i % 3),
            "amount": (
                (i * 37 % 5000) - 2500
                if i % 2
                else Decimal(f"-{i % 9000}.{i % 100:02d}")
            ),
            "appliesToInvoiceId": f"7a5e7e3b-8ae3-ea11-bb43-{(i * 7) % 65536:012x}",
            "appliesToInvoiceNumber": str(103000 + i % 1000),
            "description": "Payment from "
            + ("Adatum Corporation", "Trey Research")[i % 2],
            "comment": "x" * (i % 120),
            "lastModifiedDateTime": f"2019-06-{1 + i % 28:02d}T12:{i % 60:02d}:05.{i % 1000:03d}Z",
        }
        for j, name in enumerate(_OPTIONAL):
            if (i >> (j % 8)) % 7 == 0:
                del data[name]
        for name in _NULLABLE:
            if name in data and (i + len(name)) % 6 == 0:
                data[name] = None
        if i % 4 == 0:
            data = {
                "@odata.context": "https://graph.microsoft.com/beta/$metadata#x/$entity",
                **data,
            }
        found.append(_BARE_ENCODER.encode(data))
    return found


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


def ours(payload: bytes) -> bytes:
    """As the client does: decode, remember what was sent (for `patch`), encode."""
    return received(CustomerPayment, payload).to_json()


def bare(payload: bytes) -> bytes:
    return _BARE_ENCODER.encode(_BARE_DECODER.decode(payload))


def each(
    roundtrip: Callable[[bytes], bytes], payloads: list[bytes]
) -> Callable[[], None]:
    """One call runs the round trip over every payload."""

    def run() -> None:
        for payload in payloads:
            roundtrip(payload)

    return run


def candidates(payloads: list[bytes]) -> dict[str, Callable[[], None]]:
    found = {"ours": each(ours, payloads), "bare": each(bare, payloads)}
    try:
        from benchmarks.pydantic_model import roundtrip
    except ImportError:
        return found
    found["pydantic"] = each(roundtrip, payloads)
    return found


def report(title: str, payloads: list[bytes]) -> None:
    found = {k: v * len(payloads) for k, v in rates(candidates(payloads), 15).items()}
    print(f"{title}:")
    print(f"  generated model, tracked:  {found['ours']:10,.0f} round trips/s")
    print(f"  bare msgspec Struct:       {found['bare']:10,.0f} round trips/s")
    print(
        f"  generated / bare msgspec:  {found['ours'] / found['bare']:10.2f}  (target >= 0.8)"
    )
    if "pydantic" not in found:
        print("  pydantic v2: not installed (pip install pydantic), no comparison")
        return
    print(f"  pydantic v2 model:         {found['pydantic']:10,.0f} round trips/s")
    print(
        f"  generated / pydantic:      {found['ours'] / found['pydantic']:10.2f}  (target >= 2)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--count", type=int, default=2000, help="varied payloads (2,000)"
    )
    args = parser.parse_args()
    report("one payload shape, known properties", [PAYLOAD] * 100)
    report("one payload shape, with @odata.context", [WITH_UNKNOWN] * 100)
    report(f"{args.count:,} varied payloads", varied(args.count))


if __name__ == "__main__":
    main()
