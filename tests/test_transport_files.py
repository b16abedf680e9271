"""File content, large-file uploads and long-running operations, end to end: the client
generated from tests/fixtures/specs/files against FakeGraph and its second host (FakeFiles).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from fake_graph import FakeGraph
from fake_transport import UNIT, FakeFiles
from packages import files as files_package
from packages import generated_tests, run_generated_tests

TOKEN = "token-123"
ITEM = "/me/drive/items/1"
PHOTO = "/me/photo"
DATA = bytes(range(256)) * 4096  # 1 MiB


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN) as fake:
        yield fake


@pytest.fixture
def files(graph: FakeGraph) -> Iterator[FakeFiles]:
    with FakeFiles(graph) as fake:
        yield fake


@pytest.fixture
def package() -> Any:
    return files_package()


def client(package: Any, graph: FakeGraph) -> Any:
    return package.GraphClient(TOKEN, base_url=graph.base_url, max_retry_wait=5.0)


def async_client(package: Any, graph: FakeGraph) -> Any:
    return package.AsyncGraphClient(TOKEN, base_url=graph.base_url, max_retry_wait=5.0)


def item(c: Any, key: str = "1") -> Any:
    return c.me.drive.items.by_drive_item_id(key)


def no_token_off_host(files: FakeFiles) -> None:
    assert files.requests, "the second host was not asked"
    assert all("authorization" not in r.headers for r in files.requests)


# -- download ----------------------------------------------------------------------------


@pytest.mark.parametrize("redirect", [False, True])
def test_get_returns_the_bytes_following_a_redirect_without_the_token(
    package: Any, graph: FakeGraph, files: FakeFiles, redirect: bool
) -> None:
    files.redirect_downloads = redirect
    files.put_file(ITEM, DATA, name="a.bin")
    with client(package, graph) as c:
        assert item(c).content.get() == DATA
    request = graph.requests[-1]
    assert request.path == f"/beta{ITEM}/content"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    if redirect:
        no_token_off_host(files)
    else:
        assert files.requests == []


def test_a_batched_get_of_content_reads_the_download_url_without_the_token(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    """Graph answers a file's content with a redirect in a batch too: it is followed."""
    files.redirect_downloads = True
    files.put_file(ITEM, DATA)
    with client(package, graph) as c:
        data, gone = c.batch(
            (c.prepare(item(c).content.get), c.prepare(item(c, "nope").content.get))
        )
    assert data == DATA
    assert isinstance(gone, package.GraphError) and gone.status_code == 404
    assert [r.method for r in graph.requests] == ["POST"]
    no_token_off_host(files)


