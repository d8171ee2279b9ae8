"""DIDResolver and AsyncDIDResolver: one pure core, two thin I/O drivers.

The core (:class:`_Core`) decides everything: which method handles a DID, whether the cache (or
the negative cache of recent failures) answers, which URL must be fetched, how a response becomes
a validated document, and which key a DID URL dereferences to. The sync and async resolvers only
perform the one fetch the core asks for, so they cannot drift apart.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType, TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx

from vckit._codec.strict_json import loads_strict
from vckit._http import FetchResponse, HttpPolicy, afetch, fetch, new_async_client, new_client
from vckit.dids._cache import DocumentCache
from vckit.dids._document import DIDDocument
from vckit.dids._methods import DIDMethod, JwkMethod, KeyMethod, WebMethod
from vckit.dids._syntax import DIDURL, MAX_DID_URL_LENGTH
from vckit.errors import (
    DIDResolutionError,
    DIDResolutionErrorKind,
    FetchBudgetExceededError,
    FetchError,
    FetchStatusError,
    ParseError,
    VckitError,
)
from vckit.keys import VerificationMethod

__all__ = ["DEFAULT_HTTP_POLICY", "DEFAULT_METHODS", "AsyncDIDResolver", "DIDResolver"]

#: The methods a resolver knows unless told otherwise (an immutable mapping; pass your own).
DEFAULT_METHODS: Mapping[str, DIDMethod] = MappingProxyType(
    {"key": KeyMethod(), "jwk": JwkMethod(), "web": WebMethod()}
)
#: The resolvers' default HTTP policy: the safe defaults, with a 10 s total per document (not
#: the 30 s of a bare ``HttpPolicy()``), so a slow did:web host cannot hold a verifier for long.
DEFAULT_HTTP_POLICY = HttpPolicy(total_timeout=10.0)
#: How long a failed lookup (unreachable host, 404, invalid document) is remembered, in seconds.
DEFAULT_NEGATIVE_TTL = 30.0
_ACCEPT = "application/did+json, application/did+ld+json, application/json;q=0.9"


@dataclass(frozen=True)
class _Fetch:
    """The core's request to its driver: fetch ``url``; the document must have id ``doc_id``."""

    url: str
    doc_id: str


