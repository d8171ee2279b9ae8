"""I10: ``KeyPair.signer()`` defaults to the did:key method; key pairs, public keys and signers
pickle (also across a process pool), re-running every import check on the way back."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

from vckit import keys
from vckit.errors import KeyFormatError, UnsupportedAlgorithmError
from vckit.keys import KeyPair, LocalKeyResolver, LocalSigner, PublicKey

SIGNING_TYPES = [kind for kind in keys.KEY_TYPES if kind != "X25519"]
PAIRS = {kind: keys.generate(kind) for kind in keys.KEY_TYPES}


@pytest.mark.parametrize("kind", SIGNING_TYPES)
def test_default_signer_names_the_did_key_method(kind: str) -> None:
    pair = PAIRS[kind]
    signer = pair.signer()
    multibase = pair.public_key.multibase
    assert signer.verification_method == f"did:key:{multibase}#{multibase}"
    method = LocalKeyResolver().dereference(signer.verification_method, "assertionMethod")
    assert method.public_key == pair.public_key
    method.public_key.verify(signer.sign(b"data"), b"data", algorithm=signer.algorithm)


def test_explicit_method_and_algorithm_still_win() -> None:
    pair = PAIRS["P-256"]
    signer = pair.signer("did:web:issuer.example#key-1", algorithm="ES256")
    assert (signer.verification_method, signer.algorithm) == (
        "did:web:issuer.example#key-1",
        "ES256",
    )


def test_x25519_has_no_signer() -> None:
    with pytest.raises(UnsupportedAlgorithmError, match="X25519 keys cannot sign"):
        PAIRS["X25519"].signer()


@pytest.mark.parametrize("kind", keys.KEY_TYPES)
def test_key_pair_and_public_key_round_trip(kind: str) -> None:
    pair = PAIRS[kind]
    copy = pickle.loads(pickle.dumps(pair))
    assert isinstance(copy, KeyPair)
    assert copy.public_key == pair.public_key
    assert copy.private_jwk == pair.private_jwk
    assert pickle.loads(pickle.dumps(pair.public_key)) == pair.public_key


@pytest.mark.parametrize("kind", SIGNING_TYPES)
def test_signer_round_trip_signs_verifiably(kind: str) -> None:
    signer = PAIRS[kind].signer()
    copy = pickle.loads(pickle.dumps(signer))
    assert isinstance(copy, LocalSigner)
    assert (copy.verification_method, copy.algorithm) == (
        signer.verification_method,
        signer.algorithm,
    )
    PAIRS[kind].public_key.verify(copy.sign(b"m"), b"m", algorithm=copy.algorithm)


def test_unpickling_re_runs_the_key_checks() -> None:
    """A tampered pickle cannot smuggle a bad key past import validation."""
    small_order = bytes(32)  # the Ed25519 identity point's encoding is small-order
    forged = pickle.dumps(PAIRS["Ed25519"].public_key).replace(
        PAIRS["Ed25519"].public_key.raw, small_order
    )
    with pytest.raises(KeyFormatError, match="small-order point"):
        pickle.loads(forged)


def _sign_in_child(signer: LocalSigner, data: bytes) -> tuple[str, bytes]:
    return signer.verification_method, signer.sign(data)


def test_signer_crosses_a_process_pool() -> None:
    pair = PAIRS["Ed25519"]
    signer = pair.signer()
    with ProcessPoolExecutor(max_workers=1) as pool:
        method, signature = pool.submit(_sign_in_child, signer, b"batch item").result()
    assert method == signer.verification_method
    pair.public_key.verify(signature, b"batch item")
    assert isinstance(PublicKey.from_multibase(pair.public_key.multibase), PublicKey)
