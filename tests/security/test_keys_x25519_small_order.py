"""X25519 public keys of small order would make the shared secret predictable: refused."""

from __future__ import annotations

import pytest

from vckit.errors import KeyFormatError
from vckit.keys import PublicKey

P = 2**255 - 19
SMALL_ORDER_U = [
    0,
    1,
    P - 1,
    325606250916557431795983626356110631294008115727848805560023387167927233504,
    39382357235489614581723060781553021112529911719440698176882885853963445705823,
]


@pytest.mark.parametrize("u", SMALL_ORDER_U)
def test_small_order_u_refused(u: int) -> None:
    with pytest.raises(KeyFormatError, match="small order"):
        PublicKey.from_raw("X25519", u.to_bytes(32, "little"))


@pytest.mark.parametrize("u", [P, P + 1])
def test_non_canonical_u_refused(u: int) -> None:
    with pytest.raises(
        KeyFormatError, match="X25519 public key is non-canonical or of small order"
    ):
        PublicKey.from_raw("X25519", u.to_bytes(32, "little"))
