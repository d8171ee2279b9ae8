from vckit.rdfc import escape_lexical, literal, serialize_quad


def test_escape_lexical_uses_echar_and_upper_case_uchar() -> None:
    assert escape_lexical('a"b\\c') == 'a\\"b\\\\c'
    assert escape_lexical("\b\t\n\f\r") == "\\b\\t\\n\\f\\r"
    assert escape_lexical("\x00\x0b\x1f\x7f") == "\\u0000\\u000B\\u001F\\u007F"
    assert escape_lexical("é😀\u2028") == "é😀\u2028"


def test_literal_forms() -> None:
    assert literal("x") == '"x"'
    assert literal("x", language="en-US") == '"x"@en-US'
    assert (
        literal("1", "http://www.w3.org/2001/XMLSchema#integer")
        == '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    )


def test_serialize_quad() -> None:
    assert serialize_quad(("_:b0", "<p>", '"o"', "")) == '_:b0 <p> "o" .\n'
    assert serialize_quad(("<s>", "<p>", "<o>", "_:g")) == "<s> <p> <o> _:g .\n"
