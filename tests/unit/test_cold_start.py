"""Importing the Data Integrity API stays cheap: heavy dependencies load only when used.

pyld (the JSON-LD fallback), pydantic (the Open Badges models), httpx (remote DIDs and contexts)
and multiformats (its codec table, for one varint) each cost tens of milliseconds at start; a
process that signs or verifies badges with bundled contexts and did:key needs none of them.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pyld", "pydantic", "httpx", "multiformats")


def _modules_after(code: str) -> set[str]:
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _roots(modules: set[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


def test_importing_dataintegrity_loads_no_heavy_dependency() -> None:
    loaded = _roots(_modules_after("import vckit.proofs.dataintegrity"))
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_importing_dataintegrity_does_not_compile_the_nquads_grammar() -> None:
    loaded = _modules_after("import vckit.proofs.dataintegrity")
    assert "vckit.rdfc._nquads" not in loaded


def test_importing_dataintegrity_loads_no_logging_resources_or_http_stack() -> None:
    loaded = _modules_after("import vckit.proofs.dataintegrity")
    assert "logging" not in loaded
    assert "importlib.resources" not in loaded
    assert "ssl" not in loaded  # the HTTP stack loads only when something is fetched
    assert "vckit._http" not in loaded
    assert "pathlib" not in loaded  # bundled contexts are read with plain open()


def test_importing_problems_does_not_load_dataclasses() -> None:
    loaded = _modules_after("import vckit.problems")
    assert "dataclasses" not in loaded
    assert "inspect" not in loaded


def test_signing_a_badge_with_did_key_loads_no_heavy_dependency() -> None:
    code = (
        "from vckit import keys\n"
        "from vckit.proofs.dataintegrity import add_proof\n"
        "seed = bytes(range(32))\n"
        "pair = keys.KeyPair.from_raw('Ed25519', seed)\n"
        "signer = pair.signer('did:key:z6MkoLbeo26zDYhD93GzutHAdrA1hph2G2DRw46WhohogJqq#k')\n"
        "add_proof({'@context': ['https://www.w3.org/ns/credentials/v2'], 'type': "
        "['VerifiableCredential'], 'issuer': 'did:example:1', 'credentialSubject': "
        "{'id': 'did:example:2'}}, signer, created='2024-01-01T00:00:00Z')\n"
    )
    loaded = _roots(_modules_after(code))
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))


def test_lazy_nquads_names_still_import() -> None:
    from vckit import rdfc
    from vckit.rdfc import parse_nquads

    assert rdfc.parse_nquads is parse_nquads
    assert parse_nquads("<urn:a> <urn:b> <urn:c> .\n") == [("<urn:a>", "<urn:b>", "<urn:c>", "")]
    assert json.dumps(rdfc.serialize_nquads([("<urn:a>", "<urn:b>", "<urn:c>", "")])) == json.dumps(
        "<urn:a> <urn:b> <urn:c> .\n"
    )
