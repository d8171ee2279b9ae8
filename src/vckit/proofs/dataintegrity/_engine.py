"""The Data Integrity proof engine: Add Proof and Verify Proof, written once for every suite.

VC Data Integrity 1.0, sections 4.2-4.5. The engine owns everything that is not cryptography:
proof options and dates, proof purposes and the verification-method relationship they require,
challenge / domain, proof sets (several independent proofs) and chains (``previousProof``), the
context allow-list, and mapping every failure onto a spec-named problem code. A suite only turns
(document, options) into signed bytes and checks a ``proofValue``.

Suites are looked up in a per-instance registry (DESIGN.md: registries are the allow-list). The
module-level ``add_proof`` / ``verify_proof`` use an instance with ``DEFAULT_CRYPTOSUITES``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from vckit._codec.xsd import format_datetime_stamp, parse_datetime_stamp
from vckit.errors import SigningError, UnsupportedAlgorithmError, VckitError
from vckit.problems import (
    CRYPTOSUITE_UNSUPPORTED_ERROR,
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
from vckit.proofs.dataintegrity._result import ProofFailure, ProofResult, ProofVerificationResult
from vckit.proofs.dataintegrity._suite import Cryptosuite
from vckit.proofs.dataintegrity._transform import ContextAllowList, TransformError, check_contexts

if TYPE_CHECKING:
    from vckit.keys import KeyResolver, Signer, VerificationMethodLike

__all__ = ["DEFAULT_CRYPTOSUITES", "DataIntegrity", "add_proof", "verify_proof"]


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


def _copy_json(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars), several times faster than deepcopy."""
    if isinstance(value, Mapping):
        return {key: _copy_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_copy_json(item) for item in value]
    return value


def _proof_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


