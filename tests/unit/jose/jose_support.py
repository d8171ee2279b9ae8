"""Helpers for JOSE tests: issuers with did:key / did:jwk identities and a token forge.

The forge signs arbitrary header and payload bytes with a real key, so a hostile test fails on
the one thing it is about and not on a broken signature.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vckit import keys
from vckit._codec import base64url

NOW = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Issuer:
    pair: keys.KeyPair
    did: str
    kid: str

    def signer(self, algorithm: str | None = None) -> keys.Signer:
        return self.pair.signer(self.kid, algorithm=algorithm)


def did_key_issuer(kind: str) -> Issuer:
    pair = keys.generate(kind)
    did = "did:key:" + pair.public_key.multibase
    return Issuer(pair, did, f"{did}#{pair.public_key.multibase}")


def did_jwk_issuer(kind: str) -> Issuer:
    pair = keys.generate(kind)
    encoded = base64url.encode(json.dumps(pair.public_key.jwk, separators=(",", ":")).encode())
    did = "did:jwk:" + encoded
    return Issuer(pair, did, f"{did}#0")


def credential(issuer: str, **members: Any) -> dict[str, Any]:
    """A small OB 3.0 credential issued by ``issuer``."""
    document: dict[str, Any] = {
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
    document.update(members)
    return document


def encode_part(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64url.encode(raw)


def forge(
    pair: keys.KeyPair | None, header: Any, payload: Any, *, algorithm: str | None = None
) -> str:
    """``header`` / ``payload``: a JSON value or raw bytes; signed by ``pair`` (None: no signature)."""
    signing_input = f"{encode_part(header)}.{encode_part(payload)}"
    signature = b"" if pair is None else pair.sign(signing_input.encode(), algorithm=algorithm)
    return f"{signing_input}.{base64url.encode(signature)}"


def vc_jwt_claims(issuer: str, **claims: Any) -> dict[str, Any]:
    """Claims of a well-formed OB 3.0 VC-JWT for ``credential(issuer)``."""
    vc = credential(issuer)
    result: dict[str, Any] = {
        "iss": issuer,
        "jti": vc["id"],
        "sub": vc["credentialSubject"]["id"],
        "nbf": 1735689600,
        "iat": 1735689600,
        "vc": vc,
    }
    result.update(claims)
    return result


def codes(result: Any) -> list[str]:
    return [problem.code for problem in result.problems]
