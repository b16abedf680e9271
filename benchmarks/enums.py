"""Decoding enum values as the service evolves them: known members on msgspec's own path, and what
a member the spec lacks costs, in one model and in a page.

Usage: python benchmarks/enums.py   (run from the repository root)

It generates tests/fixtures/specs/enums into a temporary folder and times round trips (decode,
then encode) of a chat message: with known members only, without and with a flags value (the
one enum kind msgspec does not decode by itself: a hook builds the set); with a member the spec
lacks in each enum property (plain, open, flags); beside a bare msgspec Struct of the same
fields whose enums are plain StrEnums and whose flags are a plain string (the floor: msgspec
with no leniency). Then a page of 100 messages, all known, and the same page with one item
holding unknown members. Figures only: compare within one run.
"""

from __future__ import annotations

import enum
import shutil
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import msgspec

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.emit.pipeline import Options, produce

KNOWN = {
    "id": "1616990032035",
    "subject": "Lunch?",
    "importance": "high",
    "messageType": "message",
    "reactions": [{"reactionType": "like", "createdDateTime": "2024-01-31T10:15:00Z"}],
    "messageHistory": [
        {"actions": "reactionAdded", "modifiedDateTime": "2024-01-31T10:15:00Z"}
    ],
}
UNKNOWN = {
    **KNOWN,
    "importance": "critical",
    "reactions": [
        {"reactionType": "\U0001f389", "createdDateTime": "2024-01-31T10:15:00Z"}
    ],
    "messageHistory": [
        {
            "actions": "reactionAdded,messagePinned",
            "modifiedDateTime": "2024-01-31T10:15:00Z",
        }
    ],
}


class Importance(enum.StrEnum):
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Kind(enum.StrEnum):
    MESSAGE = "message"
    CHAT_EVENT = "chatEvent"


class Reaction(enum.StrEnum):
    LIKE = "like"
    HEART = "heart"


class BareReaction(msgspec.Struct, rename="camel", omit_defaults=True):
    reaction_type: Reaction | None = None
    created_date_time: datetime | None = None


class BareHistoryItem(msgspec.Struct, rename="camel", omit_defaults=True):
    actions: str | None = None  # a plain string: msgspec has no flags type
    modified_date_time: datetime | None = None


class BareMessage(msgspec.Struct, rename="camel", omit_defaults=True):
    """The same fields, enums as plain StrEnums: refuses any member it lacks."""

    id: str | None = None
    subject: str | None = None
    importance: Importance | None = None
    message_type: Kind | None = None
    reactions: list[BareReaction] | None = None
    message_history: list[BareHistoryItem] | None = None


def generated() -> Any:
    """The enums fixture package, generated and imported from a temporary folder."""
    root = Path(tempfile.mkdtemp(prefix="graph-codegen-enums-"))
    specs = ROOT / "tests" / "fixtures" / "specs" / "enums"
    for path, data in produce(Options(specs, None, root / "enums_bench")).items():
        target = root / "enums_bench" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    sys.path.insert(0, str(root))
    import enums_bench  # type: ignore[import-not-found]
    import enums_bench.runtime.calls  # type: ignore[import-not-found]

    return enums_bench, root


def rate(fn: Callable[[], object], rounds: int = 40) -> float:
    """Calls per second: the best of `rounds` runs of ~20 ms, in this process's CPU time."""
    timer = timeit.Timer(fn, timer=time.process_time)
    number = max(1, timer.autorange()[0] // 10)
    return number / min(timer.timeit(number) for _ in range(rounds))


def main() -> None:
    package, root = generated()
    try:
        report(package)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def report(package: Any) -> None:
    message = package.models.ChatMessage
    calls = package.runtime.calls
    known, unknown = msgspec.json.encode(KNOWN), msgspec.json.encode(UNKNOWN)
    plain = msgspec.json.encode(
        {k: v for k, v in KNOWN.items() if k != "messageHistory"}
    )
    bare = msgspec.json.Decoder(BareMessage)
    page = [KNOWN] * 100
    pages = {
        "known": msgspec.json.encode({"value": page}),
        "one unknown": msgspec.json.encode({"value": [UNKNOWN, *page[1:]]}),
    }

    def read(body: bytes) -> object:
        return calls._page_parts(message, _Response(body))

    figures = {
        "model, known members, no flags": rate(
            lambda: message.from_json(plain).to_json()
        ),
        "model, known members": rate(lambda: message.from_json(known).to_json()),
        "model, unknown members": rate(lambda: message.from_json(unknown).to_json()),
        "bare Struct, plain StrEnums": rate(
            lambda: msgspec.json.encode(bare.decode(known))
        ),
        "page of 100, known members": rate(lambda: read(pages["known"])),
        "page of 100, one item unknown": rate(lambda: read(pages["one unknown"])),
    }
    for name, value in figures.items():
        print(f"{name + ':':34} {value:12,.0f} /s")


class _Response:
    """What `_page_parts` reads of an answer: its bytes."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.headers = {"Content-Type": "application/json"}


if __name__ == "__main__":
    main()
