"""The calling convention and the clock: options keyword-only, time injected, no truth value."""

from __future__ import annotations

import ast
import inspect
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.unit.jose.jose_support import NOW, codes, credential, did_key_issuer

from vckit.problems import PROOF_VERIFICATION_ERROR
from vckit.proofs import jose

ISSUER = did_key_issuer("Ed25519")
PUBLIC: dict[Callable[..., Any], tuple[str, ...]] = {
    jose.sign_credential_jwt: ("credential", "signer"),
    jose.sign_presentation_jwt: ("presentation", "signer"),
    jose.verify_credential_jwt: ("token", "resolver"),
    jose.verify_presentation_jwt: ("token", "resolver"),
    jose.averify_credential_jwt: ("token", "resolver"),
    jose.averify_presentation_jwt: ("token", "resolver"),
}


def test_the_namespace_is_pinned() -> None:
    """One pin for the whole package list (tests/unit/test_public_api.py), read here."""
    from tests.unit.test_public_api import PINNED

    assert sorted(jose.__all__) == PINNED["vckit.proofs.jose"]


@pytest.mark.parametrize("function", list(PUBLIC), ids=lambda f: f.__name__)
def test_only_the_subject_and_the_signer_or_resolver_are_positional(
    function: Callable[..., Any],
) -> None:
    parameters = inspect.signature(function).parameters.values()
    positional = tuple(p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD)
    assert positional == PUBLIC[function]
    assert all(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in parameters)


@pytest.mark.parametrize(
    "function",
    [
        jose.verify_credential_jwt,
        jose.verify_presentation_jwt,
        jose.averify_credential_jwt,
        jose.averify_presentation_jwt,
    ],
    ids=lambda f: f.__name__,
)
def test_every_verifier_takes_an_injected_clock(function: Callable[..., Any]) -> None:
    parameters = inspect.signature(function).parameters
    assert parameters["now"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["now"].default is None
    assert parameters["clock_skew"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["clock_skew"].default == jose.DEFAULT_CLOCK_SKEW


def test_nothing_below_the_public_functions_reads_the_clock() -> None:
    """``datetime.now`` appears only as the ``now=None`` default at the top of a public function."""
    package = Path(jose.__file__).parent
    public = {f.__name__ for f in PUBLIC}
    for module in sorted(package.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in ("now", "utcnow", "today", "time")
                    and isinstance(node.value, ast.Name)
                    and node.value.id in ("datetime", "time", "date")
                ):
                    assert function.name in public, f"{module.name}:{function.name} reads a clock"
                    first = function.body[1] if ast.get_docstring(function) else function.body[0]
                    assert node in ast.walk(first), f"{function.name}: clock read not at the top"


def test_the_clock_decides_the_window() -> None:
    token = jose.sign_credential_jwt(
        credential(ISSUER.did, validUntil="2025-07-01T00:00:00Z"), ISSUER.signer(), now=NOW
    )
    assert jose.verify_credential_jwt(token, now=NOW).verified
    late = datetime(2025, 7, 1, 0, 1, 0, tzinfo=UTC)  # exactly the default 60 s skew past
    assert codes(jose.verify_credential_jwt(token, now=late)) == [jose.JWT_EXPIRED_ERROR] * 2
    assert jose.verify_credential_jwt(token, now=late, clock_skew=timedelta(minutes=2)).verified
    exact = jose.verify_credential_jwt(token, now="2025-07-01T00:00:00Z", clock_skew=timedelta(0))
    assert codes(exact) == [jose.JWT_EXPIRED_ERROR] * 2


def test_results_have_no_truth_value() -> None:
    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    result = jose.verify_credential_jwt(token, now=NOW)
    with pytest.raises(TypeError, match=r"result\.verified"):
        bool(result)
    presentation = jose.verify_presentation_jwt(token, now=NOW)
    with pytest.raises(TypeError, match=r"result\.verified"):
        bool(presentation)


def test_an_unexpected_exception_is_a_logged_failure(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The last-line guard: a bug below the front end fails the token, never the caller."""
    from vckit.proofs.jose import _verify

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ZeroDivisionError("a bug")

    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    monkeypatch.setattr(_verify, "decode_claims", broken)
    with caplog.at_level(logging.WARNING, logger="vckit.proofs.jose"):
        result = jose.verify_credential_jwt(token, now=NOW)
        presentation = jose.verify_presentation_jwt(token, now=NOW)
    assert (result.verified, codes(result)) == (False, [PROOF_VERIFICATION_ERROR])
    assert result.problems[0].detail == {"exception": "ZeroDivisionError"}
    assert (presentation.verified, codes(presentation)) == (False, [PROOF_VERIFICATION_ERROR])
    records = [r for r in caplog.records if r.name == "vckit.proofs.jose"]
    assert len(records) == 2
    assert all(r.exc_info is not None and r.exc_info[0] is ZeroDivisionError for r in records)


def test_a_resolver_returning_no_public_key_is_a_problem() -> None:
    class Odd:
        def dereference(self, method_id: str, relationship: str = "") -> Any:
            class Method:
                id = method_id
                type = "Multikey"
                controller = ISSUER.did
                public_key = "not a key"

            return Method()

    token = jose.sign_credential_jwt(credential(ISSUER.did), ISSUER.signer(), now=NOW)
    result = jose.verify_credential_jwt(token, Odd(), now=NOW)
    assert codes(result) == ["INVALID_VERIFICATION_METHOD_ERROR"]
