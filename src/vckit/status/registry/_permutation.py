"""Which index the n-th allocation of a list gets: a keyed pseudo-random permutation.

Herd privacy needs indexes spread at random over the whole list, and safety needs each index
handed out at most once. A per-list counter mapped through a secret permutation of
``[0, size)`` gives both with one atomic counter increment: a balanced Feistel network (four
rounds of keyed BLAKE2b, a pseudo-random permutation by Luby-Rackoff) over the next even power of
two, walked until the value falls inside the list.
"""

from __future__ import annotations

import hashlib

__all__ = ["permute"]

_ROUNDS = 4


def _round(secret: bytes, round_no: int, value: int, mask: int) -> int:
    digest = hashlib.blake2b(
        value.to_bytes(8, "big") + bytes((round_no,)), key=secret, digest_size=8
    ).digest()
    return int.from_bytes(digest, "big") & mask


def permute(secret: bytes, size: int, counter: int) -> int:
    """The index in ``[0, size)`` for allocation number ``counter`` (``0 <= counter < size``)."""
    if not 0 <= counter < size:
        raise ValueError("counter outside the list")
    bits = max(2, (size - 1).bit_length())
    bits += bits & 1
    half = bits // 2
    mask = (1 << half) - 1
    value = counter
    while True:
        left, right = value >> half, value & mask
        for round_no in range(_ROUNDS):
            left, right = right, left ^ _round(secret, round_no, right, mask)
        value = (left << half) | right
        if value < size:
            return value
