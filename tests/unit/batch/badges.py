"""Deterministic unsigned badges for the batch tests and benchmarks of batches."""

from __future__ import annotations

from typing import Any

from vckit import openbadges as ob

CREATED = "2026-01-15T12:00:00Z"


def make_badges(issuer: str, count: int, *, start: int = 0) -> list[dict[str, Any]]:
    """``count`` unsigned OB 3.0 badges with fixed ids, so signing them is deterministic."""
    badges = []
    for n in range(start, start + count):
        badge = ob.OpenBadgeCredential.build(
            id=f"urn:uuid:00000000-0000-4000-8000-{n:012d}",
            issuer=ob.Profile(id=issuer, name="Example College"),
            achievement=ob.Achievement(
                id=f"https://example.edu/achievements/{n % 7}",
                name=f"Course {n % 7}",
                description="A course.",
                criteria=ob.Criteria(narrative="Pass the final project."),
            ),
            recipient=ob.IdentityObject.hashed(f"learner{n}@example.edu", salt=f"salt{n}"),
            valid_from="2026-01-01T00:00:00Z",
        )
        badges.append(badge.to_json())
    return badges
