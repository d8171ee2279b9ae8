"""The checker over real HTTP: a loopback server, vckit's guarded clients, ETag and 304."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from tests.unit.status.status_support import NOW, credential, entry, make_issuer, signed_list

from vckit._http import HttpPolicy, new_async_client, new_client
from vckit.status import STATUS_RETRIEVAL_ERROR, BitstringStatusList, StatusChecker, StatusVerdict

ISSUER = make_issuer()


class _Lists:
    def __init__(self) -> None:
        self.body = b""
        self.etag = '"1"'
        self.seen: list[tuple[str, str | None]] = []


@pytest.fixture
def server() -> Iterator[tuple[str, _Lists]]:
    lists = _Lists()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            lists.seen.append((self.path, self.headers.get("If-None-Match")))
            if self.path != "/status/1":
                self.send_response(404)
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == lists.etag:
                self.send_response(304)
                self.send_header("ETag", lists.etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/vc+ld+json")
            self.send_header("ETag", lists.etag)
            self.send_header("Cache-Control", "max-age=60")
            self.send_header("Content-Length", str(len(lists.body)))
            self.end_headers()
            self.wfile.write(lists.body)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", lists
    finally:
        httpd.shutdown()
        httpd.server_close()


def _publish(lists: _Lists, url: str, *revoked: int, etag: str) -> None:
    lst = BitstringStatusList()
    for index in revoked:
        lst.set(index)
    lists.body = json.dumps(signed_list(ISSUER, lst, url=url)).encode()
    lists.etag = etag


DEV = HttpPolicy(allow_http=True, allow_private_hosts=True)


def test_loopback_server_with_revalidation(server: tuple[str, _Lists]) -> None:
    base, lists = server
    url = f"{base}/status/1"
    _publish(lists, url, etag='"1"')
    with new_client(DEV) as client:
        checker = StatusChecker(client=client, http=DEV)
        cred = credential(ISSUER)
        assert checker.check(cred, entry(5, url=url), now=NOW).verdict is StatusVerdict.VALID
        cached = checker.check(cred, entry(5, url=url), now=NOW + timedelta(seconds=59))
        assert cached.detail["age_seconds"] == 59.0
        stale = checker.check(cred, entry(5, url=url), now=NOW + timedelta(seconds=61))
        assert (stale.verdict, stale.detail["age_seconds"]) == (StatusVerdict.VALID, 0.0)
        _publish(lists, url, 5, etag='"2"')
        revoked = checker.check(cred, entry(5, url=url), now=NOW + timedelta(seconds=62), max_age=0)
        assert revoked.verdict is StatusVerdict.REVOKED
    assert lists.seen == [
        ("/status/1", None),
        ("/status/1", '"1"'),  # answered 304: renewed without a download
        ("/status/1", '"1"'),  # answered 200 with the new list
    ]


def test_loopback_server_async(server: tuple[str, _Lists]) -> None:
    base, lists = server
    url = f"{base}/status/1"
    _publish(lists, url, 9, etag='"1"')

    async def run() -> list[StatusVerdict]:
        async with new_async_client(DEV) as client:
            checker = StatusChecker(async_client=client, http=DEV)
            cred = credential(ISSUER)
            return [
                (await checker.acheck(cred, entry(i, url=url), now=NOW)).verdict for i in (8, 9)
            ]

    assert asyncio.run(run()) == [StatusVerdict.VALID, StatusVerdict.REVOKED]


def test_default_policy_refuses_the_loopback_server(server: tuple[str, _Lists]) -> None:
    base, lists = server
    url = f"{base.replace('http:', 'https:')}/status/1"
    result = StatusChecker().check(credential(ISSUER), entry(1, url=url), now=NOW)
    assert (result.verdict, result.code) == (StatusVerdict.UNDETERMINED, STATUS_RETRIEVAL_ERROR)
    assert "loopback" in result.message
    assert lists.seen == []


class _AsyncEngine:
    """A Data Integrity engine with an async verifier, as the di helper is adding (I4)."""

    def __init__(self) -> None:
        from vckit.proofs.dataintegrity import DataIntegrity

        self.inner = DataIntegrity()
        self.calls: list[Any] = []

    def verify_proof(self, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the async path must not call the sync verifier")

    async def averify_proof(self, document: Any, resolver: Any, **kwargs: Any) -> Any:
        self.calls.append((resolver, kwargs["expected_controller"]))
        return self.inner.verify_proof(document, None, **kwargs)


def test_async_checks_use_the_async_proof_verifier(server: tuple[str, _Lists]) -> None:
    base, lists = server
    url = f"{base}/status/1"
    _publish(lists, url, 3, etag='"1"')
    engine = _AsyncEngine()
    marker = object()

    async def run() -> StatusVerdict:
        async with new_async_client(DEV) as client:
            checker = StatusChecker(
                async_client=client, http=DEV, data_integrity=engine, async_resolver=marker
            )
            return (await checker.acheck(credential(ISSUER), entry(3, url=url), now=NOW)).verdict

    assert asyncio.run(run()) is StatusVerdict.REVOKED
    assert engine.calls == [(marker, ISSUER.did)]
