"""The compiled per-call part of ``Verifier.verify`` (``verification/_drive.py``).

The option checks, the input detection and the sync loop that performs the flow's operations
run compiled; the async driver shares the option checks and the detection. What a caller sees
must not depend on that: the same errors for bad options, the same reports from both drivers, and
an unexpected exception from a back end still ends as a failed report (logged), never a pass and
never a crash. Both builds run these (``PURE_TESTS`` in the Makefile).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from tests.unit.verify._support import NOW, Issuer

from vckit._codec.limits import json_shape
from vckit.errors import ParseError
from vckit.verification import AsyncVerifier, CheckStatus, Verifier

_BAD_OPTIONS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"now": 1700000000}, TypeError, "now must be an aware datetime or an XSD dateTimeStamp"),
    ({"now": datetime(2026, 6, 1)}, ValueError, "now must be timezone-aware"),
    ({"now": "2026-06-01T00:00:00"}, ParseError, "needs a timezone"),
    ({"now": NOW, "challenge": 5}, TypeError, "challenge must be a str, or None"),
    ({"now": NOW, "domain": b"x"}, TypeError, "domain must be a str, or None"),
    ({"now": NOW, "recipient": ["a"]}, TypeError, "recipient must be a str"),
]


@pytest.mark.parametrize(("options", "error", "message"), _BAD_OPTIONS)
def test_bad_options_raise_the_same_error_from_both_drivers(
    issuer: Issuer, options: dict[str, Any], error: type[Exception], message: str
) -> None:
    badge = issuer.signed()
    with pytest.raises(error, match=message):
        Verifier().verify(badge, **options)
    with pytest.raises(error, match=message):
        asyncio.run(AsyncVerifier().verify(badge, **options))


def test_an_input_of_no_credential_type_is_a_type_error_from_both_drivers() -> None:
    with pytest.raises(TypeError, match="verify\\(\\) takes a dict"):
        Verifier().verify(42)
    with pytest.raises(TypeError, match="verify\\(\\) takes a dict"):
        asyncio.run(AsyncVerifier().verify(42))


def test_now_as_a_stamp_with_any_offset_reads_as_the_same_instant(issuer: Issuer) -> None:
    badge = issuer.signed()
    verifier = Verifier()
    moment = verifier.verify(badge, now=NOW)
    for text in ("2026-06-01T00:00:00Z", "2026-06-01T02:00:00+02:00", "2026-06-01T00:00:00.000Z"):
        assert verifier.verify(badge, now=text) == moment
    later = datetime(2026, 6, 1, 3, tzinfo=timezone(timedelta(hours=3)))
    assert verifier.verify(badge, now=later) == moment


def test_the_clock_is_read_when_now_is_not_given(issuer: Issuer) -> None:
    badge = issuer.signed()
    reads: list[int] = []

    def clock() -> datetime:
        reads.append(1)
        return NOW

    report = Verifier(clock=clock).verify(badge)
    assert reads == [1]
    assert report == Verifier().verify(badge, now=NOW)


def test_both_drivers_give_equal_reports(issuer: Issuer) -> None:
    good = issuer.signed()
    tampered = {**good, "name": "Another badge"}
    for thing in (good, tampered, "not json", {"type": "VerifiablePresentation"}):
        sync = Verifier().verify(thing, now=NOW)
        awaited = asyncio.run(AsyncVerifier().verify(thing, now=NOW))
        assert sync == awaited
    assert Verifier().verify(good, now=NOW).verified
    assert not Verifier().verify(tampered, now=NOW).verified


def test_presentation_only_refuses_a_credential_from_both_drivers(issuer: Issuer) -> None:
    badge = issuer.signed()
    for report in (
        Verifier().verify(badge, now=NOW, presentation=True),
        asyncio.run(AsyncVerifier().verify(badge, now=NOW, presentation=True)),
    ):
        assert not report.verified
        parse = report.check("parse")
        assert parse is not None
        assert (parse.code, parse.message) == (
            "MALFORMED_VALUE_ERROR",
            "expected a VerifiablePresentation",
        )


class _BrokenEngine:
    """A proof engine that fails in a way nothing expects."""

    def verify_proof(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the engine broke")

    def _verify_bounded(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the engine broke")

    async def averify_proof(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the engine broke")


def test_an_unexpected_engine_error_is_a_logged_failed_report(
    issuer: Issuer, caplog: pytest.LogCaptureFixture
) -> None:
    badge = issuer.signed()
    sync, not_sync = Verifier(), AsyncVerifier()
    sync._engine = _BrokenEngine()  # type: ignore[assignment]
    not_sync._engine = _BrokenEngine()  # type: ignore[assignment]
    with caplog.at_level(logging.WARNING, logger="vckit.verification"):
        reports = [sync.verify(badge, now=NOW), asyncio.run(not_sync.verify(badge, now=NOW))]
    for report in reports:
        assert not report.verified
        assert report.format == "unknown"
        [check] = report.checks
        assert (check.check, check.status, check.code, check.message) == (
            "parse",
            CheckStatus.ERROR,
            "VERIFICATION_FAILED_UNEXPECTEDLY",
            "verification failed unexpectedly (RuntimeError)",
        )
    logged = [r for r in caplog.records if r.message == "verification failed unexpectedly"]
    assert len(logged) == 2
    assert all(r.exc_info and isinstance(r.exc_info[1], RuntimeError) for r in logged)


def test_the_proof_operation_carries_the_call(issuer: Issuer) -> None:
    badge = issuer.signed()
    seen: list[dict[str, Any]] = []
    verifier = Verifier(clock_skew=timedelta(minutes=2))
    engine = verifier._engine

    class Recording:
        def _verify_bounded(self, document: Any, shape: Any, resolver: Any, **options: Any) -> Any:
            seen.append({"document": document, "shape": shape, "resolver": resolver, **options})
            return engine._verify_bounded(document, shape, resolver, **options)

    verifier._engine = Recording()  # type: ignore[assignment]
    assert verifier.verify(badge, now=NOW).verified
    [call] = seen
    assert call["document"] is badge
    # the pipeline's one bounds walk of this very dict: no @context below the top, its depth
    assert call.pop("shape") == json_shape(badge)
    assert call["resolver"] is verifier._resolver
    assert {k: v for k, v in call.items() if k not in ("document", "resolver")} == {
        "expected_proof_purpose": "assertionMethod",
        "expected_controller": issuer.did,
        "challenge": None,
        "domain": None,
        "now": NOW,
        "clock_skew": timedelta(minutes=2),
    }
