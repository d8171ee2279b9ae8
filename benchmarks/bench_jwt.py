"""VC-JWT sign and verify: vckit against pyjwt, block-interleaved in one run.

pyjwt is the reference a Python project reaches for: ``jwt.encode`` with the same header and
claims, ``jwt.decode`` with the key, the algorithm named and the registered time claims checked.
vckit does more per call (strict parsing, header rules, key binding to the issuer through the
offline did:key resolver, claim/credential agreement, validity window), so a ratio above 1 is the
price of those checks; the figure to watch is how it moves between versions.

Method: one round is ``BLOCKS`` block pairs; a block is ``CALLS`` calls of one implementation,
then ``CALLS`` of the other, the order rotating every pair so drift hits both alike. Each round
gives a ratio vckit / pyjwt of total time; the table prints the median ratio of ``ROUNDS`` rounds
and its range. Runs on any clone (no ``../shared`` needed).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import jwt

from vckit import keys
from vckit.proofs import jose

CALLS = 12
BLOCKS = 40
ROUNDS = 5
NOW = datetime(2025, 6, 1, tzinfo=UTC)
ALGORITHMS = (("Ed25519", "EdDSA"), ("P-256", "ES256"), ("RSA", "RS256"))


def _credential(issuer: str) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:2c2ac4d5-7a35-4d0e-9a0b-6e3cd5f1f0a1",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example LMS"},
        "validFrom": "2025-01-01T00:00:00Z",
        "name": "Python 101",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://lms.example/achievements/py101",
                "type": ["Achievement"],
                "name": "Python 101",
                "criteria": {"narrative": "Pass the course."},
            },
        },
    }


def _block(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    for _ in range(CALLS):
        call()
    return time.perf_counter() - start


def _compare(ours: Callable[[], object], theirs: Callable[[], object]) -> tuple[float, ...]:
    ours(), theirs()  # warm caches and imports
    ratios = []
    for _ in range(ROUNDS):
        mine = ref = 0.0
        for pair in range(BLOCKS):
            if pair % 2 == 0:
                mine += _block(ours)
                ref += _block(theirs)
            else:
                ref += _block(theirs)
                mine += _block(ours)
        ratios.append(mine / ref)
    per_call = mine / (BLOCKS * CALLS) * 1e6
    return (statistics.median(ratios), min(ratios), max(ratios), per_call)


def main() -> int:
    print(f"{'operation':<18}{'ratio vckit/pyjwt (median [range])':<40}{'vckit µs/call':>14}")
    for kind, alg in ALGORITHMS:
        pair = keys.generate(kind)
        did = "did:key:" + pair.public_key.multibase
        kid = f"{did}#{pair.public_key.multibase}"
        signer = pair.signer(kid, algorithm=alg)
        credential = _credential(did)
        private = jwt.PyJWK(pair.private_jwk, algorithm=alg).key
        public = jwt.PyJWK(pair.public_key.jwk, algorithm=alg).key

        token = jose.sign_credential_jwt(credential, signer, now=NOW)
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
        reference = jwt.encode(claims, private, algorithm=alg, headers={"kid": header["kid"]})
        assert jose.verify_credential_jwt(token, now=NOW).verified
        assert jose.verify_credential_jwt(reference, now=NOW).verified

        def sign(credential: dict[str, Any] = credential, signer: Any = signer) -> str:
            return jose.sign_credential_jwt(credential, signer, now=NOW)

        def sign_ref(
            claims: dict[str, Any] = claims, private: Any = private, alg: str = alg, kid: str = kid
        ) -> str:
            return jwt.encode(claims, private, algorithm=alg, headers={"kid": kid})

        def verify(token: str = token) -> object:
            return jose.verify_credential_jwt(token, now=NOW)

        def verify_ref(token: str = token, public: Any = public, alg: str = alg) -> object:
            return jwt.decode(
                token,
                key=public,
                algorithms=[alg],
                options={"require": ["iss", "nbf"], "verify_iat": True},
                leeway=60,
            )

        for name, ours, theirs in (("sign", sign, sign_ref), ("verify", verify, verify_ref)):
            median, low, high, micros = _compare(ours, theirs)
            label = f"{name} {alg}"
            spread = f"{median:.2f}x [{low:.2f}-{high:.2f}]"
            print(f"{label:<18}{spread:<40}{micros:>14.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