def test_stream_yields_chunks_of_the_size_asked(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    files.redirect_downloads = True
    files.put_file(ITEM, DATA)
    with client(package, graph) as c:
        chunks = item(c).content.stream(chunk_size=UNIT)
        assert (
            graph.requests == []
        )  # nothing is sent before the first chunk is asked for
        received = list(chunks)
    assert b"".join(received) == DATA
    assert {len(chunk) for chunk in received[:-1]} == {UNIT}
    no_token_off_host(files)


def test_a_missing_file_raises_graph_error(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    with client(package, graph) as c, pytest.raises(package.GraphError) as caught:
        list(item(c, "nope").content.stream())
    assert (caught.value.status_code, caught.value.code) == (404, "itemNotFound")


def test_async_get_and_stream(package: Any, graph: FakeGraph, files: FakeFiles) -> None:
    files.redirect_downloads = True
    files.put_file(ITEM, DATA)

    async def run() -> tuple[bytes, list[bytes]]:
        async with async_client(package, graph) as c:
            whole = await item(c).content.get()
            chunks = [chunk async for chunk in item(c).content.stream(UNIT)]
            return whole, chunks

    whole, chunks = asyncio.run(run())
    assert whole == DATA == b"".join(chunks)
    assert len(chunks) == len(DATA) // UNIT + 1
    no_token_off_host(files)


# -- upload in one request ---------------------------------------------------------------


def chunked(data: bytes, size: int = 1000) -> Iterator[bytes]:
    for at in range(0, len(data), size):
        yield data[at : at + size]


@pytest.mark.parametrize(
    "make", [lambda: DATA, lambda: io.BytesIO(DATA), lambda: chunked(DATA)]
)
def test_put_sends_bytes_a_file_or_chunks_and_returns_the_item(
    package: Any, graph: FakeGraph, files: FakeFiles, make: Any
) -> None:
    with client(package, graph) as c:
        made = item(c, "new").content.put(make())
    assert isinstance(made, package.models.DriveItem)
    assert (made.id, made.size) == ("new", len(DATA))
    assert files.blobs["/me/drive/items/new"] == DATA
    put = graph.requests[-1]
    assert (put.method, put.headers["content-type"]) == (
        "PUT",
        "application/octet-stream",
    )


def test_async_put_takes_an_async_iterator(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for chunk in chunked(DATA, 4096):
            yield chunk

    async def run() -> Any:
        async with async_client(package, graph) as c:
            return await item(c, "new").content.put(chunks())

    assert asyncio.run(run()).size == len(DATA)
    assert files.blobs["/me/drive/items/new"] == DATA


def test_a_photo_value_is_read_and_replaced(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    files.put_file(PHOTO, b"old")
    with client(package, graph) as c:
        assert c.me.photo.content.get() == b"old"
        assert c.me.photo.content.put(b"\x89PNG") is None
    assert files.blobs[PHOTO] == b"\x89PNG"
    assert graph.requests[-1].path == "/beta/me/photo/$value"


# -- large files over an upload session --------------------------------------------------


def test_upload_sends_ranges_to_the_session_url_and_resumes_after_a_failure(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    data = DATA + DATA[: UNIT // 2]  # 3.5 ranges of 320 KiB: the last one is short
    # The first range meets a 503 (sent again, as any throttled call) and a 500 (the
    # upload asks the session where to go on).
    files.upload_faults.extend([503, 500])
    with client(package, graph) as c:
        made = item(c, "big").content.upload(data, chunk_size=UNIT)
    assert (made.id, made.size) == ("big", len(data))
    assert files.blobs["/me/drive/items/big"] == data
    create = graph.requests[-1]
    assert (create.method, create.path.rsplit("/", 1)[-1]) == (
        "POST",
        "createUploadSession",
    )
    puts = [r.headers["content-range"] for r in files.requests if r.method == "PUT"]
    size = len(data)
    assert puts[2:] == [
        f"bytes 0-{UNIT - 1}/{size}",
        f"bytes {UNIT}-{2 * UNIT - 1}/{size}",
        f"bytes {2 * UNIT}-{3 * UNIT - 1}/{size}",
        f"bytes {3 * UNIT}-{size - 1}/{size}",
    ]
    assert [r.method for r in files.requests][:4] == ["PUT", "PUT", "GET", "PUT"]
    no_token_off_host(files)


def test_upload_to_a_session_made_elsewhere_async(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    url = files.upload_session("/me/drive/items/big")

    async def run() -> Any:
        async with async_client(package, graph) as c:
            model = package.models.DriveItem
            return await c.upload(url, io.BytesIO(DATA), returns=model, chunk_size=UNIT)

    made = asyncio.run(run())
    assert (made.id, made.size) == ("big", len(DATA))
    assert graph.requests == []  # the session's URL is all the upload needs
    no_token_off_host(files)


@pytest.mark.parametrize("size", [0, 1000, 320 * 1000, 61 * 1024 * 1024])
def test_a_chunk_size_the_service_refuses_is_refused_first(
    package: Any, graph: FakeGraph, files: FakeFiles, size: int
) -> None:
    with client(package, graph) as c, pytest.raises(ValueError, match="320 KiB"):
        item(c).content.upload(DATA, chunk_size=size)
    assert graph.requests == []


def test_an_upload_of_what_cannot_be_read_again_is_refused_first(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    with client(package, graph) as c, pytest.raises(ValueError, match="seekable"):
        item(c).content.upload(iter([DATA]), chunk_size=UNIT)
    assert graph.requests == []


def test_an_upload_stops_after_max_retries_failures_in_a_row(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    files.upload_faults.extend([500] * 4)
    c = package.GraphClient(TOKEN, base_url=graph.base_url, max_retries=2)
    with c, pytest.raises(package.GraphError) as caught:
        item(c, "big").content.upload(DATA, chunk_size=UNIT)
    assert caught.value.status_code == 500
    assert [r.method for r in files.requests] == ["PUT", "GET", "PUT", "GET", "PUT"]


# -- long-running operations -------------------------------------------------------------


def test_a_202_gives_its_monitor_url_and_wait_polls_it_to_completion(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    from files_client.runtime import Accepted

    files.put_file(ITEM, DATA)
    with client(package, graph) as c:
        accepted = item(c).copy()
        assert accepted.location.startswith(files.origin)
        assert Accepted.of(c.send(c.prepare(item(c).copy))).location.startswith(
            files.origin
        )
        status = c.wait(accepted)
    assert (status.status, status.resource_id, status.done) == (
        "completed",
        "1-copy",
        True,
    )
    assert [r.path.split("/")[1] for r in files.requests] == ["monitor"] * 3
    no_token_off_host(files)


def test_async_wait_gives_up_after_its_timeout(
    package: Any, graph: FakeGraph, files: FakeFiles
) -> None:
    from files_client.runtime import Accepted

    files.put_file(ITEM, DATA)

    async def run() -> None:
        async with async_client(package, graph) as c:
            accepted = Accepted((await item(c).copy()).location, retry_after=0.05)
            await c.wait(accepted, timeout=0.01)

    with pytest.raises(TimeoutError):
        asyncio.run(run())
    assert files.requests == []


def test_the_generated_content_contracts_pass(package: Any) -> None:
    """The contracts a spec's streams call for run with the package's other tests."""
    names = [name for name, _ in generated_tests(package)]
    assert any("test_content_get_and_stream_read_the_bytes" in n for n in names)
    assert any("test_content_put_sends_the_bytes" in n for n in names)
    count, failures = run_generated_tests(package)
    assert failures == [] and count == len(names)
