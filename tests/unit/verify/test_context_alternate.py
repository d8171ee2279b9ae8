"""The pipeline's context-alternate retry (docs/verify.md, the ``proof`` check): a badge signed
against the other published version of ``context-3.0.3.json`` should verify once more with that
version and carry the warning ``CONTEXT_ALTERNATE_USED``.

The retry runs only after a ``PROOF_VERIFICATION_ERROR``. The one bundled alternate
(``1edtech-validator-2026``) differs from the published document only by defining ``jti`` and
``endorsementJwt`` at the top level, and a term the published version lacks is now refused as
``DATA_LOSS_DETECTION_ERROR`` (issue 16 item 8), so the retry is never reached. The strict xfail
pins that; it fails (XPASS) as soon as the retry fires again, so the marker goes with the fix.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.fuzz.fuzz_support import ISSUER_KEY, NOW, badge

import vckit
from vckit import jsonld
from vckit.proofs import dataintegrity

OB303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
VERSION = "1edtech-validator-2026"


def _signed_against_the_alternate() -> dict[str, Any]:
    document = {**badge(), "jti": "urn:uuid:4f1c2e0a-8d7b-4e2a-9c1d-3b5a6e7f8091"}
    signed = dataintegrity.add_proof(
        jsonld.with_context_alternate(document, OB303, VERSION),
        ISSUER_KEY.signer(),
        created="2025-01-01T00:00:00Z",
    )
    signed["@context"] = document["@context"]  # as the issuer published it: the real URL
    signed["proof"].pop("@context", None)
    return signed


def test_the_alternate_is_bundled_and_differs_where_the_badge_uses_it() -> None:
    assert jsonld.context_alternates(OB303) == {
        VERSION: "urn:vckit:alternate-context:1edtech-validator-2026:ob-v3p0-context-3.0.3"
    }
    swapped = jsonld.with_context_alternate(_signed_against_the_alternate(), OB303, VERSION)
    assert dataintegrity.verify_proof(swapped, now=NOW).verified is True


@pytest.mark.xfail(
    strict=True,
    reason="the retry runs only on PROOF_VERIFICATION_ERROR; the published version reports "
    "DATA_LOSS_DETECTION_ERROR for the alternate's extra term",
)
def test_a_badge_signed_against_the_alternate_verifies_with_a_warning() -> None:
    report = vckit.verify(_signed_against_the_alternate(), now=NOW)
    assert report.verified is True
    assert [warning.code for warning in report.warnings] == ["CONTEXT_ALTERNATE_USED"]


def test_today_it_fails_with_data_loss_detection() -> None:
    report = vckit.verify(_signed_against_the_alternate(), now=NOW)
    proof = next(check for check in report.checks if check.check == "proof")
    assert report.verified is False
    assert proof.code == "DATA_LOSS_DETECTION_ERROR"
