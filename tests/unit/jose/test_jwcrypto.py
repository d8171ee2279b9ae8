"""jwcrypto does the JOSE cryptography, behind vckit's rules, and its exceptions never leak."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from jwcrypto import jws
from tests.unit.jose.jose_support import (
    NOW,
    codes,
    credential,
    did_key_issuer,
    forge,
    vc_jwt_claims,
)

from vckit import keys
from vckit.errors import SigningError
from vckit.problems import PROOF_VERIFICATION_ERROR
from vckit.proofs import jose

pytestmark = pytest.mark.usefixtures("no_network")

ISSUER = did_key_issuer("Ed25519")


@dataclass(frozen=True)
class RemoteSigner:
    """A KMS-style signer: vckit never sees its key, only ``sign(data)``."""

    pair: keys.KeyPair
    verification_method: str
    algorithm: str = "EdDSA"
    key_type: str = "Ed25519"

    def sign(self, data: bytes) -> bytes:
        return self.pair.sign(data, algorithm=self.algorithm)


def test_verification_is_jwcryptos(monkeypatch: pytest.MonkeyPatch) -> None:
    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    assert jose.verify_credential_jwt(token, now=NOW).verified

    def refuse(self: Any, key: Any, alg: Any = None, detached_payload: Any = None) -> None:
        raise jws.InvalidJWSSignature("refused by the test")

    monkeypatch.setattr(jws.JWS, "verify", refuse)
    result = jose.verify_credential_jwt(token, now=NOW)
    assert codes(result) == [PROOF_VERIFICATION_ERROR]


def test_the_allow_list_is_checked_before_jwcrypto_sees_the_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []
    original = jws.JWS.deserialize

    def record(self: Any, raw: str, key: Any = None, alg: Any = None) -> None:
        seen.append(raw)
        original(self, raw, key, alg)

    monkeypatch.setattr(jws.JWS, "deserialize", record)
    for alg in ("none", "HS256", "ES512"):
        token = forge(
            None, {"alg": alg, "typ": "JWT", "kid": ISSUER.kid}, vc_jwt_claims(ISSUER.did)
        )
        assert codes(jose.verify_credential_jwt(token, now=NOW)) == [
            jose.JWS_ALGORITHM_NOT_ALLOWED_ERROR
        ]
    assert seen == []
    good = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    assert jose.verify_credential_jwt(good, now=NOW).verified
    assert seen == [good]


def test_local_keys_sign_through_jwcrypto(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Any, *args: Any, **kwargs: Any) -> None:
        raise ValueError("jwcrypto failed")

    monkeypatch.setattr(jws.JWS, "add_signature", broken)
    with pytest.raises(SigningError, match="EdDSA signing failed: ValueError: jwcrypto failed"):
        jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    # A signer that is not a local key is not affected: vckit assembles its token.
    remote = RemoteSigner(ISSUER.pair, ISSUER.kid)
    token = jose.sign_credential_jwt(credential(ISSUER.did), remote, now=NOW)
    assert token.count(".") == 2


@pytest.mark.parametrize("profile", ["vc-jwt", "vc+jwt"])
def test_a_remote_signer_makes_the_same_token(profile: str) -> None:
    """Ed25519 is deterministic, so both signing paths must give byte-identical tokens."""
    vc = credential(ISSUER.did)
    local = jose.sign_credential_jwt(vc, ISSUER.signer(), profile=profile, now=NOW)
    remote = jose.sign_credential_jwt(
        vc, RemoteSigner(ISSUER.pair, ISSUER.kid), profile=profile, now=NOW
    )
    assert remote == local
    assert jose.verify_credential_jwt(remote, now=NOW).verified


@pytest.mark.parametrize(
    ("kind", "alg"),
    [("P-256", "ES256"), ("P-384", "ES384"), ("secp256k1", "ES256K"), ("RSA", "PS256")],
)
def test_every_algorithm_round_trips_through_jwcrypto(kind: str, alg: str) -> None:
    who = did_key_issuer(kind)
    token = jose.sign_credential_jwt(credential(who.did), who.signer(alg), now=NOW)
    result = jose.verify_credential_jwt(token, now=NOW)
    assert (result.verified, result.header["alg"] if result.header else None) == (True, alg)
