"""Hostile ecdsa-sd-2023 derived proofs: each fails with its exact problem code, offline.

The derived proof value is CBOR, so besides forged signatures these cover the decoder: truncated
data, indefinite lengths, lengths that claim more than the data holds, trailing bytes.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import vectors_dir

from vckit import jsonld
from vckit._codec import base64url
from vckit.problems import MALFORMED_PROOF_ERROR, PROOF_VERIFICATION_ERROR
from vckit.proofs.dataintegrity import DataIntegrity

pytestmark = pytest.mark.usefixtures("no_network")

NOW = "2025-01-01T00:00:00Z"
DERIVED = b"\xd9\x5d\x01"


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _cbor(value: Any) -> bytes:
    """A minimal CBOR encoder for building test proof values."""
    if isinstance(value, bool) or value is None:
        raise TypeError(value)
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_cbor(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_cbor(k) + _cbor(v) for k, v in value.items())
    raise TypeError(value)


def _proof_value(payload: bytes) -> str:
    return "u" + base64url.encode(payload)


@pytest.fixture(scope="module")
def engine() -> DataIntegrity:
    contexts = vectors_dir("contexts")
    urls = json.loads((contexts / "urls.json").read_text(encoding="utf-8"))
    bundled = jsonld.default_loader()
    extra = {
        url: json.loads((contexts / file).read_text(encoding="utf-8"))
        for url, file in urls.items()
        if url not in bundled
    }
    return DataIntegrity(loader=jsonld.DocumentLoader(extra=extra))


@pytest.fixture(scope="module")
def derived() -> dict[str, Any]:
    folder = vectors_dir("di", "vc-di-ecdsa", "TestVectors", "ecdsa-sd-2023", "employ")
    document: dict[str, Any] = json.loads(
        (Path(folder) / "derivedRevealDocument.json").read_text(encoding="utf-8")
    )
    return document


@pytest.fixture(scope="module")
def parts(derived: dict[str, Any]) -> list[Any]:
    """The vector's derived proof, decoded into its five CBOR parts (for re-encoding)."""
    from vckit.proofs.dataintegrity import _cbor as decoder

    data = base64url.decode(derived["proof"]["proofValue"][1:])
    value: list[Any] = decoder.decode(data[3:])
    return value


def _with_value(derived: dict[str, Any], proof_value: str) -> dict[str, Any]:
    document = copy.deepcopy(derived)
    document["proof"]["proofValue"] = proof_value
    return document


def _codes(engine: DataIntegrity, document: dict[str, Any]) -> list[str]:
    result = engine.verify_proof(document, now=NOW)
    assert result.verified is False
    return [problem.code for problem in result.problems]


def test_reencoded_vector_still_verifies(
    engine: DataIntegrity, derived: dict[str, Any], parts: list[Any]
) -> None:
    """The test encoder is faithful, so the failures below are about what they change."""
    document = _with_value(derived, _proof_value(DERIVED + _cbor(parts)))
    assert engine.verify_proof(document, now=NOW).verified is True


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("wrong header", b"\xd9\x5d\x02" + _cbor([])),
        ("truncated", DERIVED + b"\x85\x58\x40" + b"\x00" * 10),
        ("indefinite array", DERIVED + b"\x9f\xff"),
        ("array claims 2**32 items", DERIVED + b"\x9b" + (2**32).to_bytes(8, "big")),
        ("byte string claims more than the data", DERIVED + b"\x5a\xff\xff\xff\xff"),
        ("integer not in shortest form", DERIVED + b"\x98\x05" + b"\x00" * 5),
        ("text string", DERIVED + b"\x61a"),
        ("four parts", DERIVED + _cbor([b"", b"", [], {}])),
    ],
)
def test_malformed_cbor(
    engine: DataIntegrity, derived: dict[str, Any], name: str, payload: bytes
) -> None:
    assert _codes(engine, _with_value(derived, _proof_value(payload))) == [MALFORMED_PROOF_ERROR]


def test_trailing_bytes(engine: DataIntegrity, derived: dict[str, Any], parts: list[Any]) -> None:
    payload = DERIVED + _cbor(parts) + b"\x00"
    assert _codes(engine, _with_value(derived, _proof_value(payload))) == [MALFORMED_PROOF_ERROR]


def test_proof_value_not_base64url(engine: DataIntegrity, derived: dict[str, Any]) -> None:
    value = "z" + derived["proof"]["proofValue"][1:]
    assert _codes(engine, _with_value(derived, value)) == [MALFORMED_PROOF_ERROR]


def test_huge_proof_value(engine: DataIntegrity, derived: dict[str, Any]) -> None:
    value = "u" + "A" * 2_000_000
    assert _codes(engine, _with_value(derived, value)) == [MALFORMED_PROOF_ERROR]


def test_mandatory_index_out_of_range(
    engine: DataIntegrity, derived: dict[str, Any], parts: list[Any]
) -> None:
    changed = [*parts[:4], [*parts[4], 10_000]]
    payload = DERIVED + _cbor(changed)
    assert _codes(engine, _with_value(derived, _proof_value(payload))) == [MALFORMED_PROOF_ERROR]


def test_one_signature_too_many(
    engine: DataIntegrity, derived: dict[str, Any], parts: list[Any]
) -> None:
    changed = [parts[0], parts[1], [*parts[2], parts[2][0]], parts[3], parts[4]]
    payload = DERIVED + _cbor(changed)
    assert _codes(engine, _with_value(derived, _proof_value(payload))) == [PROOF_VERIFICATION_ERROR]


def test_statement_signatures_swapped(
    engine: DataIntegrity, derived: dict[str, Any], parts: list[Any]
) -> None:
    signatures = list(parts[2])
    signatures[0], signatures[1] = signatures[1], signatures[0]
    payload = DERIVED + _cbor([parts[0], parts[1], signatures, parts[3], parts[4]])
    assert _codes(engine, _with_value(derived, _proof_value(payload))) == [PROOF_VERIFICATION_ERROR]


def test_blank_node_without_label(
    engine: DataIntegrity, derived: dict[str, Any], parts: list[Any]
) -> None:
    labels = dict(parts[3])
    labels.pop(next(iter(labels)))
    payload = DERIVED + _cbor([parts[0], parts[1], parts[2], labels, parts[4]])
    assert _codes(engine, _with_value(derived, _proof_value(payload))) == [PROOF_VERIFICATION_ERROR]


def test_mandatory_statement_made_optional(
    engine: DataIntegrity, derived: dict[str, Any], parts: list[Any]
) -> None:
    """Moving a statement out of the mandatory set changes the base signature's input."""
    payload = DERIVED + _cbor([parts[0], parts[1], parts[2], parts[3], parts[4][1:]])
    assert _codes(engine, _with_value(derived, _proof_value(payload))) == [PROOF_VERIFICATION_ERROR]
