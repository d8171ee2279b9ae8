"""RDFC-1.0 alone: vckit against pyld's URDNA2015 on the same datasets, interleaved in one run.

The datasets are the N-Quads of the three generated Open Badges (``badges.py``), produced by
pyld's ``to_rdf`` with vckit's bundled contexts as an offline document loader. Two comparisons per fixture:

* ``quads``: canonicalizing an already-parsed dataset (``rdfc.canonicalize_quads`` vs
  ``URDNA2015().main`` on pyld's own dataset shape) — what the JSON-LD path does.
* ``text``: N-Quads text in, canonical N-Quads out, parsing included (``rdfc.canonicalize`` vs
  ``jsonld.normalize(..., inputFormat="application/n-quads")``).

pyld's canonicalizer mutates its input dataset, so each pyld round gets a fresh deep copy made
outside the timed region. Rounds alternate vckit / pyld so machine noise hits both alike; medians
and ratios come from the same run.
"""

from __future__ import annotations

import copy
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pyld import jsonld
from pyld.canon import URDNA2015

import badges
from _timing import pyld_loader
from vckit import rdfc

NAMES = badges.SIZES
ROUNDS = {"small": 2000, "representative": 600, "large": 60}
PYLD_NQUADS = {"algorithm": "URDNA2015", "format": "application/n-quads"}


def _nquads(name: str, loader: Callable[[str, Any], dict[str, Any]]) -> str:
    document = badges.badge(name)
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
    loader = pyld_loader()
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
