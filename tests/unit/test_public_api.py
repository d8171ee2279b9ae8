"""Pin the public namespace: these names are the contract other code relies on (DESIGN.md)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import vckit

PUBLIC_PACKAGES = [
    "vckit",
    "vckit.errors",
    "vckit.problems",
    "vckit.keys",
    "vckit.dids",
    "vckit.jsonld",
    "vckit.rdfc",
    "vckit.proofs",
    "vckit.proofs.dataintegrity",
    "vckit.proofs.jose",
    "vckit.openbadges",
    "vckit.openbadges.baking",
    "vckit.display",
    "vckit.status",
    "vckit.status.registry",
    "vckit.verification",
    "vckit.batch",
]

# Every public package's ``__all__``, exactly (a name added or removed must be added here too,
# as httpx pins its own namespace). Sorted, so a merge conflict shows the name that moved.
PINNED: dict[str, list[str]] = {
    "vckit.batch": [
        "BatchItemError",
        "BatchResult",
        "JsonLines",
        "SequentialExecutor",
        "issue_many",
        "read_jsonl",
        "verify_many",
        "write_jsonl",
    ],
    "vckit.errors": [
        "BakingError",
        "CanonicalizationError",
        "CanonicalizationWorkLimitError",
        "DIDResolutionError",
        "DIDResolutionErrorKind",
        "DocumentLoaderError",
        "FetchBudgetExceededError",
        "FetchError",
        "FetchStatusError",
        "KeyFormatError",
        "ParseError",
        "SafeModeError",
        "SigningError",
        "UnsupportedAlgorithmError",
        "VckitError",
        "VerificationError",
    ],
    "vckit.problems": [
        "CONTEXT_VALIDATION_ERROR",
        "CRYPTOSUITE_UNSUPPORTED_ERROR",
        "DATA_LOSS_DETECTION_ERROR",
        "INVALID_CHALLENGE_ERROR",
        "INVALID_DOMAIN_ERROR",
        "INVALID_VERIFICATION_METHOD_ERROR",
        "MALFORMED_PROOF_ERROR",
        "MISMATCHED_PROOF_PURPOSE_ERROR",
        "PARSING_ERROR",
        "PROOF_EXPIRED_ERROR",
        "PROOF_GENERATION_ERROR",
        "PROOF_VERIFICATION_ERROR",
        "Problem",
        "STATUS_RETRIEVAL_ERROR",
        "STATUS_VERIFICATION_ERROR",
        "UNTRUSTED_ISSUER_ERROR",
    ],
    "vckit.keys": [
        "KEY_TYPES",
        "KeyPair",
        "KeyResolver",
        "LocalKeyResolver",
        "LocalSigner",
        "LocalVerifier",
        "PublicKey",
        "Signer",
        "VerificationMethod",
        "VerificationMethodLike",
        "Verifier",
        "generate",
        "public_key_from_did_jwk",
        "public_key_from_did_key",
    ],
    "vckit.dids": [
        "AsyncDIDResolver",
        "DEFAULT_HTTP_POLICY",
        "DEFAULT_METHODS",
        "DID",
        "DIDDocument",
        "DIDMethod",
        "DIDResolver",
        "DIDURL",
        "DocumentCache",
        "FetchResponse",
        "HttpPolicy",
        "JwkMethod",
        "KeyMethod",
        "RELATIONSHIPS",
        "VerificationMethod",
        "WebMethod",
        "did_jwk",
        "did_key",
        "did_key_document",
        "did_web_document",
        "did_web_url",
    ],
    "vckit.jsonld": [
        "DocumentLoader",
        "HttpPolicy",
        "bundled_context_urls",
        "canonicalize",
        "context_alternates",
        "deep_iteration_nodes",
        "default_loader",
        "to_rdf",
        "validate_contexts",
        "with_context_alternate",
    ],
    "vckit.rdfc": [
        "DEFAULT_WORK_LIMIT",
        "Quad",
        "canonicalize",
        "canonicalize_quads",
        "canonicalize_with_map",
        "escape_lexical",
        "literal",
        "parse_nquads",
        "serialize_nquads",
        "serialize_quad",
    ],
    "vckit.proofs": [
        "dataintegrity",
        "jose",
    ],
    "vckit.proofs.dataintegrity": [
        "Cryptosuite",
        "DEFAULT_CLOCK_SKEW",
        "DEFAULT_CRYPTOSUITES",
        "DataIntegrity",
        "EcdsaJcs2019",
        "EcdsaRdfc2019",
        "EcdsaSd2023",
        "Ed25519Signature2020",
        "EddsaJcs2022",
        "EddsaRdfc2022",
        "HashThenSignSuite",
        "JcsSuite",
        "ProofResult",
        "ProofVerificationResult",
        "RdfcSuite",
        "add_proof",
        "averify_proof",
        "verify_proof",
    ],
    "vckit.proofs.jose": [
        "AsyncCredentialVerifier",
        "CredentialVerifier",
        "DEFAULT_ALGORITHMS",
        "DEFAULT_CLOCK_SKEW",
        "DEFAULT_MAX_TOKEN_BYTES",
        "JWE_NOT_SUPPORTED_ERROR",
        "JWS_ALGORITHM_NOT_ALLOWED_ERROR",
        "JWS_HEADER_INVALID_ERROR",
        "JWS_HEADER_NOT_ALLOWED_ERROR",
        "JWT_CLAIM_INVALID_ERROR",
        "JWT_CLAIM_MISMATCH_ERROR",
        "JWT_CLAIM_NARROWER_WARNING",
        "JWT_EXPIRED_ERROR",
        "JWT_NOT_YET_VALID_ERROR",
        "JWT_TOO_LARGE_ERROR",
        "JwtPresentationVerificationResult",
        "JwtVerificationResult",
        "VC_JOSE_COSE",
        "VC_JWT",
        "averify_credential_jwt",
        "averify_presentation_jwt",
        "sign_credential_jwt",
        "sign_presentation_jwt",
        "verify_credential_jwt",
        "verify_presentation_jwt",
    ],
    "vckit.openbadges": [
        "Achievement",
        "AchievementCredential",
        "AchievementSubject",
        "AchievementType",
        "Address",
        "Alignment",
        "AlignmentTargetType",
        "Association",
        "AssociationType",
        "CLR_CONTEXT",
        "ClrCredential",
        "ClrSubject",
        "CredentialSchema",
        "CredentialStatus",
        "Criteria",
        "EndorsementCredential",
        "EndorsementSubject",
        "Evidence",
        "GeoCoordinates",
        "IdentifierEntry",
        "IdentifierType",
        "IdentityObject",
        "Image",
        "LanguageString",
        "LanguageValue",
        "OB_CONTEXT",
        "OFFICIAL_SCHEMAS",
        "OpenBadgeCredential",
        "Profile",
        "RefreshService",
        "Related",
        "Result",
        "ResultDescription",
        "ResultStatusType",
        "ResultType",
        "RubricCriterionLevel",
        "SchemaRegistry",
        "SchemaValidator",
        "TermsOfUse",
        "VC_V2_CONTEXT",
        "ValidationIssue",
        "VerifiableCredential",
        "badge_image",
        "badge_png",
        "credential_class",
        "is_extension_term",
        "localized",
        "validate",
    ],
    "vckit.openbadges.baking": [
        "BakedCredential",
        "BakingError",
        "MAX_CHUNKS",
        "MAX_CREDENTIAL_BYTES",
        "MAX_SVG_BYTES",
        "OB2_NAMESPACE",
        "OB3_NAMESPACE",
        "OpenBadges2Error",
        "bake",
        "extract",
        "unbake",
    ],
    "vckit.display": ["render_report_html"],
    "vckit.status": [
        "BitstringStatusList",
        "CREDENTIAL_REVOKED",
        "CREDENTIAL_SUSPENDED",
        "DEFAULT_MAX_DECODED_BYTES",
        "LEGACY_MIN_LIST_LENGTH",
        "MALFORMED_VALUE_ERROR",
        "MIN_LIST_LENGTH",
        "RANGE_ERROR",
        "STATUS_LIST_CONTENT_TYPES",
        "STATUS_LIST_LENGTH_ERROR",
        "STATUS_RETRIEVAL_ERROR",
        "STATUS_VERIFICATION_ERROR",
        "StatusChecker",
        "StatusListDecodeError",
        "StatusListExport",
        "StatusListInfo",
        "StatusRegistry",
        "StatusRegistryError",
        "StatusResult",
        "StatusVerdict",
        "SupportsAsyncStatusCheck",
        "SupportsStatusAllocation",
        "SupportsStatusCheck",
        "build_status_list_credential",
        "issue_status_list_credential",
        "parse_status_list_index",
    ],
    "vckit.status.registry": [
        "PURPOSES",
        "StatusListExport",
        "StatusListInfo",
        "StatusRegistry",
        "StatusRegistryError",
    ],
    "vckit.verification": [
        "AsyncVerifier",
        "CheckResult",
        "CheckStatus",
        "CheckStatusEntry",
        "DEFAULT_CLOCK_SKEW",
        "FetchBudget",
        "FetchRefresh",
        "IssuanceError",
        "VCKIT_PROBLEM_BASE",
        "VerificationReport",
        "Verifier",
        "VerifyDataIntegrity",
        "VerifyJwt",
        "averify",
        "averify_presentation",
        "issue",
        "present",
        "problem_type",
        "verify",
        "verify_presentation",
    ],
}


def test_top_level_all_is_pinned() -> None:
    assert sorted(vckit.__all__) == [
        "AsyncVerifier",
        "CheckResult",
        "CheckStatus",
        "Problem",
        "VckitError",
        "VerificationReport",
        "Verifier",
        "__version__",
        "averify",
        "batch",
        "dids",
        "display",
        "errors",
        "issue",
        "jsonld",
        "keys",
        "openbadges",
        "present",
        "problems",
        "proofs",
        "rdfc",
        "status",
        "verification",
        "verify",
        "verify_presentation",
    ]


def test_pipeline_names_are_the_verification_package_ones() -> None:
    """``vckit.verify`` is the function; the package is ``vckit.verification``."""
    from vckit import verification

    assert callable(vckit.verify)
    assert vckit.verify is verification.verify
    assert vckit.Verifier is verification.Verifier
    assert vckit.issue is verification.issue
    assert sorted(verification.__all__) == PINNED["vckit.verification"]


def test_every_public_package_is_pinned() -> None:
    """``vckit`` itself is pinned by ``test_top_level_all_is_pinned``."""
    assert sorted(PINNED) == sorted(set(PUBLIC_PACKAGES) - {"vckit"})


@pytest.mark.parametrize("name", sorted(PINNED))
def test_package_all_is_pinned(name: str) -> None:
    assert sorted(importlib.import_module(name).__all__) == PINNED[name]


def test_jsonld_users_configure_http_without_vckit_dids() -> None:
    """``vckit.jsonld`` re-exports the one ``HttpPolicy`` (and importing it loads no httpx)."""
    from vckit import _http, dids, jsonld

    assert jsonld.HttpPolicy is _http.HttpPolicy is dids.HttpPolicy
    code = (
        "import sys, vckit.jsonld; print(','.join(m for m in ('httpx', 'httpcore', 'vckit.dids') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


@pytest.mark.parametrize("name", PUBLIC_PACKAGES)
def test_every_exported_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(exported) == len(set(exported)), f"{name}.__all__ repeats a name"
    for attribute in exported:
        assert getattr(module, attribute) is not None, f"{name}.{attribute}"


def test_design_md_names_resolve() -> None:
    """The names DESIGN.md's API sketch uses, reached the way it reaches them."""
    from vckit import dids, jsonld, keys, openbadges, rdfc, status
    from vckit.openbadges import baking
    from vckit.proofs import dataintegrity, jose

    for owner, names in [
        (keys, ["generate", "KeyPair", "PublicKey", "Signer", "Verifier", "KeyResolver"]),
        (dids, ["did_key", "DIDResolver", "AsyncDIDResolver", "HttpPolicy", "DIDDocument"]),
        (jsonld, ["canonicalize", "to_rdf", "DocumentLoader"]),
        (rdfc, ["canonicalize", "canonicalize_quads"]),
        (dataintegrity, ["add_proof", "verify_proof", "ProofVerificationResult"]),
        (
            jose,
            [
                "sign_credential_jwt",
                "verify_credential_jwt",
                "averify_credential_jwt",
                "averify_presentation_jwt",
                "JwtVerificationResult",
            ],
        ),
        (openbadges, ["OpenBadgeCredential", "validate", "IdentityObject", "badge_image"]),
        (baking, ["bake", "unbake", "extract", "BakedCredential", "BakingError"]),
        (baking, ["OpenBadges2Error"]),
        (
            status,
            [
                "BitstringStatusList",
                "issue_status_list_credential",
                "StatusRegistry",
                "StatusChecker",
                "StatusResult",
                "StatusVerdict",
            ],
        ),
    ]:
        missing = [n for n in names if not hasattr(owner, n)]
        assert missing == [], f"{owner.__name__} lacks {missing}"


def test_import_vckit_is_lazy() -> None:
    """``import vckit`` must not pull in pydantic, httpx or jwcrypto."""
    code = (
        "import sys, vckit; heavy = [m for m in ('pydantic', 'httpx', 'jwcrypto', 'pyld') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_unknown_attribute_raises() -> None:
    with pytest.raises(AttributeError, match="module 'vckit' has no attribute 'nonexistent'"):
        _ = vckit.nonexistent  # type: ignore[attr-defined]