class _Core:
    """Everything but I/O: method dispatch, caches, document validation, dereferencing."""

    def __init__(
        self,
        methods: Mapping[str, DIDMethod] | None,
        cache: DocumentCache[DIDDocument] | None,
        allow_https_documents: bool,
        negative_ttl: float,
    ) -> None:
        if negative_ttl < 0:
            raise ValueError("negative_ttl must be >= 0")
        self.methods = MappingProxyType(dict(DEFAULT_METHODS if methods is None else methods))
        self.cache = DocumentCache[DIDDocument]() if cache is None else cache
        self.allow_https_documents = allow_https_documents
        self.negative_ttl = negative_ttl
        self.failures = DocumentCache[DIDResolutionError](  # on the document cache's clock
            default_ttl=negative_ttl, max_ttl=negative_ttl, clock=self.cache.clock
        )

    def start(self, target: str) -> DIDDocument | _Fetch:
        """A document (derived or cached) or the fetch that will produce it."""
        if not isinstance(target, str):
            raise TypeError("a DID must be a str")
        if target.startswith("https:"):
            return self._start_https(target)
        did = DIDURL.parse(target)
        if did.path or did.query is not None or did.fragment is not None:
            raise DIDResolutionError(
                "resolve() takes a DID; use dereference() for DID URLs",
                kind=DIDResolutionErrorKind.INVALID_DID,
                did=target[:200],
            )
        method = self.methods.get(did.did.method)
        if method is None:
            raise DIDResolutionError(
                f"DID method {did.did.method!r} is not registered with this resolver",
                kind=DIDResolutionErrorKind.METHOD_NOT_SUPPORTED,
                did=target,
            )
        cached = self.cache.get(target)
        if cached is not None:
            return cached
        derived = method.document(did.did)
        if derived is not None:  # pure, but worth caching: key checks cost ~100 us a time
            document = DIDDocument.from_json(derived, expected_id=target)
            self.cache.put(target, document)
            return document
        return self._fetch_step(method.url(did.did), target)

    def _start_https(self, target: str) -> DIDDocument | _Fetch:
        if not self.allow_https_documents:
            raise DIDResolutionError(
                "HTTPS controller documents are disabled on this resolver",
                kind=DIDResolutionErrorKind.METHOD_NOT_SUPPORTED,
                did=target[:200],
            )
        if len(target) > MAX_DID_URL_LENGTH or "#" in target:
            raise DIDResolutionError(
                "invalid controller document URL",
                kind=DIDResolutionErrorKind.INVALID_DID_URL,
                did=target[:200],
            )
        cached = self.cache.get(target)
        return cached if cached is not None else self._fetch_step(target, target)

    def _fetch_step(self, url: str, doc_id: str) -> _Fetch:
        """The fetch to make, unless the same lookup failed within ``negative_ttl``."""
        failed = self.failures.get(doc_id)
        if failed is not None:
            raise DIDResolutionError(
                f"{failed} (failed within the last {self.negative_ttl:g} s; not retried yet)",
                kind=failed.kind,
                did=doc_id,
            )
        return _Fetch(url, doc_id)

    def finish(self, step: _Fetch, response: FetchResponse) -> DIDDocument:
        try:
            data = loads_strict(response.content)
        except ParseError as exc:
            raise self._remember(
                step,
                DIDResolutionError(
                    f"{step.url} did not return JSON: {exc}",
                    kind=DIDResolutionErrorKind.INVALID_DID_DOCUMENT,
                    did=step.doc_id,
                ),
            ) from None
        try:
            document = DIDDocument.from_json(data, expected_id=step.doc_id)
        except DIDResolutionError as exc:
            raise self._remember(step, exc) from None
        self.cache.put(step.doc_id, document, response.max_age)
        return document

    def fetch_failed(self, step: _Fetch, exc: FetchError) -> VckitError:
        """The error to raise for a failed fetch: a spent budget as it is, else a remembered
        :class:`DIDResolutionError` (a spent budget says nothing about the DID)."""
        if isinstance(exc, FetchBudgetExceededError):
            return exc
        missing = isinstance(exc, FetchStatusError) and exc.status in (404, 410)
        kind = DIDResolutionErrorKind.NOT_FOUND if missing else DIDResolutionErrorKind.FETCH_FAILED
        return self._remember(
            step, DIDResolutionError(f"{step.url}: {exc}", kind=kind, did=step.doc_id)
        )

    def _remember(self, step: _Fetch, error: DIDResolutionError) -> DIDResolutionError:
        self.failures.put(step.doc_id, error)
        return error

    @staticmethod
    def split(method_id: str) -> tuple[str, str]:
        """(document to resolve, absolute method id) for a DID URL or an HTTPS method id."""
        if not isinstance(method_id, str):
            raise TypeError("a verification method id must be a str")
        if method_id.startswith("https:"):
            base, hash_, fragment = method_id.partition("#")
            if not hash_ or not fragment:
                raise DIDResolutionError(
                    "an HTTPS verification method id needs a fragment",
                    kind=DIDResolutionErrorKind.INVALID_DID_URL,
                    did=method_id[:200],
                )
            return base, method_id
        url = DIDURL.parse(method_id)
        if url.path or url.query is not None:
            raise DIDResolutionError(
                "DID URL paths and queries are not dereferenced",
                kind=DIDResolutionErrorKind.INVALID_DID_URL,
                did=method_id[:200],
            )
        did = str(url.did)
        if url.fragment is None:
            if url.did.method == "key":  # did:key alone names its (first) key
                return did, f"{did}#{url.did.method_specific_id}"
            if url.did.method == "jwk":
                return did, f"{did}#0"
            raise DIDResolutionError(
                "a verification method id needs a fragment",
                kind=DIDResolutionErrorKind.INVALID_DID_URL,
                did=method_id[:200],
            )
        return did, method_id


Client = TypeVar("Client", httpx.Client, httpx.AsyncClient)


