"""The per-call part of ``Verifier.verify``, compiled: read the options, route the input, drive.

``Verifier`` and ``AsyncVerifier`` stay ordinary Python classes (users subclass and pickle them);
what runs on every verification — checking ``now`` and the other options, detecting the input,
and the sync loop that sends the flow its answers — lives here so that it runs compiled with the
flow (``HOT_MODULES``). The async driver keeps its own loop (``await``) and shares the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator
from datetime import datetime
from typing import Any, Final

from vckit._http import fetch_budget
from vckit.verification import _codes as codes
from vckit.verification._detect import Parsed, detect
from vckit.verification._flow import REQUIRED, Call, is_presentation, run
from vckit.verification._ops import Operation, VerifyDataIntegrity
from vckit.verification._report import CheckResult, CheckStatus, VerificationReport
from vckit.verification._rules import read_datetime

__all__ = ["internal_error", "make_call", "parse_input", "verify_sync"]

_log: Final = logging.getLogger("vckit.verification")
_ERROR: Final = CheckStatus.ERROR


def make_call(
    clock: Callable[[], datetime] | None,
    now: Any,
    recipient: Any,
    refresh: Any,
    challenge: Any,
    domain: Any,
    default_clock: Callable[[], datetime],
) -> Call:
    """The checked per-call options (``TypeError`` / ``ValueError`` for a bad one)."""
    if now is None:
        moment = (clock or default_clock)()
    elif isinstance(now, str):
        moment = read_datetime(now, require_timezone=True)
    elif isinstance(now, datetime):
        moment = now
    else:
        raise TypeError("now must be an aware datetime or an XSD dateTimeStamp string")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if not (challenge is REQUIRED or challenge is None or isinstance(challenge, str)):
        raise TypeError("challenge must be a str, or None to waive the check")
    if not (domain is REQUIRED or domain is None or isinstance(domain, str)):
        raise TypeError("domain must be a str, or None to waive the check")
    if recipient is not None and not isinstance(recipient, str):
        raise TypeError("recipient must be a str (a DID, URL or e-mail address) or None")
    return Call(moment, recipient, bool(refresh), challenge, domain)


def parse_input(thing: Any, presentation: bool, max_bytes: int) -> Parsed:
    """Detect the input (``TypeError`` for a type no credential comes in)."""
    parsed = detect(thing, max_bytes=max_bytes)
    if presentation and parsed.problem is None and not is_presentation(parsed):
        return Parsed(
            problem=(codes.MALFORMED_VALUE_ERROR, "expected a VerifiablePresentation"),
            container=parsed.container,
        )
    return parsed


def internal_error(exc: BaseException) -> VerificationReport:
    """The report for an exception nothing expected: logged, and an ERROR that fails closed."""
    _log.warning("verification failed unexpectedly", exc_info=exc)
    check = CheckResult(
        "parse",
        _ERROR,
        codes.VERIFICATION_FAILED_UNEXPECTEDLY,
        f"verification failed unexpectedly ({type(exc).__name__})",
    )
    return VerificationReport(False, "unknown", None, (check,))


def verify_sync(
    verifier: Any,
    thing: Any,
    now: Any,
    recipient: Any,
    refresh: Any,
    challenge: Any,
    domain: Any,
    presentation: bool,
    default_clock: Callable[[], datetime],
) -> VerificationReport:
    """``Verifier.verify``: bad options raise; anything failing after them is a failed report."""
    call = make_call(verifier.clock, now, recipient, refresh, challenge, domain, default_clock)
    parsed = parse_input(thing, presentation, verifier.max_input_bytes)
    try:
        flow = run(parsed, verifier._config, call)
        if verifier._offline:  # nothing can fetch: no budget to account (see _Base._setup)
            return _drive(verifier, flow)
        with fetch_budget(verifier._budget):
            return _drive(verifier, flow)
    except Exception as exc:  # the last line: never crash on hostile input, never pass
        return internal_error(exc)


def _drive(
    verifier: Any, flow: Generator[Operation, Any, VerificationReport]
) -> VerificationReport:
    """Send the flow each operation's answer (or throw its exception) until it returns."""
    answer: Any = None
    error: BaseException | None = None
    while True:
        try:
            op = flow.send(answer) if error is None else flow.throw(error)
        except StopIteration as stop:
            report: VerificationReport = stop.value
            return report
        answer, error = None, None
        try:
            if type(op) is VerifyDataIntegrity:  # the one operation of most verifications
                answer = verifier._engine._verify_bounded(
                    op.document,
                    op.shape,
                    verifier._resolver,
                    expected_proof_purpose=op.purpose,
                    expected_controller=op.controller,
                    challenge=op.challenge,
                    domain=op.domain,
                    now=op.now,
                    clock_skew=verifier.clock_skew,
                )
            else:
                answer = verifier._perform(op)
        except Exception as exc:
            error = exc
