"""Query options are one TypedDict per set (`**query: Unpack[ListQuery]`): a keyword the set
does not name is refused by mypy and, before anything is sent, at run time; the async
builders take exactly the options of the sync ones. Run against FakeGraph on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from fake_graph import FakeGraph

import generated.builders
from generated import AsyncGraphClient, GraphClient

TOKEN = "token-123"
COMPANY_ID = UUID("2c15e59d-e59d-2c15-9de5-152c9de5152c")
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with FakeGraph(token=TOKEN) as fake:
        yield fake


def payments(client: GraphClient | AsyncGraphClient) -> Any:
    return client.financials.companies.by_company_id(COMPANY_ID).customer_payments


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: p.get(tpo=5), "'tpo': ListQuery takes count, expand, filter"),
        (lambda p: p.iterate(skip=5), "'skip': IterateQuery takes expand, filter"),
        (
            lambda p: p.by_customer_payment_id("x").get(top=1),
            "'top': ItemQuery takes expand, select",
        ),
    ],
)
def test_an_unknown_keyword_is_refused_before_anything_is_sent(
    graph: FakeGraph, call: Any, message: str
) -> None:
    refused = pytest.raises(TypeError, match=f"unexpected keyword argument {message}")
    with GraphClient(TOKEN, base_url=graph.base_url) as client, refused:
        result = call(payments(client))
        list(result) if inspect.isgenerator(result) else None

    assert graph.requests == []


def test_the_async_builders_refuse_it_too(graph: FakeGraph) -> None:
    async def run() -> None:
        async with AsyncGraphClient(TOKEN, base_url=graph.base_url) as client:
            with pytest.raises(TypeError, match="unexpected keyword argument 'tpo'"):
                await payments(client).get(tpo=5)
            with pytest.raises(TypeError, match="unexpected keyword argument 'count'"):
                [p async for p in payments(client).iterate(count=True)]
            await payments(client).get(top=2, select=["amount"], count=True)

    asyncio.run(run())

    assert [r.query for r in graph.requests] == [
        {"$top": ["2"], "$select": ["amount"], "$count": ["true"]}
    ]


def _builder_pairs() -> Iterator[tuple[type, type]]:
    """Every sync builder class of the shipped package with its async twin."""
    for info in sorted(Path(generated.builders.__file__).parent.glob("*.py")):
        module = __import__(f"generated.builders.{info.stem}", fromlist=["_"])
        for name, cls in vars(module).items():
            twin = getattr(module, f"Async{name}", None)
            if isinstance(cls, type) and name.endswith("RequestBuilder") and twin:
                yield cls, twin


def test_async_builders_take_the_options_of_the_sync_ones() -> None:
    pairs = list(_builder_pairs())
    compared = 0
    for sync, twin in pairs:
        for name, method in inspect.getmembers(sync, inspect.isfunction):
            if name.startswith("_"):
                continue
            theirs = inspect.signature(getattr(twin, name)).parameters
            assert inspect.signature(method).parameters == theirs, (sync, name)
            compared += "query" in theirs

    assert len(pairs) >= 4 and compared >= 6


_WRONG = """\
from uuid import UUID
from generated import AsyncGraphClient, GraphClient

company = UUID(int=1)
payments = GraphClient("t").financials.companies.by_company_id(company).customer_payments
payments.get(top=5, filter="amount gt 1", count=True)
payments.get(tpo=5)
payments.iterate(skip=1)
payments.by_customer_payment_id("x").get(top=1)


async def main() -> None:
    client = AsyncGraphClient("t")
    more = client.financials.companies.by_company_id(company).customer_payments
    await more.get(top="5")
    await more.by_customer_payment_id("x").get(expand=["customer"], serch="x")
"""


@pytest.mark.slow
def test_mypy_strict_refuses_an_unknown_or_mistyped_keyword(tmp_path: Path) -> None:
    shutil.copytree(REPO / "generated", tmp_path / "generated")
    (tmp_path / "wrong.py").write_text(_WRONG, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "wrong.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]

    assert [line.split(":")[1] for line in errors] == ["7", "8", "9", "15", "16"]
    assert 'Unexpected keyword argument "tpo"' in errors[0]
    assert 'Unexpected keyword argument "skip"' in errors[1]
    assert 'Unexpected keyword argument "top"' in errors[2]
    assert 'Argument "top"' in errors[3] and 'incompatible type "str"' in errors[3]
    assert 'Unexpected keyword argument "serch"' in errors[4]
