"""Hostile JWTs, one named regression each: the exact problem, no network, no exception.

Every token except the one feature under test is well formed and correctly signed (see
``forge``), so each test proves the named check is what rejects it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import pytest
from jwcrypto import jwe, jwk
from tests.unit.jose.jose_support import (
    NOW,
    codes,
    credential,
    did_key_issuer,
    encode_part,
    forge,
    vc_jwt_claims,
)

from vckit import keys
from vckit._codec import base64url
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind
from vckit.problems import (
    INVALID_VERIFICATION_METHOD_ERROR,
    MALFORMED_PROOF_ERROR,
    PARSING_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
)
from vckit.proofs import jose

pytestmark = pytest.mark.usefixtures("no_network")

VICTIM = did_key_issuer("Ed25519")
ATTACKER = did_key_issuer("Ed25519")
RSA = did_key_issuer("RSA")
EC = did_key_issuer("P-256")


class RecordingResolver:
    """A resolver that fails the test if it is asked anything: the check must come first."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
        self.asked.append(method_id)
        raise DIDResolutionError("not here", kind=DIDResolutionErrorKind.NOT_FOUND)


def _verify(token: str | bytes, **kwargs: Any) -> jose.JwtVerificationResult:
    result = jose.verify_credential_jwt(token, now=NOW, **kwargs)
    assert result.verified is False
    return result


def _signed(who: Any = VICTIM, header: dict[str, Any] | None = None, **claims: Any) -> str:
    head = {"alg": "EdDSA", "typ": "JWT", "kid": who.kid} if header is None else header
    return forge(who.pair, head, vc_jwt_claims(who.did, **claims))


def test_well_formed_baseline_verifies() -> None:
    assert jose.verify_credential_jwt(_signed(), now=NOW).verified


# --- algorithm attacks -----------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE", "NoNe", "nonE"])
@pytest.mark.parametrize("signed", [False, True])
def test_alg_none_in_every_casing(alg: str, signed: bool) -> None:
    header = {"alg": alg, "typ": "JWT", "kid": VICTIM.kid}
    token = forge(None, header, vc_jwt_claims(VICTIM.did))
    if signed:
        token += base64url.encode(b"\x00" * 64)
    assert codes(_verify(token)) == [jose.JWS_ALGORITHM_NOT_ALLOWED_ERROR]


def test_hs256_keyed_with_the_issuers_public_key_bytes() -> None:
    """The classic confusion: an HMAC over the token with the public key as secret."""
    header = {"alg": "HS256", "typ": "JWT", "kid": RSA.kid}
    signing_input = f"{encode_part(header)}.{encode_part(vc_jwt_claims(RSA.did))}"
    for secret in (RSA.pair.public_key.raw, json.dumps(RSA.pair.public_key.jwk).encode()):
        mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        token = f"{signing_input}.{base64url.encode(mac)}"
        assert codes(_verify(token)) == [jose.JWS_ALGORITHM_NOT_ALLOWED_ERROR]


def test_hs256_with_an_oct_key_in_a_did_document() -> None:
    """A symmetric key listed as a verification method is never looked up for HS256..."""
    secret = b"shared-secret-in-a-did-document!"
    kid = "did:example:victim#hmac"
    claims = vc_jwt_claims("did:example:victim")
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signing_input = f"{encode_part(header)}.{encode_part(claims)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    resolver = RecordingResolver()
    result = _verify(f"{signing_input}.{base64url.encode(mac)}", resolver=resolver)
    assert codes(result) == [jose.JWS_ALGORITHM_NOT_ALLOWED_ERROR]
    assert resolver.asked == []


def test_oct_verification_method_is_not_a_key() -> None:
    """...and under an asymmetric alg the oct method cannot be imported as a public key."""
    oct_method = {
        "id": "did:example:victim#hmac",
        "type": "JsonWebKey2020",
        "controller": "did:example:victim",
        "publicKeyJwk": {"kty": "oct", "k": base64url.encode(b"secret")},
    }

    class OctDocumentResolver:
        def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            return keys.PublicKey.from_verification_method(oct_method)

    header = {"alg": "EdDSA", "typ": "JWT", "kid": oct_method["id"]}
    token = forge(ATTACKER.pair, header, vc_jwt_claims("did:example:victim"))
    result = _verify(token, resolver=OctDocumentResolver())
    assert codes(result) == [INVALID_VERIFICATION_METHOD_ERROR]


