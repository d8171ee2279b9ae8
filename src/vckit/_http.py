"""The one HTTP policy every network call in vckit goes through.

vckit fetches untrusted URLs: did:web documents, HTTPS controller documents, (opt-in) remote
JSON-LD contexts, status lists. Each of those URLs comes from a credential an attacker may have
written, so a fetch is a server-side request forgery risk. This module is the single place that
decides what a fetch may do, so the rules cannot drift between callers:

* **https only** (``http`` only with ``HttpPolicy(allow_http=True)``), no userinfo in URLs;
* **timeouts**: connect, read (per chunk) and total (checked while the body streams in);
* **a byte cap** (default 1 MiB) enforced while streaming, on the *decoded* byte count: a gzip
  bomb fails after ``max_bytes`` of output, without ever holding more than that in memory. Only
  ``identity``, ``gzip`` and ``deflate`` content encodings are accepted, because only those can be
  decoded here with a bound;
* **a content-type check** against the media types the caller names;
* **redirects** only to the same origin (scheme, host, port) and at most ``max_redirects``;
* **no private addresses**: loopback, link-local, private, shared (CGNAT), multicast, reserved and
  unspecified addresses, IPv4 and IPv6, including IPv4 embedded in IPv6 (mapped, 6to4, NAT64) are
  refused — unless ``HttpPolicy(allow_private_hosts=True)``.

How the address check defeats DNS rebinding: the URL is checked first (IP literals, the
non-canonical numeric forms ``0x7f000001`` / ``2130706433`` / ``127.1`` that ``inet_aton`` would
accept, and ``localhost``). Then the client built by :func:`new_client` / :func:`new_async_client`
uses an httpcore *network backend* that resolves the host name itself, checks **every** address it
gets back, and opens the TCP connection to the checked IP literal. TLS still runs with the host
name as SNI and certificate name (httpcore takes them from the URL, not from the socket), and the
``Host`` header is unchanged, so virtual hosting and certificate checks work as usual. Since the
address that is checked is the address that is connected to, a resolver that answers "public" to
the check and "private" to the connect has nothing to exploit. Proxies from the environment are
ignored (``trust_env=False``): a proxy would make the connected address the proxy's.

An injected ``httpx.Client`` keeps its own transport (that is how tests use
``httpx.MockTransport``): the URL-level checks, redirect, byte, type and time limits still apply,
but the connect-time address check is only as good as that transport. Pass
``client=new_client(policy)`` to share one guarded connection pool across calls.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import anyio
import certifi
import httpcore
import httpx

from vckit.errors import FetchError, FetchStatusError

__all__ = [
    "DEFAULT_CONTENT_TYPES",
    "FetchResponse",
    "HttpPolicy",
    "address_refusal",
    "afetch",
    "check_url",
    "fetch",
    "new_async_client",
    "new_client",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Media types accepted when the caller does not name its own.
DEFAULT_CONTENT_TYPES: tuple[str, ...] = (
    "application/json",
    "application/ld+json",
    "application/did+json",
    "application/did+ld+json",
)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_USER_AGENT = "vckit"


@dataclass(frozen=True)
class HttpPolicy:
    """What a fetch may do. The defaults are the safe ones; loosen them only for development.

    ``verify`` is ``True`` (certifi's CA bundle), a path to a CA bundle, an ``ssl.SSLContext``
    (tests trust a throwaway CA this way) or ``False`` (no certificate check — never in
    production). ``total_timeout`` bounds the whole fetch including redirects and the body; it is
    checked between chunks, so the worst case is ``total_timeout + read_timeout``.
    """

    allow_http: bool = False
    allow_private_hosts: bool = False
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 30.0
    max_bytes: int = 1_048_576
    max_redirects: int = 3
    verify: ssl.SSLContext | str | bool = True

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"HttpPolicy.{name} must be > 0")
        if self.max_bytes < 1:
            raise ValueError("HttpPolicy.max_bytes must be >= 1")
        if self.max_redirects < 0:
            raise ValueError("HttpPolicy.max_redirects must be >= 0")

    def timeout(self) -> httpx.Timeout:
        """The per-request httpx timeouts (the total timeout is enforced by :func:`fetch`)."""
        return httpx.Timeout(
            connect=self.connect_timeout,
            read=self.read_timeout,
            write=self.read_timeout,
            pool=self.connect_timeout,
        )

    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context for ``verify``; built here so a ``str`` bundle needs no httpx quirks."""
        if isinstance(self.verify, ssl.SSLContext):
            return self.verify
        if self.verify is False:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return context
        cafile = certifi.where() if self.verify is True else self.verify
        return ssl.create_default_context(cafile=cafile)


@dataclass(frozen=True)
class FetchResponse:
    """A successful (2xx) response whose body passed every check.

    ``url`` is the final URL after same-origin redirects; ``headers`` has lower-case names;
    ``max_age`` is the freshness lifetime in seconds from ``Cache-Control`` (``0`` for
    ``no-store`` / ``no-cache``, ``None`` when the server said nothing). ``status`` is ``304``
    (and ``content`` empty) only when the caller sent a conditional request header
    (``If-None-Match`` / ``If-Modified-Since``) and the server answered "not modified".
    """

    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    max_age: int | None


# --------------------------------------------------------------------------------------------
# Address and URL checks (pure)
# --------------------------------------------------------------------------------------------

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")


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
    checks = (
        ("is_unspecified", "unspecified"),
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    )
    for attribute, label in checks:
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


# --------------------------------------------------------------------------------------------
# Connect-time guard: resolve, check every address, connect to the checked IP
# --------------------------------------------------------------------------------------------


def _checked_addresses(
    host: str, infos: Iterable[tuple[Any, ...]], allow_private: bool
) -> list[str]:
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


def _getaddrinfo_within(host: str, port: int, timeout: float | None) -> list[tuple[Any, ...]]:
    """``getaddrinfo`` bounded by ``timeout``: the C resolver has no timeout of its own.

    The lookup runs in a daemon thread; on timeout the thread is abandoned (it ends when the
    resolver gives up) and the caller gets ``TimeoutError``.
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


class _GuardedBackend(httpcore.NetworkBackend):
    """Sync network backend that only ever connects to addresses it has checked."""

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = _getaddrinfo_within(host, port, timeout)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host!r} timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
        last: Exception | None = None
        for ip in _checked_addresses(host, infos, self._allow_private):
            try:
                return self._inner.connect_tcp(ip, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise FetchError("unix sockets are not allowed by the HTTP policy")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncGuardedBackend(httpcore.AsyncNetworkBackend):
    """Async twin of :class:`_GuardedBackend` (anyio: asyncio and trio)."""

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            with anyio.fail_after(timeout):
                infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, TimeoutError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host!r}: {exc}") from exc
        last: Exception | None = None
        for ip in _checked_addresses(host, infos, self._allow_private):
            try:
                return await self._inner.connect_tcp(
                    ip, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        assert last is not None
        raise last

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise FetchError("unix sockets are not allowed by the HTTP policy")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool swapped for one on the guarded backend.

    httpx does not take a network backend, so the pool it builds is replaced; the request and
    response plumbing and exception mapping stay httpx's own.
    """

    def __init__(self, policy: HttpPolicy) -> None:
        context = policy.ssl_context()
        super().__init__(verify=context, trust_env=False)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):
            raise RuntimeError("unsupported httpx version: cannot install the address guard")
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            network_backend=_GuardedBackend(policy.allow_private_hosts),
        )


