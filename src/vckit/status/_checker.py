"""``StatusChecker``: the sync and async drivers of the status check flow.

The drivers only do I/O: ``check`` answers the flow's fetches with ``vckit._http.fetch`` and its
proof requests with ``verify_proof`` / ``verify_credential_jwt``; ``acheck`` uses ``afetch`` and
the asynchronous verifiers when they exist (otherwise the synchronous ones in a worker thread).
Neither raises for bad input or a failed fetch: the answer is then ``UNDETERMINED`` with a reason.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import anyio
import httpx

from vckit._http import DEFAULT_CONTENT_TYPES, HttpPolicy, afetch, fetch
from vckit.errors import FetchError, VckitError
from vckit.keys import KeyResolver
from vckit.problems import Problem
from vckit.status._bitstring import DEFAULT_MAX_DECODED_BYTES, MIN_LIST_LENGTH
from vckit.status._codes import MALFORMED_VALUE_ERROR, STATUS_VERIFICATION_ERROR
from vckit.status._core import FetchRequest, Flow, ProofOutcome, ProofRequest, StatusCore
from vckit.status._protocols import StatusResult

__all__ = ["LEGACY_MIN_LIST_LENGTH", "STATUS_LIST_CONTENT_TYPES", "StatusChecker"]

#: Lists built with 100,000 entries (Digital Credentials Consortium's status services): pass
#: ``min_list_length=LEGACY_MIN_LIST_LENGTH`` to accept them knowingly.
LEGACY_MIN_LIST_LENGTH = 100_000

#: Media types a status list response may have by default.
STATUS_LIST_CONTENT_TYPES: tuple[str, ...] = (
    *DEFAULT_CONTENT_TYPES,
    "application/vc+ld+json",
    "application/vc",
    "application/vc+jwt",
    "application/jwt",
)


def _entries(credential: Mapping[str, Any]) -> list[Any]:
    status = credential.get("credentialStatus")
    if status is None:
        return []
    return list(status) if isinstance(status, list) else [status]


class StatusChecker:
    """Checks ``credentialStatus`` entries: Bitstring Status List, StatusList2021, 1EdTech lists.

    ``client`` / ``async_client``: injectable httpx clients (``None``: a guarded client per
    fetch); ``http``: the :class:`~vckit._http.HttpPolicy` (https only, no private addresses, 1 MiB
    by default). ``resolver`` dereferences the status list's verification method (``None``:
    offline did:key / did:jwk); ``async_resolver`` is used by ``acheck`` when the Data Integrity
    engine has an async verifier. ``max_age`` caps how long (seconds) a fetched list is reused;
    the list's ``ttl`` and the server's ``Cache-Control: max-age`` cap it too, and 300 s applies
    when none is given. ``min_list_length`` is the herd-privacy minimum (131,072; use
    ``LEGACY_MIN_LIST_LENGTH`` for 100,000-entry lists). ``max_decoded_bytes`` caps the
    decompressed ``encodedList``. ``data_integrity`` is the proof engine (its suites and loader).
    """

    def __init__(
        self,
        *,
        client: httpx.Client | None = None,
        async_client: httpx.AsyncClient | None = None,
        http: HttpPolicy | None = None,
        resolver: KeyResolver | None = None,
        async_resolver: Any = None,
        max_age: float | None = None,
        min_list_length: int = MIN_LIST_LENGTH,
        max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES,
        cache_size: int = 256,
        content_types: Iterable[str] = STATUS_LIST_CONTENT_TYPES,
        data_integrity: Any = None,
    ) -> None:
        types = tuple(content_types)
        self._core = StatusCore(
            max_age=max_age,
            min_list_length=min_list_length,
            max_decoded_bytes=max_decoded_bytes,
            cache_size=cache_size,
            content_types=types,
        )
        self._options: dict[str, Any] = {
            "http": http,
            "resolver": resolver,
            "async_resolver": async_resolver,
            "max_age": max_age,
            "min_list_length": min_list_length,
            "max_decoded_bytes": max_decoded_bytes,
            "cache_size": cache_size,
            "content_types": types,
            "data_integrity": data_integrity,
        }
        self._client = client
        self._async_client = async_client
        self._policy = http or HttpPolicy()
        self._resolver = resolver
        self._async_resolver = async_resolver
        self._di = data_integrity

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as configuration (for process pools): no clients, an empty cache."""
        return (_rebuild, (self._options,))

    def clear_cache(self) -> None:
        """Forget every cached status list (the next check fetches again)."""
        self._core.clear()

    # -- sync --------------------------------------------------------------------------------

    def check(
        self,
        credential: Mapping[str, Any],
        entry: Mapping[str, Any],
        *,
        now: datetime,
        max_age: float | None = None,
    ) -> StatusResult:
        """Check one entry of ``credential``. ``max_age=0`` forces a (conditional) fetch."""
        hit = self._core.cached(credential, entry, now, max_age)
        if hit is not None:
            return hit
        flow = self._core.flow(credential, entry, now, max_age)
        try:
            request = next(flow)
            while True:
                request = flow.send(self._perform(request))
        except StopIteration as stop:
            result: StatusResult = stop.value
            return result

    def check_credential(
        self, credential: Mapping[str, Any], *, now: datetime, max_age: float | None = None
    ) -> tuple[StatusResult, ...]:
        """Check every ``credentialStatus`` entry of ``credential`` (none: an empty tuple)."""
        return tuple(
            self.check(credential, entry, now=now, max_age=max_age)
            for entry in _entries(credential)
        )

    def _perform(self, request: FetchRequest | ProofRequest) -> Any:
        if isinstance(request, FetchRequest):
            try:
                return fetch(
                    request.url,
                    policy=self._policy,
                    client=self._client,
                    accept=request.accept,
                    allowed_content_types=self._core.content_types,
                    headers=request.headers,
                )
            except FetchError as exc:
                return exc
        return self._verify(request)

    def _verify(self, request: ProofRequest) -> ProofOutcome:
        try:
            if request.token is not None:
                from vckit.proofs import jose

                jwt = jose.verify_credential_jwt(
                    request.token, resolver=self._resolver, now=request.now
                )
                return ProofOutcome(jwt.verified, jwt.problems, jwt.credential)
            if request.issuer is None:
                return _no_issuer()
            result = self._engine().verify_proof(
                request.document,
                self._resolver,
                expected_controller=request.issuer,
                now=request.now,
            )
            return ProofOutcome(result.verified, result.problems, request.document)
        except VckitError as exc:
            return ProofOutcome(False, (Problem(STATUS_VERIFICATION_ERROR, str(exc)),))

    def _engine(self) -> Any:
        if self._di is None:
            from vckit.proofs.dataintegrity import DataIntegrity

            self._di = DataIntegrity()
        return self._di

    # -- async -------------------------------------------------------------------------------

    async def acheck(
        self,
        credential: Mapping[str, Any],
        entry: Mapping[str, Any],
        *,
        now: datetime,
        max_age: float | None = None,
    ) -> StatusResult:
        """Async :meth:`check`: the same flow, driven with ``afetch``."""
        hit = self._core.cached(credential, entry, now, max_age)
        if hit is not None:
            return hit
        flow: Flow = self._core.flow(credential, entry, now, max_age)
        try:
            request = next(flow)
            while True:
                request = flow.send(await self._aperform(request))
        except StopIteration as stop:
            result: StatusResult = stop.value
            return result

    async def acheck_credential(
        self, credential: Mapping[str, Any], *, now: datetime, max_age: float | None = None
    ) -> tuple[StatusResult, ...]:
        """Async :meth:`check_credential`."""
        return tuple(
            [
                await self.acheck(credential, entry, now=now, max_age=max_age)
                for entry in _entries(credential)
            ]
        )

    async def _aperform(self, request: FetchRequest | ProofRequest) -> Any:
        if isinstance(request, FetchRequest):
            try:
                return await afetch(
                    request.url,
                    policy=self._policy,
                    client=self._async_client,
                    accept=request.accept,
                    allowed_content_types=self._core.content_types,
                    headers=request.headers,
                )
            except FetchError as exc:
                return exc
        engine = self._engine()
        averify = getattr(engine, "averify_proof", None)
        if request.token is None and self._async_resolver is not None and averify is not None:
            if request.issuer is None:
                return _no_issuer()
            try:
                result = averify(
                    request.document,
                    self._async_resolver,
                    expected_controller=request.issuer,
                    now=request.now,
                )
                if inspect.isawaitable(result):
                    result = await result
                return ProofOutcome(result.verified, result.problems, request.document)
            except VckitError as exc:
                return ProofOutcome(False, (Problem(STATUS_VERIFICATION_ERROR, str(exc)),))
        return await anyio.to_thread.run_sync(self._verify, request)


def _no_issuer() -> ProofOutcome:
    return ProofOutcome(
        False, (Problem(MALFORMED_VALUE_ERROR, "the status list credential has no issuer"),)
    )


def _rebuild(options: dict[str, Any]) -> StatusChecker:
    return StatusChecker(**options)
