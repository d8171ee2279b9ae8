"""DID and DID URL parsing (DID Core syntax)."""

from __future__ import annotations

import pytest

from vckit.dids import DID, DIDURL
from vckit.errors import DIDResolutionError, DIDResolutionErrorKind


def test_parse_did() -> None:
    did = DID.parse("did:web:example.com%3A8443:users:alice")
    assert did.method == "web"
    assert did.method_specific_id == "example.com%3A8443:users:alice"
    assert str(did) == "did:web:example.com%3A8443:users:alice"


def test_parse_did_url_parts() -> None:
    url = DIDURL.parse("did:example:123/path/to?service=files&x=1#key-1")
    assert str(url.did) == "did:example:123"
    assert url.path == "/path/to"
    assert url.query == "service=files&x=1"
    assert url.fragment == "key-1"
    assert str(url) == "did:example:123/path/to?service=files&x=1#key-1"


def test_empty_query_and_fragment_are_kept_distinct_from_absent() -> None:
    url = DIDURL.parse("did:example:123?#")
    assert (url.query, url.fragment) == ("", "")
    assert DIDURL.parse("did:example:123").fragment is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("did:Example:123", "invalid method name"),
        ("did::123", "invalid method name"),
        ("did:ex-ample:123", "invalid method name"),
        ("did:example", "invalid method name"),
        ("did:example:", "invalid method-specific id"),
        ("did:example:abc:", "invalid method-specific id"),
        ("did:example:a b", "invalid method-specific id"),
        ("did:example:%zz", "malformed percent-encoding"),
        ("did:example:%4", "malformed percent-encoding"),
        ("DID:example:123", "starts with 'did:'"),
        ("https://example.com", "starts with 'did:'"),
    ],
)
def test_invalid_did(value: str, message: str) -> None:
    with pytest.raises(DIDResolutionError, match=message) as info:
        DIDURL.parse(value)
    assert info.value.kind is DIDResolutionErrorKind.INVALID_DID


@pytest.mark.parametrize(
    "value", ["did:example:123#a b", "did:example:123/%G0", "did:example:123?x=<y>"]
)
def test_invalid_did_url_parts(value: str) -> None:
    part = {"#": "fragment", "/": "path", "?": "query"}[value[15]]
    with pytest.raises(DIDResolutionError, match=f"percent-encoding in the {part}$") as info:
        DIDURL.parse(value)
    assert info.value.kind is DIDResolutionErrorKind.INVALID_DID_URL


def test_did_parse_refuses_did_urls() -> None:
    with pytest.raises(DIDResolutionError, match="got a DID URL"):
        DID.parse("did:example:123#key")


def test_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="a DID URL must be a str"):
        DIDURL.parse(123)  # type: ignore[arg-type]
