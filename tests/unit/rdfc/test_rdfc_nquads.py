"""The strict N-Quads parser: canonical term forms out, a line-numbered error for bad input."""

from __future__ import annotations

import pytest

from vckit import rdfc
from vckit.errors import CanonicalizationError

XSD = "http://www.w3.org/2001/XMLSchema#"


def _object(line: str) -> str:
    (quad,) = rdfc.parse_nquads(line)
    return quad[2]


class TestTerms:
    def test_triple_in_default_graph(self) -> None:
        assert rdfc.parse_nquads('<urn:s> <urn:p> "o" .') == [("<urn:s>", "<urn:p>", '"o"', "")]

    def test_named_and_blank_graphs(self) -> None:
        text = "_:s <urn:p> _:o <urn:g> .\n_:s <urn:p> <urn:o> _:g .\n"
        assert rdfc.parse_nquads(text) == [
            ("_:s", "<urn:p>", "_:o", "<urn:g>"),
            ("_:s", "<urn:p>", "<urn:o>", "_:g"),
        ]

    def test_whitespace_comments_and_line_endings(self) -> None:
        text = (
            "# a comment\r\n\t<urn:s>\t<urn:p>   <urn:o>.# trailing\r"
            "\n   \n<urn:s><urn:p><urn:o2> . "
        )
        assert rdfc.parse_nquads(text) == [
            ("<urn:s>", "<urn:p>", "<urn:o>", ""),
            ("<urn:s>", "<urn:p>", "<urn:o2>", ""),
        ]

    def test_hash_inside_iri_and_literal_is_not_a_comment(self) -> None:
        (quad,) = rdfc.parse_nquads('<urn:s#x> <urn:p> "a # b" .')
        assert quad[:3] == ("<urn:s#x>", "<urn:p>", '"a # b"')

    def test_language_tag_is_kept_as_written(self) -> None:
        assert _object('<urn:s> <urn:p> "chat"@fr-BE .') == '"chat"@fr-BE'

    def test_xsd_string_datatype_is_dropped(self) -> None:
        assert _object(f'<urn:s> <urn:p> "x"^^<{XSD}string> .') == '"x"'

    def test_other_datatypes_are_kept(self) -> None:
        assert _object(f'<urn:s> <urn:p> "1"^^<{XSD}integer> .') == f'"1"^^<{XSD}integer>'

    def test_blank_node_labels_with_dots_dashes_and_digits(self) -> None:
        (quad,) = rdfc.parse_nquads("_:a.b-c_1 <urn:p> _:9x .")
        assert quad[0] == "_:a.b-c_1"
        assert quad[2] == "_:9x"

    def test_duplicates_are_kept_by_the_parser(self) -> None:
        assert len(rdfc.parse_nquads("<urn:s> <urn:p> <urn:o> .\n" * 2)) == 2

    def test_empty_document(self) -> None:
        assert rdfc.parse_nquads("") == []
        assert rdfc.parse_nquads("\n# only a comment\n") == []


class TestEscapes:
    @pytest.mark.parametrize(
        ("written", "canonical"),
        [
            (r'"\t\b\n\r\f\"\'\\"', r'"\t\b\n\r\f\"' + "'" + r'\\"'),
            (r'"\u0041\U0001F303"', '"A\U0001f303"'),
            (r'"\u0000\u001f\u007f"', r'"\u0000\u001F\u007F"'),
            (r'"\u000b"', r'"\u000B"'),
            (r'"\u00e9"', '"é"'),
            ('"tab\there"', r'"tab\there"'),
            (r'"\\u0039"', r'"\\u0039"'),
        ],
    )
    def test_literal_is_unescaped_then_re_escaped(self, written: str, canonical: str) -> None:
        assert _object(f"<urn:s> <urn:p> {written} .") == canonical

    def test_iri_escapes_are_decoded(self) -> None:
        (quad,) = rdfc.parse_nquads(r"<urn:ex:\u0065\u0078> <urn:p> <urn:\U0001F303> .")
        assert quad[0] == "<urn:ex:ex>"
        assert quad[2] == "<urn:\U0001f303>"

    def test_escaped_xsd_string_datatype_is_still_dropped(self) -> None:
        line = r'<urn:s> <urn:p> "x"^^<http://www.w3.org/2001/XMLSchema#\u0073tring> .'
        assert _object(line) == '"x"'

    def test_non_ascii_is_written_as_itself(self) -> None:
        assert _object('<urn:s> <urn:p> "∞ \u2028 \x85" .') == '"∞ \u2028 \x85"'


