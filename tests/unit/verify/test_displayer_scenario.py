"""1EdTech's displayer scenario: VC 2.0 and VC 1.1 badges that are valid, expired or revoked.

The status answer comes from a checker implementing the pipeline's protocol over an in-memory
revocation set, so the pipeline's classification is what is tested.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from tests.unit.verify._support import NOW, Issuer

import vckit
from vckit.status import StatusResult, StatusVerdict

pytestmark = pytest.mark.usefixtures("no_network")

LIST = "https://issuer.example/status/3"


class RevocationSet:
    def __init__(self, revoked: set[int]) -> None:
        self.revoked = revoked

    def check(
        self, credential: Mapping[str, Any], entry: Mapping[str, Any], *, now: Any
    ) -> StatusResult:
        index = int(entry["statusListIndex"])
        if index in self.revoked:
            return StatusResult(
                StatusVerdict.REVOKED, "revocation", None, f"index {index} is revoked"
            )
        return StatusResult(StatusVerdict.VALID, "revocation")


def _entry(index: int) -> dict[str, Any]:
    return {
        "id": f"{LIST}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": LIST,
    }


def _v1(badge: dict[str, Any]) -> dict[str, Any]:
    """The same badge as a VC 1.1 credential (OB context 3.0.2, issuanceDate / expirationDate)."""
    out = dict(badge)
    out["@context"] = [
        "https://www.w3.org/2018/credentials/v1",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
        "https://w3id.org/vc/status-list/2021/v1",
    ]
    out["issuanceDate"] = out.pop("validFrom")
    if "validUntil" in out:
        out["expirationDate"] = out.pop("validUntil")
    if "credentialStatus" in out:
        entry = out["credentialStatus"]
        out["credentialStatus"] = {
            "id": entry["id"],
            "type": "StatusList2021Entry",
            "statusPurpose": "revocation",
            "statusListIndex": entry["statusListIndex"],
            "statusListCredential": entry["statusListCredential"],
        }
    return out


CASES = [
    ("valid", {"credentialStatus": _entry(1)}, True, None),
    (
        "expired",
        {"credentialStatus": _entry(2), "validUntil": "2026-03-01T00:00:00Z"},
        False,
        ("validity", "EXPIRED"),
    ),
    ("revoked", {"credentialStatus": _entry(3)}, False, ("status", "CREDENTIAL_REVOKED")),
]


@pytest.mark.parametrize("version", ["2.0", "1.1"])
@pytest.mark.parametrize(
    ("label", "changes", "verified", "failure"), CASES, ids=[c[0] for c in CASES]
)
def test_displayer_classifies(
    issuer: Issuer,
    version: str,
    label: str,
    changes: dict[str, Any],
    verified: bool,
    failure: tuple[str, str] | None,
) -> None:
    badge = issuer.badge(**changes)
    if version == "1.1":
        badge = _v1(badge)
    signed = vckit.issue(badge, issuer.signer, created="2026-01-15T12:00:00Z")
    report = vckit.verify(signed, now=NOW, status=RevocationSet({3}))
    failed = [(c.check, c.code) for c in report.checks if c.failed]
    assert report.verified is verified, str(report)
    assert failed == ([failure] if failure else [])
    assert report.check("data_model").message.startswith(f"VC Data Model {version}")  # type: ignore[union-attr]
