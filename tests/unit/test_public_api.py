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
    "vckit.status.registry",
]


def test_top_level_all_is_pinned() -> None:
    assert sorted(vckit.__all__) == [
        "Problem",
        "VckitError",
        "__version__",
        "dids",
        "errors",
        "jsonld",
        "keys",
        "openbadges",
        "problems",
        "proofs",
        "rdfc",
        "status",
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
    from vckit import dids, jsonld, keys, openbadges, rdfc, status
    from vckit.proofs import dataintegrity, jose

    for owner, names in [
        (keys, ["generate", "KeyPair", "PublicKey", "Signer", "Verifier", "KeyResolver"]),
        (dids, ["did_key", "DIDResolver", "AsyncDIDResolver", "HttpPolicy", "DIDDocument"]),
        (jsonld, ["canonicalize", "to_rdf", "DocumentLoader"]),
        (rdfc, ["canonicalize", "canonicalize_quads"]),
        (dataintegrity, ["add_proof", "verify_proof", "ProofVerificationResult"]),
        (jose, ["sign_credential_jwt", "verify_credential_jwt", "JwtVerificationResult"]),
        (openbadges, ["OpenBadgeCredential", "validate", "IdentityObject"]),
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
    with pytest.raises(AttributeError):
        _ = vckit.nonexistent  # type: ignore[attr-defined]
