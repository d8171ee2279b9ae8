"""The badge page: what a person sees when they click "verify" on a badge.

The credential is hostile. Nothing from it becomes markup: every value goes through
``vckit.display._safe`` (escaped, shortened, links http(s) only, images ``data:`` only), lists
and nested reports are capped, and the standalone page carries a Content-Security-Policy that
forbids script and every external load, as a second wall.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any, Final

from vckit.display._safe import (
    MAX_ITEMS,
    first_text,
    href,
    image_src,
    items,
    link,
    plain,
    text,
    when,
)
from vckit.display._style import CSS
from vckit.verification import CheckResult, CheckStatus, VerificationReport

__all__ = ["render_report_html"]

MAX_CHECKS: Final = 40
MAX_NESTED: Final = 10
MAX_DEPTH: Final = 2
MAX_JSON_CHARS: Final = 20_000
MAX_NARRATIVE: Final = 4_000

_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
_LABELS: Final = {
    "parse": "Readable credential",
    "context": "JSON-LD contexts",
    "data_model": "Credential data model",
    "ob_validation": "Open Badges rules",
    "schema": "JSON Schema",
    "proof": "Signature",
    "validity": "Validity period",
    "status": "Revocation status",
    "refresh": "Refresh service",
    "recipient": "Recipient",
    "issuer_trust": "Trusted issuer",
    "endorsements": "Endorsements",
    "credentials": "Embedded credentials",
}
_STATES: Final = {
    CheckStatus.PASSED: ("passed", "✓", "Passed"),
    CheckStatus.FAILED: ("failed", "✗", "Failed"),
    CheckStatus.ERROR: ("error", "!", "Could not be checked"),
    CheckStatus.SKIPPED: ("skipped", "–", "Skipped"),
}
_FORMATS: Final = {"png": "a baked PNG image", "svg": "a baked SVG image"}


def _get(value: object, *path: str) -> Any:
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _first(value: object) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _more(left_out: int) -> str:
    return f'<li class="more">… and {left_out} more not shown</li>' if left_out else ""


def _badge_art(credential: Mapping[str, Any] | None, name: str, issuer: str) -> str:
    subject = _first(_get(credential, "credentialSubject"))
    for candidate in (
        _get(subject, "achievement", "image"),
        _get(credential, "image"),
    ):
        src = image_src(candidate)
        if src is not None:
            alt = first_text(_get(candidate, "caption"), name) or "Badge image"
            return f'<img src="{src}" alt="{alt}">'
    from vckit.openbadges._image import badge_image

    # badge_image escapes its own input; the strings here are unescaped (bounded) values.
    return badge_image(name or "Badge", issuer or "")


def _issuer(credential: Mapping[str, Any] | None) -> tuple[str, str, str]:
    """(escaped display html, plain name for the picture, escaped id)."""
    issuer = _get(credential, "issuer")
    if isinstance(issuer, str):
        return link(issuer, issuer), plain(issuer, 80) or "", text(issuer)
    name = plain(_get(issuer, "name"), 200) or ""
    identifier = _get(issuer, "id")
    url = _get(issuer, "url")
    shown = link(url, name) if href(url) and name else (text(name) or text(identifier))
    return shown, name, text(identifier)


def _recipient(subject: object) -> str:
    parts: list[str] = []
    name = first_text(_get(subject, "name"))
    if name:
        parts.append(name)
    identifier = _get(subject, "id")
    if plain(identifier):
        parts.append(f"<code>{text(identifier, 200)}</code>")
    entries, left_out = items(_get(subject, "identifier"), 5)
    for entry in entries:
        kind = first_text(_get(entry, "identityType"), limit=60) or "identifier"
        if _get(entry, "hashed") is True:
            parts.append(f"{kind} (hashed)")
        else:
            value = text(_get(entry, "identityHash"), 200)
            if value:
                parts.append(f"{kind}: {value}")
    if left_out:
        parts.append(f"… and {left_out} more")
    return "<br>".join(parts)


def _criteria(achievement: object) -> str:
    criteria = _get(achievement, "criteria")
    narrative = text(_get(criteria, "narrative"), MAX_NARRATIVE)
    page = href(_get(criteria, "id"))
    out = f'<p class="narrative">{narrative}</p>' if narrative else ""
    if page:
        out += f'<p><a href="{page}" rel="nofollow noopener noreferrer">Criteria page</a></p>'
    return out


def _evidence(credential: Mapping[str, Any] | None) -> str:
    entries, left_out = items(_get(credential, "evidence"))
    rows = []
    for entry in entries:
        title = first_text(_get(entry, "name"), _get(entry, "genre")) or "Evidence"
        head = link(_get(entry, "id"), title) if href(_get(entry, "id")) else title
        body = first_text(_get(entry, "description"), _get(entry, "narrative"))
        rows.append(f"<li>{head}" + (f'<br><span class="narrative">{body}</span>' if body else ""))
    return f"<ul>{''.join(r + '</li>' for r in rows)}{_more(left_out)}</ul>" if rows else ""


def _alignments(achievement: object) -> str:
    entries, left_out = items(_get(achievement, "alignment"))
    rows = []
    for entry in entries:
        name = first_text(_get(entry, "targetName"), _get(entry, "targetCode")) or "Alignment"
        head = link(_get(entry, "targetUrl"), name) if href(_get(entry, "targetUrl")) else name
        extra = [
            first_text(_get(entry, "targetFramework"), limit=120),
            first_text(_get(entry, "targetCode"), limit=60),
        ]
        note = " · ".join(e for e in extra if e)
        desc = first_text(_get(entry, "targetDescription"))
        rows.append(
            f"<li>{head}"
            + (f" <span class='more'>({note})</span>" if note else "")
            + (f"<br>{desc}" if desc else "")
            + "</li>"
        )
    return f"<ul>{''.join(rows)}{_more(left_out)}</ul>" if rows else ""


class _Budget:
    """How many more checks the page may show, across all nested reports."""

    def __init__(self, total: int) -> None:
        self.left = total


def _label(check: object, limit: int) -> str:
    """The escaped, human name of a check."""
    known = _LABELS.get(check) if isinstance(check, str) else None
    return html.escape(known) if known else (text(check, limit) or "check")


def _check(result: CheckResult, depth: int, budget: _Budget) -> str:
    css, symbol, state = _STATES.get(result.status, ("error", "!", "Unknown"))
    if not result.required and result.status is not CheckStatus.PASSED:
        css, state = "info", f"{state} (informational)"
    name = _label(result.check, 60)
    code = f" <code>{text(result.code, 80)}</code>" if plain(result.code) else ""
    message = text(result.message)
    out = (
        f'<li class="{css}"><span class="state"><span aria-hidden="true">{symbol}</span> '
        f"{html.escape(state)}</span> — {name}{code}"
        + (f'<span class="msg">{message}</span>' if message else "")
    )
    if result.nested and depth < MAX_DEPTH:
        shown = result.nested[:MAX_NESTED]
        for index, nested in enumerate(shown, 1):
            title = _title(_shown_credential(nested.credential)) or f"Credential {index}"
            verdict = "verified" if nested.verified else "not verified"
            out += (
                f"<details><summary>{title} — {verdict}</summary>"
                f"{_checks(nested, depth + 1, budget)}</details>"
            )
        if len(result.nested) > MAX_NESTED:
            out += f'<p class="more">… and {len(result.nested) - MAX_NESTED} more not shown</p>'
    return out + "</li>"


def _checks(report: VerificationReport, depth: int, budget: _Budget) -> str:
    rows = []
    checks = report.checks[:MAX_CHECKS]
    for result in checks:
        if budget.left <= 0:
            break
        budget.left -= 1
        rows.append(_check(result, depth, budget))
    left_out = len(report.checks) - len(rows)
    return f'<ul class="checks">{"".join(rows)}{_more(left_out)}</ul>'


def _title(credential: Mapping[str, Any] | None) -> str:
    subject = _first(_get(credential, "credentialSubject"))
    return first_text(
        _get(credential, "name"), _get(subject, "achievement", "name"), limit=140
    ) or first_text(_get(credential, "id"), limit=120)


def _banner(report: VerificationReport) -> str:
    if report.verified:
        return (
            '<div class="banner ok" role="status"><span class="sym" aria-hidden="true">✓</span>'
            "<div>Verified<small>Every required check passed.</small></div></div>"
        )
    names_seen: list[str] = []
    for result in report.checks[:MAX_CHECKS]:
        name = _label(result.check, 40)
        if result.failed and name not in names_seen:
            names_seen.append(name)
    names = ", ".join(names_seen[:6]) + (", …" if len(names_seen) > 6 else "")
    why = f"Failed: {names}." if names else "No check could confirm this credential."
    return (
        '<div class="banner bad" role="alert"><span class="sym" aria-hidden="true">✗</span>'
        f"<div>Not verified<small>{why}</small></div></div>"
    )


def _json_dump(credential: Mapping[str, Any] | None) -> str:
    """The credential's JSON, pretty-printed lazily and cut at ``MAX_JSON_CHARS``.

    ``iterencode`` stops as soon as enough is written, so a credential that repeats one huge
    string many times costs no more than the part shown.
    """
    if credential is None:
        return ""
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False, default=str)
    parts: list[str] = []
    size = 0
    try:
        for part in encoder.iterencode(credential):
            parts.append(part[: MAX_JSON_CHARS - size + 1])
            size += len(parts[-1])
            if size > MAX_JSON_CHARS:
                break
    except (TypeError, ValueError, RecursionError):
        return ""
    dumped = "".join(parts)
    if size > MAX_JSON_CHARS:
        dumped = dumped[:MAX_JSON_CHARS] + "\n… (shortened)"
    return (
        "<details><summary>Credential data (JSON)</summary>"
        f"<pre>{html.escape(dumped, quote=True)}</pre></details>"
    )


def _shown_credential(credential: object) -> Mapping[str, Any] | None:
    """The credential to show: a VCDM 1.1 JWT's claims carry it under ``vc``."""
    if not isinstance(credential, Mapping):
        return None
    inner = credential.get("vc")
    if isinstance(inner, Mapping) and "credentialSubject" not in credential:
        return inner
    return credential


