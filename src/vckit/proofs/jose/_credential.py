"""Credentials as JWTs: OB 3.0 VC-JWT (``vc-jwt``) and VC-JOSE-COSE (``vc+jwt``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from vckit import keys
from vckit.errors import SigningError
from vckit.proofs.jose._claims import encode_claims, party_id
from vckit.proofs.jose._compact import DEFAULT_MAX_TOKEN_BYTES
from vckit.proofs.jose._flow import (
    AsyncKeyResolver,
    Flow,
    Services,
    arun,
    check_sync_resolver,
    run,
)
from vckit.proofs.jose._guard import unexpected
from vckit.proofs.jose._headers import DEFAULT_ALGORITHMS
from vckit.proofs.jose._options import make_options
from vckit.proofs.jose._rejected import Rejected
from vckit.proofs.jose._result import JwtVerificationResult
from vckit.proofs.jose._signing import build_header, check_profile, sign_claims
from vckit.proofs.jose._time import DEFAULT_CLOCK_SKEW, coerce_now
from vckit.proofs.jose._verify import VerifyOptions, verify_token

__all__ = [
    "averify_credential_jwt",
    "credential_flow",
    "sign_credential_jwt",
    "verify_credential_jwt",
]


def sign_credential_jwt(
    credential: Mapping[str, Any],
    signer: keys.Signer,
    *,
    profile: str = "vc-jwt",
    now: datetime | str | None = None,
    embed_jwk: keys.PublicKey | None = None,
) -> str:
    """Sign ``credential`` as a compact JWS and return the token.

    ``vc-jwt`` (OB 3.0): header ``alg``/``typ: JWT``/``kid``; claims ``vc`` plus ``iss``, ``jti``,
    ``sub``, ``nbf``, ``exp`` derived from the credential and ``iat`` = ``now`` (None: the current
    time). ``vc+jwt`` (VC-JOSE-COSE): the credential itself is the claims set, ``typ: vc+jwt``.
    The algorithm is the signer's (RS256 for RSA keys by default). ``embed_jwk`` puts that public
    key in the header instead of ``kid`` (vc-jwt only); verifiers trust it only when it is bound
    to the issuer. The credential is signed as given, never re-serialized from a model.
    """
    issued_at = coerce_now(datetime.now(UTC) if now is None else now)
    if not isinstance(credential, Mapping):
        raise TypeError("credential must be a mapping (a JSON object)")
    chosen = check_profile(profile)
    try:
        issuer = party_id(credential, "issuer")
    except Rejected as exc:
        raise SigningError(exc.problem.message) from None
    if issuer is None:
        raise SigningError("the credential has no issuer")
    header = build_header(signer, kind="vc", profile=chosen, embed_jwk=embed_jwk)
    claims = encode_claims(
        credential, kind="vc", profile=chosen, issued_at=issued_at, party=issuer, extra={}
    )
    return sign_claims(header, claims, signer)


def credential_flow(token: str | bytes, options: VerifyOptions) -> Flow[JwtVerificationResult]:
    """Verify one credential token with validated options; shared by both front ends and by
    presentations for their embedded tokens."""
    try:
        outcome = yield from verify_token(
            token, kind="vc", relationship="assertionMethod", options=options
        )
    except Exception as error:  # a bug or a foreign exception must neither crash nor pass
        problem = unexpected(error, "JWT credential verification")
        return JwtVerificationResult(verified=False, credential=None, problems=(problem,))
    decoded = outcome.decoded
    return JwtVerificationResult(
        verified=not outcome.problems,
        credential=decoded.document if decoded is not None else None,
        problems=tuple(outcome.problems),
        profile=outcome.profile,
        header=outcome.header,
        claims=outcome.claims,
        issuer=decoded.party if decoded is not None else None,
        verification_method=outcome.method,
        warnings=tuple(outcome.warnings),
    )


def verify_credential_jwt(
    token: str | bytes,
    resolver: keys.KeyResolver | None = None,
    *,
    now: datetime | str | None = None,
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
    profile: str | None = None,
    algorithms: Collection[str] = DEFAULT_ALGORITHMS,
    trusted_keys: Mapping[str, Collection[keys.PublicKey]] | None = None,
    max_token_bytes: int = DEFAULT_MAX_TOKEN_BYTES,
) -> JwtVerificationResult:
    """Verify a credential JWT; bad tokens give ``verified=False`` with problems, never an error.

    ``resolver`` dereferences ``kid`` for ``assertionMethod`` (None: offline did:key / did:jwk;
    an async resolver needs ``averify_credential_jwt``). ``profile`` None accepts both profiles,
    told apart by ``typ``. The algorithm must be in ``algorithms`` AND allowed by the resolved
    key's type. ``trusted_keys`` maps an issuer id to keys the caller has bound to it out of band
    (an issuer registry, a pinned LMS key): an embedded ``jwk`` counts only if it is one of them,
    and a token without kid or jwk is checked against them. ``now`` (an aware datetime or an XSD
    dateTimeStamp; None: the current time) and ``clock_skew`` bound nbf / iat / exp and the
    credential's own validity dates.
    """
    now = datetime.now(UTC) if now is None else now
    check_sync_resolver(resolver)
    options = make_options(
        token, now, clock_skew, algorithms, trusted_keys, max_token_bytes, profile
    )
    return run(credential_flow(token, options), Services.of(resolver))


async def averify_credential_jwt(
    token: str | bytes,
    resolver: AsyncKeyResolver | keys.KeyResolver | None = None,
    *,
    now: datetime | str | None = None,
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW,
    profile: str | None = None,
    algorithms: Collection[str] = DEFAULT_ALGORITHMS,
    trusted_keys: Mapping[str, Collection[keys.PublicKey]] | None = None,
    max_token_bytes: int = DEFAULT_MAX_TOKEN_BYTES,
) -> JwtVerificationResult:
    """``verify_credential_jwt`` for async callers: the same checks, in the same code.

    ``resolver`` may be async (``vckit.dids.AsyncDIDResolver``) or sync (None: offline did:key /
    did:jwk); the one dereference a token needs is awaited when it is awaitable.
    """
    now = datetime.now(UTC) if now is None else now
    options = make_options(
        token, now, clock_skew, algorithms, trusted_keys, max_token_bytes, profile
    )
    return await arun(credential_flow(token, options), Services.of(resolver))
