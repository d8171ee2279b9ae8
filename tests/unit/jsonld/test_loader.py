"""``vckit.jsonld.DocumentLoader``: what it serves, how pyld caches it, and that it fails closed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pyld import jsonld as pyld_jsonld
from pyld.jsonld import LRUCache

from vckit import jsonld
from vckit.errors import DocumentLoaderError
from vckit.jsonld import _loader

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_303 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
EXAMPLE_CONTEXT = {"@context": {"ex": "https://example.org/vocab#", "shoeSize": "ex:shoeSize"}}

# Issue 2's list: the loader must serve at least these offline.
REQUIRED = {
    "https://www.w3.org/2018/credentials/v1",
    VC_V2,
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
    OB_303,
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://w3id.org/security/data-integrity/v1",
    "https://w3id.org/security/data-integrity/v2",
    "https://w3id.org/security/multikey/v1",
    "https://w3id.org/security/suites/ed25519-2020/v1",
    "https://w3id.org/security/suites/jws-2020/v1",
    "https://w3id.org/security/v1",
    "https://w3id.org/security/v2",
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/vc/status-list/2021/v1",
    "https://www.w3.org/ns/credentials/status/v1",
}


@pytest.fixture
def fresh_pyld_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """pyld's resolved-context cache is process-wide; give the test an empty one."""
    monkeypatch.setattr(pyld_jsonld, "_resolved_context_cache", LRUCache(maxsize=100))


def _expand(document: dict[str, Any], loader: Any) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = pyld_jsonld.expand(document, {"documentLoader": loader})
    return expanded


def test_bundles_every_context_issue_2_requires() -> None:
    assert REQUIRED.issubset(jsonld.bundled_context_urls())
    assert REQUIRED.issubset(jsonld.default_loader().urls)


def test_served_shape_and_static_tag() -> None:
    remote = jsonld.default_loader()(VC_V2, {})
    assert set(remote) == {"contextUrl", "documentUrl", "document", "tag"}
    assert remote["contextUrl"] is None
    assert remote["documentUrl"] == VC_V2
    assert remote["tag"] == "static"
    context = remote["document"]["@context"]
    assert (
        context["VerifiableCredential"]["@id"]
        == "https://www.w3.org/2018/credentials#VerifiableCredential"
    )


def test_options_are_optional_and_get_returns_the_same_document() -> None:
    loader = jsonld.default_loader()
    assert loader(VC_V2)["document"] == loader.get(VC_V2)


def test_served_document_is_a_private_copy() -> None:
    loader = jsonld.default_loader()
    served = loader(VC_V2)["document"]
    served["@context"]["VerifiableCredential"] = "https://attacker.example/vc"
    assert loader.get(VC_V2)["@context"]["VerifiableCredential"]["@id"].startswith(
        "https://www.w3.org/2018/credentials#"
    )


def test_default_loader_is_shared() -> None:
    assert jsonld.default_loader() is jsonld.default_loader()


def test_contains() -> None:
    loader = jsonld.default_loader()
    assert VC_V2 in loader
    assert "https://example.org/unknown" not in loader
    assert 42 not in loader


def test_unknown_url_fails_closed_without_network(no_network: list[Any]) -> None:
    url = "https://example.org/contexts/unknown.jsonld"
    with pytest.raises(DocumentLoaderError, match=re.escape(url)) as info:
        jsonld.default_loader()(url, {})
    assert info.value.url == url
    assert no_network == []


def test_unknown_context_in_expand_fails_without_network(
    no_network: list[Any], fresh_pyld_cache: None
) -> None:
    document = {"@context": "https://example.org/unknown/v1", "name": "x"}
    with pytest.raises(pyld_jsonld.JsonLdError) as info:
        _expand(document, jsonld.default_loader())
    cause: BaseException | None = info.value
    while cause is not None and not isinstance(cause, DocumentLoaderError):
        cause = cause.__cause__
    assert isinstance(cause, DocumentLoaderError)
    assert cause.url == "https://example.org/unknown/v1"
    assert no_network == []


def test_caller_added_context_is_served_and_isolated() -> None:
    url = "https://example.org/shoes/v1"
    mine = {"@context": {"shoeSize": "https://example.org/vocab#shoeSize"}}
    loader = jsonld.DocumentLoader({url: mine})
    mine["@context"]["shoeSize"] = "https://attacker.example/changed"
    remote = loader(url, {})
    assert remote["document"] == {"@context": {"shoeSize": "https://example.org/vocab#shoeSize"}}
    assert remote["tag"] is None  # pyld's shared cache is keyed by URL only: see the module doc
    assert url in loader
    assert url not in jsonld.default_loader()
    assert VC_V2 in loader


