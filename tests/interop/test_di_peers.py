"""vckit against the Digital Bazaar JS stack (``../shared/peers``) on the three OB 3.0 fixtures.

eddsa-rdfc-2022 is deterministic, so beyond "each verifies the other's proofs" the two stacks
must produce the identical ``proofValue`` for the same document, key and ``created``. Node
starts slowly, so the JS side runs once per command on all three fixtures (one ``sign``, one
``verify``). Skips with the reason when node or ``../shared/peers`` is missing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PEERS

from vckit import keys
from vckit.proofs.dataintegrity import add_proof, verify_proof

pytestmark = pytest.mark.node

FIXTURES = ("ob3_small", "ob3_representative", "ob3_large")
CREATED = "2024-01-01T00:00:00Z"


def _require_peer() -> None:
    """Skip unless ../shared/peers and node are both there (a user's clone has neither)."""
    if not (PEERS / "run.sh").exists():
        pytest.skip(f"JS peer not available: {PEERS} is absent")
    if shutil.which("node") is None:
        pytest.skip("JS peer not available: node is not installed")


def _run_peer(*args: str) -> str:
    _require_peer()
    completed = subprocess.run(
        [str(PEERS / "run.sh"), *args], capture_output=True, text=True, timeout=600, check=False
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def _fixtures() -> list[dict[str, Any]]:
    return [
        json.loads((PEERS / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))
        for name in FIXTURES
    ]


def _issuer_signer() -> keys.Signer:
    key = json.loads((PEERS / "keys" / "issuer_key.json").read_text(encoding="utf-8"))
    # The JWK, not secretKeyMultibase: Digital Bazaar writes that as seed || public (64 bytes).
    pair = keys.KeyPair.from_jwk(key["jwk"])
    assert pair.public_key.multibase == key["publicKeyMultibase"]
    return pair.signer(key["verificationMethod"])


@pytest.fixture(scope="module")
def js_signed(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    _require_peer()
    folder = tmp_path_factory.mktemp("peers")
    source, target = folder / "in.json", folder / "out.json"
    source.write_text(json.dumps(_fixtures()), encoding="utf-8")
    _run_peer("sign", str(source), str(target))
    signed: list[dict[str, Any]] = json.loads(target.read_text(encoding="utf-8"))
    return signed


@pytest.fixture(scope="module")
def vckit_signed() -> list[dict[str, Any]]:
    if not (PEERS / "fixtures").exists():
        pytest.skip(f"peer fixtures not available: {PEERS} is absent")
    signer = _issuer_signer()
    return [add_proof(document, signer, created=CREATED) for document in _fixtures()]


@pytest.mark.parametrize("index", range(len(FIXTURES)), ids=FIXTURES)
def test_js_signed_fixture_verifies_in_vckit(index: int, js_signed: list[dict[str, Any]]) -> None:
    result = verify_proof(js_signed[index], now="2025-01-01T00:00:00Z")
    assert (result.verified, result.problems) == (True, ())


@pytest.mark.parametrize("index", range(len(FIXTURES)), ids=FIXTURES)
def test_vckit_proof_is_identical_to_js(
    index: int, js_signed: list[dict[str, Any]], vckit_signed: list[dict[str, Any]]
) -> None:
    assert vckit_signed[index]["proof"]["proofValue"] == js_signed[index]["proof"]["proofValue"]
    assert vckit_signed[index] == js_signed[index]


def test_vckit_signed_fixtures_verify_in_js(
    vckit_signed: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "signed.json"
    path.write_text(json.dumps(vckit_signed), encoding="utf-8")
    assert json.loads(_run_peer("verify", str(path))) == [True, True, True]


def test_js_rejects_a_vckit_document_tampered_after_signing(
    vckit_signed: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Guards the test above: the JS verifier really checks what it is given."""
    tampered = json.loads(json.dumps(vckit_signed[0]))
    tampered["name"] = tampered["name"] + "!"
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps([tampered]), encoding="utf-8")
    assert json.loads(_run_peer("verify", str(path))) == [False]
