"""Edwards25519 / Curve25519 arithmetic that cryptography does not expose.

OpenSSL loads any 32 bytes as an Ed25519 public key. A key that is not a canonical point, or is
one of the eight small-order points, lets a signature verify for many messages or keys, so such
keys are refused on import. The Ed25519 -> X25519 mapping is what did:key uses to derive a
key-agreement key from a signing key.
"""

from __future__ import annotations

import hashlib

P = 2**255 - 19
_D = (-121665 * pow(121666, -1, P)) % P

#: Every 32-byte encoding of a point of order 1, 2, 4 or 8, canonical or not: the identity,
#: the point of order 2, two of order 4 and four of order 8, plus the spellings with y >= p
#: or a sign bit set on x = 0.
ED25519_SMALL_ORDER = frozenset(
    bytes.fromhex(h)
    for h in (
        "0100000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    )
)

#: u-coordinates of Curve25519 points of small order (on the curve or its twist), mod p.
X25519_SMALL_ORDER_U = frozenset(
    {
        0,
        1,
        P - 1,
        325606250916557431795983626356110631294008115727848805560023387167927233504,
        39382357235489614581723060781553021112529911719440698176882885853963445705823,
    }
)


def ed25519_is_canonical_point(raw: bytes) -> bool:
    """True when ``raw`` decodes to a point per RFC 8032 §5.1.3 with ``y < p``.

    x² = u / v with u = y² - 1 and v = d·y² + 1 (never 0 mod p); a point exists iff u·v is a
    square, which the Jacobi symbol decides about four times faster than Euler's criterion.
    """
    if len(raw) != 32:
        return False
    value = int.from_bytes(raw, "little")
    y, sign = value & ((1 << 255) - 1), value >> 255
    if y >= P:
        return False
    u = (y * y - 1) % P
    if u == 0:
        return sign == 0  # x = 0 has no negative spelling
    return _jacobi(u * (_D * y * y + 1) % P) == 1


def _jacobi(a: int, n: int = P) -> int:
    """The Jacobi symbol (a/n) for odd n > 0 (binary algorithm)."""
    a %= n
    result = 1
    while a:
        while not a & 1:
            a >>= 1
            if n & 7 in (3, 5):
                result = -result
        a, n = n, a
        if a & 3 == 3 and n & 3 == 3:
            result = -result
        a %= n
    return result if n == 1 else 0


def x25519_is_acceptable(raw: bytes) -> bool:
    """True for a canonical u-coordinate (top bit clear, u < p) that is not of small order."""
    if len(raw) != 32 or raw[31] & 0x80:
        return False
    u = int.from_bytes(raw, "little")
    return u < P and u not in X25519_SMALL_ORDER_U


def ed25519_public_to_x25519(raw: bytes) -> bytes:
    """Map an Edwards point to its Montgomery u-coordinate: u = (1 + y) / (1 - y)."""
    y = int.from_bytes(raw, "little") & ((1 << 255) - 1)
    u = (1 + y) * pow(1 - y, -1, P) % P
    return u.to_bytes(32, "little")


def ed25519_seed_to_x25519(seed: bytes) -> bytes:
    """The X25519 secret that matches an Ed25519 seed: clamped first half of SHA-512(seed)."""
    scalar = bytearray(hashlib.sha512(seed).digest()[:32])
    scalar[0] &= 248
    scalar[31] &= 127
    scalar[31] |= 64
    return bytes(scalar)
