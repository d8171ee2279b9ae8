"""Fixtures for the JSON-LD unit tests.

``loader`` is vckit's bundled loader when it is installed, else a test-only loader serving the
reference contexts in ``../shared/vectors/contexts`` (the package itself never reads ../shared).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

CONTEXTS = Path(__file__).resolve().parents[3].parent / "shared" / "vectors" / "contexts"


def _shared_loader() -> Any:
    folder = CONTEXTS
    if not folder.exists():
        pytest.skip(f"reference contexts not available: {folder}")
    files: Mapping[str, str] = json.loads((folder / "urls.json").read_text(encoding="utf-8"))
    documents = {url: json.loads((folder / name).read_text("utf-8")) for url, name in files.items()}

    def load(url: str, options: Any = None) -> dict[str, Any]:
        from vckit.errors import DocumentLoaderError

        if url not in documents:
            raise DocumentLoaderError(f"context not available offline: {url}", url=url)
        return {"contextUrl": None, "documentUrl": url, "document": documents[url], "tag": "static"}

    return load


@pytest.fixture(scope="session")
def loader() -> Any:
    """The document loader the JSON-LD tests use."""
    try:
        module = importlib.import_module("vckit.jsonld._loader")
    except ImportError:
        return _shared_loader()
    return module.default_loader()