def test_rs256_token_against_an_ec_key() -> None:
    header = {"alg": "RS256", "typ": "JWT", "kid": EC.kid}
    token = forge(RSA.pair, header, vc_jwt_claims(EC.did), algorithm="RS256")
    result = _verify(token)
    assert codes(result) == [jose.JWS_ALGORITHM_NOT_ALLOWED_ERROR]
    assert result.problems[0].detail["key_types"] == ["P-256"]


def test_es256_token_with_a_der_signature() -> None:
    """JWS ECDSA signatures are r||s; a DER-encoded one is a second spelling and fails."""
    token = _signed(EC, {"alg": "ES256", "typ": "JWT", "kid": EC.kid})
    head, body, sig = token.split(".")
    raw = base64url.decode(sig)
    r, s = raw[:32], raw[32:]

    def der_int(value: bytes) -> bytes:
        value = value.lstrip(b"\x00")
        if value[0] & 0x80:
            value = b"\x00" + value
        return b"\x02" + bytes([len(value)]) + value

    body_der = der_int(r) + der_int(s)
    der = b"\x30" + bytes([len(body_der)]) + body_der
    assert codes(_verify(f"{head}.{body}.{base64url.encode(der)}")) == [PROOF_VERIFICATION_ERROR]


# --- key and issuer binding -----------------------------------------------------------------


def test_self_signed_token_with_embedded_jwk_claiming_a_victim_issuer() -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "jwk": ATTACKER.pair.public_key.jwk}
    token = forge(ATTACKER.pair, header, vc_jwt_claims(VICTIM.did))
    result = _verify(token)
    assert codes(result) == [UNTRUSTED_ISSUER_ERROR]
    assert result.problems[0].detail["signature_valid"] is True


def test_embedded_jwk_with_private_members() -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "jwk": ATTACKER.pair.private_jwk}
    token = forge(ATTACKER.pair, header, vc_jwt_claims(VICTIM.did))
    assert codes(_verify(token)) == [INVALID_VERIFICATION_METHOD_ERROR]


def test_kid_naming_another_did() -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "kid": ATTACKER.kid}
    token = forge(ATTACKER.pair, header, vc_jwt_claims(VICTIM.did))
    resolver = RecordingResolver()
    assert codes(_verify(token, resolver=resolver)) == [UNTRUSTED_ISSUER_ERROR]
    assert resolver.asked == []


@pytest.mark.parametrize(
    "kid",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "file:///etc/passwd",
        "https://user:pw@lms.example/keys/1",
        "key-1",
    ],
)
def test_kid_that_is_no_did_url_or_https_url_is_never_dereferenced(kid: str) -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "kid": kid}
    token = forge(ATTACKER.pair, header, vc_jwt_claims("https://lms.example/issuers/1"))
    resolver = RecordingResolver()
    assert codes(_verify(token, resolver=resolver)) == [INVALID_VERIFICATION_METHOD_ERROR]
    assert resolver.asked == []


@pytest.mark.parametrize(
    "kid",
    [
        "https://169.254.169.254/latest/meta-data/",
        "https://lms.example.evil.com/keys/1",
        "https://lms.example:8443/keys/1",
    ],
)
def test_https_kid_off_the_issuers_origin_is_never_dereferenced(kid: str) -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "kid": kid}
    token = forge(ATTACKER.pair, header, vc_jwt_claims("https://lms.example/issuers/1"))
    resolver = RecordingResolver()
    assert codes(_verify(token, resolver=resolver)) == [UNTRUSTED_ISSUER_ERROR]
    assert resolver.asked == []