class _AsyncGuardedTransport(httpx.AsyncHTTPTransport):
    """Async twin of :class:`_GuardedTransport`."""

    def __init__(self, policy: HttpPolicy) -> None:
        context = policy.ssl_context()
        super().__init__(verify=context, trust_env=False)
        if not isinstance(getattr(self, "_pool", None), httpcore.AsyncConnectionPool):
            raise RuntimeError("unsupported httpx version: cannot install the address guard")
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=context,
            network_backend=_AsyncGuardedBackend(policy.allow_private_hosts),
        )


def new_client(policy: HttpPolicy | None = None) -> httpx.Client:
    """An ``httpx.Client`` whose connections obey ``policy``'s address rules. Caller closes it."""
    policy = policy or HttpPolicy()
    return httpx.Client(
        transport=_GuardedTransport(policy),
        timeout=policy.timeout(),
        follow_redirects=False,
        trust_env=False,
    )


def new_async_client(policy: HttpPolicy | None = None) -> httpx.AsyncClient:
    """An ``httpx.AsyncClient`` whose connections obey ``policy``'s address rules."""
    policy = policy or HttpPolicy()
    return httpx.AsyncClient(
        transport=_AsyncGuardedTransport(policy),
        timeout=policy.timeout(),
        follow_redirects=False,
        trust_env=False,
    )