def test_caller_added_context_expands(fresh_pyld_cache: None) -> None:
    url = "https://example.org/shoes/v1"
    loader = jsonld.DocumentLoader({url: EXAMPLE_CONTEXT})
    expanded = _expand({"@context": url, "shoeSize": 42}, loader)
    assert expanded == [{"https://example.org/vocab#shoeSize": [{"@value": 42}]}]


def test_caller_cannot_replace_a_bundled_context() -> None:
    with pytest.raises(ValueError, match="differs from the bundled context"):
        jsonld.DocumentLoader({VC_V2: EXAMPLE_CONTEXT})


def test_caller_may_repeat_a_bundled_context_unchanged() -> None:
    loader = jsonld.DocumentLoader({VC_V2: dict(jsonld.default_loader().get(VC_V2))})
    assert loader(VC_V2)["tag"] == "static"


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"https://example.org/a": "not a document"}, TypeError),
        ({"https://example.org/a": {"@context": {"x": float("nan")}}}, ValueError),
        ({"": {"@context": {}}}, TypeError),
    ],
)
def test_bad_extra_documents_are_refused(extra: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        jsonld.DocumentLoader(extra)


def test_non_string_url_is_a_programmer_error() -> None:
    with pytest.raises(TypeError):
        jsonld.default_loader()(None)  # type: ignore[arg-type]


def test_pyld_expands_with_the_loader_and_caches_across_calls(fresh_pyld_cache: None) -> None:
    loader = jsonld.default_loader()
    calls: list[str] = []

    def counting(url: str, options: Any = None) -> dict[str, Any]:
        calls.append(url)
        return loader(url, options)

    credential = {
        "@context": [VC_V2],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:subject"},
    }
    first = _expand(credential, counting)
    assert first[0]["@type"] == ["https://www.w3.org/2018/credentials#VerifiableCredential"]
    assert first[0]["https://www.w3.org/2018/credentials#issuer"] == [{"@id": "did:example:issuer"}]
    assert calls == [VC_V2]
    second = _expand(credential, counting)
    assert second == first
    assert calls == [VC_V2]  # the processed context came from pyld's cache


def test_caller_added_documents_are_not_cached_process_wide(fresh_pyld_cache: None) -> None:
    url = "https://example.org/shoes/v1"
    loader = jsonld.DocumentLoader({url: EXAMPLE_CONTEXT})
    _expand({"@context": url, "shoeSize": 1}, loader)
    with pytest.raises(pyld_jsonld.JsonLdError):
        _expand({"@context": url, "shoeSize": 1}, jsonld.default_loader())


def test_ob_303_alternate_is_served_under_its_alias(fresh_pyld_cache: None) -> None:
    alternates = jsonld.context_alternates(OB_303)
    assert list(alternates) == ["1edtech-validator-2026"]
    alias = alternates["1edtech-validator-2026"]
    loader = jsonld.default_loader()
    assert alias in loader
    assert alias not in jsonld.bundled_context_urls()
    published = loader.get(OB_303)["@context"]
    alternate = loader.get(alias)["@context"]
    assert set(alternate) - set(published) == {"jti", "endorsementJwt"}
    assert alternate["jti"] == {"@id": "https://www.iana.org/assignments/jwt#jti", "@type": "@id"}
    assert {key: alternate[key] for key in published} == published
    assert jsonld.context_alternates(VC_V2) == {}


def test_damaged_bundle_is_detected() -> None:
    entry = _loader._Entry(file="credentials-v1.jsonld", sha256="0" * 64)
    with pytest.raises(DocumentLoaderError, match="does not match the sha256") as info:
        _loader._BUNDLE._parse("https://www.w3.org/2018/credentials/v1", entry)
    assert info.value.url == "https://www.w3.org/2018/credentials/v1"


@pytest.mark.parametrize(
    "entry",
    [
        "example.org/contexts/",
        "ftp://example.org/contexts/",
        "https://example.org",
        "https:///contexts/",
        "https://example.org/a/../b/",
        "https://example.org/a/%2E%2E/b/",
    ],
)
def test_bad_allow_list_entries_are_refused(entry: str) -> None:
    with pytest.raises(ValueError, match="allow_remote entry"):
        jsonld.DocumentLoader(allow_remote=[entry])


def test_allow_remote_must_not_be_a_bare_string() -> None:
    with pytest.raises(TypeError):
        jsonld.DocumentLoader(allow_remote="https://example.org/contexts/")


def _nquads(document: dict[str, Any]) -> str:
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": jsonld.default_loader(),
    }
    nquads: str = pyld_jsonld.normalize(document, options)
    return nquads


