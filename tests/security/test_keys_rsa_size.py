"""RSA keys outside 2048–8192 bits, or with a trivial public exponent, are refused."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from vckit import keys
from vckit._codec import base64url, multibase, multicodec
from vckit.errors import KeyFormatError
from vckit.keys import KeyPair, PublicKey


def pkcs1(n: int, e: int) -> bytes:
    key = rsa.RSAPublicNumbers(e, n).public_key()
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)


def jwk(n: int, e: int) -> dict[str, str]:
    def uint(v: int) -> str:
        return base64url.encode(v.to_bytes((v.bit_length() + 7) // 8, "big"))

    return {"kty": "RSA", "n": uint(n), "e": uint(e)}


@pytest.fixture(scope="module")
def small() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)


def test_rsa_1024_public_refused_everywhere(small: rsa.RSAPrivateKey) -> None:
    n = small.public_key().public_numbers().n
    raw = pkcs1(n, 65537)
    with pytest.raises(KeyFormatError, match="1024 bits"):
        PublicKey.from_raw("RSA", raw)
    with pytest.raises(KeyFormatError, match="1024 bits"):
        PublicKey.from_multibase(multibase.encode(multicodec.add_prefix(multicodec.RSA_PUB, raw)))
    with pytest.raises(KeyFormatError, match="1024 bits"):
        PublicKey.from_jwk(jwk(n, 65537))


def test_rsa_1024_private_refused(small: rsa.RSAPrivateKey) -> None:
    der = small.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    with pytest.raises(KeyFormatError, match="1024 bits"):
        KeyPair.from_raw("RSA", der)
    with pytest.raises(KeyFormatError, match="1024 bits"):
        KeyPair.from_multibase(multibase.encode(multicodec.add_prefix(multicodec.RSA_PRIV, der)))


def test_rsa_2047_bits_refused() -> None:
    n = (1 << 2046) | 1  # a 2047-bit odd modulus (never factored: only the size is checked)
    with pytest.raises(KeyFormatError, match="2047 bits"):
        PublicKey.from_jwk(jwk(n, 65537))


def test_rsa_above_8192_bits_refused() -> None:
    n = (1 << 8199) | 1
    with pytest.raises(KeyFormatError, match="8200 bits"):
        PublicKey.from_raw("RSA", pkcs1(n, 65537))


@pytest.mark.parametrize("e", [1, 2, 65536])
def test_trivial_or_even_exponent_refused(e: int) -> None:
    n = keys.generate("RSA").public_key.jwk["n"]
    with pytest.raises(KeyFormatError, match="JWK 'n'/'e' are not a valid RSA public key"):
        PublicKey.from_jwk(
            {"kty": "RSA", "n": n, "e": base64url.encode(e.to_bytes(3, "big").lstrip(b"\0"))}
        )


def test_modulus_with_leading_zero_octet_refused() -> None:
    public = keys.generate("RSA").public_key.jwk
    n = b"\x00" + base64url.decode(public["n"])
    with pytest.raises(KeyFormatError, match="leading zero"):
        PublicKey.from_jwk({**public, "n": base64url.encode(n)})


def test_non_canonical_der_refused() -> None:
    raw = keys.generate("RSA").public_key.raw
    with pytest.raises(KeyFormatError, match="RSA public key is not PKCS#1 RSAPublicKey DER"):
        PublicKey.from_raw("RSA", raw + b"\x00")


def test_generate_refuses_small_sizes() -> None:
    with pytest.raises(ValueError, match="rsa_bits"):
        keys.generate("RSA", rsa_bits=1024)
    with pytest.raises(ValueError, match="rsa_bits"):
        keys.generate("RSA", rsa_bits=8200)


def test_huge_jwk_modulus_refused_before_use() -> None:
    n = (1 << 100_000) | 1
    with pytest.raises(KeyFormatError, match="100001 bits"):
        PublicKey.from_jwk(jwk(n, 65537))