# --------------------------------------------------------------------------------------------
# Shared core: request building, redirect decisions, response checks, bounded body decoding
# --------------------------------------------------------------------------------------------


_CONDITIONAL_HEADERS = frozenset({"if-none-match", "if-modified-since"})


def _extra_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """Caller-supplied request headers: only the conditional ones, so the policy's stay fixed."""
    extra = dict(headers or {})
    for name, value in extra.items():
        if name.lower() not in _CONDITIONAL_HEADERS:
            raise ValueError(
                f"request header {name!r} not allowed (only If-None-Match / If-Modified-Since)"
            )
        if not isinstance(value, str) or "\r" in value or "\n" in value:
            raise ValueError(f"invalid value for request header {name!r}")
    return extra


def _build_request(
    client: httpx.Client | httpx.AsyncClient,
    url: httpx.URL,
    accept: str,
    policy: HttpPolicy,
    extra: Mapping[str, str] | None = None,
) -> httpx.Request:
    headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate", "User-Agent": _USER_AGENT}
    if extra:
        headers.update(extra)
    return client.build_request("GET", url, headers=headers, timeout=policy.timeout())


def _not_modified(
    response: httpx.Response, url: httpx.URL, extra: Mapping[str, str]
) -> FetchResponse | None:
    """A 304 answer to a conditional request, as an empty ``FetchResponse``; otherwise ``None``."""
    if response.status_code != 304 or not extra:
        return None
    return _result(response, url, b"")


def _redirect_target(
    response: httpx.Response, url: httpx.URL, hops: int, policy: HttpPolicy
) -> httpx.URL | None:
    """The next URL to fetch for a redirect response, ``None`` when ``response`` is final."""
    if response.status_code not in _REDIRECT_STATUSES:
        return None
    location = response.headers.get("location")
    if not location:
        return None
    try:
        target = url.join(location)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(f"invalid redirect location: {exc}", url=str(url)) from None
    if hops >= policy.max_redirects:
        raise FetchError(f"more than {policy.max_redirects} redirects", url=str(url))
    if (target.scheme, target.host, target.port) != (url.scheme, url.host, url.port):
        raise FetchError(f"cross-origin redirect to {target} refused", url=str(url))
    return check_url(target, policy)


