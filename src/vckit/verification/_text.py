"""``str(report)``: a short summary a person reads first, one line per check after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vckit.verification._report import CheckStatus

if TYPE_CHECKING:
    from vckit.verification._report import VerificationReport

__all__ = ["render_text"]

_MARK = {
    CheckStatus.PASSED: "pass",
    CheckStatus.FAILED: "FAIL",
    CheckStatus.ERROR: "ERR ",
    CheckStatus.SKIPPED: "skip",
}
_MAX_NESTED_SHOWN = 10
_WIDTH = 100


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _lines(report: VerificationReport, indent: str, depth: int) -> list[str]:
    verdict = "VERIFIED" if report.verified else "NOT VERIFIED"
    title = report.name or "(unnamed credential)"
    where = f" from a {report.container.upper()} image" if report.container else ""
    lines = [f"{indent}{verdict}: {_clip(title, 70)} [{report.format}{where}]"]
    if report.issuer:
        lines.append(f"{indent}  issuer:    {_clip(report.issuer, 80)}")
    if report.recipient:
        lines.append(f"{indent}  recipient: {_clip(report.recipient, 80)}")
    for check in report.checks:
        optional = "" if check.required or check.status is CheckStatus.PASSED else " (optional)"
        code = f"{check.code}: " if check.code and check.status is not CheckStatus.PASSED else ""
        text = _clip(f"{code}{check.message}{optional}", _WIDTH - len(indent))
        lines.append(f"{indent}  [{_MARK[check.status]}] {check.check:<14} {text}")
        if check.nested and depth < 3:
            shown = check.nested[:_MAX_NESTED_SHOWN]
            for nested in shown:
                lines.extend(_lines(nested, indent + "      ", depth + 1))
            if len(check.nested) > len(shown):
                rest = len(check.nested) - len(shown)
                lines.append(f"{indent}      ... and {rest} more")
    for warning in report.warnings:
        lines.append(
            f"{indent}  warning: {_clip(f'{warning.code}: {warning.message}', _WIDTH - 12)}"
        )
    return lines


def render_text(report: VerificationReport) -> str:
    """The verdict, the badge's name, issuer and recipient, then one line per check."""
    return "\n".join(_lines(report, "", 0))
