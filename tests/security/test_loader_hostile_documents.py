"""A fetched context is hostile input: size-capped, strictly parsed, and it must be an object.

Every failure is a ``DocumentLoaderError`` naming the URL; nothing hostile is kept.
"""

from __future__ import annotations

import gzip
import re

import httpx
import pytest

from vckit import jsonld
from vckit._http import HttpPolicy
from vckit.errors import DocumentLoaderError, ParseError
from vckit.jsonld._loader import REMOTE_MAX_DEPTH

URL = "https://contexts.example.org/v1/hostile.jsonld"


def _loader(
    body: bytes,
    *,
    content_type: str = "application/ld+json",
    headers: dict[str, str] | None = None,
    policy: HttpPolicy | None = None,
) -> tuple[jsonld.DocumentLoader, list[str]]:
    requests: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(str(request.url))
        return httpx.Response(
            200, content=body, headers={"content-type": content_type, **(headers or {})}
        )

    client = httpx.Client(transport=httpx.MockTransport(handler))
    return jsonld.DocumentLoader(allow_remote=[URL], http=policy, client=client), requests


def _refused(loader: jsonld.DocumentLoader) -> DocumentLoaderError:
    # every refusal names the document; each test asserts the reason on the returned error
    with pytest.raises(DocumentLoaderError, match=f"^remote document '{re.escape(URL)}' ") as info:
        loader(URL, {})
    assert info.value.url == URL
    return info.value


def test_document_larger_than_the_policy_cap_is_refused() -> None:
    body = b'{"@context": {"a": "' + b"x" * 5000 + b'"}}'
    loader, _ = _loader(body, policy=HttpPolicy(max_bytes=4096))
    assert "4096" in str(_refused(loader))


def test_default_cap_refuses_a_two_megabyte_document() -> None:
    body = b'{"@context": {"a": "' + b"x" * (2 * 1024 * 1024) + b'"}}'
    loader, _ = _loader(body)
    assert "could not be fetched" in str(_refused(loader))


def test_compression_bomb_is_refused() -> None:
    body = gzip.compress(b'{"@context": {"a": "' + b"x" * (4 * 1024 * 1024) + b'"}}')
    assert len(body) < 16 * 1024
    loader, _ = _loader(body, headers={"content-encoding": "gzip"})
    _refused(loader)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"@context": {"a": "https://e.org/a"', "truncated"),
        (b'{"@context": {"a": "https://e.org/a", "a": "https://e.org/b"}}', "duplicate"),
        (b'{"@context": {"a": NaN}}', "NaN"),
        (b'{"@context": {"a": 1e999}}', "infinity"),
        (b'{"@context": {"a": "\xff"}}', "UTF-8"),
        (b'{"@context": {"a": "\\ud800"}}', "lone surrogate"),
        (b"[" * (REMOTE_MAX_DEPTH + 1) + b"]" * (REMOTE_MAX_DEPTH + 1), "deep nesting"),
    ],
)
def test_malformed_json_is_refused(body: bytes, reason: str) -> None:
    loader, _ = _loader(body)
    error = _refused(loader)
    assert "not acceptable JSON" in str(error), reason
    assert isinstance(error.__cause__, ParseError)


@pytest.mark.parametrize("body", [b"[]", b'"https://e.org/ctx"', b"42", b"null"])
def test_document_that_is_not_an_object_is_refused(body: bytes) -> None:
    loader, _ = _loader(body)
    assert "not a JSON object" in str(_refused(loader))


def test_html_is_refused_by_content_type() -> None:
    loader, _ = _loader(b"<html><body>hello</body></html>", content_type="text/html")
    assert "content type" in str(_refused(loader))


def test_refused_documents_are_not_kept() -> None:
    loader, requests = _loader(b"[]")
    _refused(loader)
    _refused(loader)
    assert requests == [URL, URL]
    assert URL not in loader


def test_long_hostile_url_is_shortened_in_the_message() -> None:
    url = "https://contexts.example.org/" + "a" * 10_000
    with pytest.raises(DocumentLoaderError, match="not allowed for remote loading") as info:
        jsonld.default_loader()(url, {})
    assert info.value.url == url
    assert len(str(info.value)) < 600