def _media_type(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _check_head(
    response: httpx.Response, url: httpx.URL, allowed_types: frozenset[str], policy: HttpPolicy
) -> None:
    """Status, content type and declared length checks, before reading any of the body."""
    text = str(url)
    if not 200 <= response.status_code < 300:
        raise FetchStatusError(
            f"HTTP {response.status_code} from {text}", url=text, status=response.status_code
        )
    media_type = _media_type(response.headers.get("content-type", ""))
    if media_type not in allowed_types:
        raise FetchError(
            f"content type {media_type or '(none)'!r} not accepted "
            f"(expected one of {', '.join(sorted(allowed_types))})",
            url=text,
        )
    length = response.headers.get("content-length")
    if length is not None and length.strip().isdigit() and int(length) > policy.max_bytes:
        raise FetchError(f"body of {int(length)} bytes exceeds {policy.max_bytes}", url=text)


def _max_age(headers: httpx.Headers) -> int | None:
    """Freshness lifetime from ``Cache-Control`` minus ``Age``; 0 means do not reuse."""
    directives: dict[str, str | None] = {}
    for item in headers.get("cache-control", "").split(","):
        name, _, value = item.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip().strip('"') if value else None
    if "no-store" in directives or "no-cache" in directives:
        return 0
    raw = directives.get("max-age")
    if raw is None or not raw.isdigit():
        return None
    age = headers.get("age", "0").strip()
    return max(0, int(raw) - (int(age) if age.isdigit() else 0))


class _Body:
    """Accumulates a response body: decodes it, counts decoded bytes, watches the deadline.

    Decoding is done here rather than by httpx so each step is bounded: ``zlib`` is asked for at
    most the remaining allowance plus one byte, so a bomb stops at ``max_bytes + 1`` of output.
    """

    def __init__(self, url: httpx.URL, encoding: str, policy: HttpPolicy, deadline: float):
        self._url = str(url)
        self._limit = policy.max_bytes
        self._deadline = deadline
        self._parts: list[bytes] = []
        self._size = 0
        self._raw_size = 0
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if not codings:
            self._inflater = None
        elif codings in (["gzip"], ["x-gzip"]):
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif codings == ["deflate"]:
            self._inflater = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchError(f"content encoding {encoding!r} not supported", url=self._url)

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._limit:
            raise FetchError(f"body exceeds {self._limit} bytes", url=self._url)
        self._parts.append(data)

    def feed(self, chunk: bytes) -> None:
        if time.monotonic() > self._deadline:
            raise FetchError("total timeout exceeded while reading the body", url=self._url)
        self._raw_size += len(chunk)
        if self._raw_size > self._limit:
            raise FetchError(f"body exceeds {self._limit} bytes", url=self._url)
        if self._inflater is None:
            self._keep(chunk)
            return
        data = chunk
        try:
            while data:
                self._keep(self._inflater.decompress(data, self._limit - self._size + 1))
                data = self._inflater.unconsumed_tail
        except zlib.error as exc:
            raise FetchError(f"corrupt compressed body: {exc}", url=self._url) from None

    def finish(self) -> bytes:
        if self._inflater is not None:
            try:
                self._keep(self._inflater.decompress(b"", self._limit - self._size + 1))
            except zlib.error as exc:
                raise FetchError(f"corrupt compressed body: {exc}", url=self._url) from None
            if not self._inflater.eof:
                raise FetchError("truncated compressed body", url=self._url)
        return b"".join(self._parts)


def _preread(
    response: httpx.Response, url: httpx.URL, policy: HttpPolicy, deadline: float
) -> bytes:
    """Body of a response httpx already read (a test transport returned bytes): cap it too."""
    body = _Body(url, "", policy, deadline)
    body.feed(response.content)
    return body.finish()


def _result(response: httpx.Response, url: httpx.URL, content: bytes) -> FetchResponse:
    headers = {name.lower(): value for name, value in response.headers.items()}
    return FetchResponse(
        url=str(url),
        status=response.status_code,
        headers=MappingProxyType(headers),
        content=content,
        max_age=_max_age(response.headers),
    )


def _translate(exc: httpx.HTTPError, url: httpx.URL) -> FetchError:
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"timed out ({type(exc).__name__})", url=str(url))
    return FetchError(f"{type(exc).__name__}: {exc}", url=str(url))


def _check_deadline(deadline: float, url: httpx.URL) -> None:
    if time.monotonic() > deadline:
        raise FetchError("total timeout exceeded", url=str(url))


def _allowed(types: Iterable[str]) -> frozenset[str]:
    allowed = frozenset(_media_type(t) for t in types)
    if not allowed:
        raise ValueError("allowed_content_types must name at least one media type")
    return allowed


