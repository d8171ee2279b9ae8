"""eddsa-rdfc-2022 sign and verify: vckit against pyld + cryptography, interleaved in one run.

The reference is the suite written the obvious way, as a Python project would without vckit:
pyld's ``normalize`` (URDNA2015) for the document and the proof configuration, ``hashlib``
SHA-256, ``cryptography``'s Ed25519, base58btc. pyld gets the reference contexts of
``../shared/vectors/contexts`` through a loader that marks documents ``static`` (so pyld caches
processed contexts, its best case). vckit runs its public API: ``add_proof`` and ``verify_proof``
(did:key decoding included; the reference decodes the did:key too).

Both must produce the same ``proofValue`` (checked before timing). Rounds alternate vckit / pyld
so machine noise hits both alike; medians and ratios come from the same run. Compare the JS
stack with ``../shared/peers/run.sh bench`` run right after. Exits 0 with a message when
``../shared`` is absent.
"""

from __future__ import annotations

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

from vckit import keys
from vckit.proofs.dataintegrity import add_proof, verify_proof

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PEERS = SHARED / "peers"
CONTEXTS = SHARED / "vectors" / "contexts"
NAMES = ("ob3_small", "ob3_representative", "ob3_large")
ROUNDS = {"ob3_small": 300, "ob3_representative": 100, "ob3_large": 15}
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


def _time_us(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1e6


def _bench(
    name: str, reference: Reference, seed: bytes, method: str
) -> dict[str, tuple[float, float]]:
    document = json.loads((PEERS / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))
    document.pop("proof", None)
    signer = keys.KeyPair.from_raw("Ed25519", seed).signer(method)
    private = Ed25519PrivateKey.from_private_bytes(seed)

    ours = add_proof(document, signer, created=CREATED)
    theirs = reference.sign(document, private, method)
    assert ours == theirs, f"{name}: vckit and the reference disagree"
    assert verify_proof(ours, now=NOW).verified
    assert reference.verify(theirs)

    samples: dict[str, list[float]] = {key: [] for key in ("vs", "ps", "vv", "pv")}
    for _ in range(ROUNDS[name]):
        samples["vs"].append(_time_us(lambda: add_proof(document, signer, created=CREATED)))
        samples["ps"].append(_time_us(lambda: reference.sign(document, private, method)))
        samples["vv"].append(_time_us(lambda: verify_proof(ours, now=NOW)))
        samples["pv"].append(_time_us(lambda: reference.verify(theirs)))
    median = {key: statistics.median(values) for key, values in samples.items()}
    return {
        "sign": (median["vs"], median["ps"]),
        "verify": (median["vv"], median["pv"]),
    }


def main() -> int:
    if not (PEERS / "fixtures").exists() or not CONTEXTS.exists():
        print(f"bench_proofs: skipped, {SHARED} is not available (fixtures and contexts)")
        return 0
    issuer = json.loads((PEERS / "keys" / "issuer_key.json").read_text(encoding="utf-8"))
    seed = bytes.fromhex(issuer["seed_hex"])
    method = issuer["verificationMethod"]
    reference = Reference()
    print("eddsa-rdfc-2022, median µs per operation (vckit vs pyld + cryptography, same run)")
    print(f"{'fixture':<20} {'op':<7} {'vckit':>10} {'pyld':>10} {'speed-up':>9}")
    for name in NAMES:
        for op, (ours, theirs) in _bench(name, reference, seed, method).items():
            print(f"{name:<20} {op:<7} {ours:>10.0f} {theirs:>10.0f} {theirs / ours:>8.1f}x")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
