"""The sans-IO status check: one generator both drivers run.

The flow yields the I/O it needs — a :class:`FetchRequest` (answered with a ``FetchResponse`` or
the ``FetchError`` it raised) and a :class:`ProofRequest` (answered with a :class:`ProofOutcome`)
— and returns the :class:`StatusResult`. ``StatusChecker.check`` drives it with ``fetch`` and the
synchronous proof verifiers, ``acheck`` with ``afetch`` and the asynchronous ones; the rules live
here once. A cache hit returns without yielding at all.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

from vckit._codec.strict_json import loads_strict
from vckit._http import FetchResponse
from vckit.errors import FetchBudgetExceededError, FetchError, FetchStatusError, ParseError
from vckit.problems import Problem
from vckit.status._bitstring import read_entry
from vckit.status._codes import (
    CREDENTIAL_REVOKED,
    CREDENTIAL_SUSPENDED,
    MALFORMED_VALUE_ERROR,
    RANGE_ERROR,
    STATUS_LIST_LENGTH_ERROR,
    STATUS_RETRIEVAL_ERROR,
    STATUS_VERIFICATION_ERROR,
)
from vckit.status._entry import (
    REVOCATION_LIST_ENTRY,
    EntryError,
    StatusEntry,
    parse_entry,
)
from vckit.status._protocols import StatusResult, StatusVerdict
from vckit.status._snapshot import (
    LIST_TYPES,
    Snapshot,
    party_id,
    revocation_list_snapshot,
    status_list_snapshot,
)

__all__ = [
    "DEFAULT_FRESHNESS",
    "FetchRequest",
    "ProofOutcome",
    "ProofRequest",
    "StatusCore",
]

#: Seconds a list is reused when neither its ``ttl``, the server nor the caller bound it.
DEFAULT_FRESHNESS: Final = 300.0

_LIST_ACCEPT = "application/vc+ld+json, application/ld+json;q=0.9, application/json;q=0.8, application/vc+jwt;q=0.7, application/vc;q=0.7"
_JSON_ACCEPT = "application/json, application/ld+json;q=0.9"


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """GET ``url`` under the checker's HTTP policy (``headers``: conditional ones only)."""

    url: str
    accept: str
    headers: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ProofRequest:
    """Verify a status list credential: a Data Integrity ``document`` or a JWT ``token``."""

    document: Mapping[str, Any] | None
    token: str | None
    issuer: str | None
    now: datetime


@dataclass(frozen=True, slots=True)
class ProofOutcome:
    """What a driver found: ``credential`` is the verified credential (the JWT's payload)."""

    verified: bool
    problems: tuple[Problem, ...] = ()
    credential: Mapping[str, Any] | None = None


Request = FetchRequest | ProofRequest
Flow = Generator[Request, Any, StatusResult]

_UNDETERMINED = StatusVerdict.UNDETERMINED
_VALID = StatusVerdict.VALID
_frozen = MappingProxyType


def _undetermined(purpose: str, code: str, message: str, **detail: Any) -> StatusResult:
    return StatusResult(_UNDETERMINED, purpose, code, message, MappingProxyType(detail))


def _entry_purpose(entry: object) -> str:
    if isinstance(entry, Mapping):
        purpose = entry.get("statusPurpose")
        if isinstance(purpose, str):
            return purpose[:100]
        if entry.get("type") == REVOCATION_LIST_ENTRY:
            return "revocation"
    return "unknown"


def _is_jwt(text: str) -> bool:
    return text.count(".") == 2 and text.startswith("ey") and " " not in text


