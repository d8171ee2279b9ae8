"""Property tests: round-trips from random key material, and hostile input never escapes
``vckit.errors`` (no foreign exception, no crash)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from vckit import keys
from vckit._codec import base64url, multibase, multicodec
from vckit.errors import VckitError, VerificationError
from vckit.keys import KeyPair, PublicKey

ORDERS = {
    "P-256": 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
    "secp256k1": 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141,
}


@settings(max_examples=50, deadline=None)
@given(seed=st.binary(min_size=32, max_size=32), message=st.binary(max_size=256))
def test_ed25519_from_any_seed(seed: bytes, message: bytes) -> None:
    pair = KeyPair.from_raw("Ed25519", seed)
    public = pair.public_key
    assert PublicKey.from_multibase(public.multibase) == public
    assert PublicKey.from_jwk(public.jwk) == public
    assert KeyPair.from_multibase(pair.secret_multibase).private_jwk == pair.private_jwk
    signature = pair.sign(message)
    public.verify(signature, message)
    with pytest.raises(VerificationError):
        public.verify(signature, message + b"\x00")


@pytest.mark.parametrize("kind", list(ORDERS))
@settings(max_examples=25, deadline=None)
@given(fraction=st.integers(min_value=1), message=st.binary(max_size=128))
def test_ec_from_any_scalar(kind: str, fraction: int, message: bytes) -> None:
    scalar = 1 + fraction % (ORDERS[kind] - 1)
    pair = KeyPair.from_raw(kind, scalar.to_bytes(32, "big"))
    public = pair.public_key
    assert PublicKey.from_raw(kind, public.raw) == public
    assert PublicKey.from_jwk(public.jwk) == public
    assert KeyPair.from_jwk(pair.private_jwk).secret_multibase == pair.secret_multibase
    public.verify(pair.sign(message), message)


def _must_fail(call: Any, *args: Any) -> None:
    """The call must raise a vckit error: returning normally fails the test, and a foreign
    exception (from cryptography, base58, multiformats, ...) escapes and fails it too."""
    with pytest.raises(VckitError):
        call(*args)


def _fails_or_round_trips(call: Any, value: Any, spelling: Any, expected: Any = None) -> None:
    """For input that may be a real key: a vckit error, or a key that spells back ``expected``
    (default: ``value`` itself)."""
    try:
        key = call(value)
    except VckitError:
        return
    assert spelling(key) == (value if expected is None else expected)


#: Payload lengths a key of each code can have; any other length must be refused.
KEY_LENGTHS = {
    multicodec.ED25519_PUB: 32,
    multicodec.X25519_PUB: 32,
    multicodec.SECP256K1_PUB: 33,
    multicodec.P256_PUB: 33,
    multicodec.P384_PUB: 49,
    multicodec.P521_PUB: 67,
    multicodec.ED25519_PRIV: 32,
    multicodec.SECP256K1_PRIV: 32,
    multicodec.X25519_PRIV: 32,
    multicodec.P256_PRIV: 32,
    multicodec.P384_PRIV: 48,
}
CODES = st.sampled_from(sorted(multicodec.NAMES)) | st.integers(min_value=0, max_value=2**20)


@settings(max_examples=300, deadline=None)
@given(code=CODES, payload=st.binary(max_size=80))
def test_random_multikeys_fail_cleanly(code: int, payload: bytes) -> None:
    # wrong length for the code, an unknown code, or RSA DER far below 2048 bits: never a key
    assume(KEY_LENGTHS.get(code) != len(payload))
    value = multibase.encode(multicodec.add_prefix(code, payload))
    _must_fail(PublicKey.from_multibase, value)
    _must_fail(KeyPair.from_multibase, value)
    _must_fail(keys.public_key_from_did_key, f"did:key:{value}")


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from(sorted(KEY_LENGTHS)), seed=st.binary(min_size=67, max_size=67))
def test_multikeys_of_the_right_length_are_keys_or_fail_cleanly(code: int, seed: bytes) -> None:
    value = multibase.encode(multicodec.add_prefix(code, seed[: KEY_LENGTHS[code]]))
    if "priv" in multicodec.NAMES[code]:
        _must_fail(PublicKey.from_multibase, value)
        _fails_or_round_trips(KeyPair.from_multibase, value, lambda pair: pair.secret_multibase)
    else:
        _must_fail(KeyPair.from_multibase, value)
        _fails_or_round_trips(PublicKey.from_multibase, value, lambda key: key.multibase)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=60))
def test_random_strings_fail_cleanly(text: str) -> None:
    _must_fail(PublicKey.from_multibase, text)
    _must_fail(keys.public_key_from_did_key, "did:key:" + text)
    _must_fail(keys.public_key_from_did_jwk, "did:jwk:" + text)


MEMBER = st.one_of(
    st.binary(max_size=70).map(base64url.encode),
    st.text(max_size=10),
    st.integers(),
    st.none(),
)
JWKS = st.fixed_dictionaries(
    {"kty": st.sampled_from(["OKP", "EC", "RSA", "oct", ""])},
    optional={
        "crv": st.sampled_from(["Ed25519", "X25519", "P-256", "P-384", "secp256k1", "P-521"]),
        "x": MEMBER,
        "y": MEMBER,
        "n": MEMBER,
        "e": MEMBER,
        "d": MEMBER,
        "alg": st.sampled_from(["EdDSA", "ES256", "RS256", "none"]),
    },
) | st.fixed_dictionaries(  # shaped like an OKP key: often a real one
    {
        "kty": st.just("OKP"),
        "crv": st.sampled_from(["Ed25519", "X25519"]),
        "x": st.binary(min_size=32, max_size=32).map(base64url.encode),
    },
    optional={"alg": st.sampled_from(["EdDSA", "none"]), "d": MEMBER},
)


def _key_members(jwk: dict[str, Any]) -> dict[str, Any]:
    return {name: jwk[name] for name in ("kty", "crv", "x", "y", "n", "e", "d") if name in jwk}


@settings(max_examples=300, deadline=None)
@given(jwk=JWKS)
def test_random_jwks_fail_cleanly(jwk: dict[str, Any]) -> None:
    # an OKP key with a random 32-byte x is often a real key: it must then be exactly that key
    public = {name: value for name, value in jwk.items() if name != "d"}
    spelling = _key_members(public)
    _fails_or_round_trips(PublicKey.from_jwk, public, lambda key: _key_members(key.jwk), spelling)
    if "d" not in jwk or jwk["kty"] not in ("OKP", "EC"):
        _must_fail(KeyPair.from_jwk, jwk)
    else:
        _fails_or_round_trips(
            KeyPair.from_jwk, jwk, lambda pair: _key_members(pair.private_jwk), _key_members(jwk)
        )


@settings(max_examples=100, deadline=None)
@given(signature=st.binary(max_size=300), message=st.binary(max_size=40))
def test_random_signatures_never_verify(signature: bytes, message: bytes) -> None:
    for pair in PAIRS:
        with pytest.raises(VerificationError):
            pair.public_key.verify(signature, message)


PAIRS = [keys.generate(kind) for kind in ("Ed25519", "P-256", "P-384", "secp256k1", "RSA")]


P25519 = 2**255 - 19
D25519 = (-121665 * pow(121666, -1, P25519)) % P25519


@settings(max_examples=300, deadline=None)
@given(y=st.integers(min_value=0, max_value=P25519 - 1), sign=st.integers(0, 1))
def test_ed25519_point_check_matches_euler_criterion(y: int, sign: int) -> None:
    from vckit.keys._curve25519 import ed25519_is_canonical_point

    x2 = (y * y - 1) * pow(D25519 * y * y + 1, -1, P25519) % P25519
    expected = (sign == 0) if x2 == 0 else pow(x2, (P25519 - 1) // 2, P25519) == 1
    raw = (y | sign << 255).to_bytes(32, "little")
    assert ed25519_is_canonical_point(raw) is expected
