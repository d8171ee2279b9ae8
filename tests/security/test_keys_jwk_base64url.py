"""JWK members must be canonical unpadded base64url: any other spelling is refused."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit.errors import KeyFormatError
from vckit.keys import KeyPair, PublicKey

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _url_char_key() -> KeyPair:
    """A fixed Ed25519 key whose x uses '-' or '_', so its standard-alphabet spelling differs."""
    for i in range(256):
        pair = KeyPair.from_raw("Ed25519", bytes([i]) * 32)
        if "-" in pair.public_key.jwk["x"] or "_" in pair.public_key.jwk["x"]:
            return pair
    raise AssertionError("no seed found")


ED = _url_char_key()
P256 = keys.generate("P-256")


def spellings(value: str) -> dict[str, str]:
    """Lenient-decoder spellings of the same bytes (or near them)."""
    # 32 bytes -> 43 chars: the last char carries 4 data bits and 2 bits that must be zero
    bumped = ALPHABET[ALPHABET.index(value[-1]) ^ 1]
    return {
        "padding": value + "=",
        "whitespace": value[:10] + " " + value[10:],
        "newline": value + "\n",
        "standard-alphabet": value.replace("-", "+").replace("_", "/"),
        "trailing-bits": value[:-1] + bumped,
    }


@pytest.mark.parametrize("how", list(spellings(ED.public_key.jwk["x"])))
def test_okp_x_non_canonical(how: str) -> None:
    jwk = ED.public_key.jwk
    bad = spellings(jwk["x"])[how]
    assert bad != jwk["x"]
    reason = (
        r"is not canonical \(non-zero trailing bits\)"
        if how == "trailing-bits"
        else "has padding, whitespace or non-alphabet characters"
    )
    with pytest.raises(KeyFormatError, match=f"^JWK member 'x': base64url value {reason}$"):
        PublicKey.from_jwk({**jwk, "x": bad})


def test_ec_y_with_padding() -> None:
    jwk = P256.public_key.jwk
    with pytest.raises(KeyFormatError, match="'y'"):
        PublicKey.from_jwk({**jwk, "y": jwk["y"] + "="})


def test_private_d_with_trailing_bits() -> None:
    jwk = ED.private_jwk
    d = jwk["d"]
    bad = d[:-1] + ALPHABET[ALPHABET.index(d[-1]) ^ 1]
    with pytest.raises(KeyFormatError, match="'d'"):
        KeyPair.from_jwk({**jwk, "d": bad})


def test_member_that_is_not_a_string() -> None:
    with pytest.raises(KeyFormatError, match="not a string"):
        PublicKey.from_jwk({**ED.public_key.jwk, "x": 12})
