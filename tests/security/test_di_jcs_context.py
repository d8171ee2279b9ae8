"""A JCS proof's ``@context`` is signed as the proof carries it (issue 16, item 6).

eddsa-jcs-2022 and ecdsa-jcs-2019 (Verify Proof, Proof Configuration) hash the proof options as
received: when the proof has an ``@context``, the document's context must start with it and the
document is hashed with it; when it has none, the configuration has none. vckit used to re-derive
the configuration's context from the document, so deleting ``proof["@context"]`` still verified.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from vckit import keys
from vckit.problems import PROOF_VERIFICATION_ERROR
from vckit.proofs.dataintegrity import add_proof, verify_proof
from vckit.proofs.dataintegrity._suite import decode_proof_value

pytestmark = pytest.mark.usefixtures("no_network")

NOW = "2025-06-01T00:00:00Z"
VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _signed(suite: str, kind: str) -> tuple[dict[str, Any], keys.KeyPair]:
    pair = keys.generate(kind)
    did = f"did:key:{pair.public_key.multibase}"
    credential = {
        "@context": [VC2, OB3],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
    }
    signer = pair.signer(f"{did}#{pair.public_key.multibase}")
    return add_proof(credential, signer, cryptosuite=suite, created="2025-01-01T00:00:00Z"), pair


SUITES = [("eddsa-jcs-2022", "Ed25519"), ("ecdsa-jcs-2019", "P-256")]


@pytest.mark.parametrize(("suite", "kind"), SUITES)
def test_deleting_the_proof_context_breaks_the_signature(suite: str, kind: str) -> None:
    signed, _ = _signed(suite, kind)
    assert signed["proof"]["@context"] == [VC2, OB3]
    assert verify_proof(signed, now=NOW).verified is True
    stripped = copy.deepcopy(signed)
    del stripped["proof"]["@context"]
    result = verify_proof(stripped, now=NOW)
    assert result.verified is False
    assert [p.code for p in result.problems] == [PROOF_VERIFICATION_ERROR]
    assert result.problems[0].message == "the signature does not verify"


@pytest.mark.parametrize(("suite", "kind"), SUITES)
def test_shortening_the_proof_context_breaks_the_signature(suite: str, kind: str) -> None:
    """A shorter prefix still satisfies the prefix rule, so only the signature can catch it."""
    signed, _ = _signed(suite, kind)
    shortened = copy.deepcopy(signed)
    shortened["proof"]["@context"] = [VC2]
    result = verify_proof(shortened, now=NOW)
    assert [p.code for p in result.problems] == [PROOF_VERIFICATION_ERROR]
    assert result.problems[0].message == "the signature does not verify"


@pytest.mark.parametrize(("suite", "kind"), SUITES)
def test_proof_context_that_is_not_a_prefix_is_refused(suite: str, kind: str) -> None:
    signed, _ = _signed(suite, kind)
    swapped = copy.deepcopy(signed)
    swapped["proof"]["@context"] = [OB3, VC2]
    result = verify_proof(swapped, now=NOW)
    assert [p.code for p in result.problems] == [PROOF_VERIFICATION_ERROR]
    assert result.problems[0].message == (
        "the proof's @context is not a prefix of the document's @context"
    )


def test_proof_made_without_a_context_verifies_as_made() -> None:
    """The specs allow (but advise against) a JCS proof without ``@context``: its configuration
    then has none, and adding one afterwards breaks it."""
    import hashlib

    from vckit._codec import jcs, multibase

    signed, pair = _signed("eddsa-jcs-2022", "Ed25519")
    proof = {k: v for k, v in signed["proof"].items() if k not in ("@context", "proofValue")}
    document = {k: v for k, v in signed.items() if k != "proof"}
    data = hashlib.sha256(jcs.canonicalize(proof)).digest()
    data += hashlib.sha256(jcs.canonicalize(document)).digest()
    proof["proofValue"] = multibase.encode(pair.signer("unused").sign(data), "base58btc")
    assert len(decode_proof_value(proof["proofValue"], 64)) == 64
    without = {**document, "proof": proof}
    assert verify_proof(without, now=NOW).verified is True

    with_context = copy.deepcopy(without)
    with_context["proof"]["@context"] = [VC2, OB3]
    result = verify_proof(with_context, now=NOW)
    assert [p.code for p in result.problems] == [PROOF_VERIFICATION_ERROR]


@pytest.mark.parametrize(("suite", "kind"), SUITES)
def test_remaining_malleability_appended_context_still_verifies(suite: str, kind: str) -> None:
    """Documented, not a defect: the document is hashed with the *proof's* context, so a context
    appended to the document after signing is not covered and the proof still verifies (the JSON
    bytes differ, the signed bytes do not). docs/proofs.md: never key caches on JSON bytes."""
    signed, _ = _signed(suite, kind)
    appended = copy.deepcopy(signed)
    appended["@context"].append("https://w3id.org/security/data-integrity/v2")
    assert verify_proof(appended, now=NOW).verified is True
