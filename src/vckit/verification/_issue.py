"""``vckit.issue``: sign a credential only when it is one the rest of the ecosystem will accept.

Issuing is where mistakes are cheapest to catch: a credential that breaks the VC data model or
the Open Badges rules, a signer whose key the issuer does not control, or a document the JS stack
cannot canonicalize would all be signed happily by the proof layer and rejected later by every
verifier. ``issue`` refuses them with the problems listed, writes the members issuers forget
(``id``, the status entry), and returns the signed JSON (or a JWT).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from vckit._codec.jsoncopy import copy_json
from vckit._codec.limits import JsonLimitError, check_json_limits
from vckit.errors import SigningError, UnsupportedAlgorithmError, VckitError
from vckit.problems import DATA_LOSS_DETECTION_ERROR, Problem
from vckit.verification import _codes as codes
from vckit.verification._rules import data_model_issues, party_id

__all__ = ["IssuanceError", "issue", "issue_owned", "signer_controller", "with_status"]

JWT_PROFILES: Final = ("vc-jwt", "vc+jwt")
_RDFC_SUITES: Final = ("eddsa-rdfc-2022", "ecdsa-rdfc-2019", "Ed25519Signature2020")


class IssuanceError(SigningError):
    """The credential was not signed because it is not fit to be; ``problems`` says why."""

    def __init__(self, message: str, problems: tuple[Problem, ...]) -> None:
        detail = "; ".join(f"{p.code}: {p.message}" for p in problems[:5])
        super().__init__(f"{message}: {detail}" if detail else message)
        self.problems = problems


def _default_engine() -> Any:
    from vckit.proofs.dataintegrity import DataIntegrity

    global _ENGINE
    if _ENGINE is None:
        _ENGINE = DataIntegrity()
    return _ENGINE


_ENGINE: Any = None


def as_json(credential: Any) -> dict[str, Any]:
    """A private copy of a credential given as a dict or an Open Badges model."""
    if isinstance(credential, Mapping):
        copied: dict[str, Any] = copy_json(credential)
        return copied
    to_json = getattr(credential, "to_json", None)
    if callable(to_json):
        data = to_json()
        if isinstance(data, Mapping):
            return dict(copy_json(data))
    raise TypeError(
        f"a credential is a dict or an Open Badges model, not {type(credential).__name__}"
    )


def signer_controller(verification_method: str) -> str:
    """The controller a verification method id names: its DID, or its URL without fragment."""
    if verification_method.startswith("did:"):
        end = len(verification_method)
        for mark in "/?#":
            index = verification_method.find(mark)
            if index != -1:
                end = min(end, index)
        return verification_method[:end]
    return verification_method.partition("#")[0]


def with_status(credential: Any, status: Any, *, purpose: str = "revocation") -> dict[str, Any]:
    """A copy of ``credential`` with an ``id`` (urn:uuid when it has none) and the status entry
    ``status.allocate(id, purpose=...)`` hands out; the one rule ``issue`` and batches share.

    Allocation is idempotent per credential id, so asking again for the same credential (a retried
    batch) gets the same entry. A credential that already has a ``credentialStatus`` is refused.
    """
    data = _with_id(as_json(credential))
    if "credentialStatus" in data:
        raise ValueError("the credential already has a credentialStatus; pass status=None")
    allocate = getattr(status, "allocate", None)
    if not callable(allocate):
        raise TypeError("status must have allocate(credential_id, *, purpose=...)")
    data["credentialStatus"] = dict(allocate(data["id"], purpose=purpose))
    return data


def _with_id(data: dict[str, Any]) -> dict[str, Any]:
    if "id" in data:
        return data
    ordered: dict[str, Any] = {}
    for key, value in data.items():
        ordered[key] = value
        if key == "@context":
            ordered["id"] = f"urn:uuid:{uuid.uuid4()}"
    if "id" not in ordered:
        ordered = {"id": f"urn:uuid:{uuid.uuid4()}", **ordered}
    return ordered


def _problems(data: Mapping[str, Any]) -> list[Problem]:
    from vckit import openbadges as ob

    found = [
        Problem(issue.code, f"{issue.path}: {issue.message}") for issue in data_model_issues(data)
    ]
    if ob.credential_class(data) is not None:
        issues = ob.validate(data, input_checked=True)  # bounded by issue() first
        found.extend(Problem(codes.OB_VALIDATION_ERROR, str(issue)) for issue in issues)
    return found


def _safe_mode_refused(error: BaseException) -> bool:
    """True when JSON-LD safe mode (a term that would be dropped) is behind ``error``."""
    from vckit.errors import SafeModeError

    seen: BaseException | None = error
    for _ in range(8):  # a short, bounded walk down the cause chain
        if seen is None:
            return False
        if isinstance(seen, SafeModeError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _sign_problem(error: VckitError) -> Problem:
    """Why a credential cannot be signed: data JSON-LD would drop, or another signing failure."""
    code = DATA_LOSS_DETECTION_ERROR if _safe_mode_refused(error) else "PROOF_GENERATION_ERROR"
    return Problem(code, f"{type(error).__name__}: {error}")


def _js_problems(data: Mapping[str, Any], loader: Any) -> list[Problem]:
    from vckit import jsonld

    nodes = jsonld.deep_iteration_nodes(data, loader=loader)
    if not nodes:
        return []
    shown = ", ".join(nodes[:10])
    return [
        Problem(
            "JS_CANONICALIZATION_LIMIT",
            f"these blank nodes can only be told apart with more RDFC-1.0 work than the JS stack "
            f"(rdf-canonize maxWorkFactor 1) allows, so DCC and Digital Bazaar verifiers would "
            f"reject the badge: {shown}. Give each of them an 'id' (e.g. a urn:uuid), or pass "
            "js_compat=False to sign anyway",
            {"nodes": list(nodes)},
        )
    ]


def issue(
    credential: Any,
    signer: Any,
    *,
    proof: str = "eddsa-rdfc-2022",
    status: Any = None,
    created: datetime | str | None = None,
    js_compat: bool = True,
    loader: Any = None,
) -> dict[str, Any] | str:
    """Check, complete and sign ``credential``; return the signed JSON, or a JWT string.

    ``credential`` is a dict or an Open Badges model (``OpenBadgeCredential.build(...)``); it is
    not modified. ``signer`` is a ``keys.Signer`` whose verification method the issuer controls.
    ``proof`` is a Data Integrity cryptosuite (``"eddsa-rdfc-2022"``, ``"ecdsa-rdfc-2019"``,
    ``"eddsa-jcs-2022"``, ...) or ``"vc-jwt"`` / ``"vc+jwt"``. ``status`` is a status allocator
    (``SupportsStatusAllocation``, e.g. ``vckit.status.StatusRegistry``) whose entry is added
    before signing. ``created`` is the proof time (default now). ``js_compat=False`` signs a
    credential the JS stack cannot canonicalize. Raises :class:`IssuanceError` (listing the
    problems) instead of signing a credential verifiers will reject.
    """
    return issue_owned(
        as_json(credential),
        signer,
        proof=proof,
        status=status,
        created=created,
        js_compat=js_compat,
        loader=loader,
    )


def issue_owned(
    data: dict[str, Any],
    signer: Any,
    *,
    proof: str = "eddsa-rdfc-2022",
    status: Any = None,
    created: datetime | str | None = None,
    js_compat: bool = True,
    loader: Any = None,
) -> dict[str, Any] | str:
    """``issue`` for a credential handed over as JSON that nothing else holds: ``data`` is
    completed and signed in place (it or a copy is returned), saving ``issue``'s copy of it.

    For ``issue`` itself, after its copy, and for a batch worker, whose credentials were decoded
    in its own process (``vckit.batch``).
    """
    data = _with_id(data)
    try:
        check_json_limits(data, json_types=True)
    except JsonLimitError as exc:
        problem = Problem(codes.PARSING_ERROR, str(exc), {"limit": exc.limit, "path": exc.path})
        raise IssuanceError("the credential is not JSON a verifier accepts", (problem,)) from None
    if status is not None:
        data = with_status(data, status)
    problems = _problems(data)
    if problems:
        raise IssuanceError("the credential breaks the data model rules", tuple(problems))
    method = getattr(signer, "verification_method", None)
    if not isinstance(method, str) or not method:
        raise TypeError("signer must be a keys.Signer with a verification_method")
    issuer = party_id(data, "issuer")
    if issuer != signer_controller(method):
        problem = Problem(
            "UNTRUSTED_ISSUER_ERROR",
            f"the signer's key {method[:120]} is not controlled by the issuer {str(issuer)[:120]}",
        )
        raise IssuanceError("the signer is not the issuer", (problem,))
    if proof in JWT_PROFILES:
        from vckit.proofs import jose

        return jose.sign_credential_jwt(data, signer, profile=proof, now=created)
    if js_compat and proof in _RDFC_SUITES:
        try:
            js = _js_problems(data, loader)
        except VckitError as exc:  # safe mode refusing the document: as signing would
            raise IssuanceError("the credential cannot be signed", (_sign_problem(exc),)) from exc
        if js:
            raise IssuanceError("the credential would not verify in the JS stack", tuple(js))
    from vckit import openbadges as ob
    from vckit.proofs.dataintegrity import DataIntegrity

    engine = DataIntegrity(loader=loader) if loader is not None else _default_engine()
    try:
        signed = engine._add_proof(data, signer, cryptosuite=proof, created=created)
    except (SigningError, UnsupportedAlgorithmError) as exc:
        if _safe_mode_refused(exc):  # the document, not the signer: say what it would lose
            raise IssuanceError("the credential cannot be signed", (_sign_problem(exc),)) from exc
        raise
    except VckitError as exc:  # e.g. JSON-LD safe mode refusing the document
        raise IssuanceError("the credential cannot be signed", (_sign_problem(exc),)) from exc
    if ob.credential_class(signed) is not None and isinstance(signed.get("proof"), Mapping):
        signed["proof"] = [signed["proof"]]  # the OB 3.0 JSON Schema wants an array
    return signed
