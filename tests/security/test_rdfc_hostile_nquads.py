"""Hostile N-Quads: huge values, malformed lines, broken strings and escapes.

The parser is the trust boundary of ``rdfc.canonicalize``: it must reject what the grammar
rejects with ``CanonicalizationError`` (never another exception), and stay linear on huge input.
Each test has a pytest-timeout hang guard (10 s); a quadratic regression on 10 MB of escapes
takes tens of seconds, far beyond it. Speed itself is the benchmarks' business.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vckit import rdfc
from vckit.errors import CanonicalizationError

# A hang guard, not a speed test: a quadratic regression on 10 MB takes tens of seconds.
pytestmark = pytest.mark.timeout(10)
TEN_MB = 10 * 1024 * 1024
T = TypeVar("T")


def _guarded(function: Callable[[], T]) -> T:
    return function()  # the module's timeout mark is the hang guard


def _rejected(text: str) -> str:
    """The error message; each test asserts its reason (line and column are always named)."""
    with pytest.raises(CanonicalizationError, match=r"^invalid N-Quads at line \d+: ") as caught:
        rdfc.canonicalize(text)
    return str(caught.value)


class TestHugeValues:
    def test_ten_megabyte_literal(self) -> None:
        value = "x" * TEN_MB
        output = _guarded(lambda: rdfc.canonicalize(f'_:b <urn:p> "{value}" .\n'))
        assert output == f'_:c14n0 <urn:p> "{value}" .\n'

    def test_ten_megabytes_of_escapes(self) -> None:
        """Five million escapes: unescaped and re-escaped in linear time."""
        escapes = "\\n\\u0041" * (TEN_MB // 8)
        canonical = "\\nA" * (TEN_MB // 8)
        output = _guarded(lambda: rdfc.canonicalize(f'<urn:s> <urn:p> "{escapes}" .\n'))
        assert output == f'<urn:s> <urn:p> "{canonical}" .\n'

    def test_ten_megabytes_of_non_ascii(self) -> None:
        value = "é∞🌃" * (TEN_MB // 9)
        output = _guarded(lambda: rdfc.canonicalize(f'<urn:s> <urn:p> "{value}"@fr .\n'))
        assert len(output) == len(value) + len('<urn:s> <urn:p> ""@fr .\n')

    def test_ten_megabyte_iri_and_blank_node_label(self) -> None:
        path = "a" * TEN_MB
        text = f"_:{path} <urn:p> <urn:{path}> .\n"
        output = _guarded(lambda: rdfc.canonicalize(text))
        assert output == f"_:c14n0 <urn:p> <urn:{path}> .\n"

    def test_hundred_thousand_lines(self) -> None:
        text = "".join(f'<urn:s{index}> <urn:p> "v" .\n' for index in range(100_000))
        output = _guarded(lambda: rdfc.canonicalize(text))
        assert output.count("\n") == 100_000


class TestMalformed:
    def test_unterminated_ten_megabyte_string(self) -> None:
        value = "x" * TEN_MB
        message = _rejected(f'<urn:s> <urn:p> "{value} .\n')
        assert "line 1: unterminated string literal" in message

    def test_unterminated_string_of_escapes(self) -> None:
        tabs = "\\t" * (TEN_MB // 2)
        message = _rejected(f'<urn:s> <urn:p> "{tabs}\n')
        assert "unterminated string literal" in message

    def test_bad_escape_after_ten_megabytes(self) -> None:
        tabs = "\\t" * (TEN_MB // 2)
        message = _rejected(f'<urn:s> <urn:p> "{tabs}\\q" .\n')
        assert f"invalid escape sequence at column {17 + TEN_MB + 1}" in message

    def test_unterminated_huge_iri(self) -> None:
        path = "a" * TEN_MB
        assert "unterminated IRI" in _rejected(f"<urn:s> <urn:p> <urn:{path}\n")

    @pytest.mark.parametrize(
        ("escape", "reason"),
        [
            ("\\uD800", "not a Unicode scalar value"),
            ("\\uDBFF\\uDC00", "not a Unicode scalar value"),
            ("\\U0000DFFF", "not a Unicode scalar value"),
            ("\\U00110000", "not a Unicode scalar value"),
            ("\\UFFFFFFFF", "not a Unicode scalar value"),
            ("\\x41", "invalid escape sequence"),
            ("\\u00", "invalid escape sequence"),
            ("\\N{BULLET}", "invalid escape sequence"),
            ("\\0", "invalid escape sequence"),
            ("\\a", "invalid escape sequence"),
            ("\\", "unterminated string literal"),
        ],
    )
    def test_bad_escapes_in_literals(self, escape: str, reason: str) -> None:
        assert reason in _rejected(f'<urn:s> <urn:p> "{escape}" .\n')

    @pytest.mark.parametrize("escape", ["\\uD800", "\\U00110000"])
    def test_bad_escapes_in_iris(self, escape: str) -> None:
        assert "not a Unicode scalar value" in _rejected(f"<urn:s> <urn:p> <urn:{escape}> .\n")

    def test_raw_lone_surrogate(self) -> None:
        assert "lone surrogate" in _rejected('<urn:s> <urn:p> "\udc00" .\n')

    def test_raw_control_characters_are_accepted_and_escaped(self) -> None:
        """The grammar allows raw controls other than CR/LF in strings; output escapes them."""
        output = rdfc.canonicalize('<urn:s> <urn:p> "\x00\x08\x0c\x1f\x7f" .\n')
        assert output == '<urn:s> <urn:p> "\\u0000\\b\\f\\u001F\\u007F" .\n'

    @pytest.mark.parametrize(
        "line",
        [
            "<urn:s> <urn:p> <urn:o>",
            "<urn:s> <urn:p> .",
            "<urn:s> <urn:p> <urn:o> <urn:g> <urn:h> .",
            '"s" <urn:p> <urn:o> .',
            "<urn:s> _:p <urn:o> .",
            "<urn:s> <urn:p> <urn:o> .junk",
            "<urn:s>\x0b<urn:p> <urn:o> .",
            "<urn:s> <urn:p> <urn:o> . <urn:s> <urn:p> <urn:o> .",
            '<urn:s> <urn:p> "x"@en"y" .',
            '<urn:s> <urn:p> "x"^^<urn:dt>@en .',
            "<urn:s> <urn:p> <urn:o>\x00.",
            "<> <urn:p> <urn:o> .",
            "\ufeff<urn:s> <urn:p> <urn:o> .",
        ],
    )
    def test_malformed_lines(self, line: str) -> None:
        assert _rejected(f"<urn:ok> <urn:p> <urn:o> .\n{line}\n").startswith(
            "invalid N-Quads at line 2: "
        )


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from([*'<>_:"\\@^. \t\n\rabu0Dé#-', "urn:", "\\u", "_:b", "<urn:x>"]),
        max_size=40,
    ).map("".join)
)
def test_arbitrary_text_parses_or_raises_canonicalization_error(text: str) -> None:
    """Fuzz: any input either parses to canonical terms that round-trip, or is rejected cleanly."""
    try:
        quads = rdfc.parse_nquads(text)
    except CanonicalizationError as exc:
        message = str(exc)
    else:
        message = ""
    if message:
        assert message.startswith("invalid N-Quads at line ")
        return
    again = rdfc.parse_nquads(rdfc.serialize_nquads(quads))
    assert sorted(set(again)) == sorted(set(quads))