def _body(report: VerificationReport) -> str:
    credential = _shown_credential(report.credential)
    subject = _first(_get(credential, "credentialSubject"))
    achievement = _get(subject, "achievement")
    title = _title(credential) or "Credential"
    issuer_html, issuer_name, issuer_id = _issuer(credential)
    description = first_text(_get(achievement, "description"), _get(credential, "description"))
    art = _badge_art(credential, plain(_title_plain(credential), 80) or "Badge", issuer_name)

    validity = report.check("validity")
    flag = ""
    if validity is not None and validity.failed:
        flag = f'<span class="pill">{text(validity.message, 160) or "outside its validity period"}</span>'
    expires = when(_get(credential, "validUntil")) or when(_get(credential, "expirationDate"))
    facts: list[tuple[str, str]] = [
        ("Issued by", issuer_html + (f"<br><code>{issuer_id}</code>" if issuer_id else "")),
        ("Awarded to", _recipient(subject)),
        ("Issued", when(_get(credential, "validFrom")) or when(_get(credential, "issuanceDate"))),
        ("Expires", expires + flag if expires else ""),
        ("Validity", flag if flag and not expires else ""),
        ("Achievement type", first_text(_get(achievement, "achievementType"), limit=80)),
        ("Credential id", f"<code>{text(_get(credential, 'id'), 200)}</code>"),
    ]
    source = _FORMATS.get(str(report.container), "")
    facts.append(("Format", text(report.format, 60) + (f", from {source}" if source else "")))
    rows = "".join(
        f"<dt>{label}</dt><dd>{value}</dd>"
        for label, value in facts
        if value and value != "<code></code>"
    )

    sections = []
    criteria = _criteria(achievement)
    if criteria:
        sections.append(f"<h2>Criteria</h2>{criteria}")
    evidence = _evidence(credential)
    if evidence:
        sections.append(f"<h2>Evidence</h2>{evidence}")
    alignments = _alignments(achievement)
    if alignments:
        sections.append(f"<h2>Aligned to</h2>{alignments}")
    sections.append(f"<h2>Checks</h2>{_checks(report, 0, _Budget(MAX_CHECKS * 4))}")
    warnings, left_out = items(list(report.warnings), MAX_ITEMS)
    if warnings:
        rows_w = "".join(
            f"<li><code>{text(w.code, 80)}</code> {text(w.message)}</li>" for w in warnings
        )
        sections.append(f"<h2>Warnings</h2><ul>{rows_w}{_more(left_out)}</ul>")
    sections.append(_json_dump(credential))
    return (
        f"{_banner(report)}"
        f'<div class="card{"" if report.verified else " unverified"}">'
        f'<div class="art">{art}</div><div>'
        + (
            ""
            if report.verified
            else '<p class="caution">Unconfirmed: these are the credential\'s own claims, '
            "and the checks below did not confirm them.</p>"
        )
        + f"<h1>{title}</h1>"
        + (f'<p class="lead">{description}</p>' if description else "")
        + f"<dl>{rows}</dl></div></div>"
        + "".join(sections)
        + "<footer>Checked by vckit. This page shows what the credential says; "
        "only the checks above say whether to trust it.</footer>"
    )


def _title_plain(credential: Mapping[str, Any] | None) -> object:
    subject = _first(_get(credential, "credentialSubject"))
    for value in (_get(credential, "name"), _get(subject, "achievement", "name")):
        if plain(value):
            return value
    return None


def render_report_html(report: VerificationReport, *, fragment: bool = False) -> str:
    """The badge page for ``report``: a standalone HTML document, or with ``fragment=True`` a
    ``<section>`` (with its own scoped ``<style>``) to embed in another page, e.g. an LMS.

    Works for any report, verified or not, with or without a parsed credential.
    """
    if not isinstance(report, VerificationReport):
        raise TypeError(f"expected a VerificationReport, not {type(report).__name__}")
    section = (
        f'<section class="vckit-badge" lang="en"><style>{CSS}</style>{_body(report)}</section>'
    )
    if fragment:
        return section
    title = plain(_title_plain(_shown_credential(report.credential)), 120) or "Credential"
    verdict = "verified" if report.verified else "not verified"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{html.escape(title)} — {verdict}</title>"
        "<style>body{margin:0;background:#f4f6f9}</style></head>"
        f"<body><main>{section}</main></body></html>\n"
    )
