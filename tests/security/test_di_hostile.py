"""Hostile input to ``verify_proof``: each case fails with its exact problem code, offline.

One test per item of issue 4's list. Every test runs under ``no_network``: nothing here may
fetch a context or resolve a DID remotely.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import base58
import pytest

from vckit import keys
from vckit._codec import multibase
from vckit.problems import (
    CRYPTOSUITE_UNSUPPORTED_ERROR,
    DATA_LOSS_DETECTION_ERROR,
    INVALID_CHALLENGE_ERROR,
    INVALID_DOMAIN_ERROR,
    INVALID_VERIFICATION_METHOD_ERROR,
    MALFORMED_PROOF_ERROR,
    MISMATCHED_PROOF_PURPOSE_ERROR,
    PARSING_ERROR,
    PROOF_EXPIRED_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
)
from vckit.proofs.dataintegrity import (
    DEFAULT_CRYPTOSUITES,
    EcdsaRdfc2019,
    ProofVerificationResult,
    add_proof,
    verify_proof,
)

pytestmark = pytest.mark.usefixtures("no_network")


ED25519_ORDER = 2**252 + 27742317777372353535851937790883648493
NOW = "2025-06-01T00:00:00Z"
CREATED = "2025-01-01T00:00:00Z"


def _credential(issuer: str) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject", "name": "Alice"},
    }


def _did_key_signer(kind: str = "Ed25519") -> tuple[keys.KeyPair, keys.Signer, str]:
    pair = keys.generate(kind)
    did = f"did:key:{pair.public_key.multibase}"
    return pair, pair.signer(f"{did}#{pair.public_key.multibase}"), did


@pytest.fixture(scope="module")
def issuer() -> tuple[keys.KeyPair, keys.Signer, str]:
    return _did_key_signer()


@pytest.fixture(scope="module")
def signed(issuer: tuple[keys.KeyPair, keys.Signer, str]) -> dict[str, Any]:
    _, signer, did = issuer
    return add_proof(_credential(did), signer, created=CREATED)


def _codes(result: ProofVerificationResult) -> list[str]:
    return [problem.code for problem in result.problems]


def _fails_with(document: Any, code: str, **kwargs: Any) -> ProofVerificationResult:
    kwargs.setdefault("now", NOW)
    result = verify_proof(document, **kwargs)
    assert result.verified is False
    assert _codes(result) == [code]
    return result


def _with_proof(signed: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    document = copy.deepcopy(signed)
    change(document["proof"])
    return document


def test_the_unmodified_credential_verifies(signed: dict[str, Any]) -> None:
    result = verify_proof(signed, now=NOW)
    assert (result.verified, result.problems) == (True, ())


# -- missing / malformed proof ----------------------------------------------------------------


def test_missing_proof(signed: dict[str, Any]) -> None:
    document = {key: value for key, value in signed.items() if key != "proof"}
    _fails_with(document, MALFORMED_PROOF_ERROR)


def test_null_proof(signed: dict[str, Any]) -> None:
    _fails_with({**signed, "proof": None}, MALFORMED_PROOF_ERROR)


def test_string_proof(signed: dict[str, Any]) -> None:
    _fails_with({**signed, "proof": "eyJhbGciOiJFZERTQSJ9..sig"}, MALFORMED_PROOF_ERROR)


def test_document_that_is_not_an_object() -> None:
    _fails_with(["not", "a", "credential"], PARSING_ERROR)


def test_unknown_cryptosuite(signed: dict[str, Any]) -> None:
    document = _with_proof(signed, lambda p: p.update(cryptosuite="eddsa-2022"))
    _fails_with(document, CRYPTOSUITE_UNSUPPORTED_ERROR)


def test_unknown_proof_type(signed: dict[str, Any]) -> None:
    document = _with_proof(signed, lambda p: p.update(type="SomeProofType"))
    _fails_with(document, CRYPTOSUITE_UNSUPPORTED_ERROR)


def test_proof_value_not_multibase(signed: dict[str, Any]) -> None:
    raw = multibase.decode(signed["proof"]["proofValue"])
    document = _with_proof(signed, lambda p: p.update(proofValue=raw.hex()))
    _fails_with(document, MALFORMED_PROOF_ERROR)


def test_proof_value_base64url_instead_of_base58btc(signed: dict[str, Any]) -> None:
    raw = multibase.decode(signed["proof"]["proofValue"])
    value = multibase.encode(raw, "base64url")
    _fails_with(_with_proof(signed, lambda p: p.update(proofValue=value)), MALFORMED_PROOF_ERROR)


def test_proof_value_wrong_length(signed: dict[str, Any]) -> None:
    raw = multibase.decode(signed["proof"]["proofValue"])
    value = multibase.encode(raw[:-1], "base58btc")
    result = _fails_with(
        _with_proof(signed, lambda p: p.update(proofValue=value)), MALFORMED_PROOF_ERROR
    )
    assert "63 bytes" in result.problems[0].message


def test_proof_value_of_one_megabyte_is_refused_before_decoding(
    signed: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """base58 decoding is quadratic: the length must be checked before any decoding."""
    decoded_lengths: list[int] = []
    original = base58.b58decode

    def spy(value: Any, *args: Any, **kwargs: Any) -> bytes:
        decoded_lengths.append(len(value))
        return original(value, *args, **kwargs)

    monkeypatch.setattr(base58, "b58decode", spy)
    value = "z" + "2" * 1_048_576
    _fails_with(_with_proof(signed, lambda p: p.update(proofValue=value)), MALFORMED_PROOF_ERROR)
    assert all(length < 1_000 for length in decoded_lengths)


# -- keys, controllers and relationships ------------------------------------------------------


def test_signature_by_a_key_the_issuer_does_not_control(
    issuer: tuple[keys.KeyPair, keys.Signer, str],
) -> None:
    _, _, issuer_did = issuer
    _, other_signer, other_did = _did_key_signer()
    document = add_proof(_credential(issuer_did), other_signer, created=CREATED)
    assert verify_proof(document, now=NOW).verified is True  # a valid proof in itself
    result = _fails_with(document, UNTRUSTED_ISSUER_ERROR, expected_controller=issuer_did)
    assert result.problems[0].detail["controller"] == other_did


def test_method_listed_only_under_authentication_used_for_assertion() -> None:
    pair = keys.generate("Ed25519")
    controller = "https://issuer.example/org"
    method_id = f"{controller}#key-1"
    resolver = keys.LocalKeyResolver(
        {
            method_id: {
                "id": method_id,
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": pair.public_key.multibase,
                "relationships": ["authentication"],
            }
        }
    )
    document = add_proof(_credential(controller), pair.signer(method_id), created=CREATED)
    _fails_with(document, INVALID_VERIFICATION_METHOD_ERROR, resolver=resolver)


def test_ed25519_small_order_key(signed: dict[str, Any]) -> None:
    """The identity point has order 1: any message 'verifies' under it with the right S."""
    small = "z" + base58.b58encode(b"\xed\x01" + b"\x01" + b"\x00" * 31).decode()
    method = f"did:key:{small}#{small}"
    document = _with_proof(signed, lambda p: p.update(verificationMethod=method))
    _fails_with(document, INVALID_VERIFICATION_METHOD_ERROR)


def test_ed25519_non_canonical_s(signed: dict[str, Any]) -> None:
    """S + L is the same scalar mod L: accepting it makes signatures malleable."""
    raw = multibase.decode(signed["proof"]["proofValue"])
    s = int.from_bytes(raw[32:], "little") + ED25519_ORDER
    value = multibase.encode(raw[:32] + s.to_bytes(32, "little"), "base58btc")
    _fails_with(_with_proof(signed, lambda p: p.update(proofValue=value)), PROOF_VERIFICATION_ERROR)


@pytest.fixture(scope="module")
def ecdsa_signed() -> tuple[dict[str, Any], keys.KeyPair]:
    pair, signer, did = _did_key_signer("P-256")
    return add_proof(_credential(did), signer, cryptosuite="ecdsa-rdfc-2019", created=CREATED), pair


def test_ecdsa_der_encoded_signature(ecdsa_signed: tuple[dict[str, Any], keys.KeyPair]) -> None:
    signed, _ = ecdsa_signed
    raw = multibase.decode(signed["proof"]["proofValue"])
    r, s = int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")

    def der_int(value: int) -> bytes:
        body = value.to_bytes((value.bit_length() + 8) // 8, "big")
        return b"\x02" + bytes([len(body)]) + body

    body = der_int(r) + der_int(s)
    der = b"\x30" + bytes([len(body)]) + body
    value = multibase.encode(der, "base58btc")
    _fails_with(_with_proof(signed, lambda p: p.update(proofValue=value)), MALFORMED_PROOF_ERROR)


def test_ecdsa_wrong_length_signature(ecdsa_signed: tuple[dict[str, Any], keys.KeyPair]) -> None:
    """A P-384-sized (96-byte) signature under a P-256 key."""
    signed, _ = ecdsa_signed
    value = multibase.encode(b"\x01" * 96, "base58btc")
    _fails_with(_with_proof(signed, lambda p: p.update(proofValue=value)), MALFORMED_PROOF_ERROR)


def test_ecdsa_curve_hash_mismatch(ecdsa_signed: tuple[dict[str, Any], keys.KeyPair]) -> None:
    """A P-256 key signing SHA-384 hash data (P-384's hash) must not verify."""
    signed, pair = ecdsa_signed
    suite = DEFAULT_CRYPTOSUITES["ecdsa-rdfc-2019"]
    assert isinstance(suite, EcdsaRdfc2019)
    unsecured = {key: value for key, value in signed.items() if key != "proof"}
    options = {key: value for key, value in signed["proof"].items() if key != "proofValue"}
    from vckit.jsonld import default_loader

    data = suite.hash_data(unsecured, options, default_loader(), "sha384")
    value = multibase.encode(pair.sign(data), "base58btc")
    _fails_with(_with_proof(signed, lambda p: p.update(proofValue=value)), PROOF_VERIFICATION_ERROR)


def test_ecdsa_suite_naming_an_ed25519_key(
    ecdsa_signed: tuple[dict[str, Any], keys.KeyPair],
    issuer: tuple[keys.KeyPair, keys.Signer, str],
) -> None:
    signed, _ = ecdsa_signed
    method = issuer[1].verification_method
    document = _with_proof(signed, lambda p: p.update(verificationMethod=method))
    _fails_with(document, INVALID_VERIFICATION_METHOD_ERROR)


# -- purpose, challenge, domain, dates --------------------------------------------------------


def test_wrong_purpose(signed: dict[str, Any]) -> None:
    _fails_with(signed, MISMATCHED_PROOF_PURPOSE_ERROR, expected_proof_purpose="authentication")


@pytest.fixture(scope="module")
def presentation_proof(issuer: tuple[keys.KeyPair, keys.Signer, str]) -> dict[str, Any]:
    _, signer, did = issuer
    return add_proof(
        _credential(did),
        signer,
        proof_purpose="authentication",
        created=CREATED,
        challenge="c0ae1c8e-c7e7-469f-b252-86e6a0e7387e",
        domain=["https://verifier.example", "https://alt.verifier.example"],
    )


def test_right_challenge_and_domain_verify(presentation_proof: dict[str, Any]) -> None:
    result = verify_proof(
        presentation_proof,
        expected_proof_purpose="authentication",
        challenge="c0ae1c8e-c7e7-469f-b252-86e6a0e7387e",
        domain="https://alt.verifier.example",
        now=NOW,
    )
    assert (result.verified, result.problems) == (True, ())


def test_wrong_challenge(presentation_proof: dict[str, Any]) -> None:
    _fails_with(
        presentation_proof,
        INVALID_CHALLENGE_ERROR,
        expected_proof_purpose="authentication",
        challenge="another-challenge",
        domain="https://verifier.example",
    )


def test_wrong_domain(presentation_proof: dict[str, Any]) -> None:
    _fails_with(
        presentation_proof,
        INVALID_DOMAIN_ERROR,
        expected_proof_purpose="authentication",
        challenge="c0ae1c8e-c7e7-469f-b252-86e6a0e7387e",
        domain="https://evil.example",
    )


def test_expected_domain_but_proof_has_none(signed: dict[str, Any]) -> None:
    _fails_with(signed, INVALID_DOMAIN_ERROR, domain="https://verifier.example")


def test_expired_proof(issuer: tuple[keys.KeyPair, keys.Signer, str]) -> None:
    _, signer, did = issuer
    document = add_proof(_credential(did), signer, created=CREATED, expires="2025-02-01T00:00:00Z")
    assert verify_proof(document, now="2025-01-15T00:00:00Z").verified is True
    _fails_with(document, PROOF_EXPIRED_ERROR)


@pytest.mark.parametrize(
    "created",
    ["2025-01-01 00:00:00Z", "2025-01-01T00:00:00", "01/01/2025", "2025-01-01", 1735689600],
)
def test_created_not_xsd(signed: dict[str, Any], created: Any) -> None:
    document = _with_proof(signed, lambda p: p.update(created=created))
    result = _fails_with(document, MALFORMED_PROOF_ERROR)
    assert result.problems[0].detail["member"] == "created"


# -- tampering ------------------------------------------------------------------------------


def test_tampered_document_one_character(signed: dict[str, Any]) -> None:
    document = copy.deepcopy(signed)
    document["credentialSubject"]["name"] = "Alicf"
    _fails_with(document, PROOF_VERIFICATION_ERROR)


def test_tampered_proof_options(signed: dict[str, Any]) -> None:
    document = _with_proof(signed, lambda p: p.update(created="2025-01-01T00:00:01Z"))
    _fails_with(document, PROOF_VERIFICATION_ERROR)


def test_added_undefined_property_fails_in_safe_mode(
    issuer: tuple[keys.KeyPair, keys.Signer, str],
) -> None:
    """A VC 1.1 context has no @vocab: an undefined term would be dropped, so must be refused.

    Were it dropped silently, the tampered credential would still verify.
    """
    _, signer, did = issuer
    credential = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "issuanceDate": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:subject"},
    }
    document = add_proof(credential, signer, created=CREATED)
    assert verify_proof(document, now=NOW).verified is True
    document["credentialSubject"]["degree"] = "PhD"
    result = _fails_with(document, DATA_LOSS_DETECTION_ERROR)
    assert result.problems[0].detail["stage"] == "transformation"
    assert result.problems[0].detail["path"] == "$.credentialSubject.degree"
    assert "undefined" in result.problems[0].message or "not defined" in result.problems[0].message


