"""The verification pipeline and ``vckit.issue`` against the bare proof operations they wrap.

Verify: ``Verifier().verify`` on the representative OB 3.0 badge (offline, did:key, no status
checker) runs parse, contexts, VC data model, OB rules, the proof bound to the issuer, validity
and the other checks; the baseline is ``dataintegrity.verify_proof(badge, expected_controller=
issuer)`` on the same badge, which bounds the input and validates its contexts too. The target is
a pipeline at most 1.15 times the bare check. Issue: ``vckit.issue`` (VC data model and OB rules,
the issuer binding, the JS-compatibility check, signing, the proof as an array) against
``DataIntegrity().add_proof`` alone on the same unsigned badge.

Both comparisons interleave in blocks (``_timing.compare``: 12 calls of one, then 12 of the
other, the order rotating, here 15 rounds) and report the median of the round ratios with their
range, the medians per call and the absolute difference. A last part reuses one ``Verifier``
over 1,000 distinct badges by one issuer and compares the first with the rest (warm caches: no
re-import, no repeated context processing, the issuer key decoded once). The badges come from
``badges.py`` (the peers' shapes); the small and large badges are verified too.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

NOW = "2026-06-01T00:00:00Z"
CREATED = "2026-01-01T00:00:00Z"
ROUNDS = 15


def _signed(document: dict[str, Any], signer: Any) -> dict[str, Any]:
    import vckit

    signed = vckit.issue(document, signer, created=CREATED)
    assert isinstance(signed, dict)
    return signed


def _unsigned(size: str, index: int = 0) -> dict[str, Any]:
    import badges

    document = badges.badge(size)
    document["id"] = f"urn:uuid:00000000-0000-4000-8000-{index:012d}"
    subject = document["credentialSubject"]
    subject.setdefault("id", "did:example:learner")  # the small badge names no recipient
    return document


def _row(label: str, first: str, second: str, comparison: Any, target: str = "") -> None:
    overhead = comparison.second - comparison.first
    print(
        f"  {label:24s} {second} {comparison.second:8.1f} µs  {first} {comparison.first:8.1f} µs"
        f"  +{overhead:6.1f} µs  ratio {comparison.ratio:5.3f} "
        f"[{comparison.low:.3f}-{comparison.high:.3f}]{target}"
    )


def main() -> int:
    import badges
    import vckit
    from _timing import compare
    from vckit import keys
    from vckit.proofs.dataintegrity import DataIntegrity, verify_proof

    build = "pure" if os.environ.get("VCKIT_PURE_PYTHON") == "1" else "as built"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"vckit.verify / vckit.issue vs the bare proof operations ({build}, load {load:.2f})")
    signer = keys.KeyPair.from_raw("Ed25519", badges.ISSUER_SEED).signer(badges.VERIFICATION_METHOD)
    issuer = badges.ISSUER_DID
    verifier = vckit.Verifier()

    print(f"verify: median of {ROUNDS} round ratios [range], target <= 1.15 (representative)")
    for size in ("representative", "small", "large"):
        badge = _signed(_unsigned(size), signer)
        report = verifier.verify(badge, now=NOW)
        assert report.verified, str(report)
        assert verify_proof(badge, expected_controller=issuer, now=NOW).verified

        def pipeline(badge: dict[str, Any] = badge) -> None:
            verifier.verify(badge, now=NOW)

        def bare(badge: dict[str, Any] = badge) -> None:
            verify_proof(badge, expected_controller=issuer, now=NOW)

        result = compare(bare, pipeline, rounds=ROUNDS)
        _row(size, "verify_proof", "vckit.verify", result)

    print("issue: vckit.issue vs DataIntegrity().add_proof on the same unsigned badge")
    engine = DataIntegrity()
    for size in ("representative", "small"):
        document = _unsigned(size)
        assert _signed(document, signer)["proof"][0]["proofValue"]

        def issue(document: dict[str, Any] = document) -> None:
            vckit.issue(document, signer, created=CREATED)

        def sign(document: dict[str, Any] = document) -> None:
            engine.add_proof(document, signer, created=CREATED)

        _row(size, "add_proof", "vckit.issue", compare(sign, issue, rounds=ROUNDS))

    badges_by_one_issuer = [_signed(_unsigned("representative", i), signer) for i in range(1, 1001)]
    fresh = vckit.Verifier()
    times = []
    for item in badges_by_one_issuer:
        start = time.perf_counter()
        assert fresh.verify(item, now=NOW).verified
        times.append(time.perf_counter() - start)
    first, rest = times[0], statistics.median(times[1:])
    print("one Verifier over 1,000 distinct representative badges by one issuer")
    print(f"  first badge              {first * 1e6:8.1f} µs (cold caches)")
    print(f"  median of the other 999  {rest * 1e6:8.1f} µs (warm caches); cold / warm "
          f"{first / rest:.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
