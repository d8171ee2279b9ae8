"""Validation of the keyword arguments shared by the ``verify_*`` functions.

Mistakes here are programmer errors (``TypeError`` / ``ValueError``), raised before any token is
looked at, unlike problems with the token, which are reported in the result.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime, timedelta

from vckit import keys
from vckit.proofs.jose._headers import check_algorithms
from vckit.proofs.jose._signing import check_profile
from vckit.proofs.jose._time import check_skew, coerce_now
from vckit.proofs.jose._verify import VerifyOptions

__all__ = ["make_options"]


def make_options(
    token: object,
    now: datetime | str,
    clock_skew: timedelta,
    algorithms: Collection[str],
    trusted_keys: Mapping[str, Collection[keys.PublicKey]] | None,
    max_token_bytes: int,
    profile: str | None,
) -> VerifyOptions:
    """Check the arguments; ``now`` is already the caller's clock (the front end read it).

    Positional because only the front ends call it, each passing its own keyword options in order.
    """
    if not isinstance(token, str | bytes | bytearray):
        raise TypeError(f"token must be str or bytes, not {type(token).__name__}")
    if isinstance(max_token_bytes, bool) or not isinstance(max_token_bytes, int):
        raise TypeError("max_token_bytes must be an int")
    if max_token_bytes <= 0:
        raise ValueError("max_token_bytes must be positive")
    pinned = {party: tuple(found) for party, found in (trusted_keys or {}).items()}
    for found in pinned.values():
        for key in found:
            if not isinstance(key, keys.PublicKey):
                raise TypeError("trusted_keys values must be collections of keys.PublicKey")
    return VerifyOptions(
        now=coerce_now(now),
        clock_skew=check_skew(clock_skew),
        algorithms=check_algorithms(algorithms),
        trusted_keys=pinned,
        max_token_bytes=max_token_bytes,
        profile=None if profile is None else check_profile(profile),
    )
