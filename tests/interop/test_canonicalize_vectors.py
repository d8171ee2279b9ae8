"""Every credential in ``../shared/vectors/interop`` and ``ob3/`` canonicalizes exactly as pyld does.

Documents are canonicalized without their ``proof`` (what Data Integrity hashes). A "credential"
here is any JSON object with an ``@context`` and at least one other member (credentials,
presentations, DID documents); context documents themselves are skipped.

Exceptions, listed below with the JSON path safe mode names: documents that safe mode rightly
rejects because JSON-LD would silently drop part of them (undefined terms, relative IRIs, a
top-level node with nothing in it). Each of them is *also* rejected by the Digital Bazaar JS stack
in safe mode (checked when this list was made), and with ``safe=False`` vckit still produces
exactly pyld's output. One is refused for a feature the fast path does not vouch for:
``lds-ed25519-2020-issuer0.jsonld`` sets ``@base`` in an embedded context, which pyld ignores
when the base option is null (vckit's setting), so safe mode cannot vouch for it.

No file here contains a control character, so the pyld escaping difference does not apply; the
test checks that and would flag one.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import VECTORS
from tests.unit.jsonld.jsonld_support import pyld_canonical

from vckit import jsonld
from vckit.errors import CanonicalizationError, VckitError

UNSUPPORTED = "UNSUPPORTED"

SAFE_MODE_REJECTS: dict[str, str] = {
    "interop/1edtech-dc-public-validator/ob30/complete_v1.json": "$.credentialSubject.achievement.creator.endorsement[0].credentialSchema[0].type",
    "interop/1edtech-dc-public-validator/ob30/simple-err-context.json": "$.issuer",
    "interop/1edtech-dc-public-validator/ob30/simple-err-credential-subject-achievement-result-description-type.json": "$.credentialSubject.achievement.resultDescription[2].resultType",
    "interop/1edtech-dc-public-validator/ob30/simple-err-credential-subject-identifier-type.json": "$.credentialSubject.identifier[0].hashed",
    "interop/1edtech-dc-public-validator/ob30/simple-err-credential-subject-profile-type.json": "$.credentialSubject.source.type",
    "interop/1edtech-dc-public-validator/ob30/simple-err-credential-subject-result-type.json": "$.credentialSubject.result[1].achievedLevel",
    "interop/1edtech-dc-public-validator/ob30/simple-err-credential-subject-type.json": "$.credentialSubject.achievement",
    "interop/1edtech-dc-public-validator/ob30/simple-err-evidence-type.json": "$.evidence[1].genre",
    "interop/1edtech-dc-public-validator/ob30/simple-err-issuer-otheridentifier-type.json": "$.issuer.otherIdentifier[1].identifier",
    "interop/1edtech-dc-public-validator/ob30/simple-err-issuer-parentorg-type.json": "$.issuer.parentOrg.type[0]",
    "interop/1edtech-dc-public-validator/ob30/simple-err-issuer-type.json": "$.issuer.type[0]",
    "interop/1edtech-dc-public-validator/ob30/simple-err-type.json": "$.type[1]",
    "interop/dcc-did-web/issuer-registry-client-test/did.json": "$.name",
    "interop/dcc-did-web/multikey/did.json": "$.name",
    "interop/dcc-vc-test-fixtures/dids/oidf/did.json": "$.name",
    "interop/dcc-verifier-core/verifiableCredentials/eddsa/v2/safeModeBreaker.json": "$.endorsementJwt",
    "interop/spruceid-ssi/did-example-vectors/lds-eip712-issuer.json": "$.verificationMethod[0].publicKeyJwk",
    "interop/spruceid-ssi/examples/files/vp-jwtvc.jsonld": "$.verifiableCredential",
    "interop/spruceid-ssi/status-examples/status_list_revocable_3.jsonld": "$.credentialSubject.type",
    "interop/spruceid-ssi/tests/lds-ed25519-2020-issuer0.jsonld": "UNSUPPORTED",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/credential-issuer-no-url-fail.json": "$.issuer",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/credential-issuer-object-id-no-url-fail.json": "$.issuer.id",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/credential-no-type-fail.json": "$.credentialSubject",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/credential-schema-non-url-id-fail.json": "$.credentialSchema.id",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/credential-status-nonurl-id-fail.json": "$.credentialStatus.id",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/names-and-descriptions/credential-description-extra-prop-en-fail.json": "$.description.url",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/names-and-descriptions/credential-name-extra-prop-en-fail.json": "$.name.url",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/names-and-descriptions/issuer-description-extra-prop-en-fail.json": "$.issuer.description.url",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/names-and-descriptions/issuer-name-extra-prop-en-fail.json": "$.issuer.name.url",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/presentation-holder-fail.json": "$.holder",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/presentation-holder-object-fail.json": "$.holder.id",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/presentation-no-type-fail.json": "$",
    "interop/w3c-vc-data-model-2.0-test-suite/tests/input/presentation-vc-missing-required-type-fail.json": "$.verifiableCredential[0].issuer",
    "ob3/spec-examples/extracted/migrating/migrating-ex05-upgraded-ob-2-0-assertion-included-within-clr-2-0.json": "$.issuer.alsoKnownAs",
}

_CONTROL = frozenset(chr(c) for c in (*range(0x20), 0x7F) if c not in (0x09, 0x0A, 0x0D))


def _documents() -> list[Any]:
    found: list[Any] = []
    for root in ("interop", "ob3"):
        folder = VECTORS / root
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.json*")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError):
                continue
            items = data if isinstance(data, list) else [data]
            for index, item in enumerate(items):
                if (
                    not isinstance(item, dict)
                    or "@context" not in item
                    or set(item) <= {"@context"}
                ):
                    continue
                name = str(path.relative_to(VECTORS))
                if isinstance(data, list):
                    name += f"[{index}]"
                found.append(pytest.param(path, index if isinstance(data, list) else None, id=name))
    return found or [pytest.param(None, None, id="vectors-absent")]


def _load(path: Path, index: int | None) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    document = data[index] if index is not None else data
    return {key: value for key, value in document.items() if key != "proof"}


@pytest.mark.parametrize(("path", "index"), _documents())
def test_canonicalizes_like_pyld(path: Path | None, index: int | None) -> None:
    if path is None:
        pytest.skip(f"interop vectors not available: {VECTORS}")
    document = _load(path, index)
    name = str(path.relative_to(VECTORS)) + (f"[{index}]" if index is not None else "")
    assert _CONTROL.isdisjoint(json.dumps(document, ensure_ascii=False)), "escaping difference"
    try:
        expected: str | None = pyld_canonical(copy.deepcopy(document))
    except Exception:
        expected = None
    if expected is None:
        with pytest.raises(VckitError):
            jsonld.canonicalize(copy.deepcopy(document), safe=False)
        return
    rejection = SAFE_MODE_REJECTS.get(name)
    if rejection is None:
        assert jsonld.canonicalize(document) == expected
        return
    with pytest.raises(CanonicalizationError) as caught:
        jsonld.canonicalize(copy.deepcopy(document))
    if rejection == UNSUPPORTED:
        assert "cannot vouch" in str(caught.value)
    else:
        assert caught.value.path == rejection
    assert jsonld.canonicalize(document, safe=False) == expected


def test_every_listed_rejection_exists() -> None:
    if not (VECTORS / "interop").is_dir():
        pytest.skip(f"interop vectors not available: {VECTORS}")
    for name in SAFE_MODE_REJECTS:
        assert (VECTORS / name.split("[")[0]).is_file(), name