class TestRejects:
    @pytest.mark.parametrize(
        ("line", "message"),
        [
            ('<urn:s> <urn:p> "open .', "unterminated string literal"),
            (r'<urn:s> <urn:p> "bad \x escape" .', "invalid escape sequence"),
            (r'<urn:s> <urn:p> "\u12" .', "invalid escape sequence"),
            (r'<urn:s> <urn:p> "\uD800" .', "not a Unicode scalar value"),
            (r'<urn:s> <urn:p> "\uDFFF" .', "not a Unicode scalar value"),
            (r'<urn:s> <urn:p> "\U00110000" .', "not a Unicode scalar value"),
            ("<urn:s> <urn:p> <urn:o>", "missing final '.'"),
            ("<urn:s> <urn:p> <urn:o> <urn:g> <urn:x> .", "missing final '.'"),
            ("<urn:s> <urn:p> <urn:o> . extra", "after the final '.'"),
            ("<urn:s> <urn:p> .", "where the object should be"),
            ("<urn:s> .", "where the predicate should be"),
            ("<urn:s>", "before its predicate"),
            ('"lit" <urn:p> <urn:o> .', "a literal cannot be the subject"),
            ('<urn:s> <urn:p> <urn:o> "g" .', "a literal cannot be the graph name"),
            ("<urn:s> _:p <urn:o> .", "a blank node cannot be the predicate"),
            ("<urn:s> <urn:p <urn:o> .", "not allowed in an IRI"),
            ("<urn:s> <urn:p> <urn:o", "unterminated IRI"),
            ("<urn:a b> <urn:p> <urn:o> .", "not allowed in an IRI"),
            (r"<urn:a\n> <urn:p> <urn:o> .", "invalid escape in IRI"),
            ("<urn:s> <urn:p> <urn:{o}> .", "not allowed in an IRI"),
            ("<relative> <urn:p> <urn:o> .", "not absolute"),
            ("<urn:s> <urn:p> <#frag> .", "not absolute"),
            (r"<urn:s> <urn:p> <urn:\u0020> .", "not allowed in an IRI"),
            (r"<urn:s> <urn:p> <urn:\uD800> .", "not a Unicode scalar value"),
            ("_:-a <urn:p> <urn:o> .", "invalid blank node label"),
            ("_: <urn:p> <urn:o> .", "invalid blank node label"),
            ('<urn:s> <urn:p> "x"@ .', "invalid language tag"),
            ('<urn:s> <urn:p> "x"@en- .', "invalid language tag"),
            ('<urn:s> <urn:p> "x"@1en .', "invalid language tag"),
            ('<urn:s> <urn:p> "x"^^urn:dt .', "invalid datatype IRI"),
            ('<urn:s> <urn:p> "x"^^<dt> .', "not absolute"),
            (
                '<urn:s> <urn:p> "x"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString> .',
                "rdf:langString literal without a language tag",
            ),
            ("<urn:s> <urn:p> <urn:o> . <urn:s> <urn:p> <urn:o> .", "after the final '.'"),
            ("@prefix x: <urn:x> .", "unexpected '@'"),
        ],
    )
    def test_bad_line(self, line: str, message: str) -> None:
        with pytest.raises(CanonicalizationError, match="line 1") as caught:
            rdfc.parse_nquads(line)
        assert message in str(caught.value)

    def test_error_names_the_line(self) -> None:
        text = "<urn:s> <urn:p> <urn:o> .\n# fine\n<urn:s> <urn:p> broken .\n"
        with pytest.raises(CanonicalizationError, match="at line 3: "):
            rdfc.parse_nquads(text)

    def test_raw_newline_inside_literal_is_unterminated(self) -> None:
        with pytest.raises(CanonicalizationError, match="line 1: unterminated string literal"):
            rdfc.parse_nquads('<urn:s> <urn:p> "a\nb" .')

    def test_lone_surrogate_character_in_text(self) -> None:
        with pytest.raises(CanonicalizationError, match="line 2: lone surrogate"):
            rdfc.parse_nquads('<urn:s> <urn:p> "ok" .\n<urn:s> <urn:p> "\ud800" .')

    def test_not_a_string(self) -> None:
        with pytest.raises(TypeError, match="str object expected; got bytes"):
            rdfc.parse_nquads(b"<urn:s> <urn:p> <urn:o> .")  # type: ignore[arg-type]


class TestSerialize:
    def test_sorted_unique_lines(self) -> None:
        quads = [
            ("<urn:b>", "<urn:p>", '"2"', "<urn:g>"),
            ("<urn:a>", "<urn:p>", '"1"', ""),
            ("<urn:a>", "<urn:p>", '"1"', ""),
        ]
        assert rdfc.serialize_nquads(quads) == (
            '<urn:a> <urn:p> "1" .\n<urn:b> <urn:p> "2" <urn:g> .\n'
        )

    def test_round_trip_of_canonical_text(self) -> None:
        text = '<urn:a> <urn:p> "x\\n\\"y\\u0007"@en .\n_:b <urn:p> <urn:o> _:g .\n'
        assert rdfc.serialize_nquads(rdfc.parse_nquads(text)) == text
