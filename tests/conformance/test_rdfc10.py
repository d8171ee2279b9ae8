"""The W3C RDF Dataset Canonicalization (RDFC-1.0) test suite, every manifest entry.

Eval tests compare the canonical N-Quads byte for byte, map tests compare the issued identifiers
map, test075 hashes with SHA-384, and the negative test (test074, a 10-node blank node clique)
must stop with ``CanonicalizationWorkLimitError`` rather than run for hours.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import VECTORS, vectors_dir

from vckit import rdfc
from vckit.errors import CanonicalizationWorkLimitError

_MANIFEST = VECTORS / "rdfc10" / "manifest.jsonld"
_HASHES = {"SHA256": "sha256", "SHA384": "sha384"}


def _entries() -> list[Any]:
    """Manifest entries as pytest params; one skipped placeholder when the vectors are absent."""
    if not _MANIFEST.exists():
        return [pytest.param(None, id="rdfc10-vectors-absent")]
    manifest = json.loads(_MANIFEST.read_text(encoding="utf-8"))
    return [pytest.param(entry, id=entry["id"].lstrip("#")) for entry in manifest["entries"]]


@pytest.mark.parametrize("entry", _entries())
def test_rdfc10_manifest_entry(entry: dict[str, Any] | None) -> None:
    base = vectors_dir("rdfc10")
    assert entry is not None
    action = (base / entry["action"]).read_text(encoding="utf-8")
    hash_algorithm = _HASHES[entry.get("hashAlgorithm", "SHA256")]
    kind = entry["type"]
    if kind == "rdfc:RDFC10NegativeEvalTest":
        with pytest.raises(CanonicalizationWorkLimitError):
            rdfc.canonicalize(action, hash_algorithm)
    elif kind == "rdfc:RDFC10MapTest":
        expected_map = json.loads(_result(base, entry))
        _, issued = rdfc.canonicalize_with_map(
            rdfc.parse_nquads(action), hash_algorithm=hash_algorithm
        )
        assert issued == expected_map
        assert list(issued) == sorted(issued, key=lambda label: int(issued[label][4:]))
    elif kind == "rdfc:RDFC10EvalTest":
        assert rdfc.canonicalize(action, hash_algorithm) == _result(base, entry)
    else:
        pytest.fail(f"unknown test type {kind!r} in the rdfc10 manifest")


def _result(base: Path, entry: dict[str, Any]) -> str:
    result: str = entry["result"]
    return (base / result).read_text(encoding="utf-8")


def test_manifest_covers_every_kind() -> None:
    """Guard against a manifest change silently dropping a class of tests."""
    manifest = json.loads((vectors_dir("rdfc10") / "manifest.jsonld").read_text(encoding="utf-8"))
    kinds = {entry["type"] for entry in manifest["entries"]}
    assert kinds == {
        "rdfc:RDFC10EvalTest",
        "rdfc:RDFC10MapTest",
        "rdfc:RDFC10NegativeEvalTest",
    }
    assert any(entry.get("hashAlgorithm") == "SHA384" for entry in manifest["entries"])
