"""The Data Integrity proof engine: Add Proof and Verify Proof, written once for every suite.

VC Data Integrity 1.0, sections 4.2-4.5. The engine owns everything that is not cryptography:
proof options and dates, proof purposes and the verification-method relationship they require,
challenge / domain, proof sets (several independent proofs) and chains (``previousProof``), the
context allow-list, and mapping every failure onto a spec-named problem code. A suite only turns
(document, options) into signed bytes and checks a ``proofValue``.

Verification is written once, as a generator that yields a ``Lookup`` for each verification
method it needs (``_resolve``); ``verify_proof`` and ``averify_proof`` only answer the lookups,
with a synchronous or an async resolver. It checks the proof alone: binding it to the issuer
takes ``expected_controller``, which the pipeline always passes.

Suites are looked up in a per-instance registry (DESIGN.md: registries are the allow-list). The
module-level functions use an instance with ``DEFAULT_CRYPTOSUITES``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Generator, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from vckit import jsonld
from vckit._codec.limits import JsonLimitError, json_shape
from vckit._codec.xsd import format_datetime_stamp, parse_datetime_stamp
from vckit.errors import SigningError, UnsupportedAlgorithmError, VckitError
from vckit.jsonld._validate import VC_BASE_CONTEXTS, validate_top_contexts
from vckit.problems import (
    CRYPTOSUITE_UNSUPPORTED_ERROR,
    DATA_LOSS_DETECTION_ERROR,
    INVALID_VERIFICATION_METHOD_ERROR,
    MALFORMED_PROOF_ERROR,
    PARSING_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
    Problem,
)
from vckit.proofs.dataintegrity import _options as opts
from vckit.proofs.dataintegrity._ecdsa import EcdsaJcs2019, EcdsaRdfc2019
from vckit.proofs.dataintegrity._ecdsa_sd import EcdsaSd2023
from vckit.proofs.dataintegrity._eddsa import EddsaJcs2022, EddsaRdfc2022
from vckit.proofs.dataintegrity._legacy import Ed25519Signature2020
from vckit.proofs.dataintegrity._resolve import (
    AsyncKeyResolver,
    Lookup,
    adrive,
    drive,
    require_sync_resolver,
)
from vckit.proofs.dataintegrity._result import ProofFailure, ProofResult, ProofVerificationResult
from vckit.proofs.dataintegrity._suite import Cryptosuite
from vckit.proofs.dataintegrity._transform import (
    ContextAllowList,
    TransformError,
    check_contexts,
    check_top_contexts,
    copy_json,
)

if TYPE_CHECKING:
    from vckit.keys import KeyResolver, Signer, VerificationMethodLike

__all__ = [
    "DEFAULT_CLOCK_SKEW",
    "DEFAULT_CRYPTOSUITES",
    "DataIntegrity",
    "add_proof",
    "averify_proof",
    "verify_proof",
]


#: An allow-listed inline ``@context`` value: an object, a list, or a URL string.
InlineContext = Mapping[str, Any] | list[Any] | str

#: The suites vckit registers by default, keyed by ``cryptosuite`` (or the legacy proof type).
DEFAULT_CRYPTOSUITES: Mapping[str, Cryptosuite] = MappingProxyType(
    {
        "eddsa-rdfc-2022": EddsaRdfc2022(),
        "eddsa-jcs-2022": EddsaJcs2022(),
        "ecdsa-rdfc-2019": EcdsaRdfc2019(),
        "ecdsa-jcs-2019": EcdsaJcs2019(),
        "ecdsa-sd-2023": EcdsaSd2023(),
        "Ed25519Signature2020": Ed25519Signature2020(),
    }
)

#: Each proof costs a canonicalization, so a proof set is bounded; real credentials carry one to
#: three (the W3C chain vector has four).
DEFAULT_MAX_PROOFS = 16
#: How far a proof's ``created`` may lie ahead of the verifier's clock (clocks differ).
DEFAULT_CLOCK_SKEW = timedelta(minutes=5)
_NO_SKEW = timedelta(0)
DATA_INTEGRITY_PROOF = "DataIntegrityProof"
_VC2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
_DI_CONTEXTS = (
    "https://w3id.org/security/data-integrity/v2",
    "https://w3id.org/security/data-integrity/v1",
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _context_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _proof_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


class DataIntegrity:
    """Add and verify Data Integrity proofs with a fixed set of cryptosuites and contexts.

    ``cryptosuites`` maps registry keys (``"eddsa-rdfc-2022"``, ``"Ed25519Signature2020"``) to
    suite objects; anything not in it neither signs nor verifies. ``loader`` is the JSON-LD
    document loader, which is also the context allow-list (``None``: vckit's bundled, offline
    contexts). ``clock`` supplies "now" when the caller gives no time (tests inject one).
    ``max_proofs`` bounds the proofs of one document, each of which costs a canonicalization.
    ``base_contexts`` are the context URLs one of which must come first in a verified document
    (the VC base contexts; ``None`` for Data Integrity on JSON-LD documents that are not
    credentials, such as DID documents). ``input_checked=True`` is for a caller that has already
    bounded every document with ``vckit._codec.limits.check_json_limits`` and validated its
    contexts with ``jsonld.validate_contexts`` (the ``vckit.verify`` pipeline does, once per
    credential): the engine then skips both instead of repeating them.
    """

    def __init__(
        self,
        cryptosuites: Mapping[str, Cryptosuite] = DEFAULT_CRYPTOSUITES,
        *,
        loader: ContextAllowList | None = None,
        clock: Callable[[], datetime] = _utc_now,
        max_proofs: int = DEFAULT_MAX_PROOFS,
        base_contexts: Collection[str] | None = VC_BASE_CONTEXTS,
        input_checked: bool = False,
    ) -> None:
        self._input_checked = input_checked
        self._suites: Mapping[str, Cryptosuite] = MappingProxyType(dict(cryptosuites))
        self._loader = loader
        self._clock = clock
        self._max_proofs = max_proofs
        if isinstance(base_contexts, str):
            raise TypeError("base_contexts must be a collection of URLs, not one URL")
        self._base_contexts = None if base_contexts is None else tuple(base_contexts)

    @property
    def cryptosuites(self) -> Mapping[str, Cryptosuite]:
        """The registered suites (read-only)."""
        return self._suites

    @property
    def loader(self) -> ContextAllowList:
        """The document loader in use (vckit's bundled one unless another was given)."""
        if self._loader is None:
            from vckit.jsonld import default_loader

            self._loader = default_loader()
        return self._loader

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as configuration, for batch work in other processes.

        The default registry and the shared bundled-context loader are recorded as "the
        defaults" and are the receiving process's own after unpickling; a custom registry, loader
        and clock travel as themselves (so they must pickle: a module-level clock function, not
        a lambda).
        """
        from vckit.jsonld import default_loader

        suites = None if self._suites == DEFAULT_CRYPTOSUITES else dict(self._suites)
        loader = None if self._loader is None or self._loader is default_loader() else self._loader
        clock = None if self._clock is _utc_now else self._clock
        return (
            _restore,
            (suites, loader, clock, self._max_proofs, self._base_contexts, self._input_checked),
        )

    # -- Add Proof ---------------------------------------------------------------------------

    def add_proof(
        self,
        document: Mapping[str, Any],
        signer: Signer,
        *,
        cryptosuite: str = "eddsa-rdfc-2022",
        proof_purpose: str = "assertionMethod",
        created: opts.DateInput | None = None,
        expires: opts.DateInput | None = None,
        challenge: str | None = None,
        domain: opts.DomainInput | None = None,
        previous_proof: opts.IdsInput | None = None,
        proof_id: str | None = None,
    ) -> dict[str, Any]:
        """Return a copy of ``document`` with one more proof; ``document`` is left untouched.

        An existing proof turns into a proof set. ``previous_proof`` makes the new proof part of
        a chain: it then also signs the named proofs, which must be in the document.
        Raises ``UnsupportedAlgorithmError`` for an unregistered suite, ``SigningError`` when
        the proof cannot be made, ``TypeError`` / ``ValueError`` for bad arguments.
        """
        if not isinstance(document, Mapping):
            raise TypeError("document must be a JSON object (a Mapping)")
        self._suite(cryptosuite)  # an unknown suite is refused before the document is read
        return self._add_proof(
            copy_json(document),
            signer,
            cryptosuite=cryptosuite,
            proof_purpose=proof_purpose,
            created=created,
            expires=expires,
            challenge=challenge,
            domain=domain,
            previous_proof=previous_proof,
            proof_id=proof_id,
        )

    def _suite(self, cryptosuite: str) -> Cryptosuite:
        suite = self._suites.get(cryptosuite)
        if suite is None:
            raise UnsupportedAlgorithmError(f"cryptosuite {cryptosuite!r} is not registered")
        return suite

    def _add_proof(
        self,
        secured: dict[str, Any],
        signer: Signer,
        *,
        cryptosuite: str = "eddsa-rdfc-2022",
        proof_purpose: str = "assertionMethod",
        created: opts.DateInput | None = None,
        expires: opts.DateInput | None = None,
        challenge: str | None = None,
        domain: opts.DomainInput | None = None,
        previous_proof: opts.IdsInput | None = None,
        proof_id: str | None = None,
    ) -> dict[str, Any]:
        """``add_proof`` on a document handed over: ``secured`` (JSON, owned by nobody else) is
        changed into the secured document and returned, saving ``add_proof``'s copy of it.

        For ``vckit.issue``, which has just made its own copy of the credential.
        """
        suite = self._suite(cryptosuite)
        existing = _proof_list(secured.pop("proof")) if "proof" in secured else []
        if not all(isinstance(proof, Mapping) for proof in existing):
            raise ValueError("the document's existing proof is not an object or list of objects")

        before = copy_json(secured.get("@context"))
        self._prepare(suite, secured)
        if existing and secured.get("@context") != before:
            raise SigningError(
                f"the document lacks the context {suite.proof_type} needs; adding it now "
                "would invalidate the proofs it already has"
            )

        options = opts.build_options(
            proof_type=suite.proof_type,
            cryptosuite=suite.cryptosuite,
            verification_method=signer.verification_method,
            proof_purpose=proof_purpose,
            created=self._created(created),
            expires=expires,
            challenge=challenge,
            domain=domain,
            previous_proof=previous_proof,
            proof_id=proof_id,
        )
        unsecured = dict(secured)
        if previous_proof is not None:
            try:
                chained = opts.matching_proofs(opts.id_list(options["previousProof"]), existing)
            except ProofFailure as failure:
                raise SigningError(failure.problem.message) from None
            unsecured["proof"] = chained
        try:
            loader = self.loader
            check_contexts(unsecured, loader)
            proof = suite.create_proof(unsecured, options, signer, loader)
        except TransformError as error:
            raise SigningError(f"cannot sign this document: {error}") from error
        secured["proof"] = [*existing, proof] if existing else proof
        return secured

    def _prepare(self, suite: Cryptosuite, document: dict[str, Any]) -> None:
        """Make the document define the proof's terms (jsonld-signatures' ensureSuiteContext).

        A VC 1.1 document does not define ``DataIntegrityProof``; the Data Integrity context is
        appended to it, as the JS stack does. VC 2.0 documents already include those terms.
        """
        if suite.proof_type == DATA_INTEGRITY_PROOF:
            if "@context" in document:
                contexts = _context_list(document["@context"])
                if not any(url in contexts for url in (_VC2_CONTEXT, *_DI_CONTEXTS)):
                    document["@context"] = [*contexts, _DI_CONTEXTS[0]]
        else:
            suite.prepare_document(document)

    def _created(self, created: opts.DateInput | None) -> str:
        if created is None:
            return format_datetime_stamp(self._clock().replace(microsecond=0))
        return opts.date_value(created, "created")

    # -- Verify Proof ------------------------------------------------------------------------

    def verify_proof(
        self,
        document: Any,
        resolver: KeyResolver | None = None,
        *,
        expected_proof_purpose: str = "assertionMethod",
        expected_controller: str | None = None,
        challenge: str | None = None,
        domain: opts.DomainInput | None = None,
        now: opts.DateInput | None = None,
        clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
        require_all: bool = True,
        allowed_inline_contexts: Iterable[InlineContext] = (),
    ) -> ProofVerificationResult:
        """Verify every proof of ``document``; never raises for bad input.

        This checks the proof alone: that the signature holds over the document, by a key its
        controller authorises for the proof purpose, with the dates, purpose, challenge and
        domain the options ask for. It does not know who the issuer is: without
        ``expected_controller`` (the issuer's id) a valid proof by *anyone's* key verifies, and
        with ``require_all=False`` one such proof is enough. Binding the proof to the issuer is
        the caller's job; ``vckit.verify`` always passes ``expected_controller`` and requires
        every proof.

        ``resolver`` dereferences verification methods for the proof's purpose (``None``: an
        offline did:key / did:jwk resolver); an async resolver needs :meth:`averify_proof`
        (``TypeError`` here). A ``created`` later than ``now`` plus ``clock_skew`` fails.
        Before any proof, the document's contexts are validated (``jsonld.validate_contexts``:
        known URLs, VC base context first, undefined-terms last, no inline or nested context
        unless ``allowed_inline_contexts`` lists its exact value): ``CONTEXT_VALIDATION_ERROR``.
        """
        if resolver is None:
            resolver = _default_resolver()
        else:
            require_sync_resolver(resolver)
        flow = self._verification(
            document,
            self._verify_options(
                expected_proof_purpose=expected_proof_purpose,
                expected_controller=expected_controller,
                challenge=challenge,
                domain=domain,
                now=now,
                clock_skew=clock_skew,
                require_all=require_all,
                allowed_inline_contexts=allowed_inline_contexts,
            ),
        )
        return drive(flow, resolver)

    def _verify_bounded(
        self,
        document: Any,
        shape: tuple[bool, int] | None,
        resolver: KeyResolver,
        *,
        expected_proof_purpose: str,
        expected_controller: str | None,
        challenge: str | None,
        domain: opts.DomainInput | None,
        now: opts.DateInput | None,
        clock_skew: timedelta,
    ) -> ProofVerificationResult:
        """:meth:`verify_proof` (every proof required, no inline contexts) for the pipeline, whose
        one bounds walk of this very ``document`` found ``shape`` (``vckit._codec.limits.
        json_shape``; None when it walked another object): with ``input_checked`` the engine does
        not walk for limits, and ``shape`` spares it the allow-list walk where that walk could
        only find the top-level ``@context`` URLs. Without ``input_checked`` the engine walks as
        ever, whatever ``shape`` says."""
        require_sync_resolver(resolver)
        flow = self._verification(
            document,
            self._verify_options(
                expected_proof_purpose=expected_proof_purpose,
                expected_controller=expected_controller,
                challenge=challenge,
                domain=domain,
                now=now,
                clock_skew=clock_skew,
                require_all=True,
                allowed_inline_contexts=(),
            ),
            shape if self._input_checked else None,
        )
        return drive(flow, resolver)

    async def averify_proof(
        self,
        document: Any,
        resolver: AsyncKeyResolver | KeyResolver | None = None,
        *,
        expected_proof_purpose: str = "assertionMethod",
        expected_controller: str | None = None,
        challenge: str | None = None,
        domain: opts.DomainInput | None = None,
        now: opts.DateInput | None = None,
        clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
        require_all: bool = True,
        allowed_inline_contexts: Iterable[InlineContext] = (),
    ) -> ProofVerificationResult:
        """:meth:`verify_proof` with an async resolver (e.g. ``vckit.dids.AsyncDIDResolver``).

        The same checks in the same order (one core drives both), so the result is the same as
        ``verify_proof`` with the equivalent synchronous resolver. A synchronous resolver is
        called directly, which suits offline ones (the default, ``keys.LocalKeyResolver``); a
        resolver that does network I/O should be async here, or it blocks the event loop.
        """
        if resolver is None:
            resolver = _default_resolver()
        elif not callable(getattr(resolver, "dereference", None)):
            raise TypeError("resolver must have a dereference(method_id, relationship=...) method")
        flow = self._verification(
            document,
            self._verify_options(
                expected_proof_purpose=expected_proof_purpose,
                expected_controller=expected_controller,
                challenge=challenge,
                domain=domain,
                now=now,
                clock_skew=clock_skew,
                require_all=require_all,
                allowed_inline_contexts=allowed_inline_contexts,
            ),
        )
        return await adrive(flow, resolver)

    def _verify_options(
        self,
        *,
        expected_proof_purpose: str,
        expected_controller: str | None,
        challenge: str | None,
        domain: opts.DomainInput | None,
        now: opts.DateInput | None,
        clock_skew: timedelta,
        require_all: bool,
        allowed_inline_contexts: Iterable[InlineContext],
    ) -> _VerifyOptions:
        """The caller's options, checked (bad ones are programmer errors and raise)."""
        if not isinstance(clock_skew, timedelta):
            raise TypeError("clock_skew must be a datetime.timedelta")
        if clock_skew < _NO_SKEW:
            raise ValueError("clock_skew must not be negative")
        return _VerifyOptions(
            expected_proof_purpose,
            expected_controller,
            challenge,
            domain,
            self._now(now),
            clock_skew,
            require_all,
            _inline_contexts(allowed_inline_contexts),
        )

    def _now(self, now: opts.DateInput | None) -> datetime:
        if now is None:
            return self._clock()
        if isinstance(now, str):
            return parse_datetime_stamp(now)
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return now

    def _verification(
        self, document: Any, options: _VerifyOptions, known: tuple[bool, int] | None = None
    ) -> Generator[Lookup, Any, ProofVerificationResult]:
        """The sans-IO core of Verify Proof: yields a ``Lookup`` per verification method.

        ``known``: the shape a caller's own bounds walk of ``document`` found (``input_checked``
        engines only; see :meth:`_verify_bounded`)."""
        if type(document) is not dict and not isinstance(document, Mapping):
            return _failed(Problem(PARSING_ERROR, "the document is not a JSON object"))
        # no nested @context and a depth within the allow-list walk's bound: the top-level
        # context URLs are all there is to check (``check_top_contexts``); None: walk
        shape: tuple[bool, int] | None = known
        try:
            if not self._input_checked:
                shape = json_shape(document)
        except JsonLimitError as error:
            return _failed(
                Problem(
                    PARSING_ERROR,
                    f"the document is too large to verify: {error}",
                    MappingProxyType({"limit": error.limit, "path": error.path}),
                )
            )
        if "proof" not in document:
            return _failed(Problem(MALFORMED_PROOF_ERROR, "the document has no proof"))
        listed = document["proof"]
        proofs = list(listed) if isinstance(listed, list) else [listed]  # (_proof_list, inline)
        if not proofs:
            return _failed(Problem(MALFORMED_PROOF_ERROR, "the document's proof list is empty"))
        if len(proofs) > self._max_proofs:
            return _failed(
                Problem(
                    MALFORMED_PROOF_ERROR,
                    f"the document has {len(proofs)} proofs; at most {self._max_proofs} are checked",
                )
            )
        try:
            loader = self.loader  # (read once: a property call each time)
            checked = None
            if shape is not None and not shape[0]:
                checked = check_top_contexts(document, loader, shape[1])
            nested = check_contexts(document, loader) if checked is None else checked
        except TransformError as error:
            return _failed(_transform_problem(error))
        if "@context" in document and not self._input_checked:
            problems = self._context_problems(
                document, options.allowed_inline_contexts, nested, loader
            )
            if problems:
                return ProofVerificationResult(verified=False, problems=problems, proofs=())
        base = dict(document)  # (a copy without the proof; a comprehension is one more frame)
        del base["proof"]
        results = []
        for index, proof in enumerate(proofs):
            results.append(
                (yield from self._verify_one(proof, index, proofs, base, options, loader))
            )
        # plain loops: per call, a comprehension or generator expression is one more frame
        found: tuple[Problem, ...] = ()
        passed = 0
        for result in results:
            if result.verified:
                passed += 1
            if result.problems:
                found += result.problems
        verified = passed == len(results) if options.require_all else passed > 0
        return ProofVerificationResult(verified, found, tuple(results))

    def _context_problems(
        self,
        document: Mapping[str, Any],
        allowed: tuple[InlineContext, ...],
        nested: bool,
        loader: ContextAllowList,
    ) -> tuple[Problem, ...]:
        """VC Data Integrity Context Validation (``jsonld.validate_contexts``), before any proof.

        A document whose contexts swap what its terms mean (context substitution) keeps its RDF,
        so its signatures hold while every JSON reader sees forged values: only context URLs the
        loader serves, VC base context first, undefined-terms last, and no inline or nested
        context unless ``allowed_inline_contexts`` lists its exact value. A document without
        ``@context`` (plain JSON under a JCS suite) has nothing to validate. ``nested=False``
        (the allow-list walk found no ``@context`` below the top level, and bounded the depth)
        checks the top-level rules alone: the walk of the whole document could find nothing more.
        """
        validate = jsonld.validate_contexts if nested else validate_top_contexts
        try:
            return validate(
                document,
                allowed_inline=allowed,
                loader=loader,
                base_contexts=self._base_contexts,
            )
        except Exception as error:  # e.g. a non-JSON value inside a context: fail, never crash
            import logging  # on use: importing logging costs start-up time for every process

            logging.getLogger("vckit.proofs.dataintegrity").warning(
                "context validation failed unexpectedly", exc_info=True
            )
            return (
                Problem(
                    PARSING_ERROR,
                    f"the document's @context could not be validated: {type(error).__name__}",
                ),
            )

    def _verify_one(
        self,
        proof: Any,
        index: int,
        proofs: Sequence[Any],
        base: Mapping[str, Any],
        options: _VerifyOptions,
        loader: ContextAllowList,
    ) -> Generator[Lookup, Any, ProofResult]:
        """Run one proof's checks in the spec's order, cheapest and most specific first.

        One generator per proof (the checks are not a nested one: each layer of ``yield from``
        costs a frame on every resume); what verification got to (suite, method, controller) is
        reported with the outcome either way.
        """
        suite_name: str | None = None
        method_id: str | None = None
        controller: str | None = None
        try:
            if type(proof) is not dict and not isinstance(proof, Mapping):
                raise ProofFailure(MALFORMED_PROOF_ERROR, "the proof is not a JSON object")
            # An unknown type is reported as such: its other members mean nothing to us.
            suite = self._suite_for(proof, opts.check_type(proof))
            suite_name = suite.cryptosuite or suite.proof_type
            _, method_id, purpose = opts.check_required(proof)
            suite.check_proof(proof)
            opts.check_dates(proof, options.now, options.clock_skew)
            opts.check_purpose(purpose, options.expected_proof_purpose)
            opts.check_domain(proof, options.domain)
            opts.check_challenge(proof, options.challenge)
            unsecured = dict(base)
            previous = opts.id_list(proof.get("previousProof"))
            if previous:
                unsecured["proof"] = opts.matching_proofs(previous, proofs)
            try:
                method: VerificationMethodLike = yield Lookup(method_id, purpose)
            except VckitError as error:
                raise ProofFailure(
                    INVALID_VERIFICATION_METHOD_ERROR,
                    f"verification method not usable for {purpose}: {error}",
                    verificationMethod=method_id[:500],
                    relationship=purpose,
                ) from None
            controller = method.controller
            suite.verify_proof(unsecured, proof, method, loader)
            expected = options.expected_controller
            if expected is not None and controller != expected:
                raise ProofFailure(
                    UNTRUSTED_ISSUER_ERROR,
                    "the proof is valid but its key is not controlled by the expected controller",
                    controller=controller,
                    expected=expected,
                )
        except ProofFailure as failure:
            problem = failure.problem
        except TransformError as error:
            problem = _transform_problem(error)
        except Exception as error:  # a buggy plug-in or resolver must not crash nor pass
            import logging  # on use: importing logging costs start-up time for every process

            logging.getLogger("vckit.proofs.dataintegrity").warning(
                "proof verification failed unexpectedly", exc_info=True
            )
            problem = Problem(
                PROOF_VERIFICATION_ERROR,
                "verification failed unexpectedly",
                MappingProxyType({"exception": type(error).__name__}),
            )
        else:
            return ProofResult(proof, True, (), suite_name, method_id, controller)
        detail = MappingProxyType({**problem.detail, "proofIndex": index})
        problem = Problem(problem.code, problem.message, detail)
        return ProofResult(proof, False, (problem,), suite_name, method_id, controller)

    def _suite_for(self, proof: Mapping[str, Any], proof_type: str) -> Cryptosuite:
        if proof_type == DATA_INTEGRITY_PROOF:
            name = proof.get("cryptosuite")
            if not isinstance(name, str) or not name:
                raise ProofFailure(
                    MALFORMED_PROOF_ERROR, "a DataIntegrityProof needs a cryptosuite string"
                )
        else:
            name = proof_type
        suite = self._suites.get(name)
        if suite is None or suite.proof_type != proof_type:
            raise ProofFailure(
                CRYPTOSUITE_UNSUPPORTED_ERROR,
                f"proof type / cryptosuite {name[:100]!r} is not supported",
                cryptosuite=name[:100],
            )
        return suite


