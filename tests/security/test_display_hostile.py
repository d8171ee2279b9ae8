"""A hostile credential on the badge page: no script, no handler, no javascript: link, bounded size."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from vckit.display import render_report_html
from vckit.verification import CheckResult, CheckStatus, VerificationReport

SCRIPT = "<script>alert(document.cookie)</script>"
HANDLER = '"><img src=x onerror=alert(1)><svg onload=alert(2)>'
URLS = [
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//attacker.example/x",
    'https://ok.example/" onmouseover="alert(1)',
]
HUGE = "A" * 5_000_000
LONG_SCRIPT = SCRIPT + HUGE


def _hostile() -> dict[str, Any]:
    item = {
        "id": URLS[0],
        "name": SCRIPT + HANDLER,
        "description": HUGE,
        "narrative": SCRIPT,
        "targetName": HANDLER,
        "targetUrl": URLS[1],
        "targetFramework": SCRIPT,
        "targetCode": HANDLER,
        "targetDescription": HUGE,
    }
    return {
        "@context": SCRIPT,
        "id": HANDLER,
        "type": ["VerifiableCredential", SCRIPT],
        "name": LONG_SCRIPT,
        "description": HANDLER,
        "image": {"id": URLS[4], "caption": HANDLER},
        "issuer": {"id": SCRIPT, "name": HANDLER, "url": URLS[2], "image": URLS[0]},
        "validFrom": SCRIPT,
        "validUntil": {"nested": SCRIPT},
        "credentialSubject": {
            "id": HANDLER,
            "name": SCRIPT,
            "identifier": [{"identityType": SCRIPT, "identityHash": HANDLER, "hashed": False}]
            * 1000,
            "achievement": {
                "name": HANDLER,
                "description": HUGE,
                "achievementType": SCRIPT,
                "image": URLS[3],
                "criteria": {"id": URLS[5], "narrative": LONG_SCRIPT},
                "alignment": [dict(item, targetUrl=u) for u in URLS] * 20_000,
            },
        },
        "evidence": [dict(item, id=u) for u in URLS] * 20_000,
    }


HOSTILE = _hostile()


def _report(depth: int = 0) -> VerificationReport:
    nested = (_report(depth + 1),) * 50 if depth < 3 else ()
    checks = tuple(
        CheckResult(
            SCRIPT if i % 2 else "proof",
            CheckStatus.FAILED,
            code=HANDLER,
            message=LONG_SCRIPT,
            detail={"x": SCRIPT},
            nested=nested if i == 0 else (),
        )
        for i in range(200)
    )
    return VerificationReport(False, SCRIPT, HOSTILE, checks, container=SCRIPT)


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts = 0
        self.handlers: list[str] = []
        self.urls: list[tuple[str, str]] = []
        self.inside_script = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "base", "form", "meta") and tag != "meta":
            self.scripts += 1
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name.lower() in ("href", "src", "xlink:href", "action", "formaction", "background"):
                self.urls.append((name, value or ""))


def _audit(page: str) -> _Audit:
    audit = _Audit()
    audit.feed(page)
    audit.close()
    return audit


def test_nothing_executable_or_unbounded_reaches_the_page() -> None:
    report = _report()
    for fragment in (False, True):
        page = render_report_html(report, fragment=fragment)
        audit = _audit(page)
        assert audit.scripts == 0
        assert audit.handlers == []
        for name, url in audit.urls:
            if name == "src":
                assert url.startswith("data:image/"), url
            else:
                assert url.startswith(("https://", "http://")), url
                assert '"' not in url
        assert "javascript:" not in [u.lower()[:11] for _, u in audit.urls]
        assert "<script" not in page.lower()
        assert len(page) < 400_000, len(page)


def test_the_hostile_strings_are_shown_as_text() -> None:
    page = render_report_html(_report(depth=3))
    assert "&lt;script&gt;alert(document.cookie)&lt;/script&gt;" in page
    assert "… and" in page  # capped lists say so
    assert "A" * 4_001 not in page.split("<details><summary>Credential data")[0]  # fields cut
    assert "A" * 20_001 not in page  # and the JSON view too


def test_a_safe_looking_url_with_a_quote_is_not_a_link() -> None:
    credential = {"issuer": {"name": "x", "url": 'https://ok.example/" onmouseover="alert(1)'}}
    report = VerificationReport(False, "ldp_vc", credential, ())
    audit = _audit(render_report_html(report))
    assert audit.urls == []
    assert audit.handlers == []
