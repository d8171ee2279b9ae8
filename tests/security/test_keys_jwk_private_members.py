"""A JWK or verification method carrying secret material is refused where a public key is asked."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit.errors import KeyFormatError
from vckit.keys import KeyPair, PublicKey

PAIRS = {kind: keys.generate(kind) for kind in keys.KEY_TYPES}


@pytest.mark.parametrize("kind", keys.KEY_TYPES)
def test_private_jwk_refused_as_public_key(kind: str) -> None:
    with pytest.raises(KeyFormatError, match="private members"):
        PublicKey.from_jwk(PAIRS[kind].private_jwk)


@pytest.mark.parametrize("member", ["d", "p", "q", "dp", "dq", "qi"])
def test_any_single_rsa_private_member_refused(member: str) -> None:
    private = PAIRS["RSA"].private_jwk
    jwk = {**PAIRS["RSA"].public_key.jwk, member: private[member]}
    with pytest.raises(KeyFormatError, match="private members"):
        PublicKey.from_jwk(jwk)


def test_symmetric_member_refused() -> None:
    with pytest.raises(KeyFormatError, match=r"Ed25519 JWK has foreign members \['k'\]"):
        PublicKey.from_jwk({**PAIRS["Ed25519"].public_key.jwk, "k": "AAAA"})


def test_verification_method_with_private_jwk_refused() -> None:
    pair = PAIRS["P-256"]
    vm = {
        "id": "did:example:1#k",
        "type": "JsonWebKey2020",
        "controller": "did:example:1",
        "publicKeyJwk": pair.private_jwk,
    }
    with pytest.raises(KeyFormatError, match="private members"):
        PublicKey.from_verification_method(vm)
    vm = {**vm, "publicKeyJwk": pair.public_key.jwk, "privateKeyJwk": pair.private_jwk}
    with pytest.raises(KeyFormatError, match="secret key material"):
        PublicKey.from_verification_method(vm)


def test_verification_method_with_secret_multibase_refused() -> None:
    pair = PAIRS["Ed25519"]
    vm = {
        "id": "did:example:1#k",
        "type": "Multikey",
        "controller": "did:example:1",
        "publicKeyMultibase": pair.public_key.multibase,
        "secretKeyMultibase": pair.secret_multibase,
    }
    with pytest.raises(KeyFormatError, match="secret key material"):
        PublicKey.from_verification_method(vm)


def test_public_jwk_refused_as_key_pair() -> None:
    with pytest.raises(KeyFormatError, match="no private member"):
        KeyPair.from_jwk(PAIRS["Ed25519"].public_key.jwk)
