"""Presentations as JWTs (VC-JWT ``vp`` claim, or VC-JOSE-COSE ``vp+jwt``), with holder binding.

A presentation proves the holder signed it for this verifier now: ``nonce`` and ``aud`` must match
what the verifier asked for, the key must be the holder's ``authentication`` method, and every
credential inside is verified too: JWT strings and ``EnvelopedVerifiableCredential`` data URLs
here, other forms (embedded Data Integrity proofs) through the caller's ``credential_verifier``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from vckit import keys
from vckit.errors import SigningError
from vckit.problems import (
    CRYPTOSUITE_UNSUPPORTED_ERROR,
    INVALID_CHALLENGE_ERROR,
    INVALID_DOMAIN_ERROR,
    MALFORMED_PROOF_ERROR,
    Problem,
)
from vckit.proofs.jose._binding import did_of
from vckit.proofs.jose._claims import encode_claims, party_id
from vckit.proofs.jose._compact import DEFAULT_MAX_TOKEN_BYTES
from vckit.proofs.jose._credential import credential_flow
from vckit.proofs.jose._flow import (
    AsyncCredentialVerifier,
    AsyncKeyResolver,
    CheckEmbedded,
    CredentialVerifier,
    Flow,
    Services,
    arun,
    check_sync_resolver,
    run,
)
from vckit.proofs.jose._guard import unexpected
from vckit.proofs.jose._headers import DEFAULT_ALGORITHMS, VC_JOSE_COSE
from vckit.proofs.jose._options import make_options
from vckit.proofs.jose._rejected import Rejected
from vckit.proofs.jose._result import JwtPresentationVerificationResult, JwtVerificationResult
from vckit.proofs.jose._signing import build_header, check_profile, sign_claims
from vckit.proofs.jose._time import DEFAULT_CLOCK_SKEW, coerce_now
from vckit.proofs.jose._verify import VerifyOptions, verify_token

__all__ = [
    "AsyncCredentialVerifier",
    "CredentialVerifier",
    "averify_presentation_jwt",
    "sign_presentation_jwt",
    "verify_presentation_jwt",
]

MAX_EMBEDDED_CREDENTIALS: Final = 256
_ENVELOPE_PREFIX: Final = "data:application/vc+jwt,"


def sign_presentation_jwt(
    presentation: Mapping[str, Any],
    signer: keys.Signer,
    *,
    profile: str = "vc-jwt",
    nonce: str | None = None,
    audience: str | None = None,
    now: datetime | str | None = None,
) -> str:
    """Sign ``presentation`` for one verifier (``nonce``, ``audience``) and return the token.

    The holder is ``presentation["holder"]`` or, when absent, the DID of the signer's method.
    ``now`` (None: the current time) becomes ``iat``.
    """
    issued_at = coerce_now(datetime.now(UTC) if now is None else now)
    if not isinstance(presentation, Mapping):
        raise TypeError("presentation must be a mapping (a JSON object)")
    chosen = check_profile(profile)
    try:
        holder = party_id(presentation, "holder")
    except Rejected as exc:
        raise SigningError(exc.problem.message) from None
    if holder is None:
        if not signer.verification_method.startswith("did:"):
            raise SigningError("the presentation has no holder and the signer's method is no DID")
        holder = did_of(signer.verification_method)
    extra: dict[str, Any] = {}
    if nonce is not None:
        extra["nonce"] = nonce
    if audience is not None:
        extra["aud"] = audience
    header = build_header(signer, kind="vp", profile=chosen, embed_jwk=None)
    claims = encode_claims(
        presentation,
        kind="vp",
        profile=chosen,
        issued_at=issued_at,
        party=holder,
        extra=extra,
    )
    return sign_claims(header, claims, signer)


def _binding_problems(
    claims: Mapping[str, Any], nonce: str | None, audience: str | None
) -> list[Problem]:
    problems: list[Problem] = []
    if nonce is not None and claims.get("nonce") != nonce:
        problems.append(
            Problem(INVALID_CHALLENGE_ERROR, "the presentation's nonce is not the one expected")
        )
    if audience is not None:
        aud = claims.get("aud")
        audiences = aud if isinstance(aud, list) else [aud]
        if audience not in audiences:
            problems.append(
                Problem(INVALID_DOMAIN_ERROR, "the presentation is not addressed to this audience")
            )
    return problems


def _failed(problem: Problem, credential: dict[str, Any] | None = None) -> JwtVerificationResult:
    return JwtVerificationResult(verified=False, credential=credential, problems=(problem,))


def _delegated(item: Mapping[str, Any]) -> Flow[JwtVerificationResult]:
    """Ask the caller's ``credential_verifier``; what it raises or returns wrongly is a failure."""
    try:
        answer = yield CheckEmbedded(item)
        found = tuple(answer)
        if not all(isinstance(p, Problem) for p in found):
            raise TypeError("credential_verifier must return a sequence of Problem")
    except Exception as error:
        return _failed(unexpected(error, "credential_verifier"), dict(item))
    return JwtVerificationResult(verified=not found, credential=dict(item), problems=found)


