"""Small pieces of the fast path: JSON paths, IRI predicates, canonical doubles, no pyld import."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests.unit.jsonld.jsonld_support import FIXTURES

from vckit.jsonld._emit import canonical_double
from vckit.jsonld._iri import has_keyword_form, is_absolute_iri, is_keyword
from vckit.jsonld._paths import format_path


def test_format_path() -> None:
    assert format_path(None) == "$"
    assert format_path(((None, "credentialSubject"), "achievement")) == (
        "$.credentialSubject.achievement"
    )
    assert format_path((((None, "type"), 1), "x")) == "$.type[1].x"
    assert format_path((None, "@context")) == "$['@context']"
    assert format_path((None, "with space")) == "$['with space']"


@pytest.mark.parametrize(
    ("value", "absolute"),
    [
        ("https://example.org/a", True),
        ("did:key:z6Mk", True),
        ("urn:uuid:1", True),
        ("_:b0", True),
        ("relative/path", False),
        ("", False),
        ("https://example.org/a b", False),
        ("1http://x", False),
    ],
)
def test_is_absolute_iri(value: str, absolute: bool) -> None:
    assert is_absolute_iri(value) is absolute


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/a",
        "https://example.org/a b",
        "https://example.org/a\n",
        "https://example.org/a\n\n",
        "https://example.org/\u00a0",
        "https://example.org/\u2028",
        "https://example.org/\u3000x",
        "https://example.org/\x00",
        "https://example.org/\x1c",
        "https://example.org/\u200b",
        "did:key:z6Mk\u0085",
        "did:",
        "urn:uuid:1\t",
        "http:",
        "https:\r",
        "HTTPS://example.org/",
        "_:b0",
        "mailto:a@b",
    ],
)
def test_the_absolute_iri_fast_path_agrees_with_pyld_pattern(value: str) -> None:
    """The scheme fast path must classify exactly as pyld's regular expression does."""
    from pyld.jsonld import _is_absolute_iri as pyld_is_absolute_iri

    assert is_absolute_iri(value) is bool(pyld_is_absolute_iri(value))


def test_keywords() -> None:
    assert is_keyword("@id")
    assert is_keyword("@vocab")
    assert not is_keyword("@foo")
    assert has_keyword_form("@foo")
    assert not has_keyword_form("@foo1")
    assert not has_keyword_form("id")


@pytest.mark.parametrize(
    ("value", "lexical"),
    [(5.5, "5.5E0"), (-0.000123, "-1.23E-4"), (1e21, "1.0E21"), (123456.789, "1.23456789E5")],
)
def test_canonical_double(value: float, lexical: str) -> None:
    assert canonical_double(value) == lexical


def test_fast_path_does_not_import_pyld() -> None:
    """The cold cost of a first canonicalize never includes pyld (and its lxml import)."""
    fixture = FIXTURES / "ob3_representative.json"
    if not fixture.exists():
        pytest.skip(f"peer fixtures not available: {fixture}")
    code = (
        "import json, sys\n"
        "from vckit import jsonld\n"
        f"jsonld.canonicalize(json.load(open({str(fixture)!r})))\n"
        "print('pyld' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