class _VerifyOptions(NamedTuple):
    """The verifier's options for one ``verify_proof`` call, checked once (a named tuple: it is
    made per call, and a frozen dataclass of eight fields costs about a microsecond)."""

    expected_proof_purpose: str
    expected_controller: str | None
    challenge: str | None
    domain: opts.DomainInput | None
    now: datetime
    clock_skew: timedelta
    require_all: bool
    allowed_inline_contexts: tuple[InlineContext, ...]


def _inline_contexts(values: Iterable[InlineContext]) -> tuple[InlineContext, ...]:
    if type(values) is tuple:  # the default (), and what the pipeline passes
        return values
    if isinstance(values, str | Mapping):
        raise TypeError("allowed_inline_contexts must be a list of context values, not one value")
    return tuple(values)


class _MemoizedResolver:
    """The default resolver with its answers remembered.

    ``LocalKeyResolver()`` only decodes did:key / did:jwk, a pure function of the id, so a
    remembered answer can never go stale; decoding (point validation) costs about as much as
    canonicalizing a small badge, so re-verifying credentials from one issuer gets much cheaper.
    Failures are not remembered (``lru_cache`` does not cache exceptions).
    """

    def __init__(self) -> None:
        from vckit.keys import LocalKeyResolver

        self._resolver = LocalKeyResolver()
        self._cached = functools.lru_cache(maxsize=256)(self._resolver.dereference)

    def dereference(
        self, method_id: str, relationship: str = "assertionMethod"
    ) -> VerificationMethodLike:
        return self._cached(method_id, relationship)