def _embedded(item: Any, options: VerifyOptions, delegate: bool) -> Flow[JwtVerificationResult]:
    if isinstance(item, str):
        return (yield from credential_flow(item, options))
    if not isinstance(item, Mapping):
        return _failed(
            Problem(MALFORMED_PROOF_ERROR, "embedded credential is neither a JWT nor an object")
        )
    types = item.get("type")
    envelope = item.get("id")
    if (
        types == "EnvelopedVerifiableCredential"
        or (isinstance(types, list) and "EnvelopedVerifiableCredential" in types)
    ) and isinstance(envelope, str):
        if not envelope.startswith(_ENVELOPE_PREFIX):
            return _failed(
                Problem(MALFORMED_PROOF_ERROR, "enveloped credential is not a vc+jwt data URL")
            )
        token = envelope[len(_ENVELOPE_PREFIX) :]
        return (yield from credential_flow(token, replace(options, profile=VC_JOSE_COSE)))
    if not delegate:
        problem = Problem(
            CRYPTOSUITE_UNSUPPORTED_ERROR,
            "embedded credential is not a JWT; pass credential_verifier to check its proof",
        )
        return _failed(problem, dict(item))
    return (yield from _delegated(item))


def _numbered(results: list[JwtVerificationResult], warnings: bool) -> list[Problem]:
    """The embedded credentials' problems (or warnings), each naming its credential's index."""
    return [
        Problem(p.code, f"credential {index}: {p.message}", {**p.detail, "credential": index})
        for index, result in enumerate(results)
        for p in (result.warnings if warnings else result.problems)
    ]


def _credential_results(
    presentation: Mapping[str, Any], options: VerifyOptions, delegate: bool
) -> Flow[list[JwtVerificationResult]]:
    items = presentation.get("verifiableCredential", [])
    items = items if isinstance(items, list) else [items]
    if len(items) > MAX_EMBEDDED_CREDENTIALS:
        raise Rejected(
            MALFORMED_PROOF_ERROR,
            f"presentation embeds more than {MAX_EMBEDDED_CREDENTIALS} credentials",
        )
    results = []
    for item in items:
        results.append((yield from _embedded(item, options, delegate)))
    return results


def presentation_flow(
    token: str | bytes,
    options: VerifyOptions,
    *,
    nonce: str | None,
    audience: str | None,
    delegate: bool,
) -> Flow[JwtPresentationVerificationResult]:
    """The presentation check shared by both front ends; never raises for bad input."""
    try:
        outcome = yield from verify_token(
            token, kind="vp", relationship="authentication", options=options
        )
        decoded = outcome.decoded
        problems = list(outcome.problems)
        warnings = list(outcome.warnings)
        results: list[JwtVerificationResult] = []
        if decoded is not None and outcome.signature_valid:
            problems.extend(_binding_problems(outcome.claims or {}, nonce, audience))
            try:
                results = yield from _credential_results(
                    decoded.document, replace(options, profile=None), delegate
                )
            except Rejected as rejected:
                problems.append(rejected.problem)
            problems.extend(_numbered(results, warnings=False))
            warnings.extend(_numbered(results, warnings=True))
    except Exception as error:  # a bug or a foreign exception must neither crash nor pass
        problem = unexpected(error, "JWT presentation verification")
        return JwtPresentationVerificationResult(
            verified=False, presentation=None, problems=(problem,)
        )
    return JwtPresentationVerificationResult(
        verified=not problems,
        presentation=decoded.document if decoded is not None else None,
        problems=tuple(problems),
        credential_results=tuple(results),
        profile=outcome.profile,
        header=outcome.header,
        claims=outcome.claims,
        holder=decoded.party if decoded is not None else None,
        verification_method=outcome.method,
        warnings=tuple(warnings),
    )


def verify_presentation_jwt(
    token: str | bytes,
    resolver: keys.KeyResolver | None = None,
    *,
    nonce: str | None = None,
    audience: str | None = None,
    now: datetime | str | None = None,
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
    profile: str | None = None,
    algorithms: Collection[str] = DEFAULT_ALGORITHMS,
    trusted_keys: Mapping[str, Collection[keys.PublicKey]] | None = None,
    max_token_bytes: int = DEFAULT_MAX_TOKEN_BYTES,
    credential_verifier: CredentialVerifier | None = None,
) -> JwtPresentationVerificationResult:
    """Verify a presentation JWT and every credential in it; never raises for bad input.

    Pass the ``nonce`` and ``audience`` you issued, or a replayed presentation verifies. The key
    must be one of the holder's ``authentication`` methods. Other arguments as in
    ``verify_credential_jwt``; they apply to the embedded credentials too.
    """
    now = datetime.now(UTC) if now is None else now
    check_sync_resolver(resolver)
    options = make_options(
        token, now, clock_skew, algorithms, trusted_keys, max_token_bytes, profile
    )
    delegate = credential_verifier is not None
    flow = presentation_flow(token, options, nonce=nonce, audience=audience, delegate=delegate)
    return run(flow, Services.of(resolver, credential_verifier))


async def averify_presentation_jwt(
    token: str | bytes,
    resolver: AsyncKeyResolver | keys.KeyResolver | None = None,
    *,
    nonce: str | None = None,
    audience: str | None = None,
    now: datetime | str | None = None,
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
    profile: str | None = None,
    algorithms: Collection[str] = DEFAULT_ALGORITHMS,
    trusted_keys: Mapping[str, Collection[keys.PublicKey]] | None = None,
    max_token_bytes: int = DEFAULT_MAX_TOKEN_BYTES,
    credential_verifier: CredentialVerifier | AsyncCredentialVerifier | None = None,
) -> JwtPresentationVerificationResult:
    """``verify_presentation_jwt`` for async callers: the same checks, in the same code.

    ``resolver`` may be async or sync; ``credential_verifier`` may return its problems or an
    awaitable of them.
    """
    now = datetime.now(UTC) if now is None else now
    options = make_options(
        token, now, clock_skew, algorithms, trusted_keys, max_token_bytes, profile
    )
    delegate = credential_verifier is not None
    flow = presentation_flow(token, options, nonce=nonce, audience=audience, delegate=delegate)
    return await arun(flow, Services.of(resolver, credential_verifier))
