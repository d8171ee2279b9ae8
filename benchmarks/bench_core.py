"""The main table: canonicalize / sign / verify against pyld, compiled and pure builds side by side.

Each build runs in its own interpreter (the pure one with ``VCKIT_PURE_PYTHON=1``) on the three
generated badges (``badges.py``), timing vckit against the pyld + cryptography reference in
alternating blocks (``_timing.compare``). Printed: median µs per call, the median ratio
pyld ÷ vckit with its range over the rounds, and the floor multiple: vckit's representative sign
÷ (Ed25519 sign + SHA-256 + base58), the work no implementation can avoid.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NOW = "2025-01-01T00:00:00Z"


def measure() -> dict[str, Any]:
    """Run in one interpreter: every operation × size, plus the floor."""
    sys.path.insert(0, str(HERE))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    import badges
    from _timing import CREATED, Reference, compare, floor_us
    from vckit import jsonld, keys
    from vckit._build import build_info
    from vckit.proofs.dataintegrity import add_proof, verify_proof

    reference = Reference()
    method = badges.VERIFICATION_METHOD
    signer = keys.KeyPair.from_raw("Ed25519", badges.ISSUER_SEED).signer(method)
    private = Ed25519PrivateKey.from_private_bytes(badges.ISSUER_SEED)
    rows: dict[str, Any] = {}
    for size in badges.SIZES:
        document = badges.badge(size)
        ours = add_proof(document, signer, created=CREATED)
        theirs = reference.sign(document, private, method)
        assert ours == theirs, f"{size}: vckit and the reference disagree"
        assert jsonld.canonicalize(document) == reference.canonicalize(document)
        assert verify_proof(ours, now=NOW).verified
        assert reference.verify(theirs)
        rows[size] = {
            "canonicalize": compare(
                lambda d=document: jsonld.canonicalize(d),
                lambda d=document: reference.canonicalize(d),
            )._asdict(),
            "sign": compare(
                lambda d=document: add_proof(d, signer, created=CREATED),
                lambda d=document: reference.sign(d, private, method),
            )._asdict(),
            "verify": compare(
                lambda s=ours: verify_proof(s, now=NOW),
                lambda s=theirs: reference.verify(s),
            )._asdict(),
        }
    return {"build": build_info().build, "rows": rows, "floor": floor_us(private)}


def _run_build(pure: bool) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "VCKIT_PURE_PYTHON"}
    if pure:
        env["VCKIT_PURE_PYTHON"] = "1"
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); import bench_core, json; "
    code += "print(json.dumps(bench_core.measure()))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    builds = [_run_build(pure=False), _run_build(pure=True)]
    names = [b["build"] for b in builds]
    if names[0] != "compiled":
        print("note: no compiled hot core here (no C compiler at build time?): both columns pure")
    print(
        "vckit vs pyld + cryptography: median µs per call and pyld ÷ vckit "
        "(median of 5 block-interleaved rounds, [range])"
    )
    header = f"{'badge':<15}{'op':<13}{'pyld µs':>9}"
    for name in ("compiled", "pure"):
        header += f"{name + ' µs':>13}{'× pyld':>18}"
    print(header)
    print("-" * len(header))
    for size in builds[0]["rows"]:
        for op in ("canonicalize", "sign", "verify"):
            line = f"{size:<15}{op:<13}{builds[0]['rows'][size][op]['second']:>9.0f}"
            for build in builds:
                row = build["rows"][size][op]
                spread = f"[{row['low']:.1f}-{row['high']:.1f}]"
                line += f"{row['first']:>13.0f}{row['ratio']:>7.1f}x {spread:<10}"
            print(line)
    for build in builds:
        sign = build["rows"]["representative"]["sign"]["first"]
        print(
            f"floor multiple ({build['build']}): representative sign {sign:.0f} µs ÷ floor "
            f"(Ed25519 + SHA-256 + base58) {build['floor']:.0f} µs = {sign / build['floor']:.1f}x"
        )
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
