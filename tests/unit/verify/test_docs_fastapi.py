"""docs/verify.md's FastAPI wallet backend, run as written with FastAPI's TestClient."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from tests.unit.verify._support import Issuer

pytestmark = pytest.mark.usefixtures("no_network")

DOC = Path(__file__).resolve().parents[3] / "docs" / "verify.md"


def _example() -> str:
    blocks = re.findall(r"^```python\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.S | re.M)
    return next(block for block in blocks if "FastAPI()" in block)


def test_the_wallet_backend_verifies_an_upload(issuer: Issuer) -> None:
    pytest.importorskip("fastapi", reason="fastapi is in the test extra")
    from fastapi.testclient import TestClient

    namespace: dict[str, Any] = {"__name__": "docs_fastapi"}
    exec(compile(_example(), str(DOC), "exec"), namespace)
    client = TestClient(namespace["app"])

    good = issuer.signed()
    answer = client.post("/badges/verify", content=json.dumps(good).encode())
    assert answer.status_code == 200
    body = answer.json()
    assert (body["verified"], body["name"], body["errors"]) == (True, "Python 101", [])

    good["name"] = "Forged"
    forged = client.post("/badges/verify", content=json.dumps(good).encode()).json()
    assert forged["verified"] is False
    assert [e["check"] for e in forged["errors"]] == ["proof"]

    garbage = client.post("/badges/verify", content=b"\x00\x01 not a badge").json()
    assert [e["check"] for e in garbage["errors"]] == ["parse"]
