"""The HTTP policy (what a fetch may do) and the response a successful fetch returns.

Kept free of httpx at import time so that packages which only name the policy (the JSON-LD
loader's options) do not load the network stack.
"""

from __future__ import annotations

import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

__all__ = ["DEFAULT_CONTENT_TYPES", "FetchResponse", "HttpPolicy"]

#: Media types accepted when the caller does not name its own.
DEFAULT_CONTENT_TYPES: tuple[str, ...] = (
    "application/json",
    "application/ld+json",
    "application/did+json",
    "application/did+ld+json",
)


@dataclass(frozen=True)
class HttpPolicy:
    """What a fetch may do. The defaults are the safe ones; loosen them only for development.

    ``verify`` is ``True`` (certifi's CA bundle), a path to a CA bundle, an ``ssl.SSLContext``
    (tests trust a throwaway CA this way) or ``False`` (no certificate check — never in
    production). ``total_timeout`` bounds the whole fetch including redirects and the body: the
    connect and read timeouts of each request are cut to the time that is left, so no fetch
    outlives it by more than the scheduler's slack.
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

    def timeout(self, remaining: float | None = None) -> httpx.Timeout:
        """The per-request httpx timeouts, each cut to ``remaining`` seconds when given."""
        import httpx

        cap = float("inf") if remaining is None else max(remaining, 0.001)
        return httpx.Timeout(
            connect=min(self.connect_timeout, cap),
            read=min(self.read_timeout, cap),
            write=min(self.read_timeout, cap),
            pool=min(self.connect_timeout, cap),
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
        import certifi  # on use: certifi imports importlib.resources (start-up time)

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
