"""The compiled and the pure-Python hot core give byte-identical output.

One fresh interpreter per build runs the same corpus (the three benchmark badges, 80 generated
badges with escapes, non-ASCII and N-degree twins, their eddsa-rdfc-2022 proofs, and the W3C
RDFC-1.0 inputs when ``../shared`` is present) and prints every result; the two transcripts must
be equal. ``make test`` also runs the conformance and property suites under both builds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from vckit import _build

REPO = Path(__file__).resolve().parents[2]
RDFC_VECTORS = REPO.parent / "shared" / "vectors" / "rdfc10" / "rdfc10"

_CORPUS = """
import json, sys
from pathlib import Path
sys.path.insert(0, {benchmarks!r})
import badges
from vckit import jsonld, keys, rdfc
from vckit._build import build_info
from vckit.proofs.dataintegrity import add_proof

signer = keys.KeyPair.from_raw("Ed25519", badges.ISSUER_SEED).signer(badges.VERIFICATION_METHOD)
out = {{"build": build_info().build, "results": []}}
documents = [badges.badge(size) for size in badges.SIZES] + badges.variants(2026, 80)
for document in documents:
    out["results"].append(jsonld.canonicalize(document))
    out["results"].append(add_proof(document, signer, created="2024-01-01T00:00:00Z"))
folder = Path({vectors!r})
for path in sorted(folder.glob("*-in.nq")) if folder.is_dir() else []:
    try:
        out["results"].append(rdfc.canonicalize(path.read_text(encoding="utf-8")))
    except Exception as exc:
        out["results"].append(type(exc).__name__ + ": " + str(exc))
print(json.dumps(out))
"""


def _transcript(*, pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != _build.PURE_ENV}
    if pure:
        env[_build.PURE_ENV] = "1"
    code = _CORPUS.format(benchmarks=str(REPO / "benchmarks"), vectors=str(RDFC_VECTORS))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_compiled_and_pure_builds_give_identical_bytes() -> None:
    compiled = _transcript(pure=False)
    if compiled["build"] != "compiled":
        pytest.skip("no compiled hot core here (built without a C compiler); nothing to compare")
    pure = _transcript(pure=True)
    assert pure["build"] == "pure"
    assert len(compiled["results"]) >= 2 * 83  # type: ignore[arg-type]
    assert compiled["results"] == pure["results"]


def test_benchmark_badges_are_the_peer_fixtures() -> None:
    fixtures = REPO.parent / "shared" / "peers" / "fixtures"
    if not fixtures.is_dir():
        pytest.skip(f"{fixtures} not available (a user's clone)")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import badges
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    for size in badges.SIZES:
        expected = json.loads((fixtures / f"ob3_{size}.json").read_text(encoding="utf-8"))
        assert badges.badge(size) == expected, size
