"""validate() on the published examples: spec examples conform, 1EdTech's negatives are caught.

The 1EdTech validator's test credentials (``interop/1edtech-dc-public-validator``) come with the
outcome its own test suite expects (``interop/EXPECTATIONS.json``). Structural errors must be
reported at the path the file name points to; files that are wrong for non-structural reasons
(a bad signature, revoked, expired, unresolvable key) are structurally valid.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import VECTORS, vectors_dir

from vckit import openbadges as ob

ONE_EDTECH = "interop/1edtech-dc-public-validator"

# file -> the (path, rule) pairs validate must report (exactly).
STRUCTURAL_ERRORS: dict[str, list[tuple[str, str]]] = {
    # @context holds only the OB context: no VC context, so no VC version to take dates from.
    "ob30/simple-err-context.json": [
        ("/@context", "cardinality"),
        ("/@context/0", "context"),
        ("/@context/1", "context"),
        ("/validFrom", "required"),
        ("/credentialSubject/achievement", "required"),
    ],
    "ob30/simple-err-credential-subject-achievement-result-description-type.json": [
        ("/credentialSubject/achievement/resultDescription/2/type", "type")
    ],
    "ob30/simple-err-credential-subject-identifier-type.json": [
        ("/credentialSubject/identifier/0/type", "type")
    ],
    "ob30/simple-err-credential-subject-profile-type.json": [
        ("/credentialSubject/source/type", "type")
    ],
    "ob30/simple-err-credential-subject-result-type.json": [
        ("/credentialSubject/result/1/type", "type")
    ],
    "ob30/simple-err-credential-subject-type.json": [("/credentialSubject/type", "type")],
    "ob30/simple-err-evidence-type.json": [("/evidence/1/type", "type")],
    "ob30/simple-err-issuer-otheridentifier-type.json": [
        ("/issuer/otherIdentifier/1/type", "type")
    ],
    "ob30/simple-err-issuer-parentorg-type.json": [("/issuer/parentOrg/type", "type")],
    "ob30/simple-err-issuer-type.json": [("/issuer/type", "type")],
    "ob30/simple-err-issuer.json": [
        ("/issuer", "required"),
        ("/credentialSubject/achievement", "required"),
    ],
    "ob30/simple-err-proof-method-no-scheme.json": [("/proof/0/verificationMethod", "format")],
    "ob30/simple-err-type.json": [
        ("/type", "type"),
        ("/credentialSubject/achievement", "required"),
    ],
}

STRUCTURALLY_VALID = [
    "clr20/simple.json",
    "clr20/simple_v1.json",
    "ob30/complete.json",
    "ob30/endorsement-valid.json",
    "ob30/simple.json",
    "ob30/simple_v1.json",
    "ob30/simple-context-alias.json",
    "ob30/simple-context-version.json",
    "ob30/simple-did-key-method.json",
    "ob30/simple-eddsa-2022.json",
    "ob30/sd/derivedcredential.json",
    # Invalid for reasons outside the data model: signature, key, status, dates.
    "ob30/simple-err-proof-value.json",
    "ob30/simple-err-proof-method.json",
    "ob30/simple-err-proof-method-unknown-did-method.json",
    "ob30/simple-err-expired.json",
    "ob30/simple-multiple-proofs.json",
    "ob30/credential-status-revoked.json",
    "ob30/bit-string-list/credential-status-revoked.json",
    "ob30/endorsement-err-schema-status-refresh.json",
]


def _load(relative: str) -> dict[str, object]:
    path = vectors_dir(*ONE_EDTECH.split("/")) / relative
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(
    ("name", "expected"), STRUCTURAL_ERRORS.items(), ids=list(STRUCTURAL_ERRORS)
)
def test_1edtech_negatives_are_reported_where_expected(
    name: str, expected: list[tuple[str, str]]
) -> None:
    assert [(i.path, i.rule) for i in ob.validate(_load(name))] == expected


@pytest.mark.parametrize("name", STRUCTURALLY_VALID)
def test_1edtech_structurally_valid_credentials(name: str) -> None:
    assert ob.validate(_load(name)) == []


def _spec_examples() -> list[Path]:
    if not VECTORS.exists():
        return []
    roots = [VECTORS / "ob3" / "spec-examples" / "extracted", VECTORS / "ob3" / "third-party"]
    found = []
    for root in roots:
        for path in sorted(root.rglob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                continue
            if isinstance(data, dict) and ob.credential_class(data) is not None:
                found.append(path)
    return found


# Spec examples that break the data model on purpose or by mistake, with what vckit reports.
SPEC_EXAMPLE_FINDINGS: dict[str, list[tuple[str, str]]] = {
    # B.1.11: IdentifierEntry "type IRI MUST be the IRI 'IdentifierEntry'. [1]" (one value, and
    # the schema's "type": "string"); this example writes ["IdentifierEntry"].
    "migrating-ex05-upgraded-ob-2-0-assertion-included-within-clr-2-0.json": [
        ("/issuer/otherIdentifier/0/type", "cardinality")
    ],
}


@pytest.mark.parametrize("path", _spec_examples(), ids=lambda p: p.name)
def test_spec_and_third_party_examples_conform(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    found = [(i.path, i.rule) for i in ob.validate(data)]
    assert found == SPEC_EXAMPLE_FINDINGS.get(path.name, [])
