"""Badges issued by ``vckit.issue`` against the Digital Bazaar JS stack and the OB 3.0 JSON Schema.

``vckit.issue`` writes the proof as an array (the published OB 3.0 schema requires it); the JS
stack (``../shared/peers``, ``@digitalbazaar/vc`` 7.3) must verify what vckit issued, and reject
it once tampered. Skips with the reason when node, ``../shared/peers`` or the schema is absent.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PEERS, VECTORS

import vckit
from vckit import keys

FIXTURES = ("ob3_small", "ob3_representative", "ob3_large")
CREATED = "2024-01-01T00:00:00Z"
SCHEMA = VECTORS / "ob3" / "schemas" / "achievementcredential.json"


def _require_peer() -> None:
    if not (PEERS / "run.sh").exists():
        pytest.skip(f"JS peer not available: {PEERS} is absent")
    if shutil.which("node") is None:
        pytest.skip("JS peer not available: node is not installed")


@pytest.fixture(scope="module")
def issued() -> list[dict[str, Any]]:
    if not (PEERS / "fixtures").exists():
        pytest.skip(f"peer fixtures not available: {PEERS} is absent")
    key = json.loads((PEERS / "keys" / "issuer_key.json").read_text(encoding="utf-8"))
    signer = keys.KeyPair.from_jwk(key["jwk"]).signer(key["verificationMethod"])
    out = []
    for name in FIXTURES:
        document = json.loads((PEERS / "fixtures" / f"{name}.json").read_text(encoding="utf-8"))
        # OB 3.0 B.1.3: a subject needs an id or an identifier; vckit.issue refuses it otherwise.
        document["credentialSubject"].setdefault("id", "did:example:learner-1")
        signed = vckit.issue(document, signer, created=CREATED)
        assert isinstance(signed, dict)
        out.append(signed)
    return out


def test_vckit_issued_badges_verify_in_vckit(issued: list[dict[str, Any]]) -> None:
    for badge in issued:
        report = vckit.verify(badge, now="2025-01-01T00:00:00Z")
        assert report.verified is True, str(report)


def test_proof_is_an_array_the_ob3_json_schema_accepts(issued: list[dict[str, Any]]) -> None:
    if not SCHEMA.exists():
        pytest.skip(f"OB 3.0 JSON Schema not available: {SCHEMA}")
    from jsonschema import Draft201909Validator  # type: ignore[import-untyped]

    validator = Draft201909Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    for badge in issued:
        assert isinstance(badge["proof"], list)
        errors = [
            e.message for e in validator.iter_errors(badge) if "proof" in list(e.absolute_path)[:1]
        ]
        assert errors == []
        single = {**badge, "proof": badge["proof"][0]}  # what add_proof alone writes
        assert any(list(e.absolute_path)[:1] == ["proof"] for e in validator.iter_errors(single))


@pytest.mark.node
def test_vckit_issued_badges_verify_in_the_js_stack(
    issued: list[dict[str, Any]], tmp_path: Path
) -> None:
    _require_peer()
    tampered = copy.deepcopy(issued[0])
    tampered["name"] = str(tampered.get("name", "")) + "!"
    path = tmp_path / "issued.json"
    path.write_text(json.dumps([*issued, tampered]), encoding="utf-8")
    completed = subprocess.run(
        [str(PEERS / "run.sh"), "verify", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr[-2000:]
    assert json.loads(completed.stdout) == [True, True, True, False]
