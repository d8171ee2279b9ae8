"""EC points that are not on the curve, and Ed25519 encodings that are not points, are refused."""

from __future__ import annotations

import pytest

from vckit import keys
from vckit._codec import base64url
from vckit.errors import KeyFormatError
from vckit.keys import PublicKey

# (p, a, b, coordinate bytes) of each short-Weierstrass curve
CURVES = {
    "P-256": (
        2**256 - 2**224 + 2**192 + 2**96 - 1,
        -3,
        0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
        32,
    ),
    "P-384": (
        2**384 - 2**128 - 2**96 + 2**32 - 1,
        -3,
        int(
            "B3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875A"
            "C656398D8A2ED19D2A85C8EDD3EC2AEF",
            16,
        ),
        48,
    ),
    "secp256k1": (2**256 - 2**32 - 977, 0, 7, 32),
}


def x_without_point(kind: str) -> int:
    """The smallest x for which x^3 + ax + b has no square root mod p."""
    p, a, b, _ = CURVES[kind]
    x = 1
    while pow((x**3 + a * x + b) % p, (p - 1) // 2, p) == 1:
        x += 1
    return x


@pytest.mark.parametrize("kind", list(CURVES))
@pytest.mark.parametrize("prefix", [b"\x02", b"\x03"])
def test_compressed_point_off_the_curve(kind: str, prefix: bytes) -> None:
    size = CURVES[kind][3]
    raw = prefix + x_without_point(kind).to_bytes(size, "big")
    with pytest.raises(KeyFormatError, match="not on the curve"):
        PublicKey.from_raw(kind, raw)


@pytest.mark.parametrize("kind", list(CURVES))
def test_compressed_x_not_below_p(kind: str) -> None:
    p, _, _, size = CURVES[kind]
    with pytest.raises(KeyFormatError, match="not on the curve"):
        PublicKey.from_raw(kind, b"\x02" + (p + 1).to_bytes(size, "big"))


@pytest.mark.parametrize("kind", list(CURVES))
def test_jwk_point_off_the_curve(kind: str) -> None:
    jwk = keys.generate(kind).public_key.jwk
    y = bytearray(base64url.decode(jwk["y"]))
    y[-1] ^= 1
    jwk["y"] = base64url.encode(bytes(y))
    with pytest.raises(KeyFormatError, match="not on the curve"):
        PublicKey.from_jwk(jwk)


@pytest.mark.parametrize("kind", list(CURVES))
def test_jwk_point_at_zero(kind: str) -> None:
    size = CURVES[kind][3]
    jwk = {"kty": "EC", "crv": kind, "x": base64url.encode(bytes(size))}
    jwk["y"] = jwk["x"]
    with pytest.raises(KeyFormatError, match=f"^{kind} public key is not on the curve$"):
        PublicKey.from_jwk(jwk)


def test_ed25519_encoding_that_is_not_a_point() -> None:
    # y = 2: (y^2 - 1) / (d y^2 + 1) is not a square mod p, so no x exists.
    raw = (2).to_bytes(32, "little")
    with pytest.raises(KeyFormatError, match="not a canonical curve point"):
        PublicKey.from_raw("Ed25519", raw)


def test_ed25519_y_not_below_p() -> None:
    p = 2**255 - 19
    valid = keys.generate("Ed25519").public_key.raw
    y = int.from_bytes(valid, "little") & ((1 << 255) - 1)
    if y + p >= 2**255:
        y = 9  # a small y: y + p still fits in 255 bits
    raw = (y + p).to_bytes(32, "little")
    with pytest.raises(KeyFormatError, match="Ed25519 public key is not a canonical curve point"):
        PublicKey.from_raw("Ed25519", raw)


def test_x25519_non_canonical_u() -> None:
    raw = bytearray(keys.generate("X25519").public_key.raw)
    raw[31] |= 0x80
    with pytest.raises(KeyFormatError, match="non-canonical"):
        PublicKey.from_raw("X25519", bytes(raw))