class StatusCore:
    """Configuration, cache and the check flow shared by the sync and async drivers."""

    def __init__(
        self,
        *,
        max_age: float | None,
        min_list_length: int,
        max_decoded_bytes: int,
        cache_size: int,
        content_types: tuple[str, ...],
    ) -> None:
        if max_age is not None and max_age < 0:
            raise ValueError("max_age must be >= 0 seconds")
        if min_list_length < 1:
            raise ValueError("min_list_length must be >= 1")
        if cache_size < 0:
            raise ValueError("cache_size must be >= 0")
        self.max_age = max_age
        self.min_list_length = min_list_length
        self.max_decoded_bytes = max_decoded_bytes
        self.cache_size = cache_size
        self.content_types = content_types
        # keyed by (entry type, URL): one URL read as two kinds of list must not share a copy
        self._cache: OrderedDict[tuple[str, str], Snapshot] = OrderedDict()

    def clear(self) -> None:
        """Forget every cached list."""
        self._cache.clear()

    # -- the flow ----------------------------------------------------------------------------

    def flow(
        self,
        credential: Mapping[str, Any],
        entry: Mapping[str, Any],
        now: datetime,
        max_age: float | None,
    ) -> Flow:
        """Check one entry; yields the I/O it needs, returns the result."""
        try:
            parsed = parse_entry(entry)
        except EntryError as exc:
            return _undetermined(_entry_purpose(entry), exc.code, str(exc))
        if not isinstance(credential, Mapping):
            return _undetermined(
                parsed.purpose, MALFORMED_VALUE_ERROR, "the credential is not a JSON object"
            )
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        snapshot = self._cache.get((parsed.kind, parsed.url))
        if snapshot is None or not self.fresh(snapshot, now, max_age):
            loaded = yield from self._load(parsed, snapshot, now)
            if isinstance(loaded, StatusResult):
                return loaded
            snapshot = loaded
        return self.evaluate(parsed, snapshot, credential, now)

    def cached(
        self,
        credential: Mapping[str, Any],
        entry: Mapping[str, Any],
        now: datetime,
        max_age: float | None,
    ) -> StatusResult | None:
        """The result from a fresh cached list, or ``None`` when :meth:`flow` must run.

        The drivers call this first: a cache hit then costs no generator at all. Anything
        unusual (a bad entry, no fresh list) is left to the flow, which applies the same rules.
        """
        try:
            parsed = parse_entry(entry)
        except EntryError:
            return None
        snapshot = self._cache.get((parsed.kind, parsed.url))
        if snapshot is None or now.tzinfo is None or not self.fresh(snapshot, now, max_age):
            return None
        if type(credential) is not dict and not isinstance(credential, Mapping):
            return None
        return self.evaluate(parsed, snapshot, credential, now)

    @staticmethod
    def fresh(snapshot: Snapshot, now: datetime, max_age: float | None) -> bool:
        """Whether ``snapshot`` may still be used at ``now`` (a clock gone back: no)."""
        fetched_at = snapshot.fetched_at
        if fetched_at is None:
            return False
        age = (now - fetched_at).total_seconds()
        limit = snapshot.fresh_for if max_age is None else min(snapshot.fresh_for, max_age)
        return 0 <= age < limit

    def _freshness(self, snapshot: Snapshot, http_max_age: int | None) -> float:
        bounds = [b for b in (snapshot.ttl, http_max_age, self.max_age) if b is not None]
        return float(min(bounds)) if bounds else DEFAULT_FRESHNESS

    def _store(self, kind: str, snapshot: Snapshot) -> None:
        if not self.cache_size:
            return
        key = (kind, snapshot.url)
        self._cache[key] = snapshot
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _load(
        self, parsed: StatusEntry, previous: Snapshot | None, now: datetime
    ) -> Generator[Request, Any, Snapshot | StatusResult]:
        headers: dict[str, str] = {}
        if previous is not None and previous.etag:
            headers["If-None-Match"] = previous.etag
        is_revocation_list = parsed.kind == REVOCATION_LIST_ENTRY
        accept = _JSON_ACCEPT if is_revocation_list else _LIST_ACCEPT
        response = yield FetchRequest(parsed.url, accept, MappingProxyType(headers))
        if isinstance(response, FetchError):
            detail: dict[str, Any] = {"statusListCredential": parsed.url}
            if isinstance(response, FetchStatusError):
                detail["http_status"] = response.status
            if isinstance(response, FetchBudgetExceededError):
                detail["fetch_budget_exceeded"] = True
            return _undetermined(
                parsed.purpose,
                STATUS_RETRIEVAL_ERROR,
                f"the status list could not be retrieved: {response}",
                **detail,
            )
        assert isinstance(response, FetchResponse)
        if response.status == 304 and previous is not None:
            snapshot = Snapshot(
                url=previous.url,
                kind=previous.kind,
                issuer=previous.issuer,
                purposes=previous.purposes,
                valid_from=previous.valid_from,
                valid_until=previous.valid_until,
                bits=previous.bits,
                revoked=previous.revoked,
                ttl=previous.ttl,
                etag=response.headers.get("etag", previous.etag),
                fetched_at=now,
            )
            snapshot.fresh_for = self._freshness(snapshot, response.max_age)
            self._store(parsed.kind, snapshot)
            return snapshot
        try:
            if is_revocation_list:
                snapshot = revocation_list_snapshot(parsed.url, self._json(response.content))
            else:
                credential = yield from self._verified_list(parsed, response.content, now)
                snapshot = status_list_snapshot(
                    parsed.url, credential, parsed.kind, max_decoded_bytes=self.max_decoded_bytes
                )
        except EntryError as exc:
            return _undetermined(
                parsed.purpose, exc.code, str(exc), statusListCredential=parsed.url
            )
        snapshot.etag = response.headers.get("etag")
        snapshot.fetched_at = now
        snapshot.fresh_for = self._freshness(snapshot, response.max_age)
        self._store(parsed.kind, snapshot)
        return snapshot

    @staticmethod
    def _json(content: bytes) -> Any:
        try:
            return loads_strict(content)
        except ParseError as exc:
            raise EntryError(
                STATUS_RETRIEVAL_ERROR, f"the status list is not valid JSON: {exc}"
            ) from None

    def _verified_list(
        self, parsed: StatusEntry, content: bytes, now: datetime
    ) -> Generator[Request, Any, Mapping[str, Any]]:
        text = content.strip()
        request: ProofRequest
        if text[:1] == b"{":
            document = self._json(content)
            request = ProofRequest(document, None, party_id(document.get("issuer")), now)
        else:
            try:
                token = text.decode("ascii")
            except UnicodeDecodeError:
                token = ""
            if not _is_jwt(token):
                raise EntryError(
                    STATUS_RETRIEVAL_ERROR, "the status list is neither a JSON object nor a JWT"
                )
            request = ProofRequest(None, token, None, now)
        outcome = yield request
        assert isinstance(outcome, ProofOutcome)
        if not outcome.verified or outcome.credential is None:
            first = outcome.problems[0] if outcome.problems else None
            reason = f": {first.code}: {first.message}" if first is not None else ""
            raise EntryError(
                STATUS_VERIFICATION_ERROR,
                f"the status list credential's proof did not verify{reason}",
            )
        return outcome.credential

    # -- the per-credential decision (also the cache-hit path) ---------------------------------

    def evaluate(
        self,
        parsed: StatusEntry,
        snapshot: Snapshot,
        credential: Mapping[str, Any],
        now: datetime,
    ) -> StatusResult:
        """Compare ``credential`` and its entry against a verified list snapshot."""
        purpose = parsed.purpose
        url = parsed.url
        age = (now - snapshot.fetched_at).total_seconds() if snapshot.fetched_at else 0.0
        issuer = party_id(credential.get("issuer"))
        if parsed.kind == REVOCATION_LIST_ENTRY and snapshot.issuer is None:
            pass  # a 1EdTech revocation list need not name its issuer
        elif issuer is None or snapshot.issuer != issuer:
            return _undetermined(
                purpose,
                STATUS_VERIFICATION_ERROR,
                "the status list was issued by someone other than the credential's issuer",
                statusListCredential=url,
                list_issuer=snapshot.issuer,
                credential_issuer=issuer,
            )
        if snapshot.valid_from is not None and now < snapshot.valid_from:
            return _undetermined(
                purpose,
                STATUS_VERIFICATION_ERROR,
                "the status list credential is not valid yet",
                statusListCredential=url,
                validFrom=snapshot.valid_from.isoformat(),
            )
        if snapshot.valid_until is not None and now > snapshot.valid_until:
            return _undetermined(
                purpose,
                STATUS_VERIFICATION_ERROR,
                "the status list credential has expired",
                statusListCredential=url,
                validUntil=snapshot.valid_until.isoformat(),
            )
        if parsed.kind == REVOCATION_LIST_ENTRY:
            return self._evaluate_revocation_list(snapshot, credential, age)
        expected = LIST_TYPES[parsed.kind][1]
        if snapshot.kind != expected:
            return _undetermined(
                purpose,
                STATUS_VERIFICATION_ERROR,
                f"the entry needs a {expected}, the list is a {snapshot.kind}",
                statusListCredential=url,
            )
        if purpose not in snapshot.purposes:
            return _undetermined(
                purpose,
                STATUS_VERIFICATION_ERROR,
                f"the status list's statusPurpose does not include {purpose!r}",
                statusListCredential=url,
            )
        width = parsed.status_size
        entries = len(snapshot.bits) * 8 // width
        if entries < self.min_list_length:
            return _undetermined(
                purpose,
                STATUS_LIST_LENGTH_ERROR,
                f"the status list has {entries} entries; at least {self.min_list_length} are required",
                statusListCredential=url,
                length=entries,
            )
        index = parsed.list_index
        if index >= entries:
            return _undetermined(
                purpose,
                RANGE_ERROR,
                f"statusListIndex {index} is beyond the list's {entries} entries",
                statusListCredential=url,
                statusListIndex=index,
            )
        value = read_entry(snapshot.bits, index, width)
        detail: dict[str, Any] = {
            "statusListCredential": url,
            "statusListIndex": index,
            "status": value,
            "age_seconds": age,
        }
        message = parsed.messages.get(value) if parsed.messages else None
        if message is not None:
            detail["statusMessage"] = message
        if value == 0 or purpose not in _NEGATIVE:
            return StatusResult(_VALID, purpose, None, message or "", _frozen(detail))
        verdict = _NEGATIVE[purpose]
        return StatusResult(
            verdict,
            purpose,
            _NEGATIVE_CODES[verdict],
            message or f"the credential is {verdict.value}",
            _frozen(detail),
        )

    def _evaluate_revocation_list(
        self, snapshot: Snapshot, credential: Mapping[str, Any], age: float
    ) -> StatusResult:
        if snapshot.kind != REVOCATION_LIST_ENTRY:
            return _undetermined(
                "revocation",
                STATUS_VERIFICATION_ERROR,
                f"the entry needs a 1EdTech revocation list, the list is a {snapshot.kind}",
                statusListCredential=snapshot.url,
            )
        ident = credential.get("id")
        if not isinstance(ident, str):
            return _undetermined(
                "revocation",
                MALFORMED_VALUE_ERROR,
                "a 1EdTech revocation list needs the credential's id, and it has none",
                statusListCredential=snapshot.url,
            )
        detail: dict[str, Any] = {"statusListCredential": snapshot.url, "age_seconds": age}
        if ident in snapshot.revoked:
            reason = snapshot.revoked[ident]
            if reason is not None:
                detail["revocationReason"] = reason
            return StatusResult(
                StatusVerdict.REVOKED,
                "revocation",
                CREDENTIAL_REVOKED,
                reason or "the credential is revoked",
                _frozen(detail),
            )
        return StatusResult(_VALID, "revocation", None, "", _frozen(detail))


_NEGATIVE: Final[Mapping[str, StatusVerdict]] = {
    "revocation": StatusVerdict.REVOKED,
    "suspension": StatusVerdict.SUSPENDED,
}
_NEGATIVE_CODES: Final[Mapping[StatusVerdict, str]] = {
    StatusVerdict.REVOKED: CREDENTIAL_REVOKED,
    StatusVerdict.SUSPENDED: CREDENTIAL_SUSPENDED,
}
