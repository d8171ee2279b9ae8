"""Time every hostile document of ``tests/security/`` that targets canonicalization.

Each one must be refused (or, for the documents vckit accepts on purpose, finished) in well under
a second on this machine; the tests assert the exact error, this script measures the time. The
documents are built by the tests' own builders, so the two cannot drift apart. Median of a few
runs; the verdict column compares against the 1 s target.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test modules hold the document builders

from tests.security import test_jsonld_cost as cost  # noqa: E402
from tests.security import test_jsonld_hostile as hostile  # noqa: E402
from tests.security import test_rdfc_poison as poison  # noqa: E402

from vckit import jsonld, rdfc  # noqa: E402
from vckit.proofs.dataintegrity import verify_proof  # noqa: E402

TARGET_SECONDS = 1.0
RUNS = 3


def _deep_lists() -> dict[str, Any]:
    value: Any = "bottom"
    for _ in range(10_000):
        value = [value]
    return {"@context": {"@vocab": "https://example.org/#"}, "id": "urn:x", "p": value}


def _outcome(function: Callable[[], object]) -> str:
    try:
        result = function()
    except Exception as error:  # the outcome is what we print
        return f"refused: {type(error).__name__}"
    if getattr(result, "verified", None) is False:  # a verification result
        return f"refused: {result.problems[0].code}"  # type: ignore[attr-defined]
    if isinstance(result, tuple) and result:  # problems from validate_contexts
        return f"refused: {result[0].code}"
    return "accepted"


def _cases() -> list[tuple[str, Callable[[], object]]]:
    nest = cost.nest_with_scoped_context()
    heavy = cost.heavy_clique()
    wide = cost.wide_document()
    clique = hostile.clique_credential()
    deep = hostile._nested(10_000)
    lists = _deep_lists()
    clique_nq = poison._clique(40)
    hubs = poison._twin_hubs(9)
    return [
        ("@nest + 500-term scoped context, safe mode", lambda: jsonld.canonicalize(nest)),
        ("same, verify_proof (bogus proof)", lambda: verify_proof(nest)),
        ("same, safe=False (pyld, bounded)", lambda: jsonld.canonicalize(nest, safe=False)),
        ("7-clique x 8,000 literals (497 KB)", lambda: jsonld.canonicalize(heavy)),
        ("300,000-member object", lambda: jsonld.canonicalize(wide)),
        ("8-node blank clique credential", lambda: jsonld.canonicalize(clique)),
        ("10,000 nested objects", lambda: jsonld.canonicalize(deep)),
        ("10,000 nested objects, safe=False", lambda: jsonld.canonicalize(deep, safe=False)),
        ("10,000 nested arrays", lambda: jsonld.canonicalize(lists)),
        ("40-node clique N-Quads", lambda: rdfc.canonicalize(clique_nq)),
        ("twin hubs x 9 identical leaves", lambda: rdfc.canonicalize(hubs)),
        ("context validation of the 497 KB clique", lambda: jsonld.validate_contexts(heavy)),
    ]


def main() -> int:
    print(f"{'hostile document':45} {'outcome':42} {'median':>9}  target < {TARGET_SECONDS:.0f} s")
    worst = 0.0
    for name, function in _cases():
        outcome = _outcome(function)
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            _outcome(function)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        worst = max(worst, median)
        verdict = "ok" if median < TARGET_SECONDS else "SLOW"
        print(f"{name:45} {outcome:42} {median * 1000:7.1f} ms  {verdict}")
    print(f"slowest: {worst * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
