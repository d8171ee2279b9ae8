"""The proof engine: add / verify round trips, options, contexts, sets, chains, registries."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from vckit import keys
from vckit._codec import multibase
from vckit.errors import ParseError, SigningError, UnsupportedAlgorithmError
from vckit.problems import CRYPTOSUITE_UNSUPPORTED_ERROR, MALFORMED_PROOF_ERROR
from vckit.proofs.dataintegrity import (
    DEFAULT_CRYPTOSUITES,
    DataIntegrity,
    EddsaRdfc2022,
    ProofVerificationResult,
    add_proof,
    verify_proof,
)

pytestmark = pytest.mark.usefixtures("no_network")

VC2 = "https://www.w3.org/ns/credentials/v2"
VC1 = "https://www.w3.org/2018/credentials/v1"
DI2 = "https://w3id.org/security/data-integrity/v2"
ED2020 = "https://w3id.org/security/suites/ed25519-2020/v1"
CREATED = "2025-01-01T00:00:00Z"
NOW = "2025-06-01T00:00:00Z"


def _signer(kind: str = "Ed25519") -> keys.Signer:
    pair = keys.generate(kind)
    did = f"did:key:{pair.public_key.multibase}"
    return pair.signer(f"{did}#{pair.public_key.multibase}")


def _credential(context: str = VC2) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": [context],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:subject"},
    }
    if context == VC1:
        document["issuanceDate"] = CREATED
    return document


@pytest.fixture(scope="module")
def ed25519() -> keys.Signer:
    return _signer()


def _ok(result: ProofVerificationResult) -> None:
    assert result.problems == ()
    assert result.verified is True


@pytest.mark.parametrize(
    ("suite", "kind"),
    [
        ("eddsa-rdfc-2022", "Ed25519"),
        ("eddsa-jcs-2022", "Ed25519"),
        ("ecdsa-rdfc-2019", "P-256"),
        ("ecdsa-rdfc-2019", "P-384"),
        ("ecdsa-jcs-2019", "P-256"),
        ("ecdsa-jcs-2019", "P-384"),
        ("Ed25519Signature2020", "Ed25519"),
    ],
)
def test_round_trip_for_every_bundled_suite(suite: str, kind: str) -> None:
    signer = _signer(kind)
    signed = add_proof(_credential(), signer, cryptosuite=suite, created=CREATED)
    proof = signed["proof"]
    expected_type = (
        "Ed25519Signature2020" if suite == "Ed25519Signature2020" else "DataIntegrityProof"
    )
    assert proof["type"] == expected_type
    assert proof.get("cryptosuite") == (None if suite == "Ed25519Signature2020" else suite)
    assert proof["verificationMethod"] == signer.verification_method
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["created"] == CREATED
    result = verify_proof(signed, now=NOW)
    _ok(result)
    assert result.proofs[0].cryptosuite == suite
    assert result.proofs[0].controller == signer.verification_method.split("#")[0]


def test_input_document_is_left_untouched(ed25519: keys.Signer) -> None:
    document = _credential(VC1)
    before = copy.deepcopy(document)
    signed = add_proof(document, ed25519, created=CREATED)
    assert document == before
    assert signed is not document
    signed["credentialSubject"]["id"] = "changed"
    assert document == before


def test_eddsa_is_deterministic(ed25519: keys.Signer) -> None:
    first = add_proof(_credential(), ed25519, created=CREATED)
    second = add_proof(_credential(), ed25519, created=CREATED)
    assert first == second
    assert len(multibase.decode(first["proof"]["proofValue"])) == 64


def test_jcs_proof_carries_the_document_context(ed25519: keys.Signer) -> None:
    signed = add_proof(_credential(), ed25519, cryptosuite="eddsa-jcs-2022", created=CREATED)
    assert signed["proof"]["@context"] == [VC2]
    assert "@context" not in add_proof(_credential(), ed25519, created=CREATED)["proof"]


# -- created / expires -------------------------------------------------------------------------


def test_created_defaults_to_the_clock_in_whole_seconds(ed25519: keys.Signer) -> None:
    moment = datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=UTC)
    engine = DataIntegrity(clock=lambda: moment)
    signed = engine.add_proof(_credential(), ed25519)
    assert signed["proof"]["created"] == "2025-03-04T05:06:07Z"


def test_created_datetime_is_written_in_utc(ed25519: keys.Signer) -> None:
    created = datetime(2025, 1, 1, 2, 0, tzinfo=timezone(timedelta(hours=2)))
    signed = add_proof(_credential(), ed25519, created=created)
    assert signed["proof"]["created"] == "2025-01-01T00:00:00Z"


def test_created_string_is_kept_as_written(ed25519: keys.Signer) -> None:
    signed = add_proof(_credential(), ed25519, created="2025-01-01T01:00:00+01:00")
    assert signed["proof"]["created"] == "2025-01-01T01:00:00+01:00"
    _ok(verify_proof(signed, now=NOW))


@pytest.mark.parametrize("created", ["2025-01-01", "2025-01-01T00:00:00", "yesterday"])
def test_created_that_is_not_a_datetime_stamp_is_refused(
    ed25519: keys.Signer, created: str
) -> None:
    with pytest.raises(ParseError, match=f"{created}'$"):
        add_proof(_credential(), ed25519, created=created)


def test_naive_datetime_is_refused(ed25519: keys.Signer) -> None:
    with pytest.raises(ValueError, match="timezone"):
        add_proof(_credential(), ed25519, created=datetime(2025, 1, 1))


def test_expires_is_written_and_enforced(ed25519: keys.Signer) -> None:
    signed = add_proof(
        _credential(), ed25519, created=CREATED, expires=datetime(2025, 2, 1, tzinfo=UTC)
    )
    assert signed["proof"]["expires"] == "2025-02-01T00:00:00Z"
    _ok(verify_proof(signed, now=datetime(2025, 1, 31, tzinfo=UTC)))
    assert verify_proof(signed, now="2025-02-01T00:00:00Z").verified is False


# -- contexts: VC 1.1 vs 2.0 --------------------------------------------------------------------


def test_vc11_document_gets_the_data_integrity_context(ed25519: keys.Signer) -> None:
    signed = add_proof(_credential(VC1), ed25519, created=CREATED)
    assert signed["@context"] == [VC1, DI2]
    _ok(verify_proof(signed, now=NOW))


def test_vc2_document_context_is_unchanged(ed25519: keys.Signer) -> None:
    assert add_proof(_credential(), ed25519, created=CREATED)["@context"] == [VC2]


def test_ed25519signature2020_adds_its_suite_context(ed25519: keys.Signer) -> None:
    signed = add_proof(
        _credential(VC1), ed25519, cryptosuite="Ed25519Signature2020", created=CREATED
    )
    assert signed["@context"] == [VC1, ED2020]
    _ok(verify_proof(signed, now=NOW))


def test_proof_context_must_prefix_the_document_context(ed25519: keys.Signer) -> None:
    signed = add_proof(_credential(), ed25519, cryptosuite="eddsa-jcs-2022", created=CREATED)
    signed["@context"] = [DI2, VC2]
    assert verify_proof(signed, now=NOW).verified is False


def test_adding_a_context_to_a_document_with_proofs_is_refused(ed25519: keys.Signer) -> None:
    signed = add_proof(_credential(VC1), ed25519, created=CREATED)
    with pytest.raises(SigningError, match="invalidate"):
        add_proof(signed, ed25519, cryptosuite="Ed25519Signature2020", created=CREATED)


def test_unknown_context_cannot_be_signed(ed25519: keys.Signer) -> None:
    document = _credential()
    document["@context"].append("https://unknown.example/ctx")
    with pytest.raises(SigningError, match="allow-list"):
        add_proof(document, ed25519, created=CREATED)


# -- proof sets and chains ---------------------------------------------------------------------


def test_proof_set(ed25519: keys.Signer) -> None:
    other = _signer("P-256")
    signed = add_proof(_credential(), ed25519, created=CREATED)
    both = add_proof(signed, other, cryptosuite="ecdsa-rdfc-2019", created=CREATED)
    assert [p["verificationMethod"] for p in both["proof"]] == [
        ed25519.verification_method,
        other.verification_method,
    ]
    assert both["proof"][0] == signed["proof"]
    result = verify_proof(both, now=NOW)
    _ok(result)
    assert len(result.proofs) == 2


def test_proof_set_any_accepts_one_good_proof(ed25519: keys.Signer) -> None:
    signed = add_proof(_credential(), ed25519, created=CREATED)
    both = add_proof(signed, _signer(), created=CREATED)
    both["proof"][1]["proofValue"] = both["proof"][0]["proofValue"]
    assert verify_proof(both, now=NOW).verified is False
    result = verify_proof(both, now=NOW, require_all=False)
    assert result.verified is True
    assert [p.verified for p in result.proofs] == [True, False]


def test_chain(ed25519: keys.Signer) -> None:
    first = add_proof(_credential(), ed25519, created=CREATED, proof_id="urn:uuid:1")
    chained = add_proof(first, _signer(), created=CREATED, previous_proof="urn:uuid:1")
    assert chained["proof"][1]["previousProof"] == "urn:uuid:1"
    _ok(verify_proof(chained, now=NOW))
    # the chained proof signs the first one: altering it breaks both
    chained["proof"][0]["created"] = "2025-01-02T00:00:00Z"
    result = verify_proof(chained, now=NOW)
    assert [p.verified for p in result.proofs] == [False, False]


def test_chain_to_a_missing_proof_cannot_be_signed(ed25519: keys.Signer) -> None:
    first = add_proof(_credential(), ed25519, created=CREATED, proof_id="urn:uuid:1")
    with pytest.raises(SigningError, match="urn:uuid:2"):
        add_proof(first, ed25519, created=CREATED, previous_proof=["urn:uuid:1", "urn:uuid:2"])


# -- arguments and registries ------------------------------------------------------------------


def test_unregistered_suite_cannot_sign(ed25519: keys.Signer) -> None:
    with pytest.raises(UnsupportedAlgorithmError, match="cryptosuite 'bbs-2023' is not registered"):
        add_proof(_credential(), ed25519, cryptosuite="bbs-2023")


def test_suite_refuses_the_wrong_key_type(ed25519: keys.Signer) -> None:
    with pytest.raises(SigningError, match="Ed25519"):
        add_proof(_credential(), ed25519, cryptosuite="ecdsa-rdfc-2019", created=CREATED)


def test_document_must_be_a_mapping(ed25519: keys.Signer) -> None:
    with pytest.raises(TypeError, match=r"document must be a JSON object \(a Mapping\)"):
        add_proof([], ed25519)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "kwargs", [{"domain": []}, {"domain": [""]}, {"challenge": ""}, {"proof_purpose": ""}]
)
def test_bad_options_are_refused(ed25519: keys.Signer, kwargs: dict[str, Any]) -> None:
    (name,) = kwargs
    with pytest.raises(ValueError, match=f"^{name} must be a non-empty"):
        add_proof(_credential(), ed25519, created=CREATED, **kwargs)


def test_registry_is_per_instance_and_read_only(ed25519: keys.Signer) -> None:
    engine = DataIntegrity({"eddsa-rdfc-2022": EddsaRdfc2022()})
    signed = add_proof(_credential(), ed25519, cryptosuite="eddsa-jcs-2022", created=CREATED)
    result = engine.verify_proof(signed, now=NOW)
    assert [p.code for p in result.problems] == [CRYPTOSUITE_UNSUPPORTED_ERROR]
    with pytest.raises(TypeError, match="does not support item assignment"):
        DEFAULT_CRYPTOSUITES["x"] = EddsaRdfc2022()  # type: ignore[index]
    with pytest.raises(TypeError, match="does not support item assignment"):
        engine.cryptosuites["x"] = EddsaRdfc2022()  # type: ignore[index]


def test_result_refuses_truth_testing(ed25519: keys.Signer) -> None:
    result = verify_proof({"proof": None})
    assert [p.code for p in result.problems] == [MALFORMED_PROOF_ERROR]
    with pytest.raises(TypeError, match="verified"):
        bool(result)


def test_problem_details_name_the_proof(ed25519: keys.Signer) -> None:
    signed = add_proof(_credential(), ed25519, created=CREATED)
    signed["proof"]["proofPurpose"] = "authentication"
    problem = verify_proof(signed, now=NOW).problems[0]
    assert problem.detail["proofIndex"] == 0
    assert problem.to_json()["type"] == "MISMATCHED_PROOF_PURPOSE_ERROR"


def test_a_crashing_resolver_fails_verification_instead_of_raising(ed25519: keys.Signer) -> None:
    class Broken:
        def dereference(self, method_id: str, relationship: str = "assertionMethod") -> Any:
            raise KeyError(method_id)

    signed = add_proof(_credential(), ed25519, created=CREATED)
    result = verify_proof(signed, Broken(), now=NOW)
    assert result.verified is False
    assert result.problems[0].detail["exception"] == "KeyError"


# -- calling convention ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["add_proof", "verify_proof"])
def test_module_functions_and_methods_share_one_keyword_only_signature(name: str) -> None:
    import inspect

    import vckit.proofs.dataintegrity as di

    function = inspect.signature(getattr(di, name))
    method = inspect.signature(getattr(DataIntegrity, name))
    method_parameters = [p for p in method.parameters.values() if p.name != "self"]
    assert list(function.parameters.values()) == method_parameters
    positional = [p.name for p in method_parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    assert positional == (
        ["document", "signer"] if name == "add_proof" else ["document", "resolver"]
    )


def test_options_cannot_be_passed_positionally(ed25519: keys.Signer) -> None:
    with pytest.raises(TypeError, match="positional"):
        add_proof(_credential(), ed25519, "eddsa-jcs-2022")  # type: ignore[misc]
    with pytest.raises(TypeError, match="positional"):
        verify_proof(_credential(), None, "assertionMethod")  # type: ignore[misc]


def test_jcs_proof_context_is_a_copy_not_the_documents_list(ed25519: keys.Signer) -> None:
    """Editing the signed document's ``@context`` must not silently edit the proof's too."""
    signed = add_proof(_credential(), ed25519, cryptosuite="eddsa-jcs-2022", created=CREATED)
    assert signed["proof"]["@context"] == signed["@context"]
    assert signed["proof"]["@context"] is not signed["@context"]
    signed["@context"].append(DI2)
    assert signed["proof"]["@context"] == [VC2]
