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
    assert text.count("NOT VERIFIED: Python 101") == 2
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
