"""Safe-mode refusals are ``DATA_LOSS_DETECTION_ERROR`` (issue 16, item 8).

VC Data Integrity ("Securing Data Losslessly") names the error for data a JSON-LD processor
would drop. Both kinds of safe-mode refusal report it: a term the fast path sees is undefined,
and a document using a feature only pyld handles, for which safe mode cannot show that nothing
was dropped. Other canonicalization failures stay ``PROOF_VERIFICATION_ERROR``.
"""

from __future__ import annotations

from typing import Any

import pytest

from vckit import keys
from vckit.errors import CanonicalizationError, SafeModeError
from vckit.problems import DATA_LOSS_DETECTION_ERROR
from vckit.proofs.dataintegrity import add_proof, verify_proof

pytestmark = pytest.mark.usefixtures("no_network")

NOW = "2025-06-01T00:00:00Z"
VC2 = "https://www.w3.org/ns/credentials/v2"


@pytest.fixture(scope="module")
def signed() -> dict[str, Any]:
    pair = keys.generate("Ed25519")
    did = f"did:key:{pair.public_key.multibase}"
    credential = {
        "@context": [VC2],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"},
    }
    return add_proof(
        credential,
        pair.signer(f"{did}#{pair.public_key.multibase}"),
        created="2025-01-01T00:00:00Z",
    )


def test_safe_mode_error_is_a_canonicalization_error() -> None:
    assert issubclass(SafeModeError, CanonicalizationError)


def test_undefined_term_added_after_signing(signed: dict[str, Any]) -> None:
    tampered = dict(signed, credentialSubject={**signed["credentialSubject"], "grade": "A"})
    result = verify_proof(tampered, now=NOW)
    assert result.verified is False
    assert [p.code for p in result.problems] == [DATA_LOSS_DETECTION_ERROR]
    problem = result.problems[0]
    assert problem.message == (
        "JSON-LD safe mode refused the document: safe mode: term 'grade' is not defined by "
        "the context at $.credentialSubject.grade"
    )
    assert problem.detail["path"] == "$.credentialSubject.grade"
    assert problem.detail["reason"] == "data-loss"


def test_feature_outside_the_fast_path_is_refused_as_data_loss(signed: dict[str, Any]) -> None:
    """An inline context with ``@nest``: pyld could process it, safe mode cannot vouch for it."""
    hostile = dict(signed, extra={"name": "Mallory"})
    hostile["@context"] = [VC2, {"extra": "@nest"}]
    # allow-listed past context validation, so canonicalization is what refuses it
    result = verify_proof(hostile, now=NOW, allowed_inline_contexts=[{"extra": "@nest"}])
    assert [p.code for p in result.problems] == [DATA_LOSS_DETECTION_ERROR]
    assert result.problems[0].message.startswith(
        "JSON-LD safe mode refused the document: safe mode cannot vouch for this document"
    )
    assert "@nest" in result.problems[0].message
