"""The pipeline's context-alternate retry (docs/verify.md, the ``proof`` check): a badge signed
against the other published version of ``context-3.0.3.json`` verifies once more with that
version and carries the warning ``CONTEXT_ALTERNATE_USED``.

The one bundled alternate (``1edtech-validator-2026``) differs from the published document by
defining ``jti`` and ``endorsementJwt`` at the top level, so under the published version such a
badge is ``DATA_LOSS_DETECTION_ERROR`` (issue 16 item 8), not a signature mismatch: the retry
runs for both.
"""

from __future__ import annotations

from typing import Any

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


def test_a_badge_signed_against_the_alternate_verifies_with_a_warning() -> None:
    report = vckit.verify(_signed_against_the_alternate(), now=NOW)
    assert report.verified is True
    assert [warning.code for warning in report.warnings] == ["CONTEXT_ALTERNATE_USED"]


def test_without_the_retry_it_would_be_data_loss() -> None:
    from vckit.proofs.dataintegrity import DataIntegrity

    result = DataIntegrity().verify_proof(_signed_against_the_alternate(), now=NOW)
    assert [p.code for p in result.problems] == ["DATA_LOSS_DETECTION_ERROR"]


def test_a_forged_badge_is_not_rescued_by_the_alternate() -> None:
    forged = _signed_against_the_alternate()
    forged["credentialSubject"]["achievement"]["name"] = "Forged"
    report = vckit.verify(forged, now=NOW)
    assert report.verified is False
    assert "CONTEXT_ALTERNATE_USED" not in [warning.code for warning in report.warnings]
