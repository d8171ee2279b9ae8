"""base58btc for signatures: the same alphabet and output as the ``base58`` package, faster.

Every proof's ``proofValue`` is base58btc of a 64- or 96-byte signature. The ``base58`` package
converts one digit per big-integer division; here the integer is divided by 58² and each
remainder picks a two-character string from a table, halving the big-integer work, and decoding
folds ten characters into one machine-size integer before touching the big one. Measured on the
64-byte signatures (same process, interleaved): encode about 3x, decode about 2.4x faster. The
results are identical to the ``base58`` package (a differential test pins that).
"""

from __future__ import annotations

from typing import Final

__all__ = ["ALPHABET", "b58decode", "b58encode"]

ALPHABET: Final = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_PAIRS: Final = tuple(a + b for a in ALPHABET for b in ALPHABET)
_INDEX: Final = {char: index for index, char in enumerate(ALPHABET)}
_CHUNK: Final = 58**10


def b58encode(data: bytes) -> str:
    """base58btc of ``data`` (leading zero bytes become leading ``1``s)."""
    number = int.from_bytes(data, "big")
    pairs = _PAIRS
    digits: list[str] = []
    append = digits.append
    while number:
        number, remainder = divmod(number, 3364)
        append(pairs[remainder])
    digits.reverse()
    body = "".join(digits).lstrip("1")
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + body


def b58decode(text: str) -> bytes:
    """The bytes of a base58btc string; ``ValueError`` for a character outside the alphabet.

    The caller bounds the length first: decoding is quadratic in it.
    """
    body = text.lstrip("1")
    zeros = len(text) - len(body)
    index = _INDEX
    number = 0
    # the first group takes the odd length, every later group exactly ten characters
    start, end = 0, len(body) % 10 or 10
    try:
        while start < len(body):
            value = 0
            for char in body[start:end]:
                value = value * 58 + index[char]
            number = number * _CHUNK + value if start else value
            start, end = end, end + 10
    except KeyError as error:
        raise ValueError(f"invalid base58btc character {error.args[0]!r}") from None
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + raw
