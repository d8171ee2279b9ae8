"""The per-proof helpers of the Data Integrity engine that run on every sign and verify.

Kept apart from ``_suite`` so that the build can compile them with mypyc (``_suite`` defines
classes that plug-in suites subclass, which compiled classes do not allow): the key of the
proof-configuration cache and the decoding of ``proofValue``. ``_suite`` re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from vckit.problems import MALFORMED_PROOF_ERROR
from vckit.proofs.dataintegrity._base58 import b58decode
from vckit.proofs.dataintegrity._result import ProofFailure

__all__ = ["ConfigKey", "config_key", "decode_proof_value", "freeze", "freeze_flat"]

#: Proof configurations are a handful of members; anything bigger is not worth remembering.
_MAX_CACHED_CONFIG_NODES: Final = 64


class ConfigKey:
    """A hashable stand-in for a proof configuration: equal iff the JSON values are equal.

    ``frozen`` is the value with its JSON type attached to every leaf (``bool`` is not ``int``,
    ``-0.0`` is not ``0.0``), so two configurations that canonicalize differently never share
    an entry. ``config`` rides along for computing the hash on a miss.
    """

    __slots__ = ("config", "frozen", "hash")

    def __init__(self, config: Mapping[str, Any] | None, frozen: tuple[Any, ...]) -> None:
        self.config = config
        self.frozen = frozen
        self.hash = hash(frozen)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ConfigKey) and self.frozen == other.frozen

    def __hash__(self) -> int:
        return self.hash


def freeze(value: Any, budget: list[int]) -> Any:
    """``value`` as nested tuples with each leaf's JSON type attached; ``TooLarge`` once more
    than ``budget[0]`` values are seen, or for anything that is not plain JSON."""
    budget[0] -= 1
    if budget[0] < 0:
        raise TooLarge
    kind = type(value)
    if kind is str:
        return value
    if kind is dict:
        return ("{", tuple((key, freeze(item, budget)) for key, item in value.items()))
    if kind is list:
        return ("[", tuple(freeze(item, budget) for item in value))
    if kind is float:
        return ("f", repr(value))
    if kind is int or kind is bool or value is None:
        return (kind.__name__, value)
    raise TooLarge  # anything else (tuples, proxies, foreign types): not cached


class TooLarge(Exception):
    pass


def freeze_flat(config: dict[str, Any]) -> tuple[Any, ...] | None:
    """``freeze(config)`` for the usual configuration, whose members are strings and lists of
    strings, in one loop without recursion; ``None`` for anything else (or too large)."""
    members = []
    nodes = 1 + len(config)
    for key, value in config.items():
        kind = type(value)
        if kind is str:
            members.append((key, value))
        elif kind is list:
            nodes += len(value)
            for item in value:
                if type(item) is not str:
                    return None
            members.append((key, ("[", tuple(value))))
        else:
            return None
    if nodes > _MAX_CACHED_CONFIG_NODES:
        return None
    return ("{", tuple(members))


def config_key(config: Mapping[str, Any]) -> ConfigKey | None:
    if type(config) is not dict:
        return None
    frozen = freeze_flat(config)
    if frozen is None:
        try:
            frozen = freeze(config, [_MAX_CACHED_CONFIG_NODES])
        except TooLarge:
            return None
    return ConfigKey(config, frozen)


def max_base58_length(byte_length: int) -> int:
    """Upper bound on the multibase base58btc length of ``byte_length`` bytes (prefix included)."""
    return 2 * byte_length + 1


def decode_proof_value(value: object, signature_length: int) -> bytes:
    """Decode a base58btc multibase ``proofValue`` of exactly ``signature_length`` bytes.

    The length of the string is bounded before decoding (base58 decoding is quadratic, so a
    1 MB value must cost nothing); base58btc of n bytes never needs more than 2n characters.
    """
    if not isinstance(value, str):
        raise ProofFailure(MALFORMED_PROOF_ERROR, "proofValue must be a string")
    if not value.startswith("z"):
        raise ProofFailure(MALFORMED_PROOF_ERROR, "proofValue must be multibase base58btc ('z')")
    longest = max_base58_length(signature_length)
    if len(value) > longest:
        raise ProofFailure(
            MALFORMED_PROOF_ERROR,
            f"proofValue is not valid: multibase value is longer than {longest} characters",
        )
    try:
        decoded = b58decode(value[1:])
    except ValueError as error:
        raise ProofFailure(MALFORMED_PROOF_ERROR, f"proofValue is not valid: {error}") from None
    if len(decoded) != signature_length:
        raise ProofFailure(
            MALFORMED_PROOF_ERROR,
            f"proofValue holds {len(decoded)} bytes; expected {signature_length}",
        )
    return decoded
