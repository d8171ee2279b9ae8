"""The network budget (I1): a count of fetches and a time limit per piece of work."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from vckit._http import FetchBudget, HttpPolicy, afetch, fetch, fetch_budget
from vckit.errors import FetchBudgetExceededError, FetchError

JSON = {"content-type": "application/json"}


class Counter:
    def __init__(self) -> None:
        self.requests: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(str(request.url))
        return httpx.Response(200, headers=JSON, content=b"{}")


def _sync_run(urls: list[str], handler: Counter) -> list[str]:
    done: list[str] = []
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        for url in urls:
            done.append(fetch(url, client=client).url)
    return done


def test_budget_validates() -> None:
    with pytest.raises(ValueError, match="max_fetches"):
        FetchBudget(max_fetches=-1)
    with pytest.raises(ValueError, match="max_seconds"):
        FetchBudget(max_seconds=0)
    assert FetchBudget() == FetchBudget(max_fetches=16, max_seconds=20.0)


URLS = [f"https://issuer{i}.example/did.json" for i in range(20)]


def test_sixteen_fetch_budget_stops_the_seventeenth_sync() -> None:
    handler = Counter()
    with (
        fetch_budget(FetchBudget(max_fetches=16)) as account,
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
    ):
        done = [fetch(url, client=client).url for url in URLS[:16]]
        for url in URLS[16:]:
            with pytest.raises(FetchBudgetExceededError, match="budget of 16 fetches exhausted"):
                fetch(url, client=client)
    assert done == URLS[:16]
    assert handler.requests == URLS[:16]  # the 17th and later never reached the transport
    assert account.fetches == 16


def test_sixteen_fetch_budget_stops_the_seventeenth_async() -> None:
    handler = Counter()

    async def run() -> list[Any]:
        outcomes: list[Any] = []
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            with fetch_budget(FetchBudget(max_fetches=16)):
                for url in URLS:
                    try:
                        outcomes.append((await afetch(url, client=client)).url)
                    except FetchBudgetExceededError as exc:
                        outcomes.append((str(exc), exc.url))
        return outcomes

    outcomes = asyncio.run(run())
    assert outcomes[:16] == URLS[:16]
    assert outcomes[16:] == [("fetch budget of 16 fetches exhausted", url) for url in URLS[16:]]
    assert handler.requests == URLS[:16]


def test_concurrent_tasks_share_one_budget() -> None:
    handler = Counter()

    async def run() -> list[Any]:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            with fetch_budget(FetchBudget(max_fetches=5)):
                calls = [afetch(f"https://h{i}.example/", client=client) for i in range(8)]
                return await asyncio.gather(*calls, return_exceptions=True)

    outcomes = asyncio.run(run())
    assert sum(isinstance(o, FetchBudgetExceededError) for o in outcomes) == 3
    assert len(handler.requests) == 5


def test_budget_follows_copied_context_into_threads() -> None:
    handler = Counter()
    failures: list[BaseException] = []

    def work() -> None:
        try:
            _sync_run(["https://a.example/", "https://b.example/"], handler)
        except FetchError as exc:
            failures.append(exc)

    with fetch_budget(FetchBudget(max_fetches=1)):
        context = contextvars.copy_context()
        thread = threading.Thread(target=context.run, args=(work,))
        thread.start()
        thread.join()
    assert len(handler.requests) == 1
    assert [type(f) for f in failures] == [FetchBudgetExceededError]


def test_budgets_nest_and_end_with_their_block() -> None:
    handler = Counter()
    with fetch_budget(FetchBudget(max_fetches=3)) as outer:
        _sync_run(["https://a.example/"], handler)
        with fetch_budget(FetchBudget(max_fetches=10)) as inner:
            _sync_run(["https://b.example/", "https://c.example/"], handler)
            with pytest.raises(FetchBudgetExceededError, match="3 fetches exhausted"):
                _sync_run(["https://d.example/"], handler)  # the outer budget is spent
        assert (outer.fetches, inner.fetches) == (3, 2)
    assert len(_sync_run([f"https://e{i}.example/" for i in range(20)], handler)) == 20


def test_refused_url_is_not_charged() -> None:
    """A URL the policy refuses costs nothing: no request can follow it."""
    with fetch_budget(FetchBudget(max_fetches=1)) as account:
        with pytest.raises(FetchError, match="host refused"):
            fetch("https://127.0.0.1/")
        assert account.fetches == 0


# -- the time budget against a real (loopback) server --------------------------------------


@pytest.fixture
def slow_server() -> Iterator[str]:
    """A loopback HTTP server that holds every response until the test ends (3 s at most)."""
    release = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            release.wait(3)
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/did.json"
    finally:
        release.set()
        server.shutdown()
        server.server_close()


LOOPBACK = HttpPolicy(allow_http=True, allow_private_hosts=True, read_timeout=10.0)


def test_time_budget_caps_a_slow_server_sync(slow_server: str) -> None:
    # Without the budget the fetch would succeed once the server answers; with it, it must not.
    with (
        fetch_budget(FetchBudget(max_seconds=0.3)),
        pytest.raises(FetchBudgetExceededError, match=r"fetch budget of 0.3 s exhausted"),
    ):
        fetch(slow_server, policy=LOOPBACK)


def test_time_budget_caps_a_slow_server_async(slow_server: str) -> None:
    async def run() -> None:
        with fetch_budget(FetchBudget(max_seconds=0.3)):
            await afetch(slow_server, policy=LOOPBACK)

    with pytest.raises(FetchBudgetExceededError, match=r"fetch budget of 0.3 s exhausted"):
        asyncio.run(run())


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        ({"total_timeout": 0.3}, "timed out (ReadTimeout)"),
        ({"read_timeout": 0.3}, "timed out (ReadTimeout)"),
    ],
    ids=["total", "read"],
)
def test_policy_timeout_is_not_reported_as_the_budget(
    slow_server: str, limit: dict[str, float], message: str
) -> None:
    """A policy timeout well inside the budget's time is the policy's, not the budget's."""
    policy = HttpPolicy(allow_http=True, allow_private_hosts=True, **limit)
    with (
        fetch_budget(FetchBudget(max_seconds=20)),
        pytest.raises(FetchError, match=r"timed out \(ReadTimeout\)") as info,
    ):
        fetch(slow_server, policy=policy)
    assert type(info.value) is FetchError
    assert str(info.value) == message


def test_loopback_server_answers_without_a_budget_cap(slow_server: str) -> None:
    """The control for the tests above: the server does answer, so only the budget stopped it."""
    with fetch_budget(FetchBudget(max_seconds=20)):
        assert fetch(slow_server, policy=LOOPBACK).content == b"{}"


def test_a_refused_fetch_is_counted_nowhere() -> None:
    handler = Counter()
    with fetch_budget(FetchBudget(max_fetches=5)) as outer:
        with fetch_budget(FetchBudget(max_fetches=1)) as inner:
            _sync_run(["https://a.example/"], handler)
            with pytest.raises(FetchBudgetExceededError, match="1 fetches exhausted"):
                _sync_run(["https://b.example/"], handler)
        assert (outer.fetches, inner.fetches) == (1, 1)
