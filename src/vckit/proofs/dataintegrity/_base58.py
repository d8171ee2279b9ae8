"""base58btc for signatures: the same alphabet and output as the ``base58`` package, faster.

Every proof's ``proofValue`` is base58btc of a 64- or 96-byte signature. The ``base58`` package
converts one digit per big-integer division; here the integer is divided by 58**10 and each
remainder is split with machine-size arithmetic into two-character strings from a table, and
decoding folds ten digits into one machine-size integer before touching the big one. Measured on
64-byte signatures against the ``base58`` package: encode about 6x and decode about 4x faster
compiled (mypyc), about 2.4x and 2.1x as pure Python. The results are identical to the
``base58`` package (a differential test pins that).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # mypyc compiles ``i64`` to a machine integer; at run time it is plain ``int``
    from mypy_extensions import i64

__all__ = ["ALPHABET", "b58decode", "b58encode"]

ALPHABET: Final = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_PAIRS: Final = tuple(a + b for a in ALPHABET for b in ALPHABET)
_INDEX: Final = {char: index for index, char in enumerate(ALPHABET)}
#: byte -> its digit value, 255 for a byte outside the alphabet (for ``bytes.translate``)
_DIGITS: Final = bytes([_INDEX.get(chr(code), 255) for code in range(256)])
#: 58**10 < 2**62: ten digits fit one machine-size (mypyc "short") integer
_CHUNK: Final = 58**10


def b58encode(data: bytes) -> str:
    """base58btc of ``data`` (leading zero bytes become leading ``1``s).

    The big integer is divided by 58**10 (one big-integer step per ten digits); each remainder
    is split into five two-character pairs with machine-size arithmetic.
    """
    number = int.from_bytes(data, "big")
    pairs = _PAIRS
    digits: list[str] = []
    while number:
        number, remainder = divmod(number, _CHUNK)
        chunk: i64 = remainder
        for _ in range(5):
            digits.append(pairs[chunk % 3364])
            chunk //= 3364
    digits.reverse()
    body = "".join(digits).lstrip("1")
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + body


def b58decode(text: str) -> bytes:
    """The bytes of a base58btc string; ``ValueError`` for a character outside the alphabet.

    The caller bounds the length first: decoding is quadratic in it. The characters become
    digit values in one ``bytes.translate``; ten digits at a time are folded into a
    machine-size integer before touching the big one.
    """
    digits = text.encode().translate(_DIGITS) if text.isascii() else b"\xff"
    if 255 in digits:
        for char in text:
            if char not in _INDEX:
                raise ValueError(f"invalid base58btc character {char!r}")
    body = digits.lstrip(b"\0")
    zeros = len(digits) - len(body)
    number = 0
    # the first group takes the odd length, every later group exactly ten digits
    size = len(body)
    start, end = 0, size % 10 or 10
    while start < size:
        # a machine integer: mypyc's arbitrary-size ``int`` takes its slow path for products
        # this large (measured 10x slower over a 64-byte signature)
        value: i64 = 0
        for index in range(start, end):
            value = value * 58 + body[index]
        number = number * _CHUNK + int(value)  # back to a Python int: it grows past 64 bits
        start, end = end, end + 10
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + raw
