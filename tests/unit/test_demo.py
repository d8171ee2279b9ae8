import io
from datetime import UTC, datetime

import vckit
from vckit import keys
from vckit.demo import issue_demo_badge, main

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_demo_prints_a_readable_report_for_each_badge() -> None:
    out = io.StringIO()
    assert main(out, argv=[]) == 0
    text = out.getvalue()
    assert "VERIFIED: Python 101 [json-ld]" in text
    revoked = "== A badge its issuer revoked" in text  # when vckit.status has its registry
    assert text.count("NOT VERIFIED: Python 101") == 2 + revoked
    assert "[FAIL] proof          PROOF_VERIFICATION_ERROR" in text
    assert "[FAIL] validity       EXPIRED" in text
    assert '"proofValue"' not in text  # the JSON stays out of the way


def test_demo_json_flag_prints_the_signed_badge() -> None:
    out = io.StringIO()
    assert main(out, argv=["--json"]) == 0
    assert '"proofValue"' in out.getvalue()


def test_demo_badge_is_issued_with_a_proof_array_and_verifies() -> None:
    badge = issue_demo_badge(keys.generate("Ed25519"))
    assert isinstance(badge["proof"], list)
    report = vckit.verify(badge, now=NOW, recipient="learner@example.edu")
    assert report.verified is True
    assert report.check("recipient").status.value == "passed"  # type: ignore[union-attr]


def test_demo_revoked_badge_when_status_support_is_installed() -> None:
    from vckit.demo import revoked_demo

    report = revoked_demo(keys.generate("Ed25519"), NOW)
    if report is None:
        import pytest

        pytest.skip("vckit.status has no StatusRegistry / StatusChecker on this branch yet")
    assert [(c.check, c.code) for c in report.checks if c.failed] == [
        ("status", "CREDENTIAL_REVOKED")
    ]