# --- forbidden header parameters -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("jku", "https://attacker.example/jwks.json"),
        ("x5u", "https://attacker.example/cert.pem"),
        ("x5c", ["MIIBszCCAVmgAwIBAgIUXw=="]),
        ("crit", ["exp"]),
        ("zip", "DEF"),
        ("b64", False),
        ("enc", "A256GCM"),
    ],
)
def test_forbidden_header_parameters_fail_without_fetch(name: str, value: Any) -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "kid": VICTIM.kid, name: value}
    result = _verify(_signed(header=header))
    assert codes(result) == [jose.JWS_HEADER_NOT_ALLOWED_ERROR]
    assert result.problems[0].detail["headers"] == [name]


def test_jwe_compact_token() -> None:
    key = jwk.JWK.generate(kty="RSA", size=2048)
    token = jwe.JWE(
        json.dumps(vc_jwt_claims(VICTIM.did)).encode(),
        json.dumps({"alg": "RSA-OAEP-256", "enc": "A256GCM"}),
    )
    token.add_recipient(key)
    compact = token.serialize(compact=True)
    assert compact.count(".") == 4
    assert codes(_verify(compact)) == [jose.JWE_NOT_SUPPORTED_ERROR]


# --- encoding -------------------------------------------------------------------------------


@pytest.mark.parametrize("padding", ["=", "==", "==="])
def test_padded_base64url(padding: str) -> None:
    head, body, sig = _signed().split(".")
    assert len(sig) % 4 == 2  # Ed25519: 64 bytes -> 86 characters, so "==" is the usual padding
    for token in (f"{head}.{body}.{sig}{padding}", f"{head}{padding}.{body}.{sig}"):
        assert codes(_verify(token)) == [PARSING_ERROR]


@pytest.mark.parametrize("where", ["leading", "trailing", "inside", "newline", "tab"])
def test_whitespace_in_base64url(where: str) -> None:
    token = _signed()
    mutated = {
        "leading": " " + token,
        "trailing": token + "\n",
        "inside": token[:20] + " " + token[20:],
        "newline": token.replace(".", ".\n", 1),
        "tab": token[:-10] + "\t" + token[-10:],
    }[where]
    assert codes(_verify(mutated)) == [PARSING_ERROR]


def test_standard_alphabet_base64() -> None:
    token = _signed()
    head, body, sig = token.split(".")
    std = sig.replace("-", "+").replace("_", "/")
    if std == sig:  # make sure the test exercises the alphabet check
        std = sig[:-2] + "+/"
    assert codes(_verify(f"{head}.{body}.{std}")) == [PARSING_ERROR]


def test_duplicate_json_keys_in_header() -> None:
    header = b'{"alg":"EdDSA","typ":"JWT","kid":"%s","alg":"none"}' % VICTIM.kid.encode()
    token = forge(VICTIM.pair, header, vc_jwt_claims(VICTIM.did))
    result = _verify(token)
    assert codes(result) == [PARSING_ERROR]
    assert result.problems[0].detail["part"] == "header"


def test_duplicate_json_keys_in_payload() -> None:
    claims = json.dumps(vc_jwt_claims(VICTIM.did))
    payload = (claims[:-1] + ',"iss":"did:example:someone-else"}').encode()
    token = forge(VICTIM.pair, {"alg": "EdDSA", "typ": "JWT", "kid": VICTIM.kid}, payload)
    result = _verify(token)
    assert codes(result) == [PARSING_ERROR]
    assert result.problems[0].detail["part"] == "payload"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_in_payload(constant: str) -> None:
    claims = json.dumps(vc_jwt_claims(VICTIM.did))
    payload = (claims[:-1] + f',"exp":{constant}}}').encode()
    token = forge(VICTIM.pair, {"alg": "EdDSA", "typ": "JWT", "kid": VICTIM.kid}, payload)
    assert codes(_verify(token)) == [PARSING_ERROR]


def test_deeply_nested_payload() -> None:
    payload = b'{"vc":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    token = forge(VICTIM.pair, {"alg": "EdDSA", "typ": "JWT", "kid": VICTIM.kid}, payload)
    assert codes(_verify(token)) == [PARSING_ERROR]


