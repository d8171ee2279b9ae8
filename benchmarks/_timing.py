"""Shared pieces of the benchmarks: block-interleaved timing and the pyld reference.

Timing: alternating two implementations call by call distorts (pyld's long calls evict vckit's
caches, inflating vckit by 1.3-1.5x). ``compare`` runs ``BLOCK`` calls of one, then ``BLOCK`` of
the other, rotating which goes first, for ``ROUNDS`` rounds; each round gives a ratio of medians,
and the result is the median of those ratios with their range (see README.md).

The reference is eddsa-rdfc-2022 written the obvious way without vckit: pyld ``normalize``
(URDNA2015) with a loader that serves vckit's bundled contexts marked ``static`` (so pyld caches
processed contexts: its best case), ``hashlib`` SHA-256, ``cryptography`` Ed25519, base58btc.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

BLOCK = 12
ROUNDS = 5
CREATED = "2024-01-01T00:00:00Z"
_ED25519_PUB_HEADER = b"\xed\x01"


class Comparison(NamedTuple):
    """``first``/``second``: median µs per call over all rounds; ``ratio``: median of the
    per-round ratios second ÷ first; ``low``/``high``: their range."""

    first: float
    second: float
    ratio: float
    low: float
    high: float


def _block(function: Callable[[], object], count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


def compare(
    first: Callable[[], object],
    second: Callable[[], object],
    *,
    block: int = BLOCK,
    rounds: int = ROUNDS,
) -> Comparison:
    """Time ``first`` and ``second`` in alternating blocks (after one warm-up block each)."""
    _block(first, 2)
    _block(second, 2)
    mine: list[float] = []
    theirs: list[float] = []
    ratios: list[float] = []
    for index in range(rounds):
        if index % 2 == 0:
            a = _block(first, block)
            b = _block(second, block)
        else:
            b = _block(second, block)
            a = _block(first, block)
        mine.extend(a)
        theirs.extend(b)
        ratios.append(statistics.median(b) / statistics.median(a))
    return Comparison(
        statistics.median(mine),
        statistics.median(theirs),
        statistics.median(ratios),
        min(ratios),
        max(ratios),
    )


def median_us(function: Callable[[], object], *, block: int = BLOCK, rounds: int = ROUNDS) -> float:
    """Median µs per call of ``function`` alone (``block`` × ``rounds`` calls after warm-up)."""
    _block(function, 2)
    return statistics.median(_block(function, block * rounds))


def pyld_loader() -> Callable[[str, Any], dict[str, Any]]:
    """A pyld document loader serving vckit's bundled contexts, marked static."""
    from vckit.jsonld._loader import default_loader

    bundle = default_loader()

    def load(url: str, options: Any = None) -> dict[str, Any]:
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": bundle.get(url),
            "tag": "static",
        }

    return load


class Reference:
    """eddsa-rdfc-2022 with pyld and cryptography, following the spec step by step."""

    def __init__(self) -> None:
        from pyld import jsonld

        self.normalize = jsonld.normalize
        self.options = {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": pyld_loader(),
            "safe": True,
        }

    def canonicalize(self, document: dict[str, Any]) -> str:
        result: str = self.normalize(document, self.options)
        return result

    def _hash_data(self, document: dict[str, Any], proof: dict[str, Any]) -> bytes:
        config = {k: v for k, v in proof.items() if k != "proofValue"}
        config["@context"] = document["@context"]
        config_hash = hashlib.sha256(self.canonicalize(config).encode()).digest()
        doc_hash = hashlib.sha256(self.canonicalize(document).encode()).digest()
        return config_hash + doc_hash

    def sign(self, document: dict[str, Any], key: Ed25519PrivateKey, method: str) -> dict[str, Any]:
        proof: dict[str, Any] = {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": CREATED,
            "verificationMethod": method,
            "proofPurpose": "assertionMethod",
        }
        signature = key.sign(self._hash_data(document, proof))
        proof["proofValue"] = "z" + base58.b58encode(signature).decode()
        return {**document, "proof": proof}

    def verify(self, signed: dict[str, Any]) -> bool:
        proof = signed["proof"]
        document = {k: v for k, v in signed.items() if k != "proof"}
        multikey = proof["verificationMethod"].split("#")[0].removeprefix("did:key:")
        raw = base58.b58decode(multikey[1:])
        assert raw[:2] == _ED25519_PUB_HEADER
        public = Ed25519PublicKey.from_public_bytes(raw[2:])
        signature = base58.b58decode(proof["proofValue"][1:])
        try:
            public.verify(signature, self._hash_data(document, proof))
        except Exception:
            return False
        return True


def floor_us(key: Ed25519PrivateKey) -> float:
    """The physical floor of one sign: Ed25519 over 64 bytes + two SHA-256 + base58 of 64 bytes."""
    message = b"x" * 2000

    def floor() -> None:
        digest = hashlib.sha256(message).digest() + hashlib.sha256(message[:300]).digest()
        base58.b58encode(key.sign(digest))

    return median_us(floor, rounds=20)
