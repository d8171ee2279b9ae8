"""A strict N-Quads parser that yields quads in canonical term form, and the N-Quads serializer.

Parsing is the trust boundary for ``rdfc.canonicalize(text)``: whatever it accepts is hashed and
signed, so it accepts exactly the RDF 1.1 N-Quads grammar and nothing else. Every term comes out
in its canonical spelling (escapes in IRIs decoded, literals unescaped and re-escaped the RDFC-1.0
way, ``xsd:string`` datatype dropped), so two spellings of the same dataset canonicalize to the
same bytes and the algorithm can hash plain strings.

Speed matters for the valid case only: one pre-compiled regular expression matches a whole
statement; only when it fails does a slower scanner run to say *what* is wrong and on which line.
Both are linear in the input (no nested quantifiers that could backtrack).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from vckit.errors import CanonicalizationError
from vckit.rdfc._terms import RDF_LANGSTRING, XSD_STRING, Quad, escape_lexical, serialize_quad

__all__ = ["parse_nquads", "serialize_nquads"]

# --- grammar pieces (RDF 1.1 N-Quads, section 5) -------------------------------------------------

_HEX4: Final = "[0-9A-Fa-f]{4}"
_HEX8: Final = "[0-9A-Fa-f]{8}"
_UCHAR: Final = rf"\\u{_HEX4}|\\U{_HEX8}"
# IRIREF and string bodies are written "plain run (escape plain run)*" with possessive
# quantifiers: the grammar is unambiguous (escapes start with a backslash, plain runs exclude it),
# so giving nothing back is correct, and it keeps matching linear even for a 10 MB literal made
# of escapes (a backtracking group repeat is quadratic in CPython's engine).
_IRI_PLAIN: Final = r'[^\x00-\x20<>"{}|^`\\]*+'
_IRI_BODY: Final = rf"{_IRI_PLAIN}(?:(?:{_UCHAR}){_IRI_PLAIN})*+"
_STR_PLAIN: Final = r'[^"\\\n\r]*+'
_ECHAR: Final = r"""\\[tbnrf"'\\]"""
_STR_BODY: Final = rf"{_STR_PLAIN}(?:(?:{_ECHAR}|{_UCHAR}){_STR_PLAIN})*+"
_PN_CHARS_BASE: Final = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U: Final = _PN_CHARS_BASE + "_:"
_PN_CHARS: Final = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_BNODE: Final = rf"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_LANGTAG: Final = r"[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+"
_WS: Final = r"[ \t]*"

# The statement pattern delimits IRIs and strings loosely (``<...>``, ``"..."`` with any escape),
# which matches each valid line exactly as the grammar does but scans several times faster than
# the strict character classes. Every IRI body and literal is then checked strictly the first
# time it is seen in a document (they are cached by spelling), so acceptance stays exactly the
# grammar's.
_IRI_LOOSE: Final = r"[^>]*+"
_STR_LOOSE: Final = r'[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+'
_STATEMENT: Final = re.compile(
    rf"{_WS}(?:<(?P<s_iri>{_IRI_LOOSE})>|(?P<s_bn>{_BNODE}))"
    rf"{_WS}<(?P<p>{_IRI_LOOSE})>"
    rf"{_WS}(?:<(?P<o_iri>{_IRI_LOOSE})>|(?P<o_bn>{_BNODE})"
    rf'|(?P<lit>"(?P<lex>{_STR_LOOSE})"(?:\^\^<(?P<dt>{_IRI_LOOSE})>|@(?P<lang>{_LANGTAG}))?))'
    rf"{_WS}(?:<(?P<g_iri>{_IRI_LOOSE})>|(?P<g_bn>{_BNODE}))?"
    rf"{_WS}\.{_WS}(?:#.*)?"
)
_IRI_STRICT: Final = re.compile(_IRI_BODY)
_PLAIN_ABSOLUTE_IRI: Final = re.compile(r'[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>"{}|^`\\]*+')
_STR_STRICT: Final = re.compile(_STR_BODY)
_BLANK_OR_COMMENT: Final = re.compile(rf"{_WS}(?:#.*)?")
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_IRI_FORBIDDEN: Final = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")  # escapes: mypyc rejects surrogate literals
_XSD_STRING_TERM: Final = f"<{XSD_STRING}>"
_RDF_LANGSTRING_TERM: Final = f"<{RDF_LANGSTRING}>"

# Pieces the error scanner uses to say what went wrong.
_IRI_AT: Final = re.compile(rf"<{_IRI_BODY}>")
_BNODE_AT: Final = re.compile(_BNODE)
_STRING_AT: Final = re.compile(rf'"{_STR_BODY}"')
_STRING_PREFIX_AT: Final = re.compile(rf'"{_STR_BODY}')
_LANG_AT: Final = re.compile(rf"@{_LANGTAG}(?![A-Za-z0-9\-])")
_WS_AT: Final = re.compile(_WS)


def _error(line_no: int, message: str) -> CanonicalizationError:
    return CanonicalizationError(f"invalid N-Quads at line {line_no}: {message}")


def _unescape(body: str, line_no: int) -> str:
    """Decode the ECHAR / UCHAR escapes of a body the grammar already accepted.

    The grammar admits only escapes Python's ``unicode_escape`` codec reads the same way, so the
    codec does the work in C (linear, ~100x faster than a per-escape callback); characters outside
    Latin-1 pass through it as ``backslashreplace`` escapes. Escapes naming a surrogate or a code
    point above U+10FFFF are not characters and are rejected.
    """
    if "\\" not in body:
        return body
    try:
        value = body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        raise _error(line_no, "an escape above U+10FFFF is not a Unicode scalar value") from None
    if _SURROGATE.search(value) is not None:
        raise _error(line_no, "an escaped surrogate is not a Unicode scalar value")
    return value


def _iri(body: str, line_no: int) -> str:
    """``<iri>`` in canonical form: UCHAR escapes decoded, absolute, nothing left to escape."""
    if _PLAIN_ABSOLUTE_IRI.fullmatch(body) is not None:  # the common case, one match
        return "<" + body + ">"
    valid = _IRI_STRICT.match(body)
    stop = 0 if valid is None else valid.end()
    if stop < len(body):
        if body[stop] == "\\":
            raise _error(line_no, f"invalid escape in IRI <{body}> (only \\u and \\U)")
        raise _error(line_no, f"character {body[stop]!r} not allowed in an IRI")
    value = _unescape(body, line_no)
    if value is not body and _IRI_FORBIDDEN.search(value):
        raise _error(line_no, f"IRI <{body}> decodes to a character not allowed in an IRI")
    if _SCHEME.match(value) is None:
        raise _error(line_no, f"IRI <{body}> is not absolute (no scheme)")
    return "<" + value + ">"


def _literal(match: re.Match[str], line_no: int) -> str:
    """A literal in canonical form: lexical form re-escaped, ``xsd:string`` written bare."""
    lex, datatype, lang = match.group("lex", "dt", "lang")
    if "\\" in lex:
        valid = _STR_STRICT.match(lex)
        stop = 0 if valid is None else valid.end()
        if stop < len(lex):
            column = match.start("lex") + stop + 1
            raise _error(line_no, f"invalid escape sequence at column {column}")
    text = '"' + escape_lexical(_unescape(lex, line_no)) + '"'
    if lang is not None:
        return text + "@" + lang
    if datatype is None:
        return text
    dt_term = _iri(datatype, line_no)
    if dt_term == _XSD_STRING_TERM:
        return text
    if dt_term == _RDF_LANGSTRING_TERM:
        raise _error(line_no, "rdf:langString literal without a language tag")
    return text + "^^" + dt_term


def parse_nquads(text: str) -> list[Quad]:
    """Parse an N-Quads document strictly into quads of canonical term strings.

    Duplicate statements are kept (a dataset is a set; ``canonicalize_quads`` removes them).
    Raises ``CanonicalizationError`` naming the line for anything outside the grammar: bad IRIs
    (relative, forbidden characters), bad blank node labels, unterminated or badly escaped
    literals, lone surrogates, invalid language tags, a literal or blank node where the grammar
    forbids it, a missing final ``.``.

    Each distinct IRI and literal spelling is converted once per document (credentials repeat a
    few dozen predicates, types and values on every line), so the common case per line is one
    regular-expression match and a few dictionary lookups.
    """
    if not isinstance(text, str):
        raise TypeError("parse_nquads() takes a str")
    _check_no_surrogates(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    quads: list[Quad] = []
    fullmatch = _STATEMENT.fullmatch
    terms: dict[str, str] = {}  # IRI body or literal spelling -> canonical term
    for line_no, line in enumerate(text.split("\n"), start=1):
        match = fullmatch(line)
        if match is None:
            if _BLANK_OR_COMMENT.fullmatch(line) is None:
                raise _error(line_no, _diagnose(line))
            continue
        s_iri, s_bn, p, o_iri, o_bn, lit, _, _, _, g_iri, g_bn = match.groups()
        subject = s_bn if s_iri is None else (terms.get(s_iri) or _remember(terms, s_iri, line_no))
        predicate = terms.get(p) or _remember(terms, p, line_no)
        if lit is not None:
            obj = terms.get(lit)
            if obj is None:
                obj = terms[lit] = _literal(match, line_no)
        elif o_iri is not None:
            obj = terms.get(o_iri) or _remember(terms, o_iri, line_no)
        else:
            obj = o_bn
        if g_iri is not None:
            quads.append(
                (subject, predicate, obj, terms.get(g_iri) or _remember(terms, g_iri, line_no))
            )
        else:
            quads.append((subject, predicate, obj, g_bn or ""))
    return quads


def _remember(terms: dict[str, str], body: str, line_no: int) -> str:
    """Convert an IRI body not seen before in this document and cache its term.

    IRI bodies never start with a double quote, so they cannot collide with literal spellings
    in the shared cache.
    """
    term = terms[body] = _iri(body, line_no)
    return term


def _check_no_surrogates(text: str) -> None:
    """Reject lone surrogates (not Unicode; they cannot be hashed as UTF-8).

    ASCII text cannot hold one and says so in O(1); otherwise the UTF-8 encoder finds the first
    in C, far faster than a regular-expression scan.
    """
    if text.isascii():
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line_no = text.count("\n", 0, exc.start) + 1
        raise _error(line_no, "lone surrogate code point (not valid Unicode)") from None


def _diagnose(line: str) -> str:
    """Explain why ``line`` is not an N-Quads statement (only runs on the error path)."""
    pos = 0
    roles = ("subject", "predicate", "object", "graph name")
    for index, role in enumerate(roles):
        pos = _skip_ws(line, pos)
        if pos >= len(line):
            return f"statement ends before its {role}" if index < 3 else "missing final '.'"
        char = line[pos]
        if role == "graph name" and char == ".":
            break
        if char == "<":
            match = _IRI_AT.match(line, pos)
            if match is None:
                return _diagnose_iri(line, pos)
            pos = match.end()
        elif line.startswith("_:", pos) and role != "predicate":
            match = _BNODE_AT.match(line, pos)
            if match is None:
                return f"invalid blank node label at column {pos + 1}"
            pos = match.end()
        elif char == '"' and role == "object":
            pos, problem = _scan_literal(line, pos)
            if problem:
                return problem
        elif char == '"':
            return f"a literal cannot be the {role}"
        elif char == "_":
            return f"a blank node cannot be the {role}"
        else:
            return f"unexpected {char!r} at column {pos + 1} where the {role} should be"
    pos = _skip_ws(line, pos)
    if pos >= len(line) or line[pos] != ".":
        return "missing final '.' (or extra term) at the end of the statement"
    return f"unexpected text after the final '.' at column {pos + 2}"


def _skip_ws(line: str, pos: int) -> int:
    match = _WS_AT.match(line, pos)
    return pos if match is None else match.end()


def _diagnose_iri(line: str, pos: int) -> str:
    end = line.find(">", pos)
    if end < 0:
        return f"unterminated IRI starting at column {pos + 1}"
    body = line[pos + 1 : end]
    bad = _IRI_FORBIDDEN.search(body)
    if bad is not None and bad.group() == "\\":
        return f"invalid escape in IRI at column {pos + 2 + bad.start()} (only \\u and \\U)"
    if bad is not None:
        return f"character {bad.group()!r} not allowed in an IRI at column {pos + 2 + bad.start()}"
    return f"invalid IRI at column {pos + 1}"


def _scan_literal(line: str, pos: int) -> tuple[int, str]:
    """Skip a literal (with its suffix) or say what is wrong with it."""
    match = _STRING_AT.match(line, pos)
    if match is None:
        # The longest well-formed prefix ends at the problem: a bad escape or the end of line.
        prefix = _STRING_PREFIX_AT.match(line, pos)
        stop = pos if prefix is None else prefix.end()
        if stop < len(line) and line[stop] == "\\":
            return stop, f"invalid escape sequence at column {stop + 1}"
        return stop, f"unterminated string literal starting at column {pos + 1}"
    pos = match.end()
    if line.startswith("^^", pos):
        datatype = _IRI_AT.match(line, pos + 2)
        if datatype is None:
            return pos, f"invalid datatype IRI at column {pos + 3}"
        return datatype.end(), ""
    if line.startswith("@", pos):
        lang = _LANG_AT.match(line, pos)
        if lang is None:
            return pos, f"invalid language tag at column {pos + 1}"
        return lang.end(), ""
    return pos, ""


def serialize_nquads(quads: Iterable[Quad]) -> str:
    """Canonical N-Quads document: one line per distinct quad, in code point order."""
    return "".join(sorted({serialize_quad(quad) for quad in quads}))
