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
    "vckit.status",
    "vckit.verification",
]


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
        "dids",
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
    assert sorted(verification.__all__) == [
        "AsyncVerifier",
        "CheckResult",
        "CheckStatus",
        "CheckStatusEntry",
        "DEFAULT_CLOCK_SKEW",
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
    ]


@pytest.mark.parametrize("name", PUBLIC_PACKAGES)
def test_every_exported_name_exists(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(exported) == len(set(exported)), f"{name}.__all__ repeats a name"
    for attribute in exported:
        assert getattr(module, attribute) is not None, f"{name}.{attribute}"


def test_design_md_names_resolve() -> None:
    """The names DESIGN.md's API sketch uses, reached the way it reaches them."""
    from vckit import dids, jsonld, keys, openbadges, rdfc
    from vckit.proofs import dataintegrity, jose

    for owner, names in [
        (keys, ["generate", "KeyPair", "PublicKey", "Signer", "Verifier", "KeyResolver"]),
        (dids, ["did_key", "DIDResolver", "AsyncDIDResolver", "HttpPolicy", "DIDDocument"]),
        (jsonld, ["canonicalize", "to_rdf", "DocumentLoader"]),
        (rdfc, ["canonicalize", "canonicalize_quads"]),
        (dataintegrity, ["add_proof", "verify_proof", "ProofVerificationResult"]),
        (jose, ["sign_credential_jwt", "verify_credential_jwt", "JwtVerificationResult"]),
        (openbadges, ["OpenBadgeCredential", "validate", "IdentityObject"]),
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
    with pytest.raises(AttributeError):
        _ = vckit.nonexistent  # type: ignore[attr-defined]
