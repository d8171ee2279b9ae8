"""The malleability docs/proofs.md documents ("never key caches on JSON bytes"), pinned.

These are not defects: each is a change to a signed document that its suite does not cover by
design. The tests keep the documentation honest — if one of them starts failing, the docs must
change with it.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from vckit import keys
from vckit._codec import multibase
from vckit.proofs.dataintegrity import add_proof, verify_proof

pytestmark = pytest.mark.usefixtures("no_network")

NOW = "2025-06-01T00:00:00Z"
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def _signed(suite: str = "eddsa-rdfc-2022", kind: str = "Ed25519") -> dict[str, Any]:
    pair = keys.generate(kind)
    did = f"did:key:{pair.public_key.multibase}"
    credential = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
    }
    signer = pair.signer(f"{did}#{pair.public_key.multibase}")
    return add_proof(credential, signer, cryptosuite=suite, created="2025-01-01T00:00:00Z")


def test_rdfc_json_that_means_the_same_rdf_verifies() -> None:
    signed = _signed()
    reordered = json.loads(json.dumps(signed, sort_keys=True))
    reordered["type"] = "VerifiableCredential"  # a string instead of a one-element list
    assert json.dumps(reordered) != json.dumps(signed)
    assert verify_proof(reordered, now=NOW).verified is True


def test_a_single_proof_as_a_one_element_list_verifies() -> None:
    signed = _signed()
    listed = dict(signed, proof=[signed["proof"]])
    assert verify_proof(listed, now=NOW).verified is True


def test_ecdsa_high_s_form_of_a_signature_verifies() -> None:
    signed = _signed("ecdsa-rdfc-2019", "P-256")
    raw = multibase.decode(signed["proof"]["proofValue"])
    r, s = raw[:32], int.from_bytes(raw[32:], "big")
    assert s <= P256_ORDER // 2  # vckit signs low-S
    flipped = copy.deepcopy(signed)
    flipped["proof"]["proofValue"] = multibase.encode(
        r + (P256_ORDER - s).to_bytes(32, "big"), "base58btc"
    )
    assert flipped["proof"]["proofValue"] != signed["proof"]["proofValue"]
    assert verify_proof(flipped, now=NOW).verified is True