# --------------------------------------------------------------------------------------------
# Front ends: they only drive I/O
# --------------------------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    policy: HttpPolicy | None = None,
    client: httpx.Client | None = None,
    accept: str = "application/json",
    allowed_content_types: Iterable[str] = DEFAULT_CONTENT_TYPES,
    headers: Mapping[str, str] | None = None,
) -> FetchResponse:
    """GET ``url`` under ``policy``; raise :class:`FetchError` for anything the policy refuses.

    ``client=None`` uses a fresh guarded client (see :func:`new_client`) closed afterwards.
    HTTP error statuses raise :class:`FetchStatusError` (``.status``). ``headers`` may carry
    ``If-None-Match`` / ``If-Modified-Since`` (nothing else); a 304 answer to them is returned
    as a ``FetchResponse`` with ``status=304`` and no content.
    """
    policy = policy or HttpPolicy()
    allowed = _allowed(allowed_content_types)
    extra = _extra_headers(headers)
    current = check_url(url, policy)
    if client is None:
        with new_client(policy) as own:
            return _fetch_with(own, current, policy, accept, allowed, extra)
    return _fetch_with(client, current, policy, accept, allowed, extra)


def _fetch_with(
    client: httpx.Client,
    url: httpx.URL,
    policy: HttpPolicy,
    accept: str,
    allowed: frozenset[str],
    extra: Mapping[str, str],
) -> FetchResponse:
    deadline = time.monotonic() + policy.total_timeout
    hops = 0
    while True:
        _check_deadline(deadline, url)
        try:
            response = client.send(
                _build_request(client, url, accept, policy, extra),
                stream=True,
                follow_redirects=False,
            )
        except httpx.HTTPError as exc:
            raise _translate(exc, url) from None
        try:
            target = _redirect_target(response, url, hops, policy)
            if target is not None:
                url, hops = target, hops + 1
                continue
            unchanged = _not_modified(response, url, extra)
            if unchanged is not None:
                return unchanged
            _check_head(response, url, allowed, policy)
            if response.is_stream_consumed:  # pre-read (MockTransport): already decoded
                return _result(response, url, _preread(response, url, policy, deadline))
            body = _Body(url, response.headers.get("content-encoding", ""), policy, deadline)
            for chunk in response.iter_raw():
                body.feed(chunk)
            return _result(response, url, body.finish())
        except httpx.HTTPError as exc:
            raise _translate(exc, url) from None
        finally:
            response.close()


async def afetch(
    url: str,
    *,
    policy: HttpPolicy | None = None,
    client: httpx.AsyncClient | None = None,
    accept: str = "application/json",
    allowed_content_types: Iterable[str] = DEFAULT_CONTENT_TYPES,
    headers: Mapping[str, str] | None = None,
) -> FetchResponse:
    """Async :func:`fetch`: same rules, same errors."""
    policy = policy or HttpPolicy()
    allowed = _allowed(allowed_content_types)
    extra = _extra_headers(headers)
    current = check_url(url, policy)
    if client is None:
        async with new_async_client(policy) as own:
            return await _afetch_with(own, current, policy, accept, allowed, extra)
    return await _afetch_with(client, current, policy, accept, allowed, extra)


async def _afetch_with(
    client: httpx.AsyncClient,
    url: httpx.URL,
    policy: HttpPolicy,
    accept: str,
    allowed: frozenset[str],
    extra: Mapping[str, str],
) -> FetchResponse:
    deadline = time.monotonic() + policy.total_timeout
    hops = 0
    while True:
        _check_deadline(deadline, url)
        try:
            response = await client.send(
                _build_request(client, url, accept, policy, extra),
                stream=True,
                follow_redirects=False,
            )
        except httpx.HTTPError as exc:
            raise _translate(exc, url) from None
        try:
            target = _redirect_target(response, url, hops, policy)
            if target is not None:
                url, hops = target, hops + 1
                continue
            unchanged = _not_modified(response, url, extra)
            if unchanged is not None:
                return unchanged
            _check_head(response, url, allowed, policy)
            if response.is_stream_consumed:  # pre-read (MockTransport): already decoded
                return _result(response, url, _preread(response, url, policy, deadline))
            body = _Body(url, response.headers.get("content-encoding", ""), policy, deadline)
            async for chunk in response.aiter_raw():
                body.feed(chunk)
            return _result(response, url, body.finish())
        except httpx.HTTPError as exc:
            raise _translate(exc, url) from None
        finally:
            await response.aclose()