class DataIntegrity:
    """Add and verify Data Integrity proofs with a fixed set of cryptosuites and contexts.

    ``cryptosuites`` maps registry keys (``"eddsa-rdfc-2022"``, ``"Ed25519Signature2020"``) to
    suite objects; anything not in it neither signs nor verifies. ``loader`` is the JSON-LD
    document loader, which is also the context allow-list (``None``: vckit's bundled, offline
    contexts). ``clock`` supplies "now" when the caller gives no time (tests inject one).
    ``max_proofs`` bounds the proofs of one document, each of which costs a canonicalization.
    """

    def __init__(
        self,
        cryptosuites: Mapping[str, Cryptosuite] = DEFAULT_CRYPTOSUITES,
        *,
        loader: ContextAllowList | None = None,
        clock: Callable[[], datetime] = _utc_now,
        max_proofs: int = DEFAULT_MAX_PROOFS,
    ) -> None:
        self._suites: Mapping[str, Cryptosuite] = MappingProxyType(dict(cryptosuites))
        self._loader = loader
        self._clock = clock
        self._max_proofs = max_proofs

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
        suite = self._suites.get(cryptosuite)
        if suite is None:
            raise UnsupportedAlgorithmError(f"cryptosuite {cryptosuite!r} is not registered")
        secured: dict[str, Any] = _copy_json(document)
        existing = _proof_list(secured.pop("proof")) if "proof" in secured else []
        if not all(isinstance(proof, Mapping) for proof in existing):
            raise ValueError("the document's existing proof is not an object or list of objects")

        before = _copy_json(secured.get("@context"))
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
            check_contexts(unsecured, self.loader)
            proof = suite.create_proof(unsecured, options, signer, self.loader)
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
        require_all: bool = True,
    ) -> ProofVerificationResult:
        """Verify every proof of ``document``; never raises for bad input.

        ``resolver`` dereferences verification methods for the proof's purpose (``None``: an
        offline did:key / did:jwk resolver). With ``expected_controller`` (the issuer's id) a
        valid proof by a key someone else controls fails with ``UNTRUSTED_ISSUER_ERROR``.
        ``require_all=False`` accepts a proof set when at least one proof verifies.
        """
        moment = self._now(now)
        if not isinstance(document, Mapping):
            return _failed(Problem(PARSING_ERROR, "the document is not a JSON object"))
        if "proof" not in document:
            return _failed(Problem(MALFORMED_PROOF_ERROR, "the document has no proof"))
        proofs = _proof_list(document["proof"])
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
            check_contexts(document, self.loader)
        except TransformError as error:
            return _failed(_transform_problem(error))
        if resolver is None:
            resolver = _default_resolver()
        base = {key: value for key, value in document.items() if key != "proof"}
        results = tuple(
            self._verify_one(
                proof,
                index,
                proofs,
                base,
                resolver,
                expected_proof_purpose=expected_proof_purpose,
                expected_controller=expected_controller,
                challenge=challenge,
                domain=domain,
                now=moment,
            )
            for index, proof in enumerate(proofs)
        )
        passed = [result.verified for result in results]
        verified = all(passed) if require_all else any(passed)
        problems = tuple(problem for result in results for problem in result.problems)
        return ProofVerificationResult(verified=verified, problems=problems, proofs=results)

    def _now(self, now: opts.DateInput | None) -> datetime:
        if now is None:
            return self._clock()
        if isinstance(now, str):
            return parse_datetime_stamp(now)
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        return now

    def _verify_one(
        self,
        proof: Any,
        index: int,
        proofs: Sequence[Any],
        base: Mapping[str, Any],
        resolver: KeyResolver,
        *,
        expected_proof_purpose: str,
        expected_controller: str | None,
        challenge: str | None,
        domain: opts.DomainInput | None,
        now: datetime,
    ) -> ProofResult:
        state: dict[str, str | None] = {"suite": None, "method": None, "controller": None}
        try:
            self._check_one(
                proof,
                proofs,
                base,
                resolver,
                state,
                expected_proof_purpose=expected_proof_purpose,
                expected_controller=expected_controller,
                challenge=challenge,
                domain=domain,
                now=now,
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
            return ProofResult(
                proof, True, (), state["suite"], state["method"], state["controller"]
            )
        detail = MappingProxyType({**problem.detail, "proofIndex": index})
        problem = Problem(problem.code, problem.message, detail)
        return ProofResult(
            proof, False, (problem,), state["suite"], state["method"], state["controller"]
        )

    def _check_one(
        self,
        proof: Any,
        proofs: Sequence[Any],
        base: Mapping[str, Any],
        resolver: KeyResolver,
        state: dict[str, str | None],
        *,
        expected_proof_purpose: str,
        expected_controller: str | None,
        challenge: str | None,
        domain: opts.DomainInput | None,
        now: datetime,
    ) -> None:
        """Run the checks in the spec's order, cheapest and most specific first."""
        if not isinstance(proof, Mapping):
            raise ProofFailure(MALFORMED_PROOF_ERROR, "the proof is not a JSON object")
        # An unknown type is reported as such: its other members mean nothing to us.
        suite = self._suite_for(proof, opts.check_type(proof))
        state["suite"] = suite.cryptosuite or suite.proof_type
        _, method_id, purpose = opts.check_required(proof)
        state["method"] = method_id
        suite.check_proof(proof)
        opts.check_dates(proof, now)
        opts.check_purpose(purpose, expected_proof_purpose)
        opts.check_domain(proof, domain)
        opts.check_challenge(proof, challenge)
        unsecured = dict(base)
        previous = opts.id_list(proof.get("previousProof"))
        if previous:
            unsecured["proof"] = opts.matching_proofs(previous, proofs)
        method = _dereference(resolver, method_id, purpose)
        state["controller"] = method.controller
        suite.verify_proof(unsecured, proof, method, self.loader)
        if expected_controller is not None and method.controller != expected_controller:
            raise ProofFailure(
                UNTRUSTED_ISSUER_ERROR,
                "the proof is valid but its key is not controlled by the expected controller",
                controller=method.controller,
                expected=expected_controller,
            )

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


def _dereference(resolver: KeyResolver, method_id: str, purpose: str) -> VerificationMethodLike:
    """The method, provided its controller authorises it for ``purpose`` (the resolver checks)."""
    try:
        return resolver.dereference(method_id, relationship=purpose)
    except VckitError as error:
        raise ProofFailure(
            INVALID_VERIFICATION_METHOD_ERROR,
            f"verification method not usable for {purpose}: {error}",
            verificationMethod=method_id[:500],
            relationship=purpose,
        ) from None


def _transform_problem(error: TransformError) -> Problem:
    code = PARSING_ERROR if error.reason == "json" else PROOF_VERIFICATION_ERROR
    detail = {"stage": "transformation", "reason": error.reason, **error.detail}
    return Problem(code, str(error), MappingProxyType(detail))


def _failed(problem: Problem) -> ProofVerificationResult:
    return ProofVerificationResult(verified=False, problems=(problem,), proofs=())


_DEFAULT = DataIntegrity()


def add_proof(
    document: Mapping[str, Any],
    signer: Signer,
    cryptosuite: str = "eddsa-rdfc-2022",
    proof_purpose: str = "assertionMethod",
    created: opts.DateInput | None = None,
    expires: opts.DateInput | None = None,
    challenge: str | None = None,
    domain: opts.DomainInput | None = None,
    previous_proof: opts.IdsInput | None = None,
    *,
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
    expected_proof_purpose: str = "assertionMethod",
    expected_controller: str | None = None,
    challenge: str | None = None,
    domain: opts.DomainInput | None = None,
    now: opts.DateInput | None = None,
    *,
    require_all: bool = True,
) -> ProofVerificationResult:
    """``DataIntegrity().verify_proof(...)`` with the default suites and bundled contexts."""
    return _DEFAULT.verify_proof(
        document,
        resolver,
        expected_proof_purpose=expected_proof_purpose,
        expected_controller=expected_controller,
        challenge=challenge,
        domain=domain,
        now=now,
        require_all=require_all,
    )
