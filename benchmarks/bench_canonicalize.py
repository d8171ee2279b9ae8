"""Canonicalize the peers' three OB 3.0 badges with vckit and with pyld, interleaved in one run.

pyld runs in its fastest configuration: a loader that marks every context ``tag: static`` (so pyld
caches processed contexts across calls), URDNA2015, N-Quads output, the same JSON-LD options as
vckit (base null, rdfDirection i18n-datatype). Timings are medians of alternating calls, so both
see the same machine state; compare the ratios, not absolute times across runs.

Cold cost: a fresh interpreter per sample, timing ``import`` + the first canonicalize (interpreter
start-up itself excluded: it is the same for both). Bytecode caching is allowed in those
interpreters (``PYTHONDONTWRITEBYTECODE`` is dropped) and one unmeasured warm-up run writes the
``.pyc`` files, as ``pip install`` does for an installed package: otherwise vckit's editable
sources would be compiled on every run while pyld's installed bytecode would not.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "peers" / "fixtures"
CONTEXTS = SHARED / "vectors" / "contexts"
NAMES = ("ob3_small.json", "ob3_representative.json", "ob3_large.json")
ROUNDS = {"ob3_small.json": 300, "ob3_representative.json": 200, "ob3_large.json": 30}
COLD_SAMPLES = 7

_STATIC_LOADER = """
import json, pathlib
_folder = pathlib.Path({contexts!r})
_files = json.loads((_folder / "urls.json").read_text())
_cache = {{}}
def loader(url, options=None):
    if url not in _cache:
        _cache[url] = json.loads((_folder / _files[url]).read_text())
    return {{"contextUrl": None, "documentUrl": url, "document": _cache[url], "tag": "static"}}
"""

_COLD_VCKIT = """
import json, time
document = json.loads(open({fixture!r}).read())
started = time.perf_counter()
from vckit import jsonld
jsonld.canonicalize(document)
print(time.perf_counter() - started)
"""

_COLD_PYLD = (
    """
import json, time
document = json.loads(open({fixture!r}).read())
started = time.perf_counter()
from pyld import jsonld
"""
    + _STATIC_LOADER
    + """
jsonld.normalize(document, {{"algorithm": "URDNA2015", "format": "application/n-quads",
    "documentLoader": loader, "base": None, "rdfDirection": "i18n-datatype"}})
print(time.perf_counter() - started)
"""
)


def _pyld_canonize() -> Any:
    from pyld import jsonld as pyld_jsonld

    namespace: dict[str, Any] = {}
    exec(_STATIC_LOADER.format(contexts=str(CONTEXTS)), namespace)
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": namespace["loader"],
        "base": None,
        "rdfDirection": "i18n-datatype",
    }
    return lambda document: pyld_jsonld.normalize(document, options)


def _warm(name: str) -> tuple[int, float, float, bool]:
    from vckit import jsonld

    document = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    pyld = _pyld_canonize()
    ours = jsonld.canonicalize(document)
    same = ours == pyld(document)
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(ROUNDS[name]):
        started = time.perf_counter()
        jsonld.canonicalize(document)
        mine.append(time.perf_counter() - started)
        started = time.perf_counter()
        pyld(document)
        theirs.append(time.perf_counter() - started)
    quads = ours.count("\n")
    return quads, statistics.median(mine) * 1e6, statistics.median(theirs) * 1e6, same


def _cold_once(template: str, fixture: Path) -> float:
    code = template.format(fixture=str(fixture), contexts=str(CONTEXTS))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return float(done.stdout.strip().splitlines()[-1]) * 1e3


def _cold(fixture: Path) -> tuple[float, float]:
    """Median cold cost (ms) of vckit and pyld, samples interleaved."""
    _cold_once(_COLD_VCKIT, fixture)  # warm the OS file cache and write .pyc files
    _cold_once(_COLD_PYLD, fixture)
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(COLD_SAMPLES):
        mine.append(_cold_once(_COLD_VCKIT, fixture))
        theirs.append(_cold_once(_COLD_PYLD, fixture))
    return statistics.median(mine), statistics.median(theirs)


def main() -> int:
    if not FIXTURES.is_dir() or not CONTEXTS.is_dir():
        print(
            f"bench_canonicalize: skipped, {SHARED} (peer fixtures and contexts) is not available"
        )
        return 0
    print("canonicalize (JSON-LD -> RDFC-1.0 canonical N-Quads), warm, median of interleaved calls")
    print(f"{'fixture':<26}{'quads':>6}{'vckit µs':>11}{'pyld µs':>11}{'speed-up':>10}  same")
    for name in NAMES:
        quads, mine, theirs, same = _warm(name)
        print(f"{name:<26}{quads:>6}{mine:>11.0f}{theirs:>11.0f}{theirs / mine:>9.1f}x  {same}")
    fixture = FIXTURES / "ob3_representative.json"
    mine_cold, theirs_cold = _cold(fixture)
    print(
        f"cold (fresh interpreter: import + first canonicalize of {fixture.name}, "
        f"median of {COLD_SAMPLES}): vckit {mine_cold:.0f} ms, pyld {theirs_cold:.0f} ms "
        f"({theirs_cold / mine_cold:.1f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
