"""One measurement in a fresh interpreter, for `benchmarks/vs_sdk.py`: ours or the official SDK.

Usage: python vs_sdk_probe.py SIDE TASK PAYLOADS [NAME]
SIDE is `ours` (the package `generated` on sys.path) or `sdk` (msgraph-sdk installed);
PAYLOADS is the folder of JSON files vs_sdk.py wrote. Prints one JSON object. Standard library
only at the top: the SDK's interpreter runs it too. Each side decodes as its users' code does:
ours through the model (`from_json`) and the page reader the client uses; the SDK through
Kiota's `JsonParseNodeFactory` and the model's discriminator factory, as its request adapter does.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

WARM = 7  # warm repetitions after the first one: figures are their median
CLASSES = {"user": "User", "message": "Message", "event": "Event"}


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def import_client(side: str) -> float:
    start = time.perf_counter()
    if side == "sdk":
        from msgraph import GraphServiceClient  # noqa: F401
    else:
        from generated import GraphClient  # noqa: F401
    return _ms(start)


def model(side: str, name: str) -> Any:
    """The model class of a Graph type (`user`), imported the way its users import it."""
    if side == "sdk":
        module = __import__(f"msgraph.generated.models.{name}", fromlist=["_"])
        return getattr(module, CLASSES[name])
    models = __import__("generated.models", fromlist=["_"])
    return getattr(models, CLASSES[name])


def decoder(side: str, name: str, page: bool) -> Any:
    """A function bytes -> decoded object (a model, or a page of models)."""
    if side == "sdk":
        from kiota_serialization_json.json_parse_node_factory import (
            JsonParseNodeFactory,
        )

        factory = JsonParseNodeFactory()
        if page:
            module = f"msgraph.generated.models.{name}_collection_response"
            cls = getattr(
                __import__(module, fromlist=["_"]),
                f"{CLASSES[name]}CollectionResponse",
            )
        else:
            cls = model(side, name)
        return lambda data: factory.get_root_parse_node(
            "application/json", data
        ).get_object_value(cls)
    cls = model(side, name)
    if not page:
        return cls.from_json
    import httpx

    from generated.runtime.calls import reads_page

    read = reads_page(cls)
    request = httpx.Request("GET", "https://graph.microsoft.com/v1.0/x")
    headers = {"Content-Type": "application/json"}
    return lambda data: read(
        httpx.Response(200, content=data, headers=headers, request=request)
    )


def timed(decode: Any, data: bytes) -> dict[str, float]:
    """The first call, then the median and best of the warm ones."""
    start = time.perf_counter()
    decode(data)
    first = _ms(start)
    warm = []
    for _ in range(WARM):
        start = time.perf_counter()
        decode(data)
        warm.append(_ms(start))
    return {"first": first, "median": statistics.median(warm), "best": min(warm)}


def _handler(event: bytes, sent: list[bytes]) -> Any:
    import httpx

    def handle(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if request.method == "PATCH":
            sent.append(request.content)
            edited = {**json.loads(event), **json.loads(request.content)}
            return httpx.Response(200, json=edited, headers=headers)
        return httpx.Response(200, content=event, headers=headers)

    return handle


async def _round_sdk(event: bytes, sent: list[bytes], times: int) -> list[float]:
    import httpx
    from kiota_abstractions.authentication import AnonymousAuthenticationProvider
    from msgraph import GraphServiceClient
    from msgraph.generated.models.event import Event
    from msgraph.graph_request_adapter import GraphRequestAdapter
    from msgraph_core import GraphClientFactory

    transport = httpx.MockTransport(_handler(event, sent))
    http = GraphClientFactory.create_with_default_middleware(
        client=httpx.AsyncClient(transport=transport)
    )
    adapter = GraphRequestAdapter(AnonymousAuthenticationProvider(), client=http)
    client = GraphServiceClient(request_adapter=adapter)
    rounds = []
    for _ in range(times):
        start = time.perf_counter()
        item = client.me.events.by_event_id("AAMkAGIAAAoZDOFAAA000007=")
        fetched = await item.get()
        assert fetched is not None and fetched.subject
        await item.patch(Event(subject=f"{fetched.subject} (moved)"))
        rounds.append(_ms(start))
    return rounds


async def _round_ours(event: bytes, sent: list[bytes], times: int) -> list[float]:
    import httpx

    from generated import AsyncGraphClient

    transport = httpx.MockTransport(_handler(event, sent))
    http = httpx.AsyncClient(transport=transport)
    base = "https://graph.microsoft.com/v1.0"
    rounds = []
    async with AsyncGraphClient("token", base_url=base, http_client=http) as client:
        for _ in range(times):
            start = time.perf_counter()
            item = client.me.events.by_event_id("AAMkAGIAAAoZDOFAAA000007=")
            fetched = await item.get()
            assert isinstance(fetched.subject, str)
            fetched.subject = f"{fetched.subject} (moved)"
            await item.patch(fetched)
            rounds.append(_ms(start))
    return rounds


def get_edit_patch(side: str, event: bytes) -> dict[str, Any]:
    """GET an event, change its subject, PATCH it: the first round and the warm median."""
    sent: list[bytes] = []
    run = _round_sdk if side == "sdk" else _round_ours
    rounds = asyncio.run(run(event, sent, 1 + WARM))
    return {
        "first": rounds[0],
        "median": statistics.median(rounds[1:]),
        "sent": sent[0].decode(),
    }


def main(argv: list[str]) -> dict[str, Any]:
    side, task, folder = argv[0], argv[1], Path(argv[2])
    name = argv[3] if len(argv) > 3 else "user"
    if task == "import-client":
        return {"ms": import_client(side)}
    if task == "import-model":
        start = time.perf_counter()
        model(side, name)
        return {"ms": _ms(start)}
    if task == "first-decode":
        decode = decoder(side, name, page=False)
        data = (folder / f"{name}.json").read_bytes()
        start = time.perf_counter()
        decode(data)
        return {"ms": _ms(start)}
    if task == "page":
        data = (folder / f"{name}-page.json").read_bytes()
        return timed(decoder(side, name, page=True), data)
    if task == "round":
        return get_edit_patch(side, (folder / "event.json").read_bytes())
    if task == "everything":  # for the peak RSS: client, both pages, a round
        import_client(side)
        for kind in ("user", "message"):
            data = (folder / f"{kind}-page.json").read_bytes()
            decoder(side, kind, page=True)(data)
        return get_edit_patch(side, (folder / "event.json").read_bytes())
    raise SystemExit(f"unknown task {task!r}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
