"""The address guard: which hosts and addresses a fetch may reach (pure, except the DNS lookup).

The URL is checked first (IP literals, the non-canonical numeric forms ``0x7f000001`` /
``2130706433`` / ``127.1`` that ``inet_aton`` would accept, and ``localhost``). The guarded
transports (:mod:`vckit._http._transport`) then resolve the host name here, check **every**
address the resolver returns and connect to a checked IP literal, so the address that is checked
is the address that is connected to (no DNS-rebinding window).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
from collections.abc import Iterable
from typing import Any

import httpx

from vckit._http._policy import HttpPolicy
from vckit.errors import FetchError

__all__ = ["address_refusal", "check_url", "checked_addresses", "getaddrinfo_within"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")
_CLASSES = (
    ("is_unspecified", "unspecified"),
    ("is_loopback", "loopback"),
    ("is_link_local", "link-local"),
    ("is_multicast", "multicast"),
    ("is_reserved", "reserved"),
    ("is_private", "private"),
)


def address_refusal(address: IPAddress) -> str | None:
    """Why ``address`` must not be connected to, or ``None`` when it is a public unicast address.

    IPv4 carried inside IPv6 (``::ffff:a.b.c.d``, 6to4, NAT64) is judged by the IPv4 address, so
    ``::ffff:127.0.0.1`` is loopback however the standard library classifies it.
    """
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_refusal(embedded)
            if inner is not None:
                return f"{inner} (IPv4 {embedded} inside IPv6)"
        if address.is_site_local:
            return "site-local"
    for attribute, label in _CLASSES:
        if getattr(address, attribute):
            return label
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED:
        return "shared (carrier-grade NAT)"
    if not address.is_global:
        return "not globally routable"
    return None


_NUMERIC_PART = re.compile(r"^(0[xX][0-9a-fA-F]*|[0-9]+)$")


def _loose_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read ``host`` the way ``inet_aton`` (and so ``getaddrinfo``) would, or ``None``.

    ``0x7f000001``, ``2130706433``, ``0177.0.0.1`` and ``127.1`` all mean 127.0.0.1 to the C
    resolver although they do not look like addresses to a URL parser.
    """
    parts = host.rstrip(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.match(p) for p in parts):
        return None
    values: list[int] = []
    for part in parts:
        if part[:2].lower() == "0x":
            values.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            if not all(c in "01234567" for c in part):
                return None
            values.append(int(part, 8))
        else:
            values.append(int(part))
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for index, value in enumerate(head):
        number |= value << (8 * (3 - index))
    return ipaddress.IPv4Address(number)


def _host_refusal(host: str, policy: HttpPolicy) -> str | None:
    """URL-level host check, done before any DNS lookup or connection."""
    name = host.lower().rstrip(".")
    if not name:
        return "empty host"
    try:
        literal: IPAddress | None = ipaddress.ip_address(name)
    except ValueError:
        literal = None
    if literal is None:
        loose = _loose_ipv4(name)
        if loose is not None:
            # The URL parser sees a name, the C resolver an address: refuse the ambiguity.
            return f"non-canonical IPv4 literal {host!r} (means {loose})"
    if policy.allow_private_hosts:
        return None
    if literal is not None:
        reason = address_refusal(literal)
        return None if reason is None else f"{reason} address {literal}"
    if name == "localhost" or name.endswith(".localhost"):
        return "loopback host name"
    return None


def check_url(url: str | httpx.URL, policy: HttpPolicy) -> httpx.URL:
    """Parse ``url`` and apply the URL-level rules; raise :class:`FetchError` when refused."""
    text = str(url)
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL: {exc}", url=text) from None
    allowed_schemes = ("https", "http") if policy.allow_http else ("https",)
    if parsed.scheme not in allowed_schemes:
        raise FetchError(
            f"scheme {parsed.scheme!r} not allowed (allowed: {', '.join(allowed_schemes)})",
            url=text,
        )
    if parsed.userinfo:
        raise FetchError("userinfo in URL not allowed", url=text)
    reason = _host_refusal(parsed.host, policy)
    if reason is not None:
        raise FetchError(f"host refused: {reason}", url=text)
    return parsed.copy_with(fragment=None)


def checked_addresses(
    host: str, infos: Iterable[tuple[Any, ...]], allow_private: bool
) -> list[str]:
    """The distinct IP literals of ``getaddrinfo`` answers, after checking every one of them."""
    addresses: list[str] = []
    for info in infos:
        ip_text = str(info[4][0]).split("%", 1)[0]
        address = ipaddress.ip_address(ip_text)
        reason = None if allow_private else address_refusal(address)
        if reason is not None:
            # One bad answer taints the whole name: the next lookup might return only it.
            raise FetchError(f"host {host!r} resolves to a {reason} address ({address})")
        if ip_text not in addresses:
            addresses.append(ip_text)
    if not addresses:
        raise FetchError(f"host {host!r} did not resolve")
    return addresses


def getaddrinfo_within(host: str, port: int, timeout: float | None) -> list[tuple[Any, ...]]:
    """``getaddrinfo`` bounded by ``timeout``: the C resolver has no timeout of its own.

    The lookup runs in a daemon thread; on timeout the thread is abandoned (it ends when the
    resolver gives up) and the caller gets ``TimeoutError``. Both transports use this one
    function (the async one from a worker thread), so a slow resolver fails the same way on both.
    """
    outcome: list[Any] = []

    def lookup() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller below
            outcome.append(exc)

    worker = threading.Thread(target=lookup, name="vckit-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise TimeoutError(f"DNS lookup of {host!r} took longer than {timeout} s")
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return list(outcome[0])
