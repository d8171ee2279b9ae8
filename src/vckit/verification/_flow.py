"""The verification pipeline, written once as a sans-IO generator.

Checks run in the order 1EdTech's validator runs them: parse → contexts → VC data model → OB / CLR
structure and ``credentialSchema`` → proof → validity window → status → refresh → recipient →
trusted issuer → endorsements (and a CLR's or a presentation's embedded credentials). Every
resolver lookup, proof verification, status check and fetch is an operation (``_ops``) the driver
performs; embedded credentials run through this same generator (``yield from``), so nesting and
limits are shared. Nothing here does I/O or reads the clock.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Generator, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any, Final

from vckit import errors
from vckit.errors import FetchError, VckitError
from vckit.problems import (
    DATA_LOSS_DETECTION_ERROR,
    INVALID_CHALLENGE_ERROR,
    INVALID_DOMAIN_ERROR,
    MALFORMED_PROOF_ERROR,
    PROOF_VERIFICATION_ERROR,
    UNTRUSTED_ISSUER_ERROR,
    Problem,
)
from vckit.verification import _codes as codes
from vckit.verification._contexts import context_issues
from vckit.verification._detect import Parsed, detect_json, is_ob2, peek_jwt_kind
from vckit.verification._ops import (
    CheckStatusEntry,
    FetchRefresh,
    Operation,
    VerifyDataIntegrity,
    VerifyJwt,
)
from vckit.verification._report import (
    _EMPTY,
    CheckResult,
    CheckStatus,
    VerificationReport,
)
from vckit.verification._rules import (
    Dates,
    RuleIssue,
    credential_dates,
    data_model_issues,
    is_mapping,
    is_v1,
    party_id,
    validity_issues,
)

__all__ = ["REQUIRED", "Call", "FlowConfig", "is_presentation", "run"]

Flow = Generator[Operation, Any, VerificationReport]

# The statuses as module constants: reading a member off the Enum class costs far more in the
# compiled module than reading a constant.
_PASSED: Final = CheckStatus.PASSED
_FAILED: Final = CheckStatus.FAILED
_ERROR: Final = CheckStatus.ERROR
_SKIPPED: Final = CheckStatus.SKIPPED

_JWT_TIME_CODES: Final = {
    "JWT_EXPIRED_ERROR": codes.EXPIRED,
    "JWT_NOT_YET_VALID_ERROR": codes.NOT_YET_VALID,
}
_REFRESH_TYPE: Final = "1EdTechCredentialRefresh"


class _Required:
    """Marker: the caller has not said what challenge / domain a presentation must carry."""

    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Final = _Required()


@dataclass(frozen=True, slots=True)
class FlowConfig:
    """What a ``Verifier`` fixes for all of its verifications."""

    loader: Any
    schemas: Any
    trusted_issuers: Collection[str] | Callable[[str], bool] | None
    allowed_inline_contexts: tuple[Mapping[str, Any], ...]
    clock_skew: timedelta
    has_status: bool
    allow_network: bool
    ob_rules_required: bool = True
    official_schemas_are_ob_rules: bool = True
    max_endorsement_depth: int = 3
    max_endorsements: int = 100
    max_embedded: int = 256


class Call:
    """What one verification call adds: the time, optional checks, and shared counters.

    A plain class rather than a dataclass: this module is compiled, and a compiled dataclass
    still runs the generated Python ``__init__`` (once per verification).
    """

    __slots__ = (
        "ancestors",
        "challenge",
        "domain",
        "endorsements_seen",
        "now",
        "recipient",
        "refresh",
        "refreshed",
    )

    def __init__(
        self,
        now: datetime,
        recipient: str | None = None,
        refresh: bool = False,
        challenge: str | _Required | None = REQUIRED,
        domain: str | _Required | None = REQUIRED,
    ) -> None:
        self.now = now
        self.recipient = recipient
        self.refresh = refresh
        self.challenge = challenge
        self.domain = domain
        self.endorsements_seen = 0
        self.refreshed = False
        self.ancestors: list[str] = []


def _check(
    name: str,
    status: CheckStatus,
    message: str,
    code: str | None = None,
    detail: Mapping[str, Any] | None = None,
    *,
    required: bool = True,
    nested: tuple[VerificationReport, ...] = (),
) -> CheckResult:
    frozen: Mapping[str, Any] = MappingProxyType(dict(detail)) if detail else _EMPTY
    return make_check(name, status, code, message, frozen, required, nested)


# Check results, reports and a ``VerifyDataIntegrity`` built directly, here so that they run
# compiled: a frozen dataclass __init__ sets each field through object.__setattr__ from
# Python, the slots' own setters do the same assignments directly (about 0.6 us less per result
# than from the interpreter; tests compare all three with the dataclass constructors). ``Final``:
# compiled, each is a static, not a lookup in the module's globals.
_new: Final = object.__new__
_set_check: Final = CheckResult.__dict__["check"].__set__
_set_status: Final = CheckResult.__dict__["status"].__set__
_set_code: Final = CheckResult.__dict__["code"].__set__
_set_message: Final = CheckResult.__dict__["message"].__set__
_set_detail: Final = CheckResult.__dict__["detail"].__set__
_set_required: Final = CheckResult.__dict__["required"].__set__
_set_nested: Final = CheckResult.__dict__["nested"].__set__
_set_document: Final = VerifyDataIntegrity.__dict__["document"].__set__
_set_purpose: Final = VerifyDataIntegrity.__dict__["purpose"].__set__
_set_controller: Final = VerifyDataIntegrity.__dict__["controller"].__set__
_set_challenge: Final = VerifyDataIntegrity.__dict__["challenge"].__set__
_set_domain: Final = VerifyDataIntegrity.__dict__["domain"].__set__
_set_now: Final = VerifyDataIntegrity.__dict__["now"].__set__
_set_shape: Final = VerifyDataIntegrity.__dict__["shape"].__set__


def make_check(
    name: str,
    status: CheckStatus,
    code: str | None,
    message: str,
    detail: Mapping[str, Any],
    required: bool,
    nested: tuple[VerificationReport, ...],
) -> CheckResult:
    """``CheckResult(name, status, code, message, detail, required, nested)``, built directly."""
    result: CheckResult = _new(CheckResult)
    _set_check(result, name)
    _set_status(result, status)
    _set_code(result, code)
    _set_message(result, message)
    _set_detail(result, detail)
    _set_required(result, required)
    _set_nested(result, nested)
    return result


def make_report(
    verified: bool,
    fmt: str,
    credential: Mapping[str, Any] | None,
    checks: tuple[CheckResult, ...],
    warnings: tuple[Problem, ...],
    container: str | None,
) -> VerificationReport:
    """``VerificationReport(verified, fmt, credential, checks, warnings, container)``, directly."""
    report: VerificationReport = _new(VerificationReport)
    fields = report.__dict__
    fields["verified"] = verified
    fields["format"] = fmt
    fields["credential"] = credential
    fields["checks"] = checks
    fields["warnings"] = warnings
    fields["container"] = container
    return report


def _passed(
    name: str,
    message: str,
    *,
    detail: Mapping[str, Any] | None = None,
    nested: tuple[VerificationReport, ...] = (),
) -> CheckResult:
    return _check(name, _PASSED, message, None, detail, nested=nested)


# A CheckResult is immutable, and most checks of a good credential end with a fixed message
# and nothing else (SKIPPED "no endorsements", PASSED "VC Data Model 2.0 rules hold"): one
# shared instance per (check, status, message) instead of a new one per verification.
# One cache per status, by check then message (string keys: hashing an Enum member runs Python
# code, and a (check, message) tuple would be built and hashed on every call).
_SHARED_PASSED: Final[dict[str, dict[str, CheckResult]]] = {}
_SHARED_SKIPPED: Final[dict[str, dict[str, CheckResult]]] = {}


def _shared(name: str, status: CheckStatus, message: str) -> CheckResult:
    """A PASSED or SKIPPED result with no code, detail or nested reports, for a fixed message."""
    cache = _SHARED_PASSED if status is _PASSED else _SHARED_SKIPPED
    messages = cache.get(name)
    if messages is not None:
        found = messages.get(message)
        if found is not None:
            return found
    result = _check(name, status, message)
    # every call site passes a fixed check name and message; bounded regardless
    if messages is None:
        if len(cache) >= 64:
            return result
        messages = {}
        cache[name] = messages
    if len(messages) < 64:
        messages[message] = result
    return result


def _skipped(name: str, message: str) -> CheckResult:
    return _shared(name, _SKIPPED, message)


def _from_issues(name: str, issues: list[RuleIssue], ok: str) -> CheckResult:
    """FAILED with the first issue (and all of them in the detail), else PASSED with ``ok``."""
    if not issues:
        return _shared(name, _PASSED, ok)
    first = issues[0]
    more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
    return _check(
        name,
        _FAILED,
        f"{first.path or '/'}: {first.message}{more}",
        first.code,
        {"issues": [{"path": i.path, "code": i.code, "message": i.message} for i in issues[:50]]},
    )


_FAILING: Final = (_FAILED, _ERROR)


def _report(
    checks: list[CheckResult],
    fmt: str,
    credential: Mapping[str, Any] | None,
    warnings: list[Problem],
    container: str | None,
) -> VerificationReport:
    verified = bool(checks)
    for check in checks:
        if check.status in _FAILING and check.required:  # CheckResult.failed
            verified = False
            break
    return make_report(verified, fmt, credential, tuple(checks), tuple(warnings), container)


def _parse_failure(parsed: Parsed, fmt: str = "unknown") -> VerificationReport:
    assert parsed.problem is not None
    code, message = parsed.problem
    status = _ERROR if parsed.fatal_error else _FAILED
    return _report([_check("parse", status, message, code)], fmt, None, [], parsed.container)


def _ob2_report(container: str | None, data: Mapping[str, Any] | None) -> VerificationReport:
    check = _check(
        "parse",
        _FAILED,
        "this is an Open Badges 2.0 assertion; vckit verifies Open Badges 3.0 credentials only "
        "(2.0 assertions are verified by hosted JSON or signed JWS, which vckit does not do)",
        codes.OB2_NOT_SUPPORTED,
    )
    return _report([check], "ob2", data, [], container)


# -- entry point -------------------------------------------------------------------------------


def run(parsed: Parsed, config: FlowConfig, call: Call, *, depth: int = 0) -> Flow:
    """The flow that verifies one detected input: a credential, a JWT or a presentation.

    A plain function that picks the generator, not a generator wrapping it: each level of
    ``yield from`` is one more generator object to create, resume and finish per verification.
    """
    if parsed.problem is not None:
        return _finished(_parse_failure(parsed))
    if parsed.data is not None and is_ob2(parsed.data):
        return _finished(_ob2_report(parsed.container, parsed.data))
    if parsed.token is not None and peek_jwt_kind(parsed.token) == "vp":
        return _jwt_presentation(parsed, config, call)
    if parsed.data is not None and _is_presentation(parsed.data):
        return _presentation(parsed.data, parsed.container, config, call)
    return _credential(parsed, config, call, depth=depth)


def _finished(report: VerificationReport) -> Flow:
    """A flow with nothing to perform: it returns ``report`` on the first ``send``."""
    return report
    yield  # a generator, so that the drivers treat every flow alike


def _types(document: Mapping[str, Any]) -> list[Any]:
    value = document.get("type")
    return value if isinstance(value, list) else [value]


def _is_presentation(document: Mapping[str, Any]) -> bool:
    return "VerifiablePresentation" in _types(document)


def is_presentation(parsed: Parsed) -> bool:
    """Whether a detected input is a presentation (JSON or JWT)."""
    if parsed.token is not None:
        return peek_jwt_kind(parsed.token) == "vp"
    return parsed.data is not None and _is_presentation(parsed.data)


# -- credentials ---------------------------------------------------------------------------------


def _credential(parsed: Parsed, config: FlowConfig, call: Call, *, depth: int) -> Flow:
    checks: list[CheckResult] = []
    warnings: list[Problem] = []
    jwt_result: Any = None
    if parsed.token is not None:
        jwt_result = yield VerifyJwt(parsed.token, "vc", call.now)
        if jwt_result.credential is None:
            first = jwt_result.problems[0] if jwt_result.problems else None
            check = _check(
                "parse",
                _FAILED,
                f"the JWT could not be decoded: {first.message if first else 'unknown'}",
                first.code if first else codes.PARSING_ERROR,
            )
            return _report([check], "vc-jwt", None, [], parsed.container)
        credential: Mapping[str, Any] = jwt_result.credential
        fmt = jwt_result.profile or "vc-jwt"
        warnings.extend(getattr(jwt_result, "warnings", ()))
        if not isinstance(credential, Mapping) or is_ob2(credential):
            return _ob2_report(parsed.container, None)
    else:
        assert parsed.data is not None
        credential = parsed.data
        fmt = "json-ld"
    described = _describe(credential)
    parse_message = f"{described} ({fmt})"
    checks.append(
        _shared("parse", _PASSED, parse_message)
        if described in _COMMON_TYPES
        else _passed("parse", parse_message)
    )
    # The bounds walk told whether any object below the top has an @context (parsed JSON only).
    nested = parsed.nested_context or credential is not parsed.data
    checks.append(_context_check(credential, config, nested=nested))
    dates = credential_dates(credential)  # read once: the data model and the validity window
    checks.append(
        _from_issues(
            "data_model", data_model_issues(credential, dates=dates), _vc_version(credential)
        )
    )
    checks.extend(_ob_checks(credential, config, warnings))
    issuer = party_id(credential, "issuer")
    # The proof check, its one operation yielded from here rather than from two nested
    # generators (see ``run``); a failed proof worth a retry with a context's alternate goes on
    # in one.
    proof_check = _proof_precheck(credential, jwt_result, issuer)
    if proof_check is None:
        di_result: Any = None
        if "proof" in credential:
            # the bounds walk's shape, when it walked this very object (parsed JSON, not a
            # credential taken from an envelope or a container)
            shape = (
                (parsed.nested_context, parsed.deepest)
                if credential is parsed.data and parsed.deepest >= 0
                else None
            )
            di_result = yield verify_di_operation(
                credential, "assertionMethod", issuer, None, None, call.now, shape
            )
            if _worth_a_retry(di_result):
                di_result = yield from _retry_alternates(
                    credential, "assertionMethod", issuer, None, None, call, warnings, di_result
                )
        proof_check = _proof_result(jwt_result, di_result, issuer)
    checks.append(proof_check)
    checks.append(_validity_check(credential, jwt_result, config, call, dates))
    # The status, refresh and endorsement checks are generators (they may yield operations);
    # most credentials need none of those operations, so the plain cases return directly.
    entries = _status_entries(credential)
    status = _status_without_checking(entries, config, warnings)
    if status is None:
        status = yield from _status_check(credential, entries, call)
    checks.append(status)
    if credential.get("refreshService") is None:
        checks.append(_skipped("refresh", "no refreshService"))
    else:
        checks.append((yield from _refresh_check(credential, config, call, depth)))
    checks.append(_recipient_check(credential, call, depth))
    checks.append(_trust_check(issuer, config, depth))
    endorsements = _endorsement_items(credential)
    if not endorsements:
        checks.append(_skipped("endorsements", "no endorsements"))
    else:
        checks.append(
            (yield from _endorsement_check(credential, endorsements, config, call, depth))
        )
    if "ClrCredential" in _types(credential):
        checks.append((yield from _clr_check(credential, config, call, depth)))
    return _report(checks, fmt, credential, warnings, parsed.container)


# The types most credentials are described by (their parse result is shared, see _shared).
_COMMON_TYPES: Final = frozenset(
    {
        "OpenBadgeCredential",
        "AchievementCredential",
        "EndorsementCredential",
        "ClrCredential",
        "VerifiableCredential",
    }
)


def _describe(credential: Mapping[str, Any]) -> str:
    types = [t for t in _types(credential) if isinstance(t, str) and t != "VerifiableCredential"]
    return types[0] if types else "VerifiableCredential"


def _vc_version(credential: Mapping[str, Any]) -> str:
    return "VC Data Model 1.1 rules hold" if is_v1(credential) else "VC Data Model 2.0 rules hold"


def _context_check(
    document: Mapping[str, Any], config: FlowConfig, *, nested: bool = True
) -> CheckResult:
    try:
        issues = context_issues(
            document, config.loader, config.allowed_inline_contexts, nested=nested
        )
    except VckitError as exc:
        return _check("context", _ERROR, str(exc), codes.CONTEXT_VALIDATION_ERROR)
    return _from_issues("context", issues, "every @context is a known URL in an allowed order")


def _ob_checks(
    credential: Mapping[str, Any], config: FlowConfig, warnings: list[Problem]
) -> list[CheckResult]:
    import vckit.openbadges as ob  # on first use (it loads pydantic)
    import vckit.openbadges._walk as ob_walk

    cls = ob_walk.credential_class(credential)
    if cls is None:
        return [
            _skipped("ob_validation", "not an Open Badges / CLR credential"),
            _skipped("schema", "not an Open Badges / CLR credential"),
        ]
    # ob.validate(credential, input_checked=True) for a credential whose class is known (the
    # input was bounded once, by _detect): its walk, without reading the class again.
    issues = ob_walk.walk(credential, cls)
    ob_check = _from_issues(
        "ob_validation",
        [
            RuleIssue(path, codes.OB_VALIDATION_ERROR, f"{message} [{rule}]")
            for path, rule, message in issues
        ],
        "Open Badges 3.0 / CLR 2.0 data model rules hold",
    )
    if issues and not config.ob_rules_required:
        ob_check = replace(ob_check, required=False)
        warnings.append(Problem(codes.OB_VALIDATION_ERROR, ob_check.message))
    if "credentialSchema" not in credential:
        return [ob_check, _skipped("schema", "no credentialSchema")]
    entries = credential["credentialSchema"]
    entries = entries if isinstance(entries, list) else [entries]
    if config.official_schemas_are_ob_rules:
        # The official 1EdTech schema URLs map to openbadges.validate, which just ran.
        own = [
            e
            for e in entries
            if not (
                isinstance(e, Mapping)
                and e.get("id") in ob.OFFICIAL_SCHEMAS
                and e.get("type") == "1EdTechJsonSchemaValidator2019"
            )
        ]
        if not own:
            return [
                ob_check,
                _shared(
                    "schema",
                    _PASSED,
                    "its credentialSchema is the official OB / CLR schema (the ob_validation rules)",
                ),
            ]
        credential = {**credential, "credentialSchema": own}
    schema_issues = config.schemas.validate(credential)
    unknown = [i for i in schema_issues if i.rule == "credentialSchema"]
    broken = [i for i in schema_issues if i.rule != "credentialSchema"]
    if broken:
        schema = _from_issues(
            "schema",
            [RuleIssue(i.path, codes.SCHEMA_VALIDATION_ERROR, i.message) for i in broken],
            "",
        )
    elif unknown:
        schema = _check(
            "schema",
            _SKIPPED,
            f"not checked: {unknown[0].message}",
            codes.SCHEMA_VALIDATION_ERROR,
            required=False,
        )
    else:
        schema = _passed("schema", "conforms to its credentialSchema")
    return [ob_check, schema]


# -- proof -------------------------------------------------------------------------------------


def _di_message(result: Any, issuer: str | None) -> str:
    proofs = result.proofs
    if len(proofs) == 1:  # the usual case: no set to build and sort
        return f"{proofs[0].cryptosuite or '?'} proof by {issuer} verified"
    suites = sorted({p.cryptosuite or "?" for p in proofs})
    return f"{', '.join(suites)} proof by {issuer} verified" if suites else "proof verified"


_RETRY_WITH_ALTERNATE = frozenset({PROOF_VERIFICATION_ERROR, DATA_LOSS_DETECTION_ERROR})


def _alternates(credential: Mapping[str, Any]) -> list[tuple[str, str]]:
    from vckit import jsonld

    context = credential.get("@context")
    found: list[tuple[str, str]] = []
    for url in context if isinstance(context, list) else [context]:
        if isinstance(url, str):
            found.extend((url, name) for name in jsonld.context_alternates(url))
    return found


def _verify_di(
    document: Mapping[str, Any],
    purpose: str,
    controller: str | None,
    challenge: str | None,
    domain: str | None,
    call: Call,
    warnings: list[Problem],
) -> Generator[Operation, Any, Any]:
    """Verify, then once per published alternate of each context if the proof did not hold.

    A badge signed against the other published version of a context either fails its signature
    (the terms map to other IRIs) or uses a term only that version defines (data loss under the
    bundled one): both are worth one retry per alternate, and nothing else is.
    """
    result = yield verify_di_operation(document, purpose, controller, challenge, domain, call.now)
    if not _worth_a_retry(result):
        return result
    return (
        yield from _retry_alternates(
            document, purpose, controller, challenge, domain, call, warnings, result
        )
    )


def _worth_a_retry(result: Any) -> bool:
    """Whether a Data Integrity result failed in a way another context version could explain."""
    if result.verified or not result.problems:
        return False
    return result.problems[0].code in _RETRY_WITH_ALTERNATE


def _retry_alternates(
    document: Mapping[str, Any],
    purpose: str,
    controller: str | None,
    challenge: str | None,
    domain: str | None,
    call: Call,
    warnings: list[Problem],
    result: Any,
) -> Generator[Operation, Any, Any]:
    """``_verify_di`` after a first result worth a retry: the first alternate that verifies, or
    ``result``."""
    from vckit import jsonld

    for url, name in _alternates(document):
        swapped = jsonld.with_context_alternate(document, url, name)
        retry = yield VerifyDataIntegrity(swapped, purpose, controller, challenge, domain, call.now)
        if retry.verified:
            warnings.append(
                Problem(
                    "CONTEXT_ALTERNATE_USED",
                    f"the proof verifies with the {name} version of {url}",
                    {"context": url, "version": name},
                )
            )
            return retry
    return result


def verify_di_operation(
    document: Mapping[str, Any],
    purpose: str,
    controller: str | None,
    challenge: str | None,
    domain: str | None,
    now: datetime,
    shape: tuple[bool, int] | None = None,
) -> VerifyDataIntegrity:
    """``VerifyDataIntegrity(document, purpose, controller, challenge, domain, now, shape)``,
    directly."""
    op: VerifyDataIntegrity = _new(VerifyDataIntegrity)
    _set_document(op, document)
    _set_purpose(op, purpose)
    _set_controller(op, controller)
    _set_challenge(op, challenge)
    _set_domain(op, domain)
    _set_now(op, now)
    _set_shape(op, shape)
    return op


def _jwt_split(jwt_result: Any) -> tuple[list[Problem], list[Problem]]:
    """(proof problems, time problems) of a JWT result.

    Claims that only narrow the credential (openvc-core's ``nbf`` at signing time) are the JOSE
    layer's warnings already, copied to the report; the time problems belong to ``validity``.
    """
    proof: list[Problem] = []
    time: list[Problem] = []
    for problem in jwt_result.problems:
        (time if problem.code in _JWT_TIME_CODES else proof).append(problem)
    return proof, time


def _proof_precheck(
    credential: Mapping[str, Any], jwt_result: Any, issuer: str | None
) -> CheckResult | None:
    """The proof check's result when there is nothing to verify, else None."""
    if jwt_result is None and "proof" not in credential:
        return _check("proof", _FAILED, "the credential has no proof", MALFORMED_PROOF_ERROR)
    if issuer is None:
        return _check(
            "proof",
            _ERROR,
            "the credential names no issuer id to bind its proof to",
            codes.MALFORMED_VALUE_ERROR,
        )
    return None


def _proof_result(jwt_result: Any, di_result: Any, issuer: str | None) -> CheckResult:
    """The proof check from the JWT's result and the Data Integrity one (either may be None)."""
    messages: list[str] = []
    problems: list[Problem] = []
    detail: dict[str, Any] = {}
    if jwt_result is not None:
        proof_problems, _ = _jwt_split(jwt_result)
        problems.extend(proof_problems)
        detail["jwt"] = {
            "verificationMethod": jwt_result.verification_method,
            "profile": jwt_result.profile,
        }
        if not proof_problems:
            messages.append(f"JWT signed by {jwt_result.verification_method} (the issuer's key)")
    if di_result is not None:
        problems.extend(di_result.problems)
        detail["proofs"] = [
            {
                "cryptosuite": p.cryptosuite,
                "verificationMethod": p.verification_method,
                "controller": p.controller,
                "verified": p.verified,
            }
            for p in di_result.proofs
        ]
        if di_result.verified:
            messages.append(_di_message(di_result, issuer))
        elif not di_result.problems:  # pragma: no cover - the engine always explains a failure
            problems.append(Problem(PROOF_VERIFICATION_ERROR, "the proof did not verify"))
    if problems:
        first = problems[0]
        detail["problems"] = [{"code": p.code, "message": p.message} for p in problems[:20]]
        return _check("proof", _FAILED, first.message, first.code, detail)
    # ``detail`` is this function's own and is not changed after this: no copy to freeze.
    frozen: Mapping[str, Any] = MappingProxyType(detail) if detail else _EMPTY
    return make_check("proof", _PASSED, None, "; ".join(messages), frozen, True, ())


# -- validity, status, refresh, recipient, trust -----------------------------------------------


def _validity_check(
    credential: Mapping[str, Any],
    jwt_result: Any,
    config: FlowConfig,
    call: Call,
    dates: Dates | None = None,
) -> CheckResult:
    issues, window = validity_issues(
        credential, now=call.now, clock_skew=config.clock_skew, dates=dates
    )
    if jwt_result is not None:
        _, time_problems = _jwt_split(jwt_result)
        issues.extend(
            RuleIssue("", _JWT_TIME_CODES[p.code], f"JWT {p.message}") for p in time_problems
        )
    if issues:
        first = issues[0]
        return _check(
            "validity",
            _FAILED,
            first.message,
            first.code,
            {"codes": sorted({i.code for i in issues})},
        )
    return _passed("validity", window)


def _status_entries(credential: Mapping[str, Any]) -> list[Any]:
    value = credential.get("credentialStatus")
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _status_without_checking(
    entries: list[Any], config: FlowConfig, warnings: list[Problem]
) -> CheckResult | None:
    """The status result when no entry is to be checked (none, or no checker), else None."""
    if not entries:
        return _skipped("status", "the credential has no credentialStatus")
    if not config.has_status:
        warnings.append(_STATUS_NOT_CHECKED)
        return _skipped("status", "no status checker configured")
    return None


_STATUS_NOT_CHECKED: Final = Problem(
    "STATUS_NOT_CHECKED",
    "the credential has a credentialStatus but no status checker is configured",
)


def _status_check(
    credential: Mapping[str, Any], entries: list[Any], call: Call
) -> Generator[Operation, Any, CheckResult]:
    """Check each status entry with the configured checker (at most 8)."""
    from vckit.status import StatusResult, StatusVerdict

    outcomes: list[str] = []
    for index, entry in enumerate(entries[:8]):
        if not isinstance(entry, Mapping):
            return _check(
                "status",
                _FAILED,
                "a credentialStatus entry is not an object",
                codes.MALFORMED_VALUE_ERROR,
            )
        try:
            result = yield CheckStatusEntry(credential, entry, call.now)
        except Exception as exc:  # a checker that raises must not pass, nor crash verification
            exceeded = isinstance(exc, errors.FetchBudgetExceededError)
            code = codes.FETCH_BUDGET_EXCEEDED if exceeded else codes.STATUS_CHECK_FAILED
            return _check(
                "status",
                _ERROR,
                f"the status checker failed: {type(exc).__name__}: {str(exc)[:200]}",
                code,
                {"entry": index},
            )
        if not isinstance(result, StatusResult):
            return _check(
                "status",
                _ERROR,
                f"the status checker returned {type(result).__name__}, not a StatusResult",
                codes.STATUS_CHECK_FAILED,
            )
        detail = {"entry": index, "purpose": result.purpose, **result.detail}
        if result.verdict is StatusVerdict.REVOKED:
            return _check(
                "status",
                _FAILED,
                result.message or "the credential is revoked",
                codes.CREDENTIAL_REVOKED,
                detail,
            )
        if result.verdict is StatusVerdict.SUSPENDED:
            return _check(
                "status",
                _FAILED,
                result.message or "the credential is suspended",
                codes.CREDENTIAL_SUSPENDED,
                detail,
            )
        if result.verdict is not StatusVerdict.VALID:
            return _check(
                "status",
                _ERROR,
                f"status undetermined: {result.message or 'no reason given'}",
                result.code or "STATUS_RETRIEVAL_ERROR",
                detail,
            )
        outcomes.append(f"{result.purpose}: not set")
    if len(entries) > 8:
        return _check(
            "status",
            _ERROR,
            f"{len(entries)} status entries; at most 8 are checked",
            codes.STATUS_CHECK_FAILED,
        )
    return _passed("status", "; ".join(outcomes))


def _refresh_check(
    credential: Mapping[str, Any], config: FlowConfig, call: Call, depth: int
) -> Generator[Operation, Any, CheckResult]:
    service = credential.get("refreshService")
    services = service if isinstance(service, list) else [service] if service is not None else []
    if not services:
        return _skipped("refresh", "no refreshService")
    if not call.refresh or depth > 0:
        return _skipped("refresh", "refresh not requested (verify(..., refresh=True))")
    if not config.allow_network:
        return _skipped("refresh", "network use is off (Verifier(allow_network=True))")
    if call.refreshed:
        return _skipped("refresh", "already refreshed once in this verification")
    entry = next(
        (s for s in services if isinstance(s, Mapping) and s.get("type") == _REFRESH_TYPE), None
    )
    if entry is None or not isinstance(entry.get("id"), str):
        return _skipped("refresh", f"no {_REFRESH_TYPE} service with an id URL")
    call.refreshed = True
    url = entry["id"]
    try:
        body = yield FetchRefresh(url)
    except FetchError as exc:
        return _check(
            "refresh",
            _ERROR,
            f"refresh fetch refused or failed: {exc}",
            codes.REFRESH_ERROR,
            {"url": url[:300]},
            required=False,
        )
    except Exception as exc:
        return _check(
            "refresh",
            _ERROR,
            f"refresh failed: {type(exc).__name__}",
            codes.REFRESH_ERROR,
            {"url": url[:300]},
            required=False,
        )
    parsed = detect_json(body.decode("utf-8", "replace") if isinstance(body, bytes) else body)
    nested = yield from run(parsed, config, call, depth=depth + 1)
    status = _PASSED if nested.verified else _FAILED
    message = (
        "the refreshed credential verifies"
        if nested.verified
        else "the refreshed credential does not verify"
    )
    return _check(
        "refresh",
        status,
        message,
        None if nested.verified else codes.REFRESH_ERROR,
        {"url": url[:300]},
        required=False,
        nested=(nested,),
    )


def _recipient_check(credential: Mapping[str, Any], call: Call, depth: int) -> CheckResult:
    if call.recipient is None or depth > 0:
        return _skipped("recipient", "no recipient to check (verify(..., recipient=...))")
    from vckit import openbadges as ob

    subject = credential.get("credentialSubject")
    subjects = subject if isinstance(subject, list) else [subject]
    for item in subjects:
        if not isinstance(item, Mapping):
            continue
        if item.get("id") == call.recipient:
            return _passed("recipient", "the credential's subject id is the expected recipient")
        identifiers = item.get("identifier")
        for identity in identifiers if isinstance(identifiers, list) else [identifiers]:
            if not isinstance(identity, Mapping):
                continue
            try:
                matched = ob.IdentityObject.from_json(identity).matches(call.recipient)
            except (VckitError, ValueError):
                continue
            if matched:
                return _passed(
                    "recipient",
                    f"the {identity.get('identityType', 'identity')} identifier matches",
                )
    return _check(
        "recipient",
        _FAILED,
        "the credential is not about the expected recipient",
        codes.RECIPIENT_MISMATCH,
    )


def _trust_check(issuer: str | None, config: FlowConfig, depth: int) -> CheckResult:
    trusted = config.trusted_issuers
    if trusted is None or depth > 0:
        return _skipped("issuer_trust", "no trusted-issuer list configured")
    if issuer is None:
        return _check(
            "issuer_trust",
            _FAILED,
            "the credential names no issuer",
            codes.ISSUER_NOT_TRUSTED,
        )
    try:
        ok = trusted(issuer) if callable(trusted) else issuer in trusted
    except Exception as exc:
        return _check(
            "issuer_trust",
            _ERROR,
            f"the trusted-issuer callback failed: {type(exc).__name__}",
            codes.ISSUER_NOT_TRUSTED,
        )
    if ok is True:
        return _passed("issuer_trust", f"{issuer} is a trusted issuer")
    return _check(
        "issuer_trust",
        _FAILED,
        f"{issuer[:200]} is not on the trusted-issuer list",
        codes.ISSUER_NOT_TRUSTED,
    )


# -- endorsements, CLR -----------------------------------------------------------------------


def _endorsement_items(credential: Mapping[str, Any]) -> list[Any]:
    """The endorsements of the credential, its issuer, and each subject's achievement and its
    creator, in that order."""
    items: list[Any] = []
    _add_endorsements(credential, items)
    issuer = credential.get("issuer")
    if is_mapping(issuer):
        _add_endorsements(issuer, items)
    subject = credential.get("credentialSubject")
    for item in subject if isinstance(subject, list) else [subject]:
        if is_mapping(item):
            achievement = item.get("achievement")
            if is_mapping(achievement):
                _add_endorsements(achievement, items)
                creator = achievement.get("creator")
                if is_mapping(creator):
                    _add_endorsements(creator, items)
    return items


def _add_endorsements(holder: Mapping[str, Any], items: list[Any]) -> None:
    value = holder.get("endorsement")
    if value is not None:
        items.extend(value if isinstance(value, list) else [value])
    value = holder.get("endorsementJwt")
    if value is not None:
        items.extend(value if isinstance(value, list) else [value])


def _nested_run(
    items: list[Any], config: FlowConfig, call: Call, depth: int
) -> Generator[Operation, Any, list[VerificationReport]]:
    reports = []
    for item in items:
        parsed = detect_json(item)
        ident = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(ident, str) and ident in call.ancestors:
            reports.append(
                _report(
                    [
                        _check(
                            "parse",
                            _FAILED,
                            "endorsement cycle: this credential endorses one of its endorsers' chain",
                            codes.ENDORSEMENT_INVALID,
                        )
                    ],
                    "json-ld",
                    None,
                    [],
                    None,
                )
            )
            continue
        if isinstance(ident, str):
            call.ancestors.append(ident)
        try:
            reports.append((yield from run(parsed, config, call, depth=depth + 1)))
        finally:
            if isinstance(ident, str):
                call.ancestors.pop()
    return reports


def _endorsement_check(
    credential: Mapping[str, Any], items: list[Any], config: FlowConfig, call: Call, depth: int
) -> Generator[Operation, Any, CheckResult]:
    if depth >= config.max_endorsement_depth:
        return _check(
            "endorsements",
            _FAILED,
            f"endorsements nest deeper than {config.max_endorsement_depth} levels",
            codes.ENDORSEMENT_LIMIT_EXCEEDED,
            {"depth": depth},
        )
    if call.endorsements_seen + len(items) > config.max_endorsements:
        return _check(
            "endorsements",
            _FAILED,
            f"{len(items)} endorsements here, more than the {config.max_endorsements} one verification checks",
            codes.ENDORSEMENT_LIMIT_EXCEEDED,
            {"count": len(items), "limit": config.max_endorsements},
        )
    call.endorsements_seen += len(items)
    ident = credential.get("id")
    if isinstance(ident, str):
        call.ancestors.append(ident)
    try:
        reports = yield from _nested_run(items, config, call, depth)
    finally:
        if isinstance(ident, str):
            call.ancestors.pop()
    bad = [index for index, report in enumerate(reports) if not report.verified]
    bad_type = [
        i
        for i, r in enumerate(reports)
        if r.verified and "EndorsementCredential" not in _types(r.credential or {})
    ]
    if bad or bad_type:
        which = bad or bad_type
        reason = "does not verify" if bad else "is not an EndorsementCredential"
        return _check(
            "endorsements",
            _FAILED,
            f"endorsement {which[0]} {reason} ({len(which)} of {len(reports)})",
            codes.ENDORSEMENT_INVALID,
            {"failed": which},
            nested=tuple(reports),
        )
    return _passed("endorsements", f"{len(reports)} endorsement(s) verified", nested=tuple(reports))


def _clr_check(
    credential: Mapping[str, Any], config: FlowConfig, call: Call, depth: int
) -> Generator[Operation, Any, CheckResult]:
    subject = credential.get("credentialSubject")
    items = subject.get("verifiableCredential") if isinstance(subject, Mapping) else None
    items = items if isinstance(items, list) else [items] if items is not None else []
    if not items:
        return _check(
            "credentials",
            _FAILED,
            "the CLR bundles no credentials",
            codes.MALFORMED_VALUE_ERROR,
        )
    return (yield from _embedded_check(items, config, call, depth))


def _embedded_check(
    items: list[Any], config: FlowConfig, call: Call, depth: int
) -> Generator[Operation, Any, CheckResult]:
    if len(items) > config.max_embedded:
        return _check(
            "credentials",
            _FAILED,
            f"{len(items)} embedded credentials; at most {config.max_embedded} are verified",
            codes.EMBEDDED_CREDENTIAL_INVALID,
        )
    if depth >= config.max_endorsement_depth:
        return _check(
            "credentials",
            _FAILED,
            "embedded credentials nest too deep",
            codes.EMBEDDED_CREDENTIAL_INVALID,
        )
    reports = yield from _nested_run(items, config, call, depth)
    bad = [index for index, report in enumerate(reports) if not report.verified]
    if bad:
        return _check(
            "credentials",
            _FAILED,
            f"embedded credential {bad[0]} does not verify ({len(bad)} of {len(reports)})",
            codes.EMBEDDED_CREDENTIAL_INVALID,
            {"failed": bad},
            nested=tuple(reports),
        )
    return _passed(
        "credentials", f"{len(reports)} embedded credential(s) verified", nested=tuple(reports)
    )


# -- presentations -------------------------------------------------------------------------------


def _binding_required(call: Call) -> CheckResult | None:
    missing = [
        name
        for name, value in (("challenge", call.challenge), ("domain", call.domain))
        if value is REQUIRED
    ]
    if not missing:
        return None
    code = INVALID_CHALLENGE_ERROR if "challenge" in missing else INVALID_DOMAIN_ERROR
    return _check(
        "proof",
        _FAILED,
        f"no expected {' and '.join(missing)} given: pass the values you issued "
        f"({', '.join(f'{m}=...' for m in missing)}) or waive explicitly with None",
        code,
    )


def _presentation_credentials(document: Mapping[str, Any]) -> list[Any]:
    value = document.get("verifiableCredential")
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _presentation(
    document: Mapping[str, Any], container: str | None, config: FlowConfig, call: Call
) -> Flow:
    checks: list[CheckResult] = [_passed("parse", "a VerifiablePresentation (presentation)")]
    warnings: list[Problem] = []
    checks.append(_context_check(document, config))
    checks.append(
        _from_issues(
            "data_model",
            data_model_issues(document, presentation=True),
            "VC Data Model presentation rules hold",
        )
    )
    holder = party_id(document, "holder")
    required = _binding_required(call)
    if required is not None:
        checks.append(required)
    elif "proof" not in document:
        checks.append(
            _check("proof", _FAILED, "the presentation has no proof", MALFORMED_PROOF_ERROR)
        )
    else:
        challenge = call.challenge if isinstance(call.challenge, str) else None
        domain = call.domain if isinstance(call.domain, str) else None
        result = yield from _verify_di(
            document, "authentication", holder, challenge, domain, call, warnings
        )
        if holder is None:
            warnings.append(
                Problem(
                    "HOLDER_NOT_NAMED",
                    "the presentation names no holder; its proof is bound to no one",
                )
            )
        if result.verified:
            checks.append(
                _passed(
                    "proof", f"authentication proof by {holder or 'an unnamed holder'} verified"
                )
            )
        else:
            first = result.problems[0]
            code = first.code
            if code == UNTRUSTED_ISSUER_ERROR:
                code = codes.HOLDER_MISMATCH
            checks.append(_check("proof", _FAILED, first.message, code))
    checks.append(
        (yield from _embedded_check(_presentation_credentials(document), config, call, 0))
    )
    return _report(checks, "presentation", document, warnings, container)


def _jwt_presentation(parsed: Parsed, config: FlowConfig, call: Call) -> Flow:
    assert parsed.token is not None
    required = _binding_required(call)
    nonce = call.challenge if isinstance(call.challenge, str) else None
    audience = call.domain if isinstance(call.domain, str) else None
    result = yield VerifyJwt(parsed.token, "vp", call.now, nonce, audience)
    if result.presentation is None:
        first = result.problems[0] if result.problems else None
        check = _check(
            "parse",
            _FAILED,
            f"the JWT could not be decoded: {first.message if first else 'unknown'}",
            first.code if first else codes.PARSING_ERROR,
        )
        return _report([check], "jwt-presentation", None, [], parsed.container)
    document = result.presentation
    warnings: list[Problem] = list(getattr(result, "warnings", ()))
    checks = [_passed("parse", f"a VerifiablePresentation ({result.profile or 'vc-jwt'})")]
    checks.append(_context_check(document, config))
    checks.append(
        _from_issues(
            "data_model",
            data_model_issues(document, presentation=True, jwt=True),
            "VC Data Model presentation rules hold",
        )
    )
    own = [p for p in result.problems if "credential" not in p.detail]
    proof_problems = [p for p in own if p.code not in _JWT_TIME_CODES]
    if required is not None:
        checks.append(required)
    elif proof_problems:
        checks.append(_check("proof", _FAILED, proof_problems[0].message, proof_problems[0].code))
    else:
        checks.append(
            _passed(
                "proof",
                f"presentation JWT signed by {result.verification_method} (the holder's key)",
            )
        )
    time_problems = [p for p in own if p.code in _JWT_TIME_CODES]
    if time_problems:
        checks.append(
            _check(
                "validity",
                _FAILED,
                f"JWT {time_problems[0].message}",
                _JWT_TIME_CODES[time_problems[0].code],
            )
        )
    else:
        checks.append(_passed("validity", "the presentation JWT is within its time window"))
    checks.append(
        (yield from _embedded_check(_presentation_credentials(document), config, call, 0))
    )
    return _report(checks, "jwt-presentation", document, warnings, parsed.container)
