"""``Verifier`` and ``AsyncVerifier``: configuration plus the two drivers of the one pipeline.

A verifier holds what stays the same across verifications (resolver, status checker, schema
registry, document loader, trusted issuers, HTTP policy and client, clock, clock skew, network
on/off) so a wallet backend or batch job reuses warm caches: resolved DID documents, processed
contexts, imported keys. Each ``verify`` call runs the sans-IO flow (``_flow``) and performs the
operations it yields; the sync and async drivers differ only in how they perform them.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Collection, Generator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from vckit._http import fetch_budget
from vckit.verification._detect import DEFAULT_MAX_INPUT_BYTES, Parsed
from vckit.verification._drive import internal_error, make_call, parse_input, verify_sync
from vckit.verification._flow import REQUIRED, Call, FlowConfig, run
from vckit.verification._ops import (
    CheckStatusEntry,
    FetchRefresh,
    Operation,
    VerifyDataIntegrity,
    VerifyJwt,
)
from vckit.verification._report import VerificationReport

__all__ = ["DEFAULT_CLOCK_SKEW", "AsyncVerifier", "Verifier"]

#: The default tolerance between the issuer's clock and the verifier's.
DEFAULT_CLOCK_SKEW = timedelta(minutes=5)
_REFRESH_TYPES = (
    "application/json",
    "application/ld+json",
    "application/vc+ld+json",
    "application/vc+jwt",
    "application/jwt",
    "text/plain",
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _MemoizedLocalResolver:
    """The offline default: did:key / did:jwk, decoded once per method (pure, never stale)."""

    def __init__(self) -> None:
        from vckit.keys import LocalKeyResolver

        self._cached = functools.lru_cache(maxsize=1024)(LocalKeyResolver().dereference)

    def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
        return self._cached(method_id, relationship)


def _budget(budget: Any, offline: bool) -> contextlib.AbstractContextManager[Any]:
    """One fetch budget per verification (endorsements and embedded credentials included).

    ``offline``: nothing the verifier is configured with can fetch (see ``_Base._setup``), so
    there is nothing to budget and no account is opened.
    """
    return _NO_BUDGET if offline else fetch_budget(budget)


_NO_BUDGET: Final = contextlib.nullcontext()  # reusable: it holds nothing


class _Base:
    """The configuration both drivers share, and what ``pickle`` keeps of it."""

    _CONFIG = (
        "resolver",
        "status",
        "schemas",
        "loader",
        "trusted_issuers",
        "http",
        "clock",
        "clock_skew",
        "allow_network",
        "allowed_inline_contexts",
        "max_input_bytes",
        "ob_rules",
        "budget",
    )

    def __init__(
        self,
        *,
        resolver: Any = None,
        status: Any = None,
        schemas: Any = None,
        loader: Any = None,
        trusted_issuers: Collection[str] | Callable[[str], bool] | None = None,
        http: Any = None,
        client: Any = None,
        clock: Callable[[], datetime] | None = None,
        clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
        allow_network: bool = False,
        allowed_inline_contexts: Collection[Mapping[str, Any]] = (),
        max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES,
        ob_rules: str = "enforce",
        budget: Any = None,
    ) -> None:
        if ob_rules not in ("enforce", "warn"):
            raise ValueError("ob_rules must be 'enforce' or 'warn'")
        if not isinstance(clock_skew, timedelta) or not timedelta(0) <= clock_skew <= timedelta(
            days=1
        ):
            raise ValueError("clock_skew must be a timedelta between 0 and 1 day")
        if not isinstance(max_input_bytes, int) or max_input_bytes < 1:
            raise ValueError("max_input_bytes must be a positive int")
        if isinstance(trusted_issuers, str):
            raise TypeError(
                "trusted_issuers must be a collection of issuer ids or a callable, not a str"
            )
        self.resolver = resolver
        self.status = status
        self.schemas = schemas
        self.loader = loader
        self.trusted_issuers = (
            trusted_issuers
            if trusted_issuers is None or callable(trusted_issuers)
            else frozenset(trusted_issuers)
        )
        self.http = http
        self.client = client
        self.clock = clock
        self.clock_skew = clock_skew
        self.allow_network = allow_network
        self.allowed_inline_contexts = tuple(allowed_inline_contexts)
        self.max_input_bytes = max_input_bytes
        self.ob_rules = ob_rules
        self.budget = budget
        self._setup()

    def _setup(self) -> None:
        from vckit import _http, jsonld
        from vckit.openbadges import SchemaRegistry
        from vckit.proofs.dataintegrity import DataIntegrity

        self._budget = self.budget if self.budget is not None else _http.FetchBudget()
        # Only the resolver, the status checker, refresh (allow_network), the document loader and
        # the schema registry can fetch; with the defaults of all of them (offline did:key /
        # did:jwk, bundled contexts, registered schemas only) a verification never fetches.
        self._offline = (
            not self.allow_network
            and self.resolver is None
            and self.status is None
            and self.loader is None
            and self.schemas is None
        )
        self._loader = self.loader if self.loader is not None else jsonld.default_loader()
        self._schemas = self.schemas if self.schemas is not None else SchemaRegistry()
        # The pipeline bounds every input and validates its contexts itself, once per
        # credential (the context check), so the engine does not repeat either.
        self._engine = DataIntegrity(loader=self._loader, input_checked=True)
        self._config = FlowConfig(
            loader=self._loader,
            schemas=self._schemas,
            trusted_issuers=self.trusted_issuers,
            allowed_inline_contexts=self.allowed_inline_contexts,
            clock_skew=self.clock_skew,
            has_status=self.status is not None,
            allow_network=bool(self.allow_network),
            ob_rules_required=self.ob_rules == "enforce",
            official_schemas_are_ob_rules=self.schemas is None,
        )
        self._resolver = self.resolver if self.resolver is not None else self._default_resolver()

    def _default_resolver(self) -> Any:
        if not self.allow_network:
            return _MemoizedLocalResolver()
        return self._network_resolver()

    def _network_resolver(self) -> Any:
        from vckit import dids

        return dids.DIDResolver(http=self.http)

    def __getstate__(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._CONFIG}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self.client = None
        self._setup()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, trusted_issuers="
            f"{'callback' if callable(self.trusted_issuers) else self.trusted_issuers is not None}, "
            f"allow_network={self.allow_network})"
        )

    def _call(
        self,
        now: datetime | str | None,
        *,
        recipient: str | None,
        refresh: bool,
        challenge: Any,
        domain: Any,
    ) -> Call:
        return make_call(self.clock, now, recipient, refresh, challenge, domain, _utc_now)

    def _parse(self, thing: Any, presentation: bool) -> Parsed:
        """Detect the input (``TypeError`` for a type no credential comes in)."""
        return parse_input(thing, presentation, self.max_input_bytes)

    # -- the pure parts of performing operations ---------------------------------------------

    def _verify_di(self, op: VerifyDataIntegrity, resolver: Any) -> Any:
        return self._engine.verify_proof(
            op.document,
            resolver,
            expected_proof_purpose=op.purpose,
            expected_controller=op.controller,
            challenge=op.challenge,
            domain=op.domain,
            now=op.now,
            clock_skew=self.clock_skew,
        )

    def _verify_jwt(self, op: VerifyJwt, resolver: Any) -> Any:
        from vckit.proofs import jose

        if op.kind == "vp":
            return jose.verify_presentation_jwt(
                op.token,
                resolver=resolver,
                nonce=op.nonce,
                audience=op.audience,
                now=op.now,
                clock_skew=self.clock_skew,
                credential_verifier=_accept_embedded,
            )
        return jose.verify_credential_jwt(
            op.token, resolver=resolver, now=op.now, clock_skew=self.clock_skew
        )


def _accept_embedded(credential: Mapping[str, Any]) -> tuple[()]:
    """Embedded credentials of a JWT presentation are verified by the pipeline itself."""
    return ()


_internal_error = internal_error


class Verifier(_Base):
    """Verify credentials, presentations and baked badges with one configuration.

    ``resolver`` dereferences verification methods (default: offline did:key / did:jwk, or a
    ``dids.DIDResolver`` with ``allow_network=True``). ``status`` is a ``SupportsStatusCheck``
    (e.g. ``vckit.status.StatusChecker``); without one the status check is SKIPPED. ``schemas`` a
    ``openbadges.SchemaRegistry``; ``loader`` the JSON-LD document loader (the context allow-list);
    ``trusted_issuers`` a collection of issuer ids or a callable ``issuer_id -> bool``; ``http`` /
    ``client`` the HTTP policy and ``httpx.Client`` for refresh fetches; ``clock`` returns "now";
    ``clock_skew`` the tolerance on dates; ``allow_network`` enables did:web and refresh;
    ``ob_rules="warn"`` reports Open Badges data-model issues as warnings instead of failing
    (for badges from issuers that break them, e.g. no recipient id or identifier); ``budget`` a
    ``vckit._http.FetchBudget`` for each verification (default 16 fetches / 20 s in all).
    A ``Verifier`` pickles as its configuration (caches and clients are rebuilt).
    """

    def _setup(self) -> None:
        super()._setup()
        dereference = getattr(self._resolver, "dereference", None)
        if dereference is None or inspect.iscoroutinefunction(dereference):
            raise TypeError(
                "Verifier needs a synchronous resolver; use AsyncVerifier for an async one"
            )
        check = getattr(self.status, "check", None) if self.status is not None else None
        if self.status is not None and (check is None or inspect.iscoroutinefunction(check)):
            raise TypeError("Verifier(status=...) needs a checker with a synchronous check()")

    def verify(
        self,
        thing: Any,
        *,
        now: datetime | str | None = None,
        recipient: str | None = None,
        refresh: bool = False,
        challenge: str | None = REQUIRED,  # type: ignore[assignment]
        domain: str | None = REQUIRED,  # type: ignore[assignment]
        presentation: bool = False,
    ) -> VerificationReport:
        """Verify ``thing`` (see ``vckit.verify``); never raises for bad input."""
        # The checks of the options, the input detection and the loop that performs the
        # operations run compiled (``verification/_drive.py``); it performs the Data Integrity
        # check itself and every other operation through ``_perform`` below.
        return verify_sync(
            self, thing, now, recipient, refresh, challenge, domain, presentation, _utc_now
        )

    def _perform(self, op: Operation) -> Any:
        if isinstance(op, VerifyDataIntegrity):
            return self._verify_di(op, self._resolver)
        if isinstance(op, VerifyJwt):
            return self._verify_jwt(op, self._resolver)
        if isinstance(op, CheckStatusEntry):
            return self.status.check(op.credential, op.entry, now=op.now)
        if isinstance(op, FetchRefresh):
            from vckit import _http

            return _http.fetch(
                op.url,
                policy=self.http,
                client=self.client,
                accept="application/json",
                allowed_content_types=_REFRESH_TYPES,
            ).content
        raise TypeError(f"unknown operation {op!r}")  # pragma: no cover


class AsyncVerifier(_Base):
    """The awaitable twin of :class:`Verifier`: same options, same flow, same reports.

    ``resolver`` may be async (``dids.AsyncDIDResolver``) or sync; ``status`` may implement
    ``acheck`` (``SupportsAsyncStatusCheck``) or only ``check``; ``client`` is an
    ``httpx.AsyncClient``. Proof checking itself is CPU work and runs inline.
    """

    def _network_resolver(self) -> Any:
        from vckit import dids

        return dids.AsyncDIDResolver(http=self.http)

    async def verify(
        self,
        thing: Any,
        *,
        now: datetime | str | None = None,
        recipient: str | None = None,
        refresh: bool = False,
        challenge: str | None = REQUIRED,  # type: ignore[assignment]
        domain: str | None = REQUIRED,  # type: ignore[assignment]
        presentation: bool = False,
    ) -> VerificationReport:
        """Verify ``thing`` (see ``vckit.averify``); never raises for bad input."""
        call = self._call(
            now, recipient=recipient, refresh=refresh, challenge=challenge, domain=domain
        )
        parsed = self._parse(thing, presentation)
        try:
            flow = run(parsed, self._config, call)
            with _budget(self._budget, self._offline):
                return await self._drive(flow)
        except Exception as exc:  # the last line: never crash on hostile input, never pass
            return _internal_error(exc)

    async def _drive(
        self, flow: Generator[Operation, Any, VerificationReport]
    ) -> VerificationReport:
        answer: Any = None
        error: BaseException | None = None
        while True:
            try:
                op = flow.send(answer) if error is None else flow.throw(error)
            except StopIteration as stop:
                report: VerificationReport = stop.value
                return report
            answer, error = None, None
            try:
                answer = await self._perform(op)
            except Exception as exc:
                error = exc

    async def _perform(self, op: Operation) -> Any:
        if isinstance(op, VerifyDataIntegrity):
            return await self._engine.averify_proof(
                op.document,
                self._resolver,
                expected_proof_purpose=op.purpose,
                expected_controller=op.controller,
                challenge=op.challenge,
                domain=op.domain,
                now=op.now,
                clock_skew=self.clock_skew,
            )
        if isinstance(op, VerifyJwt):
            return await self._averify_jwt(op)
        if isinstance(op, CheckStatusEntry):
            acheck = getattr(self.status, "acheck", None)
            if acheck is not None:
                return await acheck(op.credential, op.entry, now=op.now)
            return self.status.check(op.credential, op.entry, now=op.now)
        if isinstance(op, FetchRefresh):
            from vckit import _http

            response = await _http.afetch(
                op.url,
                policy=self.http,
                client=self.client,
                accept="application/json",
                allowed_content_types=_REFRESH_TYPES,
            )
            return response.content
        raise TypeError(f"unknown operation {op!r}")  # pragma: no cover

    async def _averify_jwt(self, op: VerifyJwt) -> Any:
        from vckit.proofs import jose

        if op.kind == "vp":
            return await jose.averify_presentation_jwt(
                op.token,
                self._resolver,
                nonce=op.nonce,
                audience=op.audience,
                now=op.now,
                clock_skew=self.clock_skew,
                credential_verifier=_accept_embedded,
            )
        return await jose.averify_credential_jwt(
            op.token, self._resolver, now=op.now, clock_skew=self.clock_skew
        )
