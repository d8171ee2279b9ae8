"""Cold start: a fresh process that imports the Data Integrity API and signs the small badge once.

vckit (``import vckit.proofs.dataintegrity`` + ``add_proof``) against the pyld reference
(``import pyld`` + cryptography + base58, normalize twice, sign; its loader reads vckit's bundled
context files without importing vckit), each a whole ``python`` process
timed from outside like ``/usr/bin/time`` does (wall clock, interpreter start-up included for
both), 20 runs of each alternating, median. Bytecode caches are allowed and written by one
unmeasured run first, as ``pip install`` does for an installed package.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = 20

_VCKIT = """
import sys; sys.path.insert(0, {here!r})
import badges
from vckit import keys
from vckit.proofs.dataintegrity import add_proof
signer = keys.KeyPair.from_raw("Ed25519", badges.ISSUER_SEED).signer(badges.VERIFICATION_METHOD)
add_proof(badges.badge("small"), signer, created="2024-01-01T00:00:00Z")
"""

_PYLD = """
import hashlib, json, sys
sys.path.insert(0, {here!r})
import badges
import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

folder = {contexts!r}
manifest = json.load(open(folder + "/manifest.json"))
files = {{url: item["file"] for item in manifest["contexts"] for url in item["urls"]}}
def loader(url, options=None):
    document = json.load(open(folder + "/" + files[url]))
    return {{"contextUrl": None, "documentUrl": url, "document": document, "tag": "static"}}
options = {{"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}}
document = badges.badge("small")
proof = {{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
    "created": "2024-01-01T00:00:00Z", "verificationMethod": badges.VERIFICATION_METHOD,
    "proofPurpose": "assertionMethod"}}
config = dict(proof, **{{"@context": document["@context"]}})
data = hashlib.sha256(jsonld.normalize(config, options).encode()).digest()
data += hashlib.sha256(jsonld.normalize(document, options).encode()).digest()
signature = Ed25519PrivateKey.from_private_bytes(badges.ISSUER_SEED).sign(data)
proof["proofValue"] = "z" + base58.b58encode(signature).decode()
"""


def _contexts_folder() -> Path:
    """vckit's bundled contexts, found without importing vckit (pyld's loader reads them)."""
    import importlib.util

    spec = importlib.util.find_spec("vckit")
    assert spec is not None
    assert spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "jsonld" / "contexts"


def _once(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return (time.perf_counter() - started) * 1e3


def cold(pure: bool) -> tuple[float, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE",)}
    env.pop("VCKIT_PURE_PYTHON", None)
    if pure:
        env["VCKIT_PURE_PYTHON"] = "1"
    ours = _VCKIT.format(here=str(HERE))
    theirs = _PYLD.format(here=str(HERE), contexts=str(_contexts_folder()))
    _once(ours, env)
    _once(theirs, env)
    mine: list[float] = []
    others: list[float] = []
    for index in range(RUNS):
        order = [(ours, mine), (theirs, others)]
        for code, samples in order if index % 2 == 0 else reversed(order):
            samples.append(_once(code, env))
    return statistics.median(mine), statistics.median(others)


def main() -> int:
    print(f"cold start: fresh process, import + first sign of the small badge (median of {RUNS})")
    for pure in (False, True):
        mine, theirs = cold(pure)
        name = "pure" if pure else "compiled"
        print(
            f"  {name:<9} vckit {mine:6.0f} ms   pyld reference {theirs:6.0f} ms   "
            f"vckit ÷ pyld = {mine / theirs:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
