import io
from datetime import UTC, datetime
from pathlib import Path

import vckit
from vckit import keys
from vckit.demo import issue_demo_badge, main

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_demo_prints_a_readable_report_for_each_badge() -> None:
    out = io.StringIO()
    assert main(out, argv=[]) == 0
    text = out.getvalue()
    assert "Baked it into a" in text
    assert "== The baked badge image\nVERIFIED: Python 101 [json-ld from a PNG image]" in text
    assert "== A badge its issuer revoked" in text
    assert text.count("NOT VERIFIED: Python 101") == 3
    assert "[FAIL] status         CREDENTIAL_REVOKED" in text
    assert "[FAIL] proof          PROOF_VERIFICATION_ERROR" in text
    assert "[FAIL] validity       EXPIRED" in text
    assert '"proofValue"' not in text  # the JSON stays out of the way


def test_demo_out_writes_the_baked_image_and_the_badge_page(tmp_path: Path) -> None:
    assert main(io.StringIO(), argv=["--out", str(tmp_path)]) == 0
    image = (tmp_path / "badge.png").read_bytes()
    assert vckit.verify(image, recipient="learner@example.edu").verified is True
    page = (tmp_path / "badge.html").read_text(encoding="utf-8")
    assert "Python 101" in page
    assert "<script" not in page


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
    assert [(c.check, c.code) for c in report.checks if c.failed] == [
        ("status", "CREDENTIAL_REVOKED")
    ]
