"""The verification pipeline against the bare proof check it wraps, block-interleaved.

``vckit.verify`` on the representative OB 3.0 badge (offline, did:key, no status checker) runs
parse, contexts, VC data model, OB rules, the proof bound to the issuer, validity and the other
checks; the baseline is ``dataintegrity.verify_proof`` alone on the same badge. Blocks alternate
pipeline / bare so machine noise hits both alike; the ratio of medians is the pipeline's
overhead (target: at most 1.15). A second part reuses one ``Verifier`` over 1,000 distinct badges
by one issuer and compares the first block with the rest (warm caches: no re-import, no repeated
context processing, the issuer key decoded once). The badge is ``../shared/peers/fixtures/
ob3_representative.json`` when present, else a badge built here.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vckit
from vckit import dids, keys
from vckit.proofs.dataintegrity import verify_proof

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT.parent / "shared" / "peers" / "fixtures" / "ob3_representative.json"
NOW = "2026-06-01T00:00:00Z"
BLOCKS, PER_BLOCK = 15, 20


def _issuer() -> tuple[keys.KeyPair, str]:
    key = keys.KeyPair.from_raw("Ed25519", bytes(range(32)))
    return key, dids.did_key(key.public_key)


def _badge(key: keys.KeyPair, did: str, index: int = 0) -> dict[str, Any]:
    if FIXTURE.exists():
        document: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
        document.pop("proof", None)
        issuer = document.get("issuer")
        document["issuer"] = {**issuer, "id": did} if isinstance(issuer, dict) else did
    else:
        from vckit import openbadges as ob

        document = ob.OpenBadgeCredential.build(
            issuer=ob.Profile(id=did, name="Bench College"),
            achievement=ob.Achievement(
                id="https://example.edu/a/1",
                name="Bench",
                description="A benchmark badge.",
                criteria=ob.Criteria(narrative="Run it."),
            ),
            recipient="did:example:learner",
            valid_from="2026-01-01T00:00:00Z",
        ).to_json()
    document["id"] = f"urn:uuid:00000000-0000-4000-8000-{index:012d}"
    signer = key.signer(f"{did}#{key.public_key.multibase}")
    signed = vckit.issue(document, signer, created="2026-01-01T00:00:00Z")
    assert isinstance(signed, dict)
    return signed


def _block(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    for _ in range(PER_BLOCK):
        fn()
    return (time.perf_counter() - start) / PER_BLOCK


def main() -> int:
    key, did = _issuer()
    badge = _badge(key, did)
    verifier = vckit.Verifier()
    report = verifier.verify(badge, now=NOW)
    assert report.verified, str(report)
    assert verify_proof(badge, expected_controller=did, now=NOW).verified

    def pipeline() -> None:
        verifier.verify(badge, now=NOW)

    def bare() -> None:
        verify_proof(badge, expected_controller=did, now=NOW)

    for fn in (pipeline, bare):  # warm both
        _block(fn)
    full, proof = [], []
    for _ in range(BLOCKS):
        full.append(_block(pipeline))
        proof.append(_block(bare))
    f, p = statistics.median(full), statistics.median(proof)
    source = "peers fixture" if FIXTURE.exists() else "built badge"
    print(f"representative badge ({source}), {BLOCKS} blocks x {PER_BLOCK}, interleaved")
    print(f"  vckit.verify (full pipeline)   {f * 1e3:8.3f} ms")
    print(f"  verify_proof (bare proof)      {p * 1e3:8.3f} ms")
    print(f"  overhead ratio                 {f / p:8.3f}  (target <= 1.15)")

    badges = [_badge(key, did, index) for index in range(1, 1001)]
    fresh = vckit.Verifier()
    times = []
    for item in badges:
        start = time.perf_counter()
        assert fresh.verify(item, now=NOW).verified
        times.append(time.perf_counter() - start)
    first, rest = times[0], statistics.median(times[1:])
    print("one Verifier over 1,000 distinct badges by one issuer")
    print(f"  first badge                    {first * 1e3:8.3f} ms (cold caches)")
    print(f"  median of the other 999        {rest * 1e3:8.3f} ms (warm caches)")
    print(f"  cold / warm                    {first / rest:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
