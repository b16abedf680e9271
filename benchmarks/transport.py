"""The transport against the fake Graph on 127.0.0.1: memory of a download whole and in
chunks, a large upload's ranges, and a batch beside the same calls one by one.

Usage (from the repository root, in the project's venv):

    python benchmarks/transport.py [--mib 64] [--calls 100]

It serves FakeGraph and FakeFiles (tests/) in this process, generates the client of
tests/fixtures/specs/files into a temporary folder, and prints:

- the peak RSS of a fresh interpreter that downloads a file of `--mib` MiB through a redirect
  to the second host with `.content.get()`, and of one that writes it to disk with
  `.content.stream()`, each beside the RSS of one that only imports and builds the client;
- seconds to upload the same file with `.content.upload()` in ranges of 10 MiB;
- seconds for `--calls` GETs one by one, and as `client.batch(...)` ($batch requests of 20).

Figures only: the machine is shared, so compare within one run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
import time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO)]

from fake_graph import FakeGraph
from fake_transport import FakeFiles

from generator.emit.pipeline import Options, produce

TOKEN = "token-123"
ITEM = "/me/drive/items/big"
COMPANY = UUID("2c15e59d-e59d-2c15-9de5-152c9de5152c")
CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
from files_client import GraphClient
with GraphClient("token-123", base_url={url!r}) as client:
    item = client.me.drive.items.by_drive_item_id("big")
    {body}
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""
DOWNLOADS = {
    "build the client only": "pass",
    "content.get()": "assert len(item.content.get()) == {size}",
    "content.stream() to a file": (
        "with open({out!r}, 'wb') as f:\n"
        "        for chunk in item.content.stream(1024 * 1024): f.write(chunk)"
    ),
}


def generate(root: Path) -> None:
    package = root / "files_client"
    options = Options(REPO / "tests/fixtures/specs/files", REPO / "templates", package)
    for path, data in produce(options).items():
        (package / path).parent.mkdir(parents=True, exist_ok=True)
        (package / path).write_bytes(data)


def peak_rss(root: Path, url: str, body: str) -> int:
    """MiB: the child's peak resident set, read by the child itself."""
    script = CHILD.format(root=str(root), url=url, body=body)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


def downloads(root: Path, graph: FakeGraph, files: FakeFiles, size: int) -> None:
    files.redirect_downloads = True
    files.put_file(ITEM, bytes(size))
    for label, body in DOWNLOADS.items():
        code = body.format(size=size, out=str(root / "out.bin"))
        print(f"  {label:<28} peak RSS {peak_rss(root, graph.base_url, code):>5} MiB")


def upload(graph: FakeGraph, size: int) -> None:
    from files_client import GraphClient

    data = bytes(size)
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        started = time.perf_counter()
        made = client.me.drive.items.by_drive_item_id("up").content.upload(data)
        took = time.perf_counter() - started
    print(
        f"  upload of {size >> 20} MiB in 10 MiB ranges: {took:.2f} s ({made.size} bytes)"
    )


def batch(graph: FakeGraph, calls: int) -> None:
    from generated import GraphClient

    ids = [graph.add_payment(COMPANY, amount=Decimal(i))["id"] for i in range(calls)]
    with GraphClient(TOKEN, base_url=graph.base_url) as client:
        items = client.financials.companies.by_company_id(COMPANY).customer_payments
        started = time.perf_counter()
        one_by_one = [items.by_customer_payment_id(i).get() for i in ids]
        alone = time.perf_counter() - started
        prepared = [client.prepare(items.by_customer_payment_id(i).get) for i in ids]
        started = time.perf_counter()
        batched = client.batch(prepared)
        together = time.perf_counter() - started
    assert batched == one_by_one
    print(
        f"  {calls} GETs one by one: {alone:.3f} s; as $batch requests: {together:.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=64)
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()
    size = args.mib << 20
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root)
        sys.path.insert(0, str(root))
        with FakeGraph(token=TOKEN) as graph, FakeFiles(graph) as files:
            print(f"download of {args.mib} MiB through a redirect to the second host:")
            downloads(root, graph, files, size)
            upload(graph, size)
            batch(graph, args.calls)


if __name__ == "__main__":
    main()
