"""The fast path falls back to pyld only on its explicit ``Unsupported`` signal.

Any other exception is a bug: it surfaces as ``CanonicalizationError`` with the cause chained, and
pyld is never asked to paper over it (issue 14, "no silent fallbacks").
"""

from __future__ import annotations

from typing import Any

import pytest

from vckit import jsonld
from vckit._build import build_info
from vckit.errors import CanonicalizationError, DocumentLoaderError, SafeModeError
from vckit.jsonld import _api, _context, _emit

VC2 = "https://www.w3.org/ns/credentials/v2"

# Faults are injected by monkeypatching emitter / context-builder methods. Compiled (mypyc)
# classes call their methods directly, so a patch has no effect there: these tests run on the
# pure-Python modules, in `make test`'s VCKIT_PURE_PYTHON=1 pass. What they check (how
# jsonld/_api.py treats a non-Unsupported exception) is interpreted code on both builds.
pure_only = pytest.mark.skipif(
    build_info().build == "compiled",
    reason="monkeypatching a mypyc-compiled class has no effect; runs with VCKIT_PURE_PYTHON=1",
)

CREDENTIAL: dict[str, Any] = {
    "@context": [
        VC2,
        {
            "Thing": {
                "@id": "https://example.org/Thing",
                "@context": {"@vocab": "https://example.org/#"},
            }
        },
    ],
    "id": "urn:example:c",
    "type": ["VerifiableCredential", "Thing"],
    "issuer": "did:example:issuer",
    "credentialSubject": {"id": "did:example:s", "name": "x"},
}


@pytest.fixture
def pyld_calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record (and refuse) every call into pyld."""
    calls: list[Any] = []

    def record(*args: Any, **kwargs: Any) -> list[Any]:
        calls.append(args)
        return []

    monkeypatch.setattr(_api, "pyld_to_rdf", record)
    return calls


@pure_only
@pytest.mark.parametrize("safe", [True, False])
def test_fault_in_the_emitter_propagates_with_its_cause(
    monkeypatch: pytest.MonkeyPatch, pyld_calls: list[Any], safe: bool
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("injected fault")

    monkeypatch.setattr(_emit.Emitter, "node_object", broken)
    with pytest.raises(CanonicalizationError, match=r"failed unexpectedly \(KeyError\)") as caught:
        jsonld.canonicalize(CREDENTIAL, safe=safe)
    assert not isinstance(caught.value, SafeModeError)
    assert isinstance(caught.value.__cause__, KeyError)
    assert pyld_calls == []


@pure_only
def test_fault_in_scoped_context_validation_is_not_turned_into_unsupported(
    monkeypatch: pytest.MonkeyPatch, pyld_calls: list[Any]
) -> None:
    """``_context`` used to turn any exception while checking a scoped context into
    ``Unsupported`` (so: a pyld retry, or a misleading safe-mode error)."""

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise AttributeError("injected fault")

    monkeypatch.setattr(_context._Builder, "validate_scoped", broken)
    # a context object no other test uses, so no processed copy is cached
    fresh = {"Fresh": {"@id": "https://example.org/Fresh", "@context": {"q": "https://e.org/q"}}}
    document = {**CREDENTIAL, "@context": [VC2, fresh]}
    with pytest.raises(CanonicalizationError, match=r"\(AttributeError\)") as caught:
        jsonld.canonicalize(document, safe=False)
    assert isinstance(caught.value.__cause__, AttributeError)
    assert pyld_calls == []


@pure_only
def test_unsupported_alone_hands_the_document_to_pyld(
    monkeypatch: pytest.MonkeyPatch, pyld_calls: list[Any]
) -> None:
    def declined(*args: Any, **kwargs: Any) -> Any:
        raise _context.Unsupported("feature outside the fast path")

    monkeypatch.setattr(_emit.Emitter, "node_object", declined)
    assert jsonld.to_rdf(CREDENTIAL, safe=False) == []
    assert len(pyld_calls) == 1
    with pytest.raises(SafeModeError, match=r"cannot vouch .*\(feature outside the fast path\)"):
        jsonld.to_rdf(CREDENTIAL)
    assert len(pyld_calls) == 1  # safe mode refuses without running pyld


def test_vckit_errors_from_the_fast_path_are_not_retried(pyld_calls: list[Any]) -> None:
    document = {**CREDENTIAL, "@context": [VC2, "https://example.org/unknown-context"]}
    with pytest.raises(DocumentLoaderError, match="unknown-context"):
        jsonld.canonicalize(document, safe=False)
    assert pyld_calls == []