@functools.cache
def _default_resolver() -> _MemoizedResolver:
    return _MemoizedResolver()


def _restore(
    suites: Mapping[str, Cryptosuite] | None,
    loader: ContextAllowList | None,
    clock: Callable[[], datetime] | None,
    max_proofs: int,
    base_contexts: tuple[str, ...] | None,
    input_checked: bool = False,
) -> DataIntegrity:
    """Rebuild a pickled ``DataIntegrity`` from its configuration."""
    return DataIntegrity(
        DEFAULT_CRYPTOSUITES if suites is None else suites,
        loader=loader,
        clock=_utc_now if clock is None else clock,
        max_proofs=max_proofs,
        base_contexts=base_contexts,
        input_checked=input_checked,
    )


_TRANSFORM_CODES = MappingProxyType({"json": PARSING_ERROR, "data-loss": DATA_LOSS_DETECTION_ERROR})


def _transform_problem(error: TransformError) -> Problem:
    """A transformation failure as a problem: JSON (``PARSING_ERROR``), data JSON-LD would drop
    (``DATA_LOSS_DETECTION_ERROR``), anything else (``PROOF_VERIFICATION_ERROR``)."""
    code = _TRANSFORM_CODES.get(error.reason, PROOF_VERIFICATION_ERROR)
    detail = {"stage": "transformation", "reason": error.reason, **error.detail}
    return Problem(code, str(error), MappingProxyType(detail))


