from datetime import UTC, datetime, timedelta, timezone

import pytest

from vckit._codec.xsd import format_datetime_stamp, parse_datetime, parse_datetime_stamp
from vckit.errors import ParseError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-01T00:00:00Z", datetime(2024, 1, 1, tzinfo=UTC)),
        ("2024-02-29T23:59:59.123456789Z", datetime(2024, 2, 29, 23, 59, 59, 123456, tzinfo=UTC)),
        ("2024-01-01T10:00:00+02:30", datetime(2024, 1, 1, 7, 30, tzinfo=UTC)),
        ("2024-01-01T00:00:00-14:00", datetime(2024, 1, 1, 14, tzinfo=UTC)),
        ("2023-12-31T24:00:00Z", datetime(2024, 1, 1, tzinfo=UTC)),
    ],
)
def test_parse_datetime_stamp_accepts_xsd_forms(text: str, expected: datetime) -> None:
    assert parse_datetime_stamp(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01",  # date only
        "20240101T000000Z",  # basic format
        "2024-01-01T00:00:60Z",  # leap second: not in the XSD lexical space
        "2024-01-01T00:00:61Z",
        "12024-01-01T00:00:00Z",  # more than four year digits
        "2024-01-01 00:00:00Z",
        "2024-01-01T00:00:00",  # no timezone
        "2024-01-01T00:00:00+15:00",
        "2024-02-30T00:00:00Z",
        "2024-01-01T00:00Z",
        "2024-01-01T00:00:00.Z",
        "0000-01-01T00:00:00Z",
        " 2024-01-01T00:00:00Z",
    ],
)
def test_parse_datetime_stamp_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        parse_datetime_stamp(text)


def test_parse_datetime_without_timezone_is_naive() -> None:
    assert parse_datetime("2024-01-01T00:00:00").tzinfo is None


def test_format_round_trip() -> None:
    moment = datetime(2024, 5, 6, 7, 8, 9, 500000, tzinfo=timezone(timedelta(hours=2)))
    assert format_datetime_stamp(moment) == "2024-05-06T05:08:09.5Z"
    assert parse_datetime_stamp(format_datetime_stamp(moment)) == moment
    assert format_datetime_stamp(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00Z"


def test_format_rejects_naive() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        format_datetime_stamp(datetime(2024, 1, 1))
