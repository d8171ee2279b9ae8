"""eddsa-rdfc-2022 sign and verify: vckit against pyld + cryptography, in alternating blocks.

The reference (``_timing.Reference``) is the suite written the obvious way, as a Python project
would without vckit. vckit runs its public API: ``add_proof`` and ``verify_proof`` (did:key
decoding included; the reference decodes the did:key too). Both must produce the same
``proofValue`` (checked before timing). Compare the JS stack with ``../shared/peers/run.sh
bench`` run right after (``bench_peers`` does it when ``../shared`` and node are there).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import badges
from _timing import CREATED, Reference, compare
from vckit import keys
from vckit.proofs.dataintegrity import add_proof, verify_proof

NOW = "2025-01-01T00:00:00Z"


def main() -> int:
    reference = Reference()
    method = badges.VERIFICATION_METHOD
    signer = keys.KeyPair.from_raw("Ed25519", badges.ISSUER_SEED).signer(method)
    private = Ed25519PrivateKey.from_private_bytes(badges.ISSUER_SEED)
    print("eddsa-rdfc-2022, median µs per operation (vckit vs pyld + cryptography, same run)")
    print(f"{'badge':<16} {'op':<7} {'vckit':>10} {'pyld':>10} {'speed-up':>9}")
    for size in badges.SIZES:
        document = badges.badge(size)
        ours = add_proof(document, signer, created=CREATED)
        theirs = reference.sign(document, private, method)
        assert ours == theirs, f"{size}: vckit and the reference disagree"
        assert verify_proof(ours, now=NOW).verified
        assert reference.verify(theirs)
        results = {
            "sign": compare(
                lambda: add_proof(document, signer, created=CREATED),  # noqa: B023
                lambda: reference.sign(document, private, method),  # noqa: B023
            ),
            "verify": compare(
                lambda: verify_proof(ours, now=NOW),  # noqa: B023
                lambda: reference.verify(theirs),  # noqa: B023
            ),
        }
        for op, result in results.items():
            print(
                f"{size:<16} {op:<7} {result.first:>10.0f} {result.second:>10.0f} "
                f"{result.ratio:>8.1f}x"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
