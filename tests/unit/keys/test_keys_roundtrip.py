"""Multikey and JWK round-trips, public and private, for every key type."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit.keys import KeyPair, PublicKey

# RSA key generation is slow; generate each type once per module.
PAIRS = {kind: keys.generate(kind) for kind in keys.KEY_TYPES}
MULTIKEY_PREFIX = {
    "Ed25519": "z6Mk",
    "X25519": "z6LS",
    "P-256": "zDna",
    "P-384": "z82L",
    "secp256k1": "zQ3s",
    "RSA": "z4MX",  # 2048-bit modulus
}
RAW_LENGTH = {"Ed25519": 32, "X25519": 32, "P-256": 33, "P-384": 49, "secp256k1": 33}


@pytest.fixture(params=keys.KEY_TYPES)
def pair(request: pytest.FixtureRequest) -> KeyPair:
    return PAIRS[request.param]


def test_key_types_are_the_contracted_ones() -> None:
    assert keys.KEY_TYPES == ("Ed25519", "X25519", "P-256", "P-384", "secp256k1", "RSA")


def test_multikey_prefix_and_raw_form(pair: KeyPair) -> None:
    public = pair.public_key
    assert public.multibase.startswith(MULTIKEY_PREFIX[pair.key_type])
    if pair.key_type in RAW_LENGTH:
        assert len(public.raw) == RAW_LENGTH[pair.key_type]
    else:
        assert public.raw[:1] == b"\x30"  # PKCS#1 DER SEQUENCE


def test_public_multikey_round_trip(pair: KeyPair) -> None:
    public = pair.public_key
    again = PublicKey.from_multibase(public.multibase)
    assert again == public
    assert again.raw == public.raw
    assert hash(again) == hash(public)


def test_public_jwk_round_trip(pair: KeyPair) -> None:
    public = pair.public_key
    jwk = public.jwk
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(jwk)
    assert PublicKey.from_jwk(jwk) == public


def test_private_jwk_round_trip(pair: KeyPair) -> None:
    jwk = pair.private_jwk
    assert "d" in jwk
    again = KeyPair.from_jwk(jwk)
    assert again.public_key == pair.public_key
    assert again.private_jwk == jwk


def test_secret_multibase_round_trip(pair: KeyPair) -> None:
    again = KeyPair.from_multibase(pair.secret_multibase, pair.public_key.multibase)
    assert again.public_key == pair.public_key
    assert again.secret_multibase == pair.secret_multibase


def test_raw_round_trip(pair: KeyPair) -> None:
    assert PublicKey.from_raw(pair.key_type, pair.public_key.raw) == pair.public_key


def test_jwk_members_per_key_type() -> None:
    assert set(PAIRS["Ed25519"].public_key.jwk) == {"kty", "crv", "x"}
    assert PAIRS["Ed25519"].public_key.jwk["kty"] == "OKP"
    assert PAIRS["X25519"].public_key.jwk["crv"] == "X25519"
    assert set(PAIRS["P-256"].public_key.jwk) == {"kty", "crv", "x", "y"}
    assert PAIRS["P-384"].public_key.jwk["crv"] == "P-384"
    assert PAIRS["secp256k1"].public_key.jwk["crv"] == "secp256k1"
    assert set(PAIRS["RSA"].public_key.jwk) == {"kty", "n", "e"}
    assert PAIRS["RSA"].public_key.jwk["e"] == "AQAB"
    assert set(PAIRS["RSA"].private_jwk) == {"kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"}


def test_jwk_is_a_fresh_copy() -> None:
    public = PAIRS["Ed25519"].public_key
    public.jwk["x"] = "tampered"
    assert public.jwk["x"] != "tampered"


def test_public_key_is_immutable() -> None:
    public = PAIRS["Ed25519"].public_key
    with pytest.raises(AttributeError, match="PublicKey is immutable"):
        public.raw = b""


def test_repr_never_shows_the_secret() -> None:
    pair = PAIRS["Ed25519"]
    assert pair.private_jwk["d"] not in repr(pair)
    assert pair.secret_multibase not in repr(pair.signer("did:example:1#k"))


def test_equality_depends_on_key_type_and_bytes() -> None:
    ed = PAIRS["Ed25519"].public_key
    assert ed != PAIRS["X25519"].public_key
    assert ed != "not a key"
    assert len({ed, PublicKey.from_multibase(ed.multibase)}) == 1
