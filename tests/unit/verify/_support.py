"""Builders for the pipeline tests: an issuer key, a signed badge, a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import vckit
from vckit import dids, keys
from vckit import openbadges as ob

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CREATED = "2026-01-15T12:00:00Z"


class Issuer:
    """A did:key issuer with its signer."""

    def __init__(self) -> None:
        self.key = keys.generate("Ed25519")
        self.did = dids.did_key(self.key.public_key)
        self.signer = self.key.signer(f"{self.did}#{self.key.public_key.multibase}")

    def badge(self, **changes: Any) -> dict[str, Any]:
        """An unsigned OB 3.0 badge from this issuer, with ``changes`` applied on top."""
        built = ob.OpenBadgeCredential.build(
            issuer=ob.Profile(id=self.did, name="Example College"),
            achievement=ob.Achievement(
                id="https://example.edu/achievements/python-101",
                name="Python 101",
                description="Introductory programming in Python.",
                criteria=ob.Criteria(narrative="Pass the final project."),
            ),
            recipient=ob.IdentityObject.hashed("learner@example.edu", salt="pepper"),
            valid_from="2026-01-15T12:00:00Z",
        ).to_json()
        built.update(changes)
        return built

    def signed(self, **changes: Any) -> dict[str, Any]:
        signed = vckit.issue(self.badge(**changes), self.signer, created=CREATED)
        assert isinstance(signed, dict)
        return signed
