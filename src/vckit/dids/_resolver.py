"""DIDResolver and AsyncDIDResolver: one pure core, two thin I/O drivers.

The core (:class:`_Core`) decides everything: which method handles a DID, whether the cache
answers, which URL must be fetched, how a response becomes a validated document, and which key
a DID URL dereferences to. The sync and async resolvers only perform the one fetch the core asks
for, so they cannot drift apart.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType, TracebackType
from typing import Self

import httpx

from vckit._codec.strict_json import loads_strict
from vckit._http import FetchResponse, HttpPolicy, afetch, fetch, new_async_client, new_client
from vckit.dids._cache import DocumentCache
from vckit.dids._document import DIDDocument, VerificationMethod
from vckit.dids._methods import DIDMethod, JwkMethod, KeyMethod, WebMethod
from vckit.dids._syntax import DIDURL, MAX_DID_URL_LENGTH
from vckit.errors import (
    DIDResolutionError,
    DIDResolutionErrorKind,
    FetchError,
    FetchStatusError,
    ParseError,
)

__all__ = ["DEFAULT_METHODS", "AsyncDIDResolver", "DIDResolver"]

#: The methods a resolver knows unless told otherwise (an immutable mapping; pass your own).
DEFAULT_METHODS: Mapping[str, DIDMethod] = MappingProxyType(
    {"key": KeyMethod(), "jwk": JwkMethod(), "web": WebMethod()}
)
_ACCEPT = "application/did+json, application/did+ld+json, application/json;q=0.9"


@dataclass(frozen=True)
class _Fetch:
    """The core's request to its driver: fetch ``url``; the document must have id ``doc_id``."""

    url: str
    doc_id: str


class _Core:
    """Everything but I/O: method dispatch, cache, document validation, dereferencing."""

    def __init__(
        self,
        methods: Mapping[str, DIDMethod] | None,
        cache: DocumentCache[DIDDocument] | None,
        allow_https_documents: bool,
    ) -> None:
        self.methods = MappingProxyType(dict(DEFAULT_METHODS if methods is None else methods))
        self.cache = DocumentCache[DIDDocument]() if cache is None else cache
        self.allow_https_documents = allow_https_documents

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
        return _Fetch(method.url(did.did), target)

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
        return cached if cached is not None else _Fetch(target, target)

    def finish(self, step: _Fetch, response: FetchResponse) -> DIDDocument:
        try:
            data = loads_strict(response.content)
        except ParseError as exc:
            raise DIDResolutionError(
                f"{step.url} did not return JSON: {exc}",
                kind=DIDResolutionErrorKind.INVALID_DID_DOCUMENT,
                did=step.doc_id,
            ) from None
        document = DIDDocument.from_json(data, expected_id=step.doc_id)
        self.cache.put(step.doc_id, document, response.max_age)
        return document

    @staticmethod
    def fetch_failed(step: _Fetch, exc: FetchError) -> DIDResolutionError:
        missing = isinstance(exc, FetchStatusError) and exc.status in (404, 410)
        kind = DIDResolutionErrorKind.NOT_FOUND if missing else DIDResolutionErrorKind.FETCH_FAILED
        return DIDResolutionError(f"{step.url}: {exc}", kind=kind, did=step.doc_id)

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


class DIDResolver:
    """Resolve DIDs and dereference verification methods (implements ``keys.KeyResolver``).

    ``methods`` is this resolver's registry (name -> :class:`DIDMethod`; default did:key, did:jwk,
    did:web). ``http`` is the policy for every fetch; ``client`` an ``httpx.Client`` you own
    (default: a guarded client from ``vckit._http.new_client``, closed by :meth:`close`).
    ``https_documents`` enables HTTPS controller documents (Controlled Identifiers 1.0).
    """

    def __init__(
        self,
        *,
        http: HttpPolicy | None = None,
        client: httpx.Client | None = None,
        cache: DocumentCache[DIDDocument] | None = None,
        methods: Mapping[str, DIDMethod] | None = None,
        https_documents: bool = True,
    ) -> None:
        self.http = http or HttpPolicy()
        self._core = _Core(methods, cache, https_documents)
        self._client = client
        self._owns_client = client is None
        self._lock = threading.Lock()

    @property
    def cache(self) -> DocumentCache[DIDDocument]:
        return self._core.cache

    @property
    def methods(self) -> Mapping[str, DIDMethod]:
        return self._core.methods

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


class AsyncDIDResolver:
    """The awaitable twin of :class:`DIDResolver` (same arguments, same results, same errors)."""

    def __init__(
        self,
        *,
        http: HttpPolicy | None = None,
        client: httpx.AsyncClient | None = None,
        cache: DocumentCache[DIDDocument] | None = None,
        methods: Mapping[str, DIDMethod] | None = None,
        https_documents: bool = True,
    ) -> None:
        self.http = http or HttpPolicy()
        self._core = _Core(methods, cache, https_documents)
        self._client = client
        self._owns_client = client is None

    @property
    def cache(self) -> DocumentCache[DIDDocument]:
        return self._core.cache

    @property
    def methods(self) -> Mapping[str, DIDMethod]:
        return self._core.methods

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
