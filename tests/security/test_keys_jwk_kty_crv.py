"""JWKs whose ``kty``, ``crv`` and members do not belong together are refused."""

from __future__ import annotations

from typing import Any

import pytest

from vckit import keys
from vckit.errors import KeyFormatError, UnsupportedAlgorithmError
from vckit.keys import KeyPair, PublicKey

ED = keys.generate("Ed25519").public_key.jwk
P256 = keys.generate("P-256").public_key.jwk


@pytest.mark.parametrize(
    "jwk",
    [
        {**ED, "kty": "EC"},  # EC with crv Ed25519
        {**P256, "kty": "OKP"},  # OKP with crv P-256
        {**ED, "crv": "P-256"},  # OKP with crv P-256 and no y
        {**P256, "crv": "Ed25519"},  # EC with crv Ed25519 and a y
        {**P256, "crv": "X25519"},
        {**ED, "kty": "RSA"},  # RSA with a crv
    ],
    ids=["EC/Ed25519", "OKP/P-256", "OKP/P-256-no-y", "EC/Ed25519-with-y", "EC/X25519", "RSA/crv"],
)
def test_mismatched_kty_and_crv(jwk: dict[str, Any]) -> None:
    expected = (
        "an RSA JWK has no 'crv' member"
        if jwk["kty"] == "RSA"
        else f"JWK 'crv' '{jwk['crv']}' does not belong to 'kty' '{jwk['kty']}'"
    )
    with pytest.raises(KeyFormatError, match=f"^{expected}$"):
        PublicKey.from_jwk(jwk)


def test_members_of_another_family() -> None:
    with pytest.raises(KeyFormatError, match="foreign members"):
        PublicKey.from_jwk({**ED, "y": P256["y"]})
    with pytest.raises(KeyFormatError, match="foreign members"):
        PublicKey.from_jwk({**P256, "n": "AQAB"})


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "OKP"},
        {"kty": "EC", "crv": 1, "x": "AA", "y": "AA"},
        {"crv": "Ed25519", "x": ED["x"]},
        {"kty": ["OKP"], "crv": "Ed25519", "x": ED["x"]},
    ],
)
def test_missing_or_mistyped_kty_crv(jwk: dict[str, Any]) -> None:
    with pytest.raises(
        KeyFormatError, match=r"^(OKP |EC )?JWK '(kty|crv)' is missing or not a string$"
    ):
        PublicKey.from_jwk(jwk)


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "EC", "crv": "P-521", "x": "AA", "y": "AA"},
        {"kty": "OKP", "crv": "Ed448", "x": "AA"},
        {"kty": "oct", "k": "AA"},
        {"kty": "EC", "crv": "brainpoolP256r1", "x": "AA", "y": "AA"},
    ],
)
def test_unsupported_key_types(jwk: dict[str, Any]) -> None:
    expected = {
        "P-521": "JWK curve 'P-521' is not supported",
        "Ed448": "JWK curve 'Ed448' is not supported",
        "brainpoolP256r1": "unknown JWK curve 'brainpoolP256r1'",
    }.get(jwk.get("crv", ""), "unsupported JWK key type 'oct'")
    with pytest.raises(UnsupportedAlgorithmError, match=f"^{expected}$"):
        PublicKey.from_jwk(jwk)


def test_alg_must_fit_the_key() -> None:
    assert PublicKey.from_jwk({**P256, "alg": "ES256"}).key_type == "P-256"
    with pytest.raises(KeyFormatError, match="alg"):
        PublicKey.from_jwk({**P256, "alg": "ES384"})
    with pytest.raises(KeyFormatError, match="alg"):
        PublicKey.from_jwk({**ED, "alg": "none"})


def test_not_an_object() -> None:
    with pytest.raises(KeyFormatError, match="a JWK must be a JSON object"):
        PublicKey.from_jwk(["kty", "OKP"])  # type: ignore[arg-type]


def test_private_jwk_with_mismatched_public_part() -> None:
    pair, other = keys.generate("P-256"), keys.generate("P-256")
    jwk = {**other.public_key.jwk, "d": pair.private_jwk["d"]}
    with pytest.raises(KeyFormatError, match="do not match"):
        KeyPair.from_jwk(jwk)
    ed, ed2 = keys.generate("Ed25519"), keys.generate("Ed25519")
    with pytest.raises(KeyFormatError, match="does not match"):
        KeyPair.from_jwk({**ed2.public_key.jwk, "d": ed.private_jwk["d"]})
