"""Credentials signed by other implementations (1EdTech, DCC, Spruce) through ``verify_proof``.

The expected outcome of every proof comes from ``interop/EXPECTATIONS.json``: the collector's
offline signature check says which proofs are valid, which fail their signature, which name a
key that cannot be resolved, and which use a suite nobody here implements. Each proof must come
out exactly so, with the matching problem code. Keys come from a ``LocalKeyResolver`` seeded with
the DID documents of ``did_web_map``; nothing touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import vectors_dir

from vckit import jsonld, keys
from vckit.problems import (
    CONTEXT_VALIDATION_ERROR,
    CRYPTOSUITE_UNSUPPORTED_ERROR,
    DATA_LOSS_DETECTION_ERROR,
    INVALID_VERIFICATION_METHOD_ERROR,
    MALFORMED_PROOF_ERROR,
    MISMATCHED_PROOF_PURPOSE_ERROR,
    PROOF_VERIFICATION_ERROR,
)
from vckit.proofs.dataintegrity import DEFAULT_CRYPTOSUITES, DataIntegrity

pytestmark = pytest.mark.usefixtures("no_network")

NOW = "2026-11-01T00:00:00Z"  # after every fixture's proof was created
_RELATIONSHIPS = (
    "assertionMethod",
    "authentication",
    "capabilityInvocation",
    "capabilityDelegation",
)


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _expectations() -> dict[str, Any]:
    root = Path(__file__).resolve().parents[2].parent / "shared" / "vectors"
    path = root / "interop" / "EXPECTATIONS.json"
    return _json(path) if path.exists() else {"files": {}, "did_web_map": {}}


def _proofs(document: dict[str, Any]) -> list[Any]:
    proof = document.get("proof")
    return proof if isinstance(proof, list) else [proof]


def _signed_files() -> Iterator[str]:
    for name, entry in _expectations()["files"].items():
        if entry.get("collector_signature_check") and not name.endswith((".png", ".svg", ".jwt")):
            yield name


# -- resolver and loader ----------------------------------------------------------------------


def _did_document_methods(did: str, document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Verification methods of a DID document with the relationships that list them."""

    def absolute(method_id: str) -> str:
        return did + method_id if method_id.startswith("#") else method_id

    methods: dict[str, dict[str, Any]] = {}
    for vm in document.get("verificationMethod", []):
        methods[absolute(vm["id"])] = {**vm, "id": absolute(vm["id"]), "relationships": []}
    for relationship in _RELATIONSHIPS:
        for item in document.get(relationship) or []:
            if isinstance(item, dict):
                method_id = absolute(item["id"])
                methods.setdefault(method_id, {**item, "id": method_id, "relationships": []})
            else:
                method_id = absolute(item)
            methods[method_id]["relationships"].append(relationship)
    return methods


