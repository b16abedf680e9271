"""Decode, validate and re-encode a customerPayment payload; next to pydantic v2 if installed.

Usage: python benchmarks/roundtrip.py   (run from the repository root)
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generated.models import CustomerPayment

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


def rate(fn: object, seconds: float = 1.0) -> float:
    """Round trips per second, best of three runs."""
    timer = timeit.Timer(fn)  # type: ignore[arg-type]
    number, _ = timer.autorange()
    best = min(timer.repeat(3, number))
    return number / best


def pydantic_rate() -> float | None:
    try:
        from benchmarks.pydantic_model import roundtrip
    except ImportError:
        return None
    return rate(lambda: roundtrip(PAYLOAD))


def main() -> None:
    ours = rate(lambda: CustomerPayment.from_json(PAYLOAD).to_json())
    slow = rate(lambda: CustomerPayment.from_json(WITH_UNKNOWN).to_json())
    print(f"generated model, known properties:     {ours:12,.0f} round trips/s")
    print(f"generated model, one unknown property: {slow:12,.0f} round trips/s")
    theirs = pydantic_rate()
    if theirs is None:
        print("pydantic v2: not installed (pip install pydantic) — no comparison")
    else:
        print(f"pydantic v2 model of the same resource: {theirs:11,.0f} round trips/s")
        print(f"ratio generated / pydantic:             {ours / theirs:12.2f}")


if __name__ == "__main__":
    main()