def test_unknown_context_is_refused_before_any_work(signed: dict[str, Any]) -> None:
    document = copy.deepcopy(signed)
    document["@context"] = [*document["@context"], "https://evil.example/context.jsonld"]
    result = _fails_with(document, PROOF_VERIFICATION_ERROR)
    assert result.problems[0].detail["url"] == "https://evil.example/context.jsonld"


# -- proof sets and chains --------------------------------------------------------------------


def test_proof_set_with_one_bad_proof(
    signed: dict[str, Any], issuer: tuple[keys.KeyPair, keys.Signer, str]
) -> None:
    _, second_signer, _ = _did_key_signer()
    document = add_proof(signed, second_signer, created=CREATED)
    assert verify_proof(document, now=NOW).verified is True
    document["proof"][1]["proofValue"] = signed["proof"]["proofValue"]
    result = _fails_with(document, PROOF_VERIFICATION_ERROR)
    assert [p.verified for p in result.proofs] == [True, False]
    assert result.problems[0].detail["proofIndex"] == 1


def test_chain_with_missing_previous_proof(
    signed: dict[str, Any], issuer: tuple[keys.KeyPair, keys.Signer, str]
) -> None:
    first = add_proof(
        {k: v for k, v in signed.items() if k != "proof"},
        issuer[1],
        created=CREATED,
        proof_id="urn:uuid:first",
    )
    _, second_signer, _ = _did_key_signer()
    chained = add_proof(first, second_signer, created=CREATED, previous_proof="urn:uuid:first")
    assert verify_proof(chained, now=NOW).verified is True
    chained["proof"] = [chained["proof"][1]]  # drop the proof the chain points to
    result = _fails_with(chained, PROOF_VERIFICATION_ERROR)
    assert result.problems[0].detail["previousProof"] == "urn:uuid:first"


