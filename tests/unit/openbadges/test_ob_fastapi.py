"""Serving a signed badge from FastAPI keeps its signature (docs/badges.md, "Serving badges").

FastAPI's ``response_model`` validates what an endpoint returns into the model and serialises it
with ``model_dump(by_alias=True)``, defaults included. Before the models dropped unset members,
that wrote ``"description": null`` (and a dozen more) into the badge and broke its proof.
"""

from __future__ import annotations

from typing import Any

import pytest

from vckit import dids, keys
from vckit import openbadges as ob
from vckit.proofs import dataintegrity

fastapi = pytest.importorskip("fastapi", reason="fastapi is in the test extra")
testclient = pytest.importorskip("fastapi.testclient")


@pytest.fixture(scope="module")
def signed() -> tuple[dict[str, Any], str]:
    key = keys.generate("Ed25519")
    issuer = dids.did_key(key.public_key)
    badge = ob.OpenBadgeCredential.build(
        issuer=ob.Profile(id=issuer, name="Example College"),
        achievement=ob.Achievement(
            id="https://example.edu/achievements/python-101",
            name="Python 101",
            criteria=ob.Criteria(narrative="Pass the final project."),
        ),
        recipient=ob.IdentityObject.hashed("learner@example.edu", salt="s3cr3t"),
        valid_from="2026-01-15T12:00:00Z",
    )
    document = dataintegrity.add_proof(
        badge.to_json(), key.signer(f"{issuer}#{key.public_key.multibase}")
    )
    return document, issuer


def _app(document: dict[str, Any]) -> Any:
    app = fastapi.FastAPI()

    @app.get("/plain")
    def plain() -> dict[str, Any]:
        return document  # the supported way: serve the signed JSON itself

    @app.get("/model-from-dict", response_model=ob.OpenBadgeCredential)
    def model_from_dict() -> Any:
        return document

    @app.get("/model", response_model=ob.OpenBadgeCredential)
    def model() -> ob.OpenBadgeCredential:
        return ob.OpenBadgeCredential.from_json(document)

    return app


@pytest.mark.parametrize("path", ["/plain", "/model-from-dict", "/model"])
def test_served_badge_is_byte_for_byte_the_signed_json(
    signed: tuple[dict[str, Any], str], path: str
) -> None:
    document, issuer = signed
    client = testclient.TestClient(_app(document))
    response = client.get(path)
    assert response.status_code == 200
    served = response.json()
    assert served == document
    assert dataintegrity.verify_proof(served, expected_controller=issuer).verified


def test_openapi_schema_names_the_badge_model(signed: tuple[dict[str, Any], str]) -> None:
    document, _ = signed
    schema = testclient.TestClient(_app(document)).get("/openapi.json").json()
    assert "OpenBadgeCredential" in schema["components"]["schemas"]
