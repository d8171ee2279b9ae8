"""The one HTTP policy every network call in vckit goes through.

vckit fetches untrusted URLs: did:web documents, HTTPS controller documents, (opt-in) remote
JSON-LD contexts, status lists. Each of those URLs comes from a credential an attacker may have
written, so a fetch is a server-side request forgery risk. This package is the single place that
decides what a fetch may do, so the rules cannot drift between callers:

* **https only** (``http`` only with ``HttpPolicy(allow_http=True)``), no userinfo in URLs;
* **timeouts**: connect, read (per chunk) and total (each request's timeouts are cut to what is
  left of the total);
* **a byte cap** (default 1 MiB) enforced while streaming, on the *decoded* byte count: a gzip
  bomb fails after ``max_bytes`` of output, without ever holding more than that in memory. Only
  ``identity``, ``gzip`` and ``deflate`` content encodings are accepted, because only those can be
  decoded here with a bound;
* **a content-type check** against the media types the caller names;
* **redirects** only to the same origin (scheme, host, port) and at most ``max_redirects``;
* **no private addresses**: loopback, link-local, private, shared (CGNAT), multicast, reserved and
  unspecified addresses, IPv4 and IPv6, including IPv4 embedded in IPv6 (mapped, 6to4, NAT64) are
  refused — unless ``HttpPolicy(allow_private_hosts=True)``; the clients from :func:`new_client`
  / :func:`new_async_client` check every resolved address and connect to the checked one;
* **a budget** per piece of work (:func:`fetch_budget`): a count of fetches and a time limit.

Layout: ``_policy`` (the policy, the response), ``_guard`` (address checks), ``_flow`` (the
sans-I/O fetch flow), ``_transport`` (guarded httpx transports), ``_budget``, ``_drivers``
(:func:`fetch` and :func:`afetch`, which only do I/O).

An injected ``httpx.Client`` keeps its own transport (that is how tests use
``httpx.MockTransport``): the URL-level checks, redirect, byte, type, time and budget limits still
apply, but the connect-time address check is only as good as that transport. Pass
``client=new_client(policy)`` to share one guarded connection pool across calls.

Importing this package loads httpx only when a name that needs it is first used, so the policy
types can be named by light modules (the JSON-LD loader's options) without the network stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vckit._http._budget import FetchAccount, FetchBudget, fetch_budget
from vckit._http._policy import DEFAULT_CONTENT_TYPES, FetchResponse, HttpPolicy

if TYPE_CHECKING:
    from vckit._http._drivers import afetch, fetch
    from vckit._http._guard import address_refusal, check_url
    from vckit._http._transport import new_async_client, new_client

__all__ = [
    "DEFAULT_CONTENT_TYPES",
    "FetchAccount",
    "FetchBudget",
    "FetchResponse",
    "HttpPolicy",
    "address_refusal",
    "afetch",
    "check_url",
    "fetch",
    "fetch_budget",
    "new_async_client",
    "new_client",
]

_LAZY = {
    "afetch": "vckit._http._drivers",
    "fetch": "vckit._http._drivers",
    "address_refusal": "vckit._http._guard",
    "check_url": "vckit._http._guard",
    "new_async_client": "vckit._http._transport",
    "new_client": "vckit._http._transport",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