# -- JCS: numbers and strings I-JSON does not allow --------------------------------------------


@pytest.fixture(scope="module")
def jcs_signed(issuer: tuple[keys.KeyPair, keys.Signer, str]) -> dict[str, Any]:
    _, signer, did = issuer
    credential = _credential(did)
    credential["credentialSubject"]["score"] = 0
    return add_proof(credential, signer, cryptosuite="eddsa-jcs-2022", created=CREATED)


def test_jcs_number_out_of_range(jcs_signed: dict[str, Any]) -> None:
    """1e400 parses to infinity in Python; JCS has no representation for it."""
    document = copy.deepcopy(jcs_signed)
    document["credentialSubject"]["score"] = float("1e400")
    _fails_with(document, PARSING_ERROR)


def test_jcs_lone_surrogate(jcs_signed: dict[str, Any]) -> None:
    document = copy.deepcopy(jcs_signed)
    document["credentialSubject"]["name"] = "Alice\ud800"
    _fails_with(document, PARSING_ERROR)


def test_jcs_negative_zero(jcs_signed: dict[str, Any]) -> None:
    """RFC 8785 serializes -0 as 0: the same I-JSON number, so the proof still holds.

    What matters is that -0 cannot be used to make two different canonical forms (and so two
    different hashes) of one document, nor to crash the verifier.
    """
    document = copy.deepcopy(jcs_signed)
    document["credentialSubject"]["score"] = -0.0
    result = verify_proof(document, now=NOW)
    assert (result.verified, result.problems) == (True, ())
    document["credentialSubject"]["score"] = 1
    _fails_with(document, PROOF_VERIFICATION_ERROR)


def test_too_many_proofs_are_refused_before_any_work(signed: dict[str, Any]) -> None:
    """Each proof costs a canonicalization: a document with thousands must not cost thousands."""
    document = {**signed, "proof": [signed["proof"]] * 1000}
    result = _fails_with(document, MALFORMED_PROOF_ERROR)
    assert result.proofs == ()