# --- claims ---------------------------------------------------------------------------------


@pytest.mark.parametrize("exp", [1e30, 10**30, -1e30])
def test_exp_out_of_range(exp: float) -> None:
    result = _verify(_signed(exp=exp))
    assert codes(result) == [jose.JWT_CLAIM_INVALID_ERROR]
    assert result.problems[0].detail == {"claim": "exp"}


def test_nbf_in_the_future() -> None:
    result = _verify(_signed(nbf=1893456000))  # 2030, while the credential says 2025
    # nbf only narrows the credential's window (a warning), and the narrower bound fails now.
    assert codes(result) == [jose.JWT_NOT_YET_VALID_ERROR]
    assert [w.code for w in result.warnings] == [jose.JWT_CLAIM_NARROWER_WARNING]
    widened = _verify(_signed(nbf=1704067200))  # 2024, before the credential's validFrom
    assert codes(widened) == [jose.JWT_CLAIM_MISMATCH_ERROR]
    future = credential(VICTIM.did, validFrom="2030-01-01T00:00:00Z")
    consistent = _signed(nbf=1893456000, vc=future)
    assert codes(_verify(consistent)) == [jose.JWT_NOT_YET_VALID_ERROR] * 2


def test_iat_in_the_future() -> None:
    assert codes(_verify(_signed(iat=1893456000))) == [jose.JWT_NOT_YET_VALID_ERROR]


def test_expired() -> None:
    past = credential(VICTIM.did, validUntil="2025-02-01T00:00:00Z")
    assert codes(_verify(_signed(exp=1738368000, vc=past))) == [jose.JWT_EXPIRED_ERROR] * 2


@pytest.mark.parametrize(
    ("claim", "value"),
    [
        ("iss", ATTACKER.did),
        ("jti", "urn:uuid:00000000-0000-0000-0000-000000000000"),
        ("sub", "did:example:someone-else"),
    ],
)
def test_claims_disagreeing_with_the_credential(claim: str, value: str) -> None:
    header = {"alg": "EdDSA", "typ": "JWT", "kid": VICTIM.kid}
    result = _verify(forge(VICTIM.pair, header, vc_jwt_claims(VICTIM.did, **{claim: value})))
    assert codes(result) == [jose.JWT_CLAIM_MISMATCH_ERROR]
    assert result.problems[0].detail["claim"] == claim


def test_attacker_iss_over_a_victim_credential() -> None:
    """The key is bound to the credential's issuer, so the attacker's own iss does not help."""
    token = forge(
        ATTACKER.pair,
        {"alg": "EdDSA", "typ": "JWT", "kid": ATTACKER.kid},
        {**vc_jwt_claims(VICTIM.did), "iss": ATTACKER.did},
    )
    assert codes(_verify(token)) == [UNTRUSTED_ISSUER_ERROR]


# --- size -----------------------------------------------------------------------------------


def test_ten_megabyte_token() -> None:
    filler = "A" * (10 * 1024 * 1024)
    token = _signed().replace(".", "." + filler, 1)
    assert codes(_verify(token)) == [jose.JWT_TOO_LARGE_ERROR]
    assert codes(_verify(token.encode())) == [jose.JWT_TOO_LARGE_ERROR]


def test_ten_megabyte_presentation() -> None:
    filler = "A" * (10 * 1024 * 1024)
    result = jose.verify_presentation_jwt(f"x.{filler}.y", now=NOW)
    assert codes(result) == [jose.JWT_TOO_LARGE_ERROR]


def test_too_many_embedded_credentials() -> None:
    holder = did_key_issuer("Ed25519")
    vp = {
        "type": ["VerifiablePresentation"],
        "holder": holder.did,
        "verifiableCredential": ["x"] * 300,
    }
    token = jose.sign_presentation_jwt(vp, holder.signer(), now=NOW)
    result = jose.verify_presentation_jwt(token, now=NOW)
    assert codes(result) == [MALFORMED_PROOF_ERROR]
    assert result.credential_results == ()
