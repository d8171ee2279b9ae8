"""Canonicalize the three generated OB 3.0 badges with vckit and with pyld (blocks, one run).

pyld runs in its fastest configuration: a loader that marks every context ``tag: static`` (so pyld
caches processed contexts across calls), URDNA2015, N-Quads output, the same JSON-LD options as
vckit (base null, rdfDirection i18n-datatype). Both must produce the same bytes (checked before
timing). ``bench_core`` has the same comparison for both builds side by side; ``bench_cold`` the
cold start.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pyld import jsonld as pyld_jsonld

import badges
from _timing import compare, pyld_loader
from vckit import jsonld


def main() -> int:
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": pyld_loader(),
        "base": None,
        "rdfDirection": "i18n-datatype",
    }
    print("canonicalize (JSON-LD -> RDFC-1.0 canonical N-Quads), block-interleaved medians")
    print(f"{'badge':<16}{'quads':>6}{'vckit µs':>11}{'pyld µs':>11}{'speed-up':>10}  same")
    for size in badges.SIZES:
        document = badges.badge(size)
        ours = jsonld.canonicalize(document)
        same = ours == pyld_jsonld.normalize(document, options)
        result = compare(
            lambda: jsonld.canonicalize(document),  # noqa: B023
            lambda: pyld_jsonld.normalize(document, options),  # noqa: B023
        )
        print(
            f"{size:<16}{ours.count(chr(10)):>6}{result.first:>11.0f}{result.second:>11.0f}"
            f"{result.ratio:>9.1f}x  {same}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
