"""Ed25519 public keys of small order (identity and the torsion points) are refused.

With such a key a signature can verify for many messages, so it must never be imported. The
test derives every encoding of the eight small-order points itself, canonical or not, and checks
each is refused through every import path.
"""

from __future__ import annotations

import json

import pytest

from vckit._codec import base64url, multibase, multicodec
from vckit.errors import KeyFormatError
from vckit.keys import LocalKeyResolver, PublicKey

P = 2**255 - 19
D = (-121665 * pow(121666, -1, P)) % P
L = 2**252 + 27742317777372353535851937790883648493


def _add(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    (x1, y1), (x2, y2) = a, b
    t = D * x1 * x2 * y1 * y2 % P
    return (
        (x1 * y2 + x2 * y1) * pow(1 + t, -1, P) % P,
        (y1 * y2 + x1 * x2) * pow(1 - t, -1, P) % P,
    )


def _mul(k: int, point: tuple[int, int]) -> tuple[int, int]:
    result = (0, 1)
    while k:
        if k & 1:
            result = _add(result, point)
        point, k = _add(point, point), k >> 1
    return result


def _x_for(y: int) -> int | None:
    x2 = (y * y - 1) * pow(D * y * y + 1, -1, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * pow(2, (P - 1) // 4, P) % P
    return x if (x * x - x2) % P == 0 else None


def small_order_encodings() -> set[bytes]:
    """All 32-byte spellings of the 8-torsion subgroup (14: 8 canonical + 6 non-canonical)."""
    y = 2
    while True:  # L * (any point) lies in the torsion subgroup; find one of order 8
        x = _x_for(y)
        if x is not None:
            torsion = _mul(L, (x, y))
            if _mul(4, torsion) != (0, 1):
                break
        y += 1
    found: set[bytes] = set()
    for k in range(8):
        x, y = _mul(k, torsion)
        for y_spelling in (y, y + P):
            if y_spelling >= 2**255:
                continue
            signs = (0, 1) if x == 0 else (x & 1,)
            for sign in signs:
                found.add((y_spelling | sign << 255).to_bytes(32, "little"))
    return found


ENCODINGS = sorted(small_order_encodings())


def test_there_are_fourteen_spellings() -> None:
    assert len(ENCODINGS) == 14
    assert bytes(32) in ENCODINGS  # y = 0: order 4
    assert (1).to_bytes(32, "little") in ENCODINGS  # the identity


@pytest.mark.parametrize("raw", ENCODINGS, ids=lambda raw: raw.hex()[:8] + raw.hex()[-2:])
def test_small_order_key_refused_from_raw(raw: bytes) -> None:
    with pytest.raises(KeyFormatError, match="Ed25519 public key is a small-order point"):
        PublicKey.from_raw("Ed25519", raw)


@pytest.mark.parametrize("raw", ENCODINGS, ids=lambda raw: raw.hex()[:8] + raw.hex()[-2:])
def test_small_order_key_refused_from_multikey_jwk_and_did(raw: bytes) -> None:
    value = multibase.encode(multicodec.add_prefix(multicodec.ED25519_PUB, raw))
    with pytest.raises(KeyFormatError, match="Ed25519 public key is a small-order point"):
        PublicKey.from_multibase(value)
    with pytest.raises(KeyFormatError, match="Ed25519 public key is a small-order point"):
        PublicKey.from_jwk({"kty": "OKP", "crv": "Ed25519", "x": base64url.encode(raw)})
    with pytest.raises(KeyFormatError, match="Ed25519 public key is a small-order point"):
        LocalKeyResolver().dereference(f"did:key:{value}#{value}")
    jwk = json.dumps({"kty": "OKP", "crv": "Ed25519", "x": base64url.encode(raw)})
    with pytest.raises(KeyFormatError, match="Ed25519 public key is a small-order point"):
        LocalKeyResolver().dereference(f"did:jwk:{base64url.encode(jwk.encode())}#0")


def test_canonical_small_order_keys_named_as_small_order() -> None:
    with pytest.raises(KeyFormatError, match="small-order"):
        PublicKey.from_raw("Ed25519", (1).to_bytes(32, "little"))
