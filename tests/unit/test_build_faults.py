"""A fault inside the (possibly compiled) fast path is not hidden, on either build.

``tests/unit/jsonld/test_no_silent_fallback.py`` injects faults by monkeypatching emitter methods,
which has no effect on mypyc-compiled classes; here the fault comes from the document itself (a
mapping whose iteration raises), so the compiled emitter really runs into it. ``make test`` runs
this file on both builds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from vckit import jsonld
from vckit.errors import CanonicalizationError, SafeModeError
from vckit.jsonld import _api


class _ExplodingMapping(Mapping[str, Any]):
    """A JSON object whose key iteration fails: a stand-in for a bug met mid-expansion."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        raise KeyError("injected fault")

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data


@pytest.mark.parametrize("safe", [True, False])
def test_fault_met_by_the_emitter_propagates_with_its_cause(
    monkeypatch: pytest.MonkeyPatch, safe: bool
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(_api, "pyld_to_rdf", lambda *args, **kwargs: calls.append(args) or [])
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:example:c",
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": _ExplodingMapping({"id": "did:example:s"}),
    }
    with pytest.raises(CanonicalizationError, match=r"failed unexpectedly \(KeyError\)") as caught:
        jsonld.canonicalize(document, safe=safe)
    assert not isinstance(caught.value, SafeModeError)
    assert isinstance(caught.value.__cause__, KeyError)
    assert calls == []  # pyld was not asked to paper over it
