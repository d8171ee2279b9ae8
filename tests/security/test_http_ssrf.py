"""Hostile URLs and hostile DNS against the HTTP policy: refused before any forbidden connection."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import httpx
import pytest

from vckit._http import HttpPolicy, afetch, fetch
from vckit.errors import FetchError

FORBIDDEN_HOSTS = [
    "localhost",
    "LOCALHOST.",
    "api.localhost",
    "127.0.0.1",
    "[::1]",
    "0.0.0.0",
    "169.254.169.254",
    "10.0.0.1",
    "192.168.0.1",
    "[::ffff:127.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[fe80::1]",
    "0x7f000001",
    "2130706433",
    "017700000001",
    "127.1",
    "0x7f.0.0.1",
    "0xa9fea9fe",
]


def _never_called(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"request made to {request.url}")


@pytest.mark.parametrize("host", FORBIDDEN_HOSTS)
def test_forbidden_host_literal_refused_without_request(no_network: list[Any], host: str) -> None:
    url = f"https://{host}/.well-known/did.json"
    with (
        httpx.Client(transport=httpx.MockTransport(_never_called)) as client,
        pytest.raises(FetchError, match="host refused"),
    ):
        fetch(url, client=client)
    with pytest.raises(FetchError, match="host refused"):
        fetch(url)  # the default guarded client: refused before DNS
    assert no_network == []


@pytest.mark.parametrize("host", FORBIDDEN_HOSTS)
def test_forbidden_host_literal_refused_async(no_network: list[Any], host: str) -> None:
    with pytest.raises(FetchError, match="host refused"):
        asyncio.run(afetch(f"https://{host}/x"))
    assert no_network == []


def test_userinfo_refused(no_network: list[Any]) -> None:
    with pytest.raises(FetchError, match="userinfo"):
        fetch("https://user:pass@example.com/")
    with pytest.raises(FetchError, match="userinfo"):
        fetch("https://example.com@10.0.0.1/")
    assert no_network == []


class FakeDNS:
    """Replace getaddrinfo with fixed answers and record every connect attempt."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> None:
        self.answers = answers
        self.connects: list[Any] = []
        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)
        monkeypatch.setattr(socket, "create_connection", self.connect)
        monkeypatch.setattr(socket.socket, "connect", self.connect)

    def getaddrinfo(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        result = []
        for answer in self.answers:
            family = socket.AF_INET6 if ":" in answer else socket.AF_INET
            sockaddr = (answer, port, 0, 0) if family == socket.AF_INET6 else (answer, port)
            result.append((family, socket.SOCK_STREAM, 6, "", sockaddr))
        return result

    def connect(self, *args: Any, **kwargs: Any) -> Any:
        self.connects.append(args)
        raise OSError("connect blocked by test")


@pytest.mark.parametrize(
    "answers",
    [["10.0.0.1"], ["127.0.0.1"], ["169.254.169.254"], ["::1"], ["93.184.215.14", "10.0.0.1"]],
)
def test_name_resolving_to_private_address_refused(
    monkeypatch: pytest.MonkeyPatch, answers: list[str]
) -> None:
    dns = FakeDNS(monkeypatch, answers)
    with pytest.raises(FetchError, match=r"resolves to a .* address"):
        fetch("https://rebind.example/.well-known/did.json")
    with pytest.raises(FetchError, match=r"resolves to a .* address"):
        asyncio.run(afetch("https://rebind.example/.well-known/did.json"))
    assert dns.connects == []


def test_public_answer_connects_to_the_checked_ip(monkeypatch: pytest.MonkeyPatch) -> None:
    dns = FakeDNS(monkeypatch, ["93.184.215.14"])
    with pytest.raises(FetchError, match="ConnectError: connect blocked by test"):
        fetch("https://public.example/x", policy=HttpPolicy(connect_timeout=1))
    assert dns.connects, "expected a connect attempt"
    assert dns.connects[0][0][0] == "93.184.215.14"


def test_allow_private_hosts_lets_loopback_through(no_network: list[Any]) -> None:
    with pytest.raises(AssertionError, match="network use attempted"):
        fetch("https://127.0.0.1:1/", policy=HttpPolicy(allow_private_hosts=True))
    assert no_network == [("127.0.0.1", 1)]  # it went on to resolve: the policy allowed it


@pytest.mark.timeout(5)
def test_never_ending_response_hits_byte_cap_quickly() -> None:
    def endless() -> Any:
        while True:
            yield b" " * 4096

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=endless())

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(FetchError, match="body exceeds 1048576 bytes"),
    ):
        fetch("https://example.com/", client=client)


@pytest.mark.timeout(3)
def test_slow_drip_hits_total_timeout() -> None:
    def drip() -> Any:
        while True:
            time.sleep(0.05)
            yield b" "

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": "application/json"}, content=drip())

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(FetchError, match="total timeout"),
    ):
        fetch("https://example.com/", client=client, policy=HttpPolicy(total_timeout=0.3))


def test_gzip_bomb_fails_on_decompressed_size() -> None:
    import gzip

    bomb = gzip.compress(b"\0" * 50_000_000)  # ~50 KB on the wire, 50 MB decoded
    assert len(bomb) < 100_000

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "application/json", "content-encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=bomb)

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as client,
        pytest.raises(FetchError, match="body exceeds 1048576 bytes"),
    ):
        fetch("https://example.com/", client=client)


@pytest.mark.timeout(3)
def test_hanging_dns_is_bounded_by_connect_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def hang(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)
        raise OSError("released")

    monkeypatch.setattr(socket, "getaddrinfo", hang)
    try:
        with pytest.raises(FetchError, match="timed out"):
            fetch("https://slow-dns.example/", policy=HttpPolicy(connect_timeout=0.3))
    finally:
        release.set()
