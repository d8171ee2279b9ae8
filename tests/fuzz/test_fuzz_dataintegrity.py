"""Fuzz Data Integrity verification and the CBOR decoder of ecdsa-sd-2023 proof values.

Oracles: ``verify_proof`` never raises for any document; a validly signed badge changed in any
value, member or byte never verifies unless the change leaves what was signed intact (RDFC suites
sign the RDF, so JSON that means the same RDF verifies by design, docs/proofs.md: e.g. a ``null``
item added to an array, which JSON-LD drops; the target then checks the canonical N-Quads and the
proof's members are unchanged; JCS suites: no change at all); the CBOR decoder raises nothing but
``ParseError`` and reads back exactly what a canonical encoder wrote.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import (
    ATTACKER_KEY,
    NOW,
    byte_mutated,
    fuzz,
    json_values,
    mutated,
    only,
    same_json,
    sign_badge,
)

from vckit import jsonld
from vckit._codec import base64url
from vckit._codec.strict_json import loads_strict
from vckit.errors import ParseError
from vckit.proofs import dataintegrity
from vckit.proofs.dataintegrity._cbor import decode

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("no_network")]

SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "Ed25519Signature2020")
SIGNED = {suite: sign_badge(suite) for suite in SUITES}


def _verify(document: Any) -> dataintegrity.ProofVerificationResult:
    result = only((), dataintegrity.verify_proof, document, now=NOW)
    assert isinstance(result, dataintegrity.ProofVerificationResult)
    return result


def _assert_tamper_refused(suite: str, document: Any, original: dict[str, Any]) -> None:
    result = _verify(document)
    if not result.verified:
        assert result.problems
        return
    # It verified: only a change JSON-LD reads as the same statement may do that (RDFC suites),
    # e.g. a ``null`` item added to an array; the proof's own members are unchanged.
    shown = json.dumps(document, ensure_ascii=False)
    assert "jcs" not in suite, shown
    assert jsonld.canonicalize(_unsecured(document)) == jsonld.canonicalize(_unsecured(original))
    assert same_json(_options(document["proof"]), _options(original["proof"])), shown


def _unsecured(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "proof"}


def _options(proof: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in proof.items() if key != "@context"}


@pytest.mark.parametrize("suite", SUITES)
def test_the_unmutated_badges_verify(suite: str) -> None:
    assert _verify(SIGNED[suite]).verified is True


@pytest.mark.parametrize("suite", SUITES)
@fuzz(25)
@given(data=st.data())
def test_a_changed_badge_never_verifies(suite: str, data: st.DataObject) -> None:
    original = SIGNED[suite]
    document = data.draw(mutated(original))
    if same_json(document, original):
        return
    _assert_tamper_refused(suite, document, original)


@pytest.mark.parametrize("suite", ["eddsa-rdfc-2022", "eddsa-jcs-2022"])
@fuzz(25)
@given(data=st.data())
def test_a_byte_changed_badge_never_verifies(suite: str, data: st.DataObject) -> None:
    original = SIGNED[suite]
    text = json.dumps(original, ensure_ascii=False).encode()
    changed = data.draw(byte_mutated(text))
    document = only((ParseError,), loads_strict, changed)
    if isinstance(document, ParseError) or same_json(document, original):
        return
    _assert_tamper_refused(suite, document, original)


@fuzz(20)
@given(
    proof=st.dictionaries(st.sampled_from(list(SIGNED["eddsa-rdfc-2022"]["proof"])), json_values)
)
def test_a_foreign_proof_never_verifies(proof: dict[str, Any]) -> None:
    document = {key: value for key, value in SIGNED["eddsa-rdfc-2022"].items() if key != "proof"}
    _verify({**document, "proof": proof})
    _verify({**document, "proof": [proof, proof]})


def test_a_proof_by_another_key_never_verifies_for_the_issuer() -> None:
    document = {key: value for key, value in SIGNED["eddsa-rdfc-2022"].items() if key != "proof"}
    forged = dataintegrity.add_proof(
        document, ATTACKER_KEY.signer(), created="2025-01-01T00:00:00Z"
    )
    result = dataintegrity.verify_proof(
        forged, expected_controller=document["issuer"]["id"], now=NOW
    )
    assert result.verified is False
    assert [problem.code for problem in result.problems] == ["UNTRUSTED_ISSUER_ERROR"]


@fuzz(25)
@given(document=json_values)
def test_any_json_value_is_a_result(document: Any) -> None:
    assert _verify(document).verified is False


# --- ecdsa-sd-2023 proof values and the CBOR decoder -------------------------------------------


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _cbor(value: Any) -> bytes:
    """Canonical (shortest-form, definite-length) CBOR of ints, bytes, lists and int-keyed maps."""
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_cbor(item) for item in value)
    return _head(5, len(value)) + b"".join(_cbor(k) + _cbor(v) for k, v in value.items())


cbor_values = st.recursive(
    st.integers(min_value=0, max_value=2**64 - 1) | st.binary(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.integers(min_value=0, max_value=2**64 - 1), inner, max_size=4)
    ),
    max_leaves=20,
)


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@fuzz(100)
@given(value=cbor_values)
def test_cbor_reads_back_what_was_written(value: Any) -> None:
    if _depth(value) > 8:
        return
    assert decode(_cbor(value)) == value


@fuzz(150)
@given(data=st.binary(max_size=200) | cbor_values.map(_cbor).flatmap(byte_mutated))
def test_cbor_raises_only_parse_errors(data: bytes) -> None:
    only((ParseError,), decode, data)


@fuzz(25)
@given(payload=cbor_values.map(_cbor) | st.binary(max_size=120))
def test_random_ecdsa_sd_proof_values_fail_cleanly(payload: bytes) -> None:
    document = {key: value for key, value in SIGNED["ecdsa-rdfc-2019"].items() if key != "proof"}
    proof = dict(SIGNED["ecdsa-rdfc-2019"]["proof"])
    proof["cryptosuite"] = "ecdsa-sd-2023"
    proof["proofValue"] = "u" + base64url.encode(b"\xd9\x5d\x01" + payload)
    result = _verify({**document, "proof": proof})
    assert result.verified is False
    assert result.problems
