"""Fixtures for the JSON-LD unit tests."""

from __future__ import annotations

from typing import Any

import pytest

from vckit.jsonld._loader import default_loader


@pytest.fixture(scope="session")
def loader() -> Any:
    """vckit's bundled, offline document loader."""
    return default_loader()