def _badge(**extra: Any) -> dict[str, Any]:
    return {
        "@context": [VC_V2, OB_303],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:example:issuer", "type": "Profile"},
        "credentialSubject": {"id": "did:example:learner", "type": "AchievementSubject"},
        **extra,
    }


def test_with_context_alternate_changes_only_the_context_url() -> None:
    badge = _badge(proof={"@context": [VC_V2, OB_303], "type": "DataIntegrityProof"})
    alias = jsonld.context_alternates(OB_303)["1edtech-validator-2026"]
    swapped = jsonld.with_context_alternate(badge, OB_303, "1edtech-validator-2026")
    assert swapped["@context"] == [VC_V2, alias]
    assert swapped["proof"]["@context"] == [VC_V2, alias]
    assert badge["@context"] == [VC_V2, OB_303]  # the input is left alone
    assert badge["proof"]["@context"] == [VC_V2, OB_303]
    assert {k: v for k, v in swapped.items() if k not in ("@context", "proof")} == {
        k: v for k, v in badge.items() if k not in ("@context", "proof")
    }


def test_with_context_alternate_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="no bundled alternate"):
        jsonld.with_context_alternate(_badge(), OB_303, "no-such-version")
    with pytest.raises(ValueError, match="no bundled alternate"):
        jsonld.with_context_alternate(_badge(), VC_V2, "1edtech-validator-2026")


def test_ob_303_versions_agree_unless_the_added_terms_are_used() -> None:
    plain = _badge()
    swapped = jsonld.with_context_alternate(plain, OB_303, "1edtech-validator-2026")
    assert _nquads(plain) == _nquads(swapped)

    with_jwt = _badge(endorsementJwt=["eyJhbGciOiJFZERTQSJ9.e30.c2ln"])
    published = _nquads(with_jwt)
    alternate = _nquads(jsonld.with_context_alternate(with_jwt, OB_303, "1edtech-validator-2026"))
    # The published 3.0.3 does not define endorsementJwt: JSON-LD drops it (safe mode refuses).
    assert "endorsementJwt" not in published
    assert "<https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementJwt>" in alternate


def test_ob_303_versions_differ_under_an_undefined_terms_vocabulary() -> None:
    undefined_terms = "https://www.w3.org/ns/credentials/undefined-terms/v2"
    with_jwt = _badge(endorsementJwt=["eyJhbGciOiJFZERTQSJ9.e30.c2ln"])
    with_jwt["@context"] = [VC_V2, OB_303, undefined_terms]
    published = _nquads(with_jwt)
    alternate = _nquads(jsonld.with_context_alternate(with_jwt, OB_303, "1edtech-validator-2026"))
    assert "<https://www.w3.org/ns/credentials/undefined-term#endorsementJwt>" in published
    assert "<https://purl.imsglobal.org/spec/vc/ob/vocab.html#endorsementJwt>" in alternate


def test_repr_says_what_the_loader_serves() -> None:
    loader = jsonld.DocumentLoader(
        {"https://example.org/a": {"@context": {}}}, allow_remote=["https://example.org/ctx/"]
    )
    served = len(jsonld.default_loader().urls)
    assert repr(loader) == f"DocumentLoader(bundled={served}, extra=1, allow_remote=1)"


def test_bundled_contexts_load_without_network(no_network: list[Any]) -> None:
    loader = jsonld.DocumentLoader()
    for url in sorted(jsonld.bundled_context_urls()):
        assert "@context" in loader(url, {})["document"], url
    assert no_network == []


def test_get_serves_the_same_documents_on_every_call() -> None:
    """``get`` remembers bundled and caller-added documents: the same object every time, the
    one the loader serves, and a non-string URL is still refused with the loader's own error."""
    loader = jsonld.DocumentLoader({"https://example.org/ctx": EXAMPLE_CONTEXT})
    first = loader.get(VC_V2)
    assert loader.get(VC_V2) is first
    assert first == loader(VC_V2)["document"]
    extra = loader.get("https://example.org/ctx")
    assert extra == EXAMPLE_CONTEXT
    assert loader.get("https://example.org/ctx") is extra
    with pytest.raises(TypeError, match="document URL must be a string"):
        loader.get(["not", "a", "url"])  # type: ignore[arg-type]
    with pytest.raises(DocumentLoaderError, match="not bundled"):
        loader.get("https://example.org/unknown")
    with pytest.raises(DocumentLoaderError, match="not bundled"):
        loader.get("https://example.org/unknown")  # a refusal is not remembered as a document
