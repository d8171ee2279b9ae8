"""The verification pipeline shared by credentials and presentations.

Order matters: size → compact parsing → header rules → claims decoding (to learn the party) →
binding of the key to the party (no I/O for a foreign kid) → signature → claim agreement and
validity window. The first four stop at the first failure: nothing after them is meaningful on a
token that is malformed, forbidden or signed by an unacceptable key. After the signature verifies,
every remaining problem is collected so a report shows all of them.

``verify_token`` is a generator (see ``_flow``): it yields the one dereference it needs, so the
sync and async front ends drive the same code. jwcrypto checks the signature (``_jwcrypto``), only
after every rule above has passed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from vckit import keys
from vckit.problems import PROOF_VERIFICATION_ERROR, UNTRUSTED_ISSUER_ERROR, Problem
from vckit.proofs.jose._binding import CandidateKeys, find_keys
from vckit.proofs.jose._claims import DecodedClaims, decode_claims
from vckit.proofs.jose._compact import CompactJws, parse_compact
from vckit.proofs.jose._flow import Flow
from vckit.proofs.jose._headers import Kind, Profile, check_header
from vckit.proofs.jose._jwcrypto import signature_verifies
from vckit.proofs.jose._problems import JWS_ALGORITHM_NOT_ALLOWED_ERROR
from vckit.proofs.jose._rejected import Rejected
from vckit.proofs.jose._time import check_window

__all__ = ["TokenOutcome", "VerifyOptions", "verify_token"]


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """Everything a token check depends on besides the token and the resolver (validated by
    the caller)."""

    now: datetime
    clock_skew: timedelta
    algorithms: frozenset[str]
    trusted_keys: Mapping[str, Collection[keys.PublicKey]]
    max_token_bytes: int
    profile: Profile | None = None


@dataclass(slots=True)
class TokenOutcome:
    """What the pipeline learned; ``decoded`` is None when the token could not be decoded."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    profile: Profile | None = None
    header: Mapping[str, Any] | None = None
    claims: Mapping[str, Any] | None = None
    decoded: DecodedClaims | None = None
    method: str | None = None
    signature_valid: bool = False


def _check_signature(jws: CompactJws, alg: str, candidates: CandidateKeys) -> None:
    """Verify with the first candidate key whose type allows ``alg`` (the key decides, not alg)."""
    usable = [key for key in candidates.keys if alg in key.algorithms]
    if not usable:
        key_types = sorted({key.key_type for key in candidates.keys})
        raise Rejected(
            JWS_ALGORITHM_NOT_ALLOWED_ERROR,
            f"alg {alg} cannot be used with a {'/'.join(key_types)} key",
            alg=alg,
            key_types=key_types,
        )
    for key in usable:
        if signature_verifies(jws.token, alg, key, jws.signature):
            return
    raise Rejected(
        PROOF_VERIFICATION_ERROR, "the JWS signature does not verify", method=candidates.method
    )


def verify_token(
    token: str | bytes, *, kind: Kind, relationship: str, options: VerifyOptions
) -> Flow[TokenOutcome]:
    """Run every check on one token; never raises for bad input."""
    outcome = TokenOutcome()
    try:
        jws = parse_compact(token, max_bytes=options.max_token_bytes)
        outcome.header = jws.header
        outcome.claims = jws.payload
        header = check_header(
            jws.header, kind=kind, algorithms=options.algorithms, profile=options.profile
        )
        outcome.profile = header.profile
        decoded = decode_claims(jws.payload, kind=kind, profile=header.profile)
        outcome.decoded = decoded
        candidates = yield from find_keys(
            header,
            decoded.party,
            relationship=relationship,
            trusted_keys=options.trusted_keys,
        )
        outcome.method = candidates.method
        _check_signature(jws, header.alg, candidates)
        outcome.signature_valid = True
    except Rejected as rejected:
        outcome.problems.append(rejected.problem)
        return outcome
    if not candidates.bound:
        outcome.problems.append(
            Problem(
                UNTRUSTED_ISSUER_ERROR,
                "the signature verifies with the embedded jwk, but nothing binds that key to "
                "the token's party (pin it with trusted_keys, or use kid)",
                {"party": decoded.party[:256], "signature_valid": True},
            )
        )
    outcome.problems.extend(decoded.problems)
    outcome.warnings.extend(decoded.warnings)
    outcome.problems.extend(
        check_window(
            decoded.not_before, decoded.not_after, now=options.now, clock_skew=options.clock_skew
        )
    )
    return outcome
