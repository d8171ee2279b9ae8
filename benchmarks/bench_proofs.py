"""eddsa-rdfc-2022 sign and verify: vckit against pyld + cryptography, interleaved in one run.

The reference is the suite written the obvious way, as a Python project would without vckit:
pyld's ``normalize`` (URDNA2015) for the document and the proof configuration, ``hashlib``
SHA-256, ``cryptography``'s Ed25519, base58btc. pyld gets the reference contexts of
``../shared/vectors/contexts`` through a loader that marks documents ``static`` (so pyld caches
processed contexts, its best case). vckit runs its public API: ``add_proof`` and ``verify_proof``
(did:key decoding included; the reference decodes the did:key too).

Both must produce the same ``proofValue`` (checked before timing). Timing is block-interleaved:
a round runs a block of calls of one implementation, then a block of the other (the order
rotates each round, so neither always runs on a cache the other just evicted). Alternating call
by call would inflate vckit's time 1.3-1.5x, because pyld's long calls evict vckit's caches. Each
round gives a ratio; the table shows the median per-call time of each side, the median of the
round ratios and their range. ``floor`` is what signing cannot go below in Python: Ed25519 over
the 64-byte hash data, SHA-256 of the canonical document and proof configuration, base58 of the
signature; ``x floor`` is vckit's sign time over it. Compare the JS stack with
``../shared/peers/run.sh bench`` run right after. Exits 0 with a message when ``../shared`` is
absent. ``--rounds N`` / ``--only NAME`` narrow a run (e.g. to measure one change).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from pyld import jsonld as pyld

from vckit import jsonld, keys
from vckit.proofs.dataintegrity import add_proof, verify_proof

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PEERS = SHARED / "peers"
CONTEXTS = SHARED / "vectors" / "contexts"
NAMES = ("ob3_small", "ob3_representative", "ob3_large")
#: calls per block: roughly 50 ms of pyld per block on the representative badge
BLOCK = {"ob3_small": 24, "ob3_representative": 12, "ob3_large": 3}
ROUNDS = 5
CREATED = "2024-01-01T00:00:00Z"
NOW = "2025-01-01T00:00:00Z"
_ED25519_PUB_HEADER = b"\xed\x01"


# -- the reference implementation (pyld + cryptography) ----------------------------------------


def _pyld_loader() -> Callable[[str, Any], dict[str, Any]]:
    urls: dict[str, str] = json.loads((CONTEXTS / "urls.json").read_text(encoding="utf-8"))
    documents = {
        url: json.loads((CONTEXTS / name).read_text(encoding="utf-8")) for url, name in urls.items()
    }

    def load(url: str, options: Any = None) -> dict[str, Any]:
        return {"contextUrl": None, "documentUrl": url, "document": documents[url], "tag": "static"}

    return load


class Reference:
    """eddsa-rdfc-2022 with pyld and cryptography, following the spec step by step."""

    def __init__(self) -> None:
        self.options = {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": _pyld_loader(),
            "safe": True,
        }

    def _hash_data(self, document: dict[str, Any], proof: dict[str, Any]) -> bytes:
        config = {k: v for k, v in proof.items() if k != "proofValue"}
        config["@context"] = document["@context"]
        config_hash = hashlib.sha256(pyld.normalize(config, self.options).encode()).digest()
        doc_hash = hashlib.sha256(pyld.normalize(document, self.options).encode()).digest()
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


# -- timing ------------------------------------------------------------------------------------


def _block_us(function: Callable[[], object], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        function()
    return (time.perf_counter() - start) / calls * 1e6


def _interleaved(
    ours: Callable[[], object], theirs: Callable[[], object], calls: int, rounds: int
) -> tuple[float, float, float, float, float]:
    """Median µs of each side, and the median, min and max of the per-round ratios."""
    ours_us: list[float] = []
    theirs_us: list[float] = []
    ratios: list[float] = []
    for round_ in range(rounds):
        if round_ % 2 == 0:
            a = _block_us(ours, calls)
            b = _block_us(theirs, calls)
        else:
            b = _block_us(theirs, calls)
            a = _block_us(ours, calls)
        ours_us.append(a)
        theirs_us.append(b)
        ratios.append(b / a)
    return (
        statistics.median(ours_us),
        statistics.median(theirs_us),
        statistics.median(ratios),
        min(ratios),
        max(ratios),
    )


def _floor_us(document: dict[str, Any], private: Ed25519PrivateKey, calls: int) -> float:
    """Ed25519 + SHA-256 of the canonical document and configuration + base58: the floor."""
    canonical = jsonld.canonicalize(document).encode()
    config = b"<config quads>" * 40  # about the size of a canonical proof configuration

    def floor() -> None:
        data = hashlib.sha256(config).digest() + hashlib.sha256(canonical).digest()
        base58.b58encode(private.sign(data))

    return statistics.median(_block_us(floor, calls * 20) for _ in range(5))


def _bench(
    name: str, reference: Reference, seed: bytes, method: str, rounds: int
) -> dict[str, tuple[float, ...]]:
    document = json.loads((PEERS / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))
    document.pop("proof", None)
    signer = keys.KeyPair.from_raw("Ed25519", seed).signer(method)
    private = Ed25519PrivateKey.from_private_bytes(seed)

    ours = add_proof(document, signer, created=CREATED)
    theirs = reference.sign(document, private, method)
    assert ours == theirs, f"{name}: vckit and the reference disagree"
    assert verify_proof(ours, now=NOW).verified
    assert reference.verify(theirs)

    calls = BLOCK[name]
    # one warm-up block each, untimed
    _block_us(lambda: add_proof(document, signer, created=CREATED), calls)
    _block_us(lambda: reference.sign(document, private, method), 1)
    return {
        "sign": _interleaved(
            lambda: add_proof(document, signer, created=CREATED),
            lambda: reference.sign(document, private, method),
            calls,
            rounds,
        ),
        "verify": _interleaved(
            lambda: verify_proof(ours, now=NOW),
            lambda: reference.verify(theirs),
            calls,
            rounds,
        ),
        "floor": (_floor_us(document, private, calls),),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--only", choices=NAMES, action="append")
    args = parser.parse_args(argv)
    if not (PEERS / "fixtures").exists() or not CONTEXTS.exists():
        print(f"bench_proofs: skipped, {SHARED} is not available (fixtures and contexts)")
        return 0
    issuer = json.loads((PEERS / "keys" / "issuer_key.json").read_text(encoding="utf-8"))
    seed = bytes.fromhex(issuer["seed_hex"])
    method = issuer["verificationMethod"]
    reference = Reference()
    print(
        f"eddsa-rdfc-2022, block-interleaved, {args.rounds} rounds: median µs per call, "
        "median of round ratios [range] (vckit vs pyld + cryptography)"
    )
    print(
        f"{'fixture':<20} {'op':<7} {'vckit':>8} {'pyld':>9} {'speed-up':>9} "
        f"{'[range]':<14} {'floor':>6} {'x floor':>7}"
    )
    for name in args.only or NAMES:
        results = _bench(name, reference, seed, method, args.rounds)
        (floor,) = results["floor"]
        for op in ("sign", "verify"):
            ours, theirs, ratio, low, high = results[op]
            extra = f"{floor:>6.0f} {ours / floor:>6.1f}x" if op == "sign" else ""
            print(
                f"{name:<20} {op:<7} {ours:>8.0f} {theirs:>9.0f} {ratio:>8.1f}x "
                f"[{low:>4.1f}-{high:<4.1f}]{'':<4} {extra}"
            )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
