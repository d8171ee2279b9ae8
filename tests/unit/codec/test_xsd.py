import re
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
    ("text", "message"),
    [
        ("2024-01-01", "not an XSD dateTime: '2024-01-01'"),  # date only
        ("20240101T000000Z", "not an XSD dateTime: '20240101T000000Z'"),  # basic format
        (
            "2024-01-01T00:00:60Z",
            "not an XSD dateTime: '2024-01-01T00:00:60Z'",
        ),  # leap second: not in the XSD lexical space
        ("2024-01-01T00:00:61Z", "not an XSD dateTime: '2024-01-01T00:00:61Z'"),
        (
            "12024-01-01T00:00:00Z",
            "not an XSD dateTime: '12024-01-01T00:00:00Z'",
        ),  # more than four year digits
        ("2024-01-01 00:00:00Z", "not an XSD dateTime: '2024-01-01 00:00:00Z'"),
        (
            "2024-01-01T00:00:00",
            "XSD dateTimeStamp needs a timezone: '2024-01-01T00:00:00'",
        ),  # no timezone
        ("2024-01-01T00:00:00+15:00", "not an XSD dateTime: '2024-01-01T00:00:00+15:00'"),
        ("2024-02-30T00:00:00Z", "not a valid date and time: '2024-02-30T00:00:00Z'"),
        ("2024-01-01T00:00Z", "not an XSD dateTime: '2024-01-01T00:00Z'"),
        ("2024-01-01T00:00:00.Z", "not an XSD dateTime: '2024-01-01T00:00:00.Z'"),
        ("0000-01-01T00:00:00Z", "year 0000 is not supported: '0000-01-01T00:00:00Z'"),
        (" 2024-01-01T00:00:00Z", "not an XSD dateTime: ' 2024-01-01T00:00:00Z'"),
    ],
)
def test_parse_datetime_stamp_rejects(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=re.escape(message)):
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


@pytest.mark.parametrize(
    "text",
    [
        "9999-12-31T23:59:59-14:00",  # year 10000 in UTC
        "9999-12-31T10:00:00-14:00",
        "0001-01-01T00:00:00+14:00",  # year 0 in UTC
        "0001-01-01T13:59:59+14:00",
        "9999-12-31T24:00:00Z",
    ],
)
def test_instants_outside_years_1_to_9999_in_utc_are_a_parse_error(text: str) -> None:
    """Issue 16: these used to parse, then raise OverflowError wherever they were compared."""
    with pytest.raises(ParseError, match=r"0001-9999|not a valid date"):
        parse_datetime_stamp(text)


def test_the_last_and_first_representable_instants() -> None:
    last = parse_datetime_stamp("9999-12-31T09:59:59.999999-14:00")
    assert format_datetime_stamp(last) == "9999-12-31T23:59:59.999999Z"
    first = parse_datetime_stamp("0001-01-01T14:00:00+14:00")
    assert format_datetime_stamp(first) == "0001-01-01T00:00:00Z"  # not "1-01-01" (strftime)
    # 24:00 on the last day is still in range when the offset is positive.
    assert parse_datetime_stamp("9999-12-31T24:00:00+05:00") == datetime(
        9999, 12, 31, 19, tzinfo=UTC
    )


def test_format_refuses_an_instant_outside_the_utc_range() -> None:
    moment = datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-14)))
    with pytest.raises(ValueError, match="outside years 0001-9999"):
        format_datetime_stamp(moment)


def test_remembered_stamps_are_the_parsed_ones_and_refusals_are_not_remembered() -> None:
    for text in ("2025-01-01T00:00:00Z", "2025-01-01T00:00:00.5+05:30"):
        assert parse_datetime_stamp(text) == parse_datetime(text, require_timezone=True)
        assert parse_datetime_stamp(text) is parse_datetime_stamp(text)
    for _ in range(2):
        with pytest.raises(ParseError, match=r"needs a timezone"):
            parse_datetime_stamp("2025-01-01T00:00:00")
    with pytest.raises(ParseError, match=r"expected an XSD dateTime string, got list"):
        parse_datetime_stamp(["2025-01-01T00:00:00Z"])  # type: ignore[arg-type]
