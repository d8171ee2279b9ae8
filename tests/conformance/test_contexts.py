"""The bundled contexts are the published documents.

Each bundled file must parse equal to the reference copy in ``../shared/vectors/contexts`` for
every URL it answers, and its bytes must match the sha256 its manifest records. The manifest is
read as package data, the way an installed vckit reads it.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import vectors_dir

from vckit import jsonld

CONTEXTS: Traversable = resources.files("vckit.jsonld").joinpath("contexts")
MANIFEST: dict[str, Any] = json.loads(CONTEXTS.joinpath("manifest.json").read_text("utf-8"))
ENTRIES: list[dict[str, Any]] = MANIFEST["contexts"]
ALTERNATES: list[dict[str, Any]] = MANIFEST["alternates"]
URL_FILE = [(url, entry["file"]) for entry in ENTRIES for url in entry["urls"]]

# URLs of the reference set that vckit does not bundle, and why (see docs/contexts.md).
NOT_BUNDLED = {
    "https://w3id.org/security/jwk/v1": "no registry package publishes it",
    "https://www.w3.org/ns/credentials/examples/v2": "no registry package publishes it",
    "https://w3id.org/citizenship/v3": "no registry package publishes it",
    "https://w3id.org/citizenship/v4rc1": "no registry package publishes it",
}


def _bundled(file: str) -> Any:
    return json.loads(CONTEXTS.joinpath(file).read_text("utf-8"))


def _reference_urls() -> dict[str, str]:
    folder = vectors_dir("contexts")
    urls: dict[str, str] = json.loads((folder / "urls.json").read_text("utf-8"))
    return urls


def _reference(file: str) -> Any:
    return json.loads((vectors_dir("contexts") / file).read_text("utf-8"))


@pytest.mark.parametrize(("url", "file"), URL_FILE, ids=[url for url, _ in URL_FILE])
def test_bundled_context_equals_reference(url: str, file: str) -> None:
    references = _reference_urls()
    assert url in references, f"{url} is bundled but has no reference copy to compare with"
    assert _bundled(file) == _reference(references[url])


@pytest.mark.parametrize("alternate", ALTERNATES, ids=[a["name"] for a in ALTERNATES])
def test_alternate_equals_reference(alternate: dict[str, Any]) -> None:
    published = _reference_urls()[alternate["url"]]
    reference = Path("alternates") / f"{published}.{alternate['name']}.json"
    assert _bundled(alternate["file"]) == _reference(str(reference))
    assert _bundled(alternate["file"]) != _reference(published)


@pytest.mark.parametrize(
    "entry", [*ENTRIES, *ALTERNATES], ids=[e["file"] for e in [*ENTRIES, *ALTERNATES]]
)
def test_manifest_sha256_matches_bundled_bytes(entry: dict[str, Any]) -> None:
    data = CONTEXTS.joinpath(entry["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["file"] for e in ENTRIES])
def test_manifest_records_source_and_licence(entry: dict[str, Any]) -> None:
    assert entry["licence"]
    source = entry["source"]
    if source["package"] is None:  # CLR 2.0: written from the data model
        assert source["written_from"].startswith("1EdTech Comprehensive Learner Record")
    else:
        assert source["registry"] in {"npm", "pypi"}
        assert source["version"]
        assert CONTEXTS.joinpath(entry["licence_file"]).is_file()


def test_every_bundled_file_is_in_the_manifest() -> None:
    listed = {entry["file"] for entry in [*ENTRIES, *ALTERNATES]} | {"manifest.json"}
    present = {item.name for item in CONTEXTS.iterdir() if item.is_file()}
    assert present == listed


def test_loader_serves_exactly_the_manifest_urls() -> None:
    assert jsonld.bundled_context_urls() == {url for url, _ in URL_FILE}


def test_reference_urls_not_bundled_are_the_known_ones() -> None:
    missing = set(_reference_urls()) - jsonld.bundled_context_urls()
    assert missing == set(NOT_BUNDLED)