def _failed(problem: Problem) -> ProofVerificationResult:
    return ProofVerificationResult(verified=False, problems=(problem,), proofs=())


_DEFAULT = DataIntegrity()


def add_proof(
    document: Mapping[str, Any],
    signer: Signer,
    *,
    cryptosuite: str = "eddsa-rdfc-2022",
    proof_purpose: str = "assertionMethod",
    created: opts.DateInput | None = None,
    expires: opts.DateInput | None = None,
    challenge: str | None = None,
    domain: opts.DomainInput | None = None,
    previous_proof: opts.IdsInput | None = None,
    proof_id: str | None = None,
) -> dict[str, Any]:
    """``DataIntegrity().add_proof(...)`` with the default suites and bundled contexts."""
    return _DEFAULT.add_proof(
        document,
        signer,
        cryptosuite=cryptosuite,
        proof_purpose=proof_purpose,
        created=created,
        expires=expires,
        challenge=challenge,
        domain=domain,
        previous_proof=previous_proof,
        proof_id=proof_id,
    )


def verify_proof(
    document: Any,
    resolver: KeyResolver | None = None,
    *,
    expected_proof_purpose: str = "assertionMethod",
    expected_controller: str | None = None,
    challenge: str | None = None,
    domain: opts.DomainInput | None = None,
    now: opts.DateInput | None = None,
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
    require_all: bool = True,
    allowed_inline_contexts: Iterable[InlineContext] = (),
) -> ProofVerificationResult:
    """``DataIntegrity().verify_proof(...)`` with the default suites and bundled contexts.

    Checks the proof alone; pass ``expected_controller`` (the issuer's id) to bind it to the
    issuer, as ``vckit.verify`` always does. See :meth:`DataIntegrity.verify_proof`.
    """
    return _DEFAULT.verify_proof(
        document,
        resolver,
        expected_proof_purpose=expected_proof_purpose,
        expected_controller=expected_controller,
        challenge=challenge,
        domain=domain,
        now=now,
        clock_skew=clock_skew,
        require_all=require_all,
        allowed_inline_contexts=allowed_inline_contexts,
    )


async def averify_proof(
    document: Any,
    resolver: AsyncKeyResolver | KeyResolver | None = None,
    *,
    expected_proof_purpose: str = "assertionMethod",
    expected_controller: str | None = None,
    challenge: str | None = None,
    domain: opts.DomainInput | None = None,
    now: opts.DateInput | None = None,
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
    require_all: bool = True,
    allowed_inline_contexts: Iterable[InlineContext] = (),
) -> ProofVerificationResult:
    """``await DataIntegrity().averify_proof(...)``: :func:`verify_proof` with an async resolver."""
    return await _DEFAULT.averify_proof(
        document,
        resolver,
        expected_proof_purpose=expected_proof_purpose,
        expected_controller=expected_controller,
        challenge=challenge,
        domain=domain,
        now=now,
        clock_skew=clock_skew,
        require_all=require_all,
        allowed_inline_contexts=allowed_inline_contexts,
    )
