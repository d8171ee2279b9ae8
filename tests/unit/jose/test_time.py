"""NumericDate decoding and validity windows against an injected clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from vckit.errors import ParseError
from vckit.proofs.jose import JWT_CLAIM_INVALID_ERROR, JWT_EXPIRED_ERROR, JWT_NOT_YET_VALID_ERROR
from vckit.proofs.jose._rejected import Rejected
from vckit.proofs.jose._time import (
    check_skew,
    check_window,
    coerce_now,
    credential_date,
    from_numeric_date,
    to_numeric_date,
)

NOW = datetime(2025, 6, 1, 12, 0, 0, tzinfo=UTC)
SKEW = timedelta(seconds=60)


def test_numeric_date_round_trip_drops_fractions() -> None:
    assert to_numeric_date(datetime(2025, 1, 1, 0, 0, 0, 999_000, tzinfo=UTC)) == 1735689600
    assert from_numeric_date({"nbf": 1735689600}, "nbf") == datetime(2025, 1, 1, tzinfo=UTC)
    assert from_numeric_date({"nbf": 1735689600.5}, "nbf") == datetime(
        2025, 1, 1, 0, 0, 0, 500_000, tzinfo=UTC
    )
    assert from_numeric_date({}, "nbf") is None


@pytest.mark.parametrize("value", [1e30, 10**30, -1e30, "1735689600", True, None, [1]])
def test_unusable_numeric_dates(value: object) -> None:
    with pytest.raises(Rejected) as caught:
        from_numeric_date({"exp": value}, "exp")
    assert caught.value.problem.code == JWT_CLAIM_INVALID_ERROR
    assert caught.value.problem.detail == {"claim": "exp"}


def test_credential_dates_are_xsd_and_read_as_utc() -> None:
    assert credential_date({"validFrom": "2025-01-01T02:00:00+02:00"}, "validFrom") == datetime(
        2025, 1, 1, tzinfo=UTC
    )
    # VC 1.1 allowed a missing zone; it is read as UTC.
    assert credential_date({"issuanceDate": "2010-01-01T00:00:00"}, "issuanceDate") == datetime(
        2010, 1, 1, tzinfo=UTC
    )
    for bad in ("2025-01-01", "yesterday", 5):
        with pytest.raises(Rejected) as caught:
            credential_date({"validFrom": bad}, "validFrom")
        assert caught.value.problem.code == JWT_CLAIM_INVALID_ERROR


def test_window_with_skew() -> None:
    inside = check_window(
        {"nbf": NOW + SKEW}, {"exp": NOW - SKEW + timedelta(seconds=1)}, now=NOW, clock_skew=SKEW
    )
    assert inside == []
    outside = check_window(
        {"nbf": NOW + SKEW + timedelta(seconds=1)},
        {"exp": NOW - SKEW},
        now=NOW,
        clock_skew=SKEW,
    )
    assert [p.code for p in outside] == [JWT_NOT_YET_VALID_ERROR, JWT_EXPIRED_ERROR]
    assert outside[0].detail == {"nbf": "2025-06-01T12:01:01Z", "now": "2025-06-01T12:00:00Z"}


def test_now_accepts_aware_datetimes_and_date_time_stamps() -> None:
    assert coerce_now(NOW) is NOW
    assert coerce_now("2025-06-01T14:00:00+02:00") == NOW
    with pytest.raises(TypeError, match="now must be a datetime or str"):
        coerce_now(None)  # type: ignore[arg-type]  # only the public front ends read the clock
    with pytest.raises(ValueError, match="timezone-aware"):
        coerce_now(datetime(2025, 6, 1))
    with pytest.raises(ParseError):
        coerce_now("2025-06-01T12:00:00")
    assert coerce_now(NOW.astimezone(timezone(timedelta(hours=-5)))) == NOW


@pytest.mark.parametrize("skew", [timedelta(seconds=-1), timedelta(days=2)])
def test_unreasonable_skew_is_refused(skew: timedelta) -> None:
    with pytest.raises(ValueError, match="clock_skew"):
        check_skew(skew)
