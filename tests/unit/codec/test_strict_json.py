import pytest

from vckit._codec.strict_json import loads_strict
from vckit.errors import ParseError


def test_parses_plain_json() -> None:
    assert loads_strict('{"a": [1, 2.5, "x", null, true]}') == {"a": [1, 2.5, "x", None, True]}
    assert loads_strict(b'{"\\u00e9": "\\ud83d\\ude00"}') == {"é": "😀"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1, "a": 2}', "duplicate"),
        ("[NaN]", "NaN"),
        ("[-Infinity]", "Infinity"),
        ("[1e400]", "out of range"),
        ('["\\ud800"]', "surrogate"),
        ('{"\\udfff": 1}', "surrogate"),
        ("[" * 201 + "]" * 201, "deeper"),
        ("{", "invalid JSON"),
    ],
)
def test_rejects_ambiguous_json(text: str, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        loads_strict(text)


def test_deep_nesting_inside_strings_is_fine() -> None:
    text = '["' + "[" * 1000 + '"]'
    assert loads_strict(text) == ["[" * 1000]


def test_size_cap() -> None:
    with pytest.raises(ParseError, match="larger"):
        loads_strict(b"[" + b"1," * 100 + b"1]", max_bytes=50)


def test_invalid_utf8() -> None:
    with pytest.raises(ParseError, match="UTF-8"):
        loads_strict(b'["\xff"]')


def test_type_error_for_other_input() -> None:
    with pytest.raises(TypeError, match="expected str or bytes, got int"):
        loads_strict(123)  # type: ignore[arg-type]