def _fixture_key_methods(documents: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Keys the fixtures name but never published, recovered the way their authors' tests do.

    1EdTech's fixtures name ``https://…#z6Mk…`` / ``urn:uuid:…#z6Mk…`` methods whose fragment is
    the Multikey itself (the issuer profile that would list it is not online), and bare
    ``did:key:z6Mk…`` DIDs, which 1EdTech's validator dereferences to the key although a DID is
    not a verification-method id (vckit's LocalKeyResolver requires the fragment). Unresolvable
    did:web methods are left alone: their fixtures expect exactly that failure.
    """
    methods: dict[str, dict[str, Any]] = {}
    for document in documents:
        for proof in _proofs(document):
            method_id = proof.get("verificationMethod") if isinstance(proof, dict) else None
            if not isinstance(method_id, str):
                continue
            if method_id.startswith("did:key:") and "#" not in method_id:
                controller, multikey = method_id, method_id.removeprefix("did:key:")
            elif not method_id.startswith("did:") and "#z" in method_id:
                controller, _, multikey = method_id.partition("#")
            else:
                continue
            vm = {
                "id": method_id,
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": multikey,
            }
            try:
                keys.PublicKey.from_verification_method(vm)
            except Exception:  # not a key: the fixture is a negative about exactly that
                continue
            methods[method_id] = vm
    return methods


@pytest.fixture(scope="module")
def interop() -> tuple[DataIntegrity, keys.LocalKeyResolver, Path]:
    root = vectors_dir()
    expectations = _json(root / "interop" / "EXPECTATIONS.json")
    methods: dict[str, dict[str, Any]] = {}
    for did, file in expectations["did_web_map"].items():
        methods.update(_did_document_methods(did, _json(root / file)))
    usable = {}
    for method_id, vm in methods.items():
        try:
            keys.LocalKeyResolver({method_id: vm})
        except Exception:  # Ed25519VerificationKey2018 / RSA JWKs of suites vckit does not do
            continue
        usable[method_id] = vm
    documents = [_json(root / name) for name in _signed_files()]
    usable.update(_fixture_key_methods(documents))
    urls = _json(root / "contexts" / "urls.json")
    bundled = jsonld.default_loader()
    extra = {
        url: _json(root / "contexts" / file) for url, file in urls.items() if url not in bundled
    }
    engine = DataIntegrity(loader=jsonld.DocumentLoader(extra=extra))
    return engine, keys.LocalKeyResolver(usable), root


# -- expected outcome per proof ---------------------------------------------------------------


def _expected(
    check: list[Any], proof: Any, entry: dict[str, Any], did_web_map: dict[str, str]
) -> str | None:
    """The problem code the collector's verdict on one proof implies (None: must verify).

    Where the collector could not check a suite that vckit implements (ecdsa-sd-2023), the
    upstream project's own verdict on the file decides.
    """
    suite, verdict = check
    if verdict == "unsupported-by-collector" and suite in DEFAULT_CRYPTOSUITES:
        return None if entry["expected"].startswith("valid") else PROOF_VERIFICATION_ERROR
    if verdict is True:
        method = proof.get("verificationMethod", "")
        if method.startswith("did:web:") and method.split("#")[0] not in did_web_map:
            return INVALID_VERIFICATION_METHOD_ERROR  # "did:web does not resolve"
        return None
    if verdict == "unsupported-by-collector":
        return CRYPTOSUITE_UNSUPPORTED_ERROR
    text = str(verdict)
    if "InvalidSignature" in text or "JsonLdError" in text:
        return PROOF_VERIFICATION_ERROR
    if "cannot resolve" in text or "unsupported key codec" in text:
        return INVALID_VERIFICATION_METHOD_ERROR
    raise AssertionError(f"unclassified collector verdict for {suite}: {text}")


_NAMES = list(_signed_files())


@pytest.mark.parametrize("name", _NAMES, ids=[n.removeprefix("interop/") for n in _NAMES])
def test_interop_credential(
    name: str, interop: tuple[DataIntegrity, keys.LocalKeyResolver, Path]
) -> None:
    engine, resolver, root = interop
    expectations = _json(root / "interop" / "EXPECTATIONS.json")
    entry = expectations["files"][name]
    document = _json(root / name)
    checks = entry["collector_signature_check"]
    is_presentation = "VerifiablePresentation" in document.get("type", [])
    purpose = "authentication" if is_presentation else "assertionMethod"
    result = engine.verify_proof(document, resolver, expected_proof_purpose=purpose, now=NOW)
    if result.problems and {p.code for p in result.problems} == {CONTEXT_VALIDATION_ERROR}:
        # Context Validation refuses the document before any proof (inline context objects,
        # a first entry that is not a VC base context): strict by default. The signatures
        # themselves are still checked against the collector's verdicts, with the document's
        # inline contexts allow-listed.
        assert (result.verified, result.proofs) == (False, ())
        reasons = {p.detail["reason"] for p in result.problems}
        assert reasons <= {"inline-context", "base-context-not-first"}, reasons
        inline = [c for c in document["@context"] if isinstance(c, dict)]
        result = engine.verify_proof(
            document,
            resolver,
            expected_proof_purpose=purpose,
            now=NOW,
            allowed_inline_contexts=inline,
        )
        assert result.verified is False or "base-context-not-first" not in reasons

    if checks == [["no-proof", None]]:
        assert [p.code for p in result.problems] == [MALFORMED_PROOF_ERROR]
        return
    proofs = _proofs(document)
    assert len(proofs) == len(checks)
    expected = [
        _expected(check, proof, entry, expectations["did_web_map"])
        for check, proof in zip(checks, proofs, strict=True)
    ]
    if result.proofs:
        actual = [None if r.verified else r.problems[0].code for r in result.proofs]
    else:  # refused as a whole (a context off the allow-list) before any proof was looked at
        actual = [result.problems[0].code] * len(proofs)
    # The collector canonicalized without safe mode, so data JSON-LD drops surfaced there as a
    # bad signature (or a pyld error); vckit refuses the same proofs earlier, as data loss.
    for problem in result.problems:
        if problem.code == DATA_LOSS_DETECTION_ERROR:
            assert "safe mode" in problem.message
    # A document whose first context is not a VC base context cannot be allow-listed into
    # validity: every proof of it fails, as the collector's verdicts say.
    actual = [
        PROOF_VERIFICATION_ERROR
        if code in (DATA_LOSS_DETECTION_ERROR, CONTEXT_VALIDATION_ERROR)
        and wanted == PROOF_VERIFICATION_ERROR
        else code
        for code, wanted in zip(actual, expected, strict=True)
    ]
    assert actual == expected, [p.message for p in result.problems]
    assert result.verified is all(code is None for code in expected)


def test_credential_must_not_be_verified_for_the_wrong_purpose(
    interop: tuple[DataIntegrity, keys.LocalKeyResolver, Path],
) -> None:
    engine, resolver, root = interop
    document = _json(root / "interop/spruceid-ssi/tests/lds-ed25519-2020-vp0.jsonld")
    result = engine.verify_proof(document, resolver, now=NOW)
    assert [p.code for p in result.problems] == [MISMATCHED_PROOF_PURPOSE_ERROR]


def test_every_valid_credential_is_covered() -> None:
    """The files the interop suite calls plainly valid all carry proofs vckit checks."""
    names = list(_signed_files())
    if not names:
        pytest.skip("conformance data not available")
    valid = [n for n in names if _expectations()["files"][n]["expected"] == "valid"]
    assert len(valid) > 40
