"""The report: truth value, JSON (ProblemDetails), text summary, HTML delegation, raising."""

from __future__ import annotations

import copy
import json
import sys
import types
from typing import Any

import pytest
from tests.unit.verify._support import NOW

import vckit
from vckit.errors import VerificationError
from vckit.verification import VCKIT_PROBLEM_BASE, VerificationReport

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture
def bad_report(badge: dict[str, Any]) -> VerificationReport:
    tampered = copy.deepcopy(badge)
    tampered["validUntil"] = "2026-02-01T00:00:00Z"
    return vckit.verify(tampered, now=NOW)


def test_report_has_no_truth_value(bad_report: VerificationReport) -> None:
    with pytest.raises(TypeError, match=r"report\.verified"):
        bool(bad_report)


def test_to_json_is_problem_details(bad_report: VerificationReport) -> None:
    out = bad_report.to_json()
    json.dumps(out)  # plain JSON all the way down
    assert out["verified"] is False
    assert out["name"] == "Python 101"
    assert [(e["check"], e["type"]) for e in out["errors"]] == [
        ("proof", "https://w3id.org/security#PROOF_VERIFICATION_ERROR"),
        ("validity", VCKIT_PROBLEM_BASE + "EXPIRED"),
    ]
    assert out["errors"][1]["title"] == "Credential expired"
    assert [c["check"] for c in out["checks"]][:3] == ["parse", "context", "data_model"]


def test_str_puts_the_badge_first_then_one_line_per_check(
    bad_report: VerificationReport,
) -> None:
    lines = str(bad_report).splitlines()
    assert lines[0] == "NOT VERIFIED: Python 101 [json-ld]"
    assert lines[1].startswith("  issuer:    Example College (did:key:")
    assert lines[2] == "  recipient: hashed emailAddress"
    assert len(lines) == 3 + len(bad_report.checks)
    assert any(line.startswith("  [FAIL] validity") and "EXPIRED" in line for line in lines)


def test_raise_for_failure_carries_the_report(
    bad_report: VerificationReport, badge: dict[str, Any]
) -> None:
    with pytest.raises(VerificationError, match="proof: PROOF_VERIFICATION_ERROR") as caught:
        bad_report.raise_for_failure()
    assert caught.value.report is bad_report
    vckit.verify(badge, now=NOW).raise_for_failure()  # verified: no error


def test_to_html_delegates_to_vckit_display(
    bad_report: VerificationReport, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []
    fake = types.ModuleType("vckit.display")

    def render_report_html(report: VerificationReport, *, fragment: bool = False) -> str:
        seen.append((report, fragment))
        return "<section>ok</section>"

    fake.render_report_html = render_report_html  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "vckit.display", fake)
    assert bad_report.to_html(fragment=True) == "<section>ok</section>"
    assert seen == [(bad_report, True)]


def test_problems_lists_failed_required_checks(bad_report: VerificationReport) -> None:
    assert [p.code for p in bad_report.problems] == ["PROOF_VERIFICATION_ERROR", "EXPIRED"]
