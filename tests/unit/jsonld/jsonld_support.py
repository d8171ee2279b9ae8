"""Helpers shared by the JSON-LD tests: the peers' fixtures and pyld as the reference."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.conftest import PEERS

from vckit.jsonld._loader import default_loader

FIXTURES = PEERS / "fixtures"


def fixture(name: str) -> dict[str, Any]:
    """One of ``../shared/peers/fixtures`` (skips when absent)."""
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"peer fixtures not available: {path}")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def pyld_canonical(document: Any) -> str:
    """pyld's canonical N-Quads with vckit's JSON-LD settings (the oracle)."""
    from pyld import jsonld as pyld_jsonld

    result = pyld_jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": default_loader(),
            "base": None,
            "rdfDirection": "i18n-datatype",
        },
    )
    return str(result)