def _rebuild(cls: type[_Resolver[Any]], options: dict[str, Any]) -> _Resolver[Any]:
    return cls(**options)


class _Resolver(Generic[Client]):
    """What the two resolvers share: configuration, the core, and pickling as configuration."""

    def __init__(
        self,
        *,
        http: HttpPolicy | None = None,
        client: Client | None = None,
        cache: DocumentCache[DIDDocument] | None = None,
        methods: Mapping[str, DIDMethod] | None = None,
        https_documents: bool = True,
        negative_ttl: float = DEFAULT_NEGATIVE_TTL,
    ) -> None:
        self.http = http or DEFAULT_HTTP_POLICY
        self._core = _Core(methods, cache, https_documents, negative_ttl)
        self._client: Client | None = client
        self._owns_client = client is None
        self._lock = threading.Lock()  # the sync resolver's first fetch may race across threads

    @property
    def cache(self) -> DocumentCache[DIDDocument]:
        return self._core.cache

    @property
    def methods(self) -> Mapping[str, DIDMethod]:
        return self._core.methods

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as configuration (policy, methods, cache limits, options): a copy in another
        process starts with an empty cache and makes its own guarded client; an injected client
        and a custom cache clock are not carried over."""
        options = {
            "http": self.http,
            "methods": dict(self._core.methods),
            "cache": self._core.cache,  # pickles as its limits, empty
            "https_documents": self._core.allow_https_documents,
            "negative_ttl": self._core.negative_ttl,
        }
        return (_rebuild, (type(self), options))


class DIDResolver(_Resolver[httpx.Client]):
    """Resolve DIDs and dereference verification methods (implements ``keys.KeyResolver``).

    ``methods`` is this resolver's registry (name -> :class:`DIDMethod`; default did:key, did:jwk,
    did:web). ``http`` is the policy for every fetch (default :data:`DEFAULT_HTTP_POLICY`: 10 s in
    total per document); ``client`` an ``httpx.Client`` you own (default: a guarded client from
    ``vckit._http.new_client``, closed by :meth:`close`). ``https_documents`` enables HTTPS
    controller documents (Controlled Identifiers 1.0). A failed lookup is remembered for
    ``negative_ttl`` seconds (0: not at all) and fails again at once, without a fetch.

    Inside a :func:`vckit._http.fetch_budget`, a fetch the budget cannot pay for raises
    :class:`~vckit.errors.FetchBudgetExceededError` (not remembered as a failure of the DID).
    """

    def resolve(self, did: str) -> DIDDocument:
        """The validated document of ``did`` (or of an HTTPS controller document URL)."""
        step = self._core.start(did)
        if isinstance(step, DIDDocument):
            return step
        with self._lock:  # one shared client even when threads race on the first fetch
            if self._client is None:
                self._client = new_client(self.http)
        try:
            response = fetch(step.url, policy=self.http, client=self._client, accept=_ACCEPT)
        except FetchError as exc:
            raise self._core.fetch_failed(step, exc) from None
        return self._core.finish(step, response)

    def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> VerificationMethod:
        """The method ``method_id`` with its key, if its document authorises ``relationship``."""
        document_id, absolute = self._core.split(method_id)
        return self.resolve(document_id).verification_method(absolute, relationship)

    def close(self) -> None:
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncDIDResolver(_Resolver[httpx.AsyncClient]):
    """The awaitable twin of :class:`DIDResolver` (same arguments, same results, same errors)."""

    async def resolve(self, did: str) -> DIDDocument:
        step = self._core.start(did)
        if isinstance(step, DIDDocument):
            return step
        if self._client is None:
            self._client = new_async_client(self.http)
        try:
            response = await afetch(step.url, policy=self.http, client=self._client, accept=_ACCEPT)
        except FetchError as exc:
            raise self._core.fetch_failed(step, exc) from None
        return self._core.finish(step, response)

    async def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> VerificationMethod:
        document_id, absolute = self._core.split(method_id)
        return (await self.resolve(document_id)).verification_method(absolute, relationship)

    async def aclose(self) -> None:
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
