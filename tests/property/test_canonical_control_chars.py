"""Control characters: vckit escapes them as RDFC-1.0 requires, which pyld does not (rdf-canon
test060), so here the Digital Bazaar JS stack is the oracle (``../shared/peers/run.sh canonize``).

Every C0 control character and DEL is placed in generated badges' text fields; the whole batch goes
through one ``node`` run.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import PEERS
from tests.unit.jsonld.jsonld_support import pyld_canonical

from vckit import jsonld

pytestmark = pytest.mark.node

VC2 = "https://www.w3.org/ns/credentials/v2"
OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTROLS = [chr(c) for c in (*range(0x20), 0x7F)]


def _badge(rng: random.Random, index: int) -> dict[str, Any]:
    def noisy() -> str:
        chars = [rng.choice('abcé漢 "\\') for _ in range(rng.randint(0, 6))]
        for _ in range(rng.randint(1, 3)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(CONTROLS))
        return "".join(chars)

    return {
        "@context": [VC2, OB303],
        "id": f"urn:example:credential:{index}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": CONTROLS[index % len(CONTROLS)] + noisy(),
        "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": noisy()},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": f"https://example.org/achievements/{index}",
                "type": ["Achievement"],
                "name": noisy(),
                "description": noisy(),
                "criteria": {"narrative": noisy()},
            },
        },
    }


def _js_canonize(documents: list[dict[str, Any]], tmp_path: Path) -> list[Any]:
    runner = PEERS / "run.sh"
    if not runner.exists() or shutil.which("node") is None:
        pytest.skip("the JS peer (node + ../shared/peers) is not available")
    source = tmp_path / "docs.json"
    source.write_text(json.dumps(documents), encoding="utf-8")
    done = subprocess.run(
        [str(runner), "canonize", str(source)], capture_output=True, text=True, timeout=120
    )
    if done.returncode != 0:
        pytest.skip(f"the JS peer could not run: {done.stderr[:200]}")
    result: list[Any] = json.loads(done.stdout)
    return result


def test_control_characters_match_the_js_stack(tmp_path: Path) -> None:
    rng = random.Random(20240101)
    documents = [_badge(rng, index) for index in range(2 * len(CONTROLS))]
    expected = _js_canonize(documents, tmp_path)
    assert len(expected) == len(documents)
    for document, theirs in zip(documents, expected, strict=True):
        assert isinstance(theirs, str), theirs
        assert jsonld.canonicalize(document) == theirs


def test_pyld_differs_on_control_characters() -> None:
    """Documents why pyld is not the oracle here: it writes U+0008 raw instead of ``\\b``."""
    document = _badge(random.Random(1), 8)
    document["name"] = "back\bspace"
    ours = jsonld.canonicalize(document)
    assert '"back\\bspace"' in ours
    assert '"back\\bspace"' not in pyld_canonical(document)
