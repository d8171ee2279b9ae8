"""RDFC-1.0 alone: vckit against pyld's URDNA2015 on the same datasets, interleaved in one run.

The datasets are the N-Quads of the three Open Badges fixtures in ``../shared/peers/fixtures``,
produced by pyld's ``to_rdf`` with the reference contexts of ``../shared/vectors/contexts`` as an
offline document loader. Two comparisons per fixture:

* ``quads``: canonicalizing an already-parsed dataset (``rdfc.canonicalize_quads`` vs
  ``URDNA2015().main`` on pyld's own dataset shape) — what the JSON-LD path does.
* ``text``: N-Quads text in, canonical N-Quads out, parsing included (``rdfc.canonicalize`` vs
  ``jsonld.normalize(..., inputFormat="application/n-quads")``).

pyld's canonicalizer mutates its input dataset, so each pyld round gets a fresh deep copy made
outside the timed region. Rounds alternate vckit / pyld so machine noise hits both alike; medians
and ratios come from the same run. Exits 0 with a message when ``../shared`` is absent.
"""

from __future__ import annotations

import copy
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.canon import URDNA2015

from vckit import rdfc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "peers" / "fixtures"
CONTEXTS = SHARED / "vectors" / "contexts"
NAMES = ("ob3_small", "ob3_representative", "ob3_large")
ROUNDS = {"ob3_small": 2000, "ob3_representative": 600, "ob3_large": 60}
PYLD_NQUADS = {"algorithm": "URDNA2015", "format": "application/n-quads"}


def _loader() -> Callable[[str, Any], dict[str, Any]]:
    urls: dict[str, str] = json.loads((CONTEXTS / "urls.json").read_text(encoding="utf-8"))
    documents = {
        url: json.loads((CONTEXTS / name).read_text(encoding="utf-8")) for url, name in urls.items()
    }

    def load(url: str, options: Any = None) -> dict[str, Any]:
        return {"contextUrl": None, "documentUrl": url, "document": documents[url], "tag": "static"}

    return load


def _nquads(name: str, loader: Callable[[str, Any], dict[str, Any]]) -> str:
    document = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    document.pop("proof", None)
    options = {"format": "application/n-quads", "documentLoader": loader}
    text: str = jsonld.to_rdf(document, options)
    return text


def _time_us(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1e6


def _bench(name: str, text: str) -> dict[str, tuple[float, float]]:
    quads = rdfc.parse_nquads(text)
    pyld_dataset = jsonld.JsonLdProcessor.parse_nquads(text)
    expected = rdfc.canonicalize_quads(quads)
    assert URDNA2015().main(copy.deepcopy(pyld_dataset), PYLD_NQUADS) == expected, name
    normalize_options = {**PYLD_NQUADS, "inputFormat": "application/n-quads"}
    samples: dict[str, list[float]] = {key: [] for key in ("vq", "pq", "vt", "pt")}
    for _ in range(ROUNDS[name]):
        dataset = copy.deepcopy(pyld_dataset)
        samples["vq"].append(_time_us(lambda: rdfc.canonicalize_quads(quads)))
        samples["pq"].append(_time_us(lambda: URDNA2015().main(dataset, PYLD_NQUADS)))  # noqa: B023
        samples["vt"].append(_time_us(lambda: rdfc.canonicalize(text)))
        samples["pt"].append(_time_us(lambda: jsonld.normalize(text, normalize_options)))
    median = {key: statistics.median(values) for key, values in samples.items()}
    return {"quads": (median["vq"], median["pq"]), "text": (median["vt"], median["pt"])}


def main() -> int:
    if not FIXTURES.is_dir() or not CONTEXTS.is_dir():
        print(f"bench_rdfc: skipped, {SHARED} (fixtures and reference contexts) not available")
        return 0
    loader = _loader()
    header = f"{'fixture':<20} {'input':<6} {'quads':>6} {'vckit µs':>10} {'pyld µs':>10} {'pyld/vckit':>11}"
    print(header)
    print("-" * len(header))
    for name in NAMES:
        text = _nquads(name, loader)
        count = len(rdfc.parse_nquads(text))
        for kind, (ours, theirs) in _bench(name, text).items():
            print(
                f"{name:<20} {kind:<6} {count:>6} {ours:>10.1f} {theirs:>10.1f} "
                f"{theirs / ours:>10.1f}x"
            )
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
