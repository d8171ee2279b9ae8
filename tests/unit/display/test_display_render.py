"""The badge page shows what a person needs, for a good, an expired and a tampered badge."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import pytest
from tests.unit.display.display_support import CREDENTIAL, expired, good, tampered

from vckit.display import render_report_html
from vckit.openbadges import badge_png
from vckit.verification import CheckResult, CheckStatus, VerificationReport


class _Outline(HTMLParser):
    """Collects tags, attributes and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    parser.close()
    return parser


def _text(page: str) -> str:
    return " ".join(" ".join(_outline(page).text).split())


def test_good_badge_page_shows_everything() -> None:
    page = render_report_html(good())
    text = _text(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Data Literacy Foundations — verified</title>" in page
    assert "Verified Every required check passed." in text
    for expected in [
        "Data Literacy Foundations",
        "Example University Digital Academy",
        "did:web:learn.example.edu",
        "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "Issued 2 March 2026, 09:30 UTC",
        "Expires 2 March 2029, 09:30 UTC",
        "1. Complete the six course modules.",
        "Final project: city air quality dashboard",
        "Data literacy (ESCO skills · S5.6.1)",
        "ldp_vc, from a baked PNG image",
        "✓ Passed — Signature eddsa-rdfc-2022 proof by did:web:learn.example.edu",
        "– Skipped — Revocation status",
        "Endorsed by the Regional Skills Council — verified",
    ]:
        assert expected in text, expected
    links = [a["href"] for tag, a in _outline(page).tags if tag == "a"]
    assert links == [
        "https://learn.example.edu",
        "https://learn.example.edu/achievements/data-literacy/criteria",
        "https://learn.example.edu/portfolio/4711/final-project",
        "https://esco.ec.europa.eu/en/classification/skills",
        "https://sfia-online.org/en/sfia-9/skills/data-analytics",
    ]
    assert "Unconfirmed" not in text


def test_expired_badge_page() -> None:
    page = render_report_html(expired())
    text = _text(page)
    assert "<title>Data Literacy Foundations — not verified</title>" in page
    assert "Not verified Failed: Validity period." in text
    assert "Expires 2 March 2023, 09:30 UTC expired on 2023-03-02T09:30:00Z" in text
    assert "✗ Failed — Validity period EXPIRED" in text
    assert 'class="card unverified"' in page
    assert "Unconfirmed: these are the credential's own claims" in text


def test_tampered_badge_page() -> None:
    text = _text(render_report_html(tampered()))
    assert "Not verified Failed: Signature." in text
    assert "✗ Failed — Signature PROOF_VERIFICATION_ERROR the signature does not match" in text


def test_fragment_for_embedding() -> None:
    fragment = render_report_html(good(), fragment=True)
    assert fragment.startswith('<section class="vckit-badge" lang="en"><style>')
    assert fragment.endswith("</section>")
    assert "<html" not in fragment
    assert "<!DOCTYPE" not in fragment
    # every rule of the stylesheet is scoped to the fragment
    css = re.search(r"<style>(.*?)</style>", fragment, re.S)
    assert css is not None
    rules = re.sub(r":is\([^)]*\)", ":is()", css.group(1))
    selectors = re.findall(r"(?:^|})\s*([^{}@]+)\{", rules)
    assert selectors
    assert all(s.strip().startswith(".vckit-badge") for sel in selectors for s in sel.split(","))


def test_standalone_page_loads_nothing_and_runs_nothing() -> None:
    page = render_report_html(good())
    outline = _outline(page)
    assert (
        "meta",
        {
            "http-equiv": "Content-Security-Policy",
            "content": (
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
            ),
        },
    ) in outline.tags
    assert not [t for t, _ in outline.tags if t in ("script", "link", "iframe", "object", "embed")]
    assert not [
        a for t, a in outline.tags if t == "img" and not str(a.get("src", "")).startswith("data:")
    ]


def test_accessible_structure() -> None:
    outline = _outline(render_report_html(good()))
    tags = [t for t, _ in outline.tags]
    assert tags.count("h1") == 1
    assert tags.index("h1") < tags.index("h2")
    assert ("main", {}) in outline.tags
    svg = [a for t, a in outline.tags if t == "svg"]
    assert svg[0]["role"] == "img"
    assert [
        a.get("role") for t, a in outline.tags if t == "div" and "banner" in str(a.get("class"))
    ] == ["status"]


def test_a_safe_data_image_is_shown_as_img() -> None:
    report = good()
    data = base64.b64encode(badge_png(size=16)).decode()
    credential = dict(report.credential or {})
    credential["image"] = {"id": f"data:image/png;base64,{data}", "caption": "Our <logo>"}
    page = render_report_html(VerificationReport(True, "ldp_vc", credential, report.checks))
    imgs = [a for t, a in _outline(page).tags if t == "img"]
    assert imgs == [{"src": f"data:image/png;base64,{data}", "alt": "Our <logo>"}]


@pytest.mark.parametrize(
    "image",
    [
        "https://tracker.example/pixel.png",  # external: not loaded
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        'data:image/png;base64,AAAA" onerror="alert(1)',
    ],
)
def test_other_images_fall_back_to_the_generated_badge(image: str) -> None:
    report = good()
    credential = dict(report.credential or {})
    credential["image"] = image
    page = render_report_html(VerificationReport(True, "ldp_vc", credential, report.checks))
    tags = _outline(page).tags
    assert not [a for t, a in tags if t == "img"]
    assert [t for t, _ in tags].count("svg") == 1


def test_a_report_without_a_credential() -> None:
    report = VerificationReport(
        False,
        "unknown",
        None,
        (CheckResult("parse", CheckStatus.FAILED, code="PARSING_ERROR", message="not JSON"),),
    )
    text = _text(render_report_html(report))
    assert "Not verified Failed: Readable credential." in text
    assert "✗ Failed — Readable credential PARSING_ERROR not JSON" in text


def test_informational_and_errored_checks() -> None:
    report = VerificationReport(
        False,
        "ldp_vc",
        CREDENTIAL,
        (
            CheckResult(
                "status", CheckStatus.ERROR, code="STATUS_RETRIEVAL_ERROR", message="timeout"
            ),
            CheckResult("refresh", CheckStatus.FAILED, required=False, message="no service"),
            CheckResult("custom_check", CheckStatus.PASSED),
        ),
    )
    text = _text(render_report_html(report))
    assert "! Could not be checked — Revocation status STATUS_RETRIEVAL_ERROR timeout" in text
    assert "✗ Failed (informational) — Refresh service no service" in text
    assert "✓ Passed — custom_check" in text
    assert "Failed: Revocation status." in text


def test_only_reports_are_accepted() -> None:
    with pytest.raises(TypeError, match="expected a VerificationReport, not dict"):
        render_report_html({"verified": True})  # type: ignore[arg-type]


def test_a_vcdm_1_1_jwt_payload_shows_its_vc_claim() -> None:
    claims = {
        "iss": "did:example:issuer",
        "vc": {"name": "Legacy <Badge>", "credentialSubject": {}},
    }
    report = VerificationReport(True, "vc-jwt", claims, (CheckResult("proof", CheckStatus.PASSED),))
    page = render_report_html(report)
    assert "<h1>Legacy &lt;Badge&gt;</h1>" in page
    assert "<title>Legacy &lt;Badge&gt; — verified</title>" in page


def test_failed_checks_are_named_once_and_escaped_once() -> None:
    checks = (
        CheckResult("proof", CheckStatus.FAILED),
        CheckResult("proof", CheckStatus.FAILED),
        CheckResult("<b>x</b>", CheckStatus.FAILED),
    )
    page = render_report_html(VerificationReport(False, "ldp_vc", CREDENTIAL, checks))
    assert "Failed: Signature, &lt;b&gt;x&lt;/b&gt;." in page
    assert "&amp;lt;" not in page


def test_text_colours_meet_wcag_aa() -> None:
    from vckit.display._style import CSS
    from vckit.openbadges._image import contrast_ratio

    variables = dict(re.findall(r"--([\w-]+):(#[0-9a-f]{6})", CSS))

    def rgb(value: str) -> tuple[int, int, int]:
        value = variables.get(value, value)
        return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)

    page_background = "#f4f6f9"
    pairs = [
        ("ok", "ok-bg"),
        ("bad", "bad-bg"),
        ("warn", "warn-bg"),
        ("ink", "ok-bg"),
        ("ink", "bad-bg"),
        ("muted", "card"),
        ("muted", page_background),
        ("ink", page_background),
        ("ok", page_background),
        ("bad", page_background),
        ("bad", "card"),
        ("#1d4ed8", "card"),  # links
        ("#1d4ed8", page_background),
    ]
    for foreground, background in pairs:
        assert contrast_ratio(rgb(foreground), rgb(background)) >= 4.5, (foreground, background)
    assert f"background:{page_background}" in render_report_html(good())
