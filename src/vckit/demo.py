"""``make demo``: issue an Open Badge, verify it, tamper with it, and print both reports. Offline.

This is a walk through the public API, not the verification pipeline (which will add status and
issuer-trust checks): it checks the data model, the eddsa-rdfc-2022 proof bound to the issuer,
and the validity window, the three checks every verifier makes.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, TextIO

from vckit import dids, keys
from vckit import openbadges as ob
from vckit._codec.xsd import parse_datetime_stamp
from vckit.proofs import dataintegrity

__all__ = ["check_badge", "issue_demo_badge", "main"]

Check = tuple[str, bool, str]


def issue_demo_badge(key: keys.KeyPair) -> dict[str, Any]:
    """Build an OB 3.0 badge for a hashed e-mail recipient and sign it with eddsa-rdfc-2022."""
    issuer_did = dids.did_key(key.public_key)
    achievement = ob.Achievement(
        id="https://lms.example.edu/achievements/python-101",
        name="Python 101",
        description="Introductory programming in Python.",
        achievement_type=ob.AchievementType.COURSE,
        criteria=ob.Criteria(narrative="Pass the six graded assignments and the final project."),
    )
    badge = ob.OpenBadgeCredential.build(
        issuer=ob.Profile(id=issuer_did, name="Example College"),
        achievement=achievement,
        recipient=ob.IdentityObject.hashed("learner@example.edu", salt="demo-salt"),
        valid_from="2026-01-15T12:00:00Z",
        id="urn:uuid:7b3c3f0e-2a57-4c86-9d0e-4c1f7c3d2a10",
    )
    signer = key.signer(f"{issuer_did}#{issuer_did.removeprefix('did:key:')}")
    return dataintegrity.add_proof(badge.to_json(), signer, created="2026-01-15T12:00:00Z")


def check_badge(credential: Mapping[str, Any], now: datetime) -> list[Check]:
    """Run the demo's three checks on untrusted JSON; each is (name, passed, detail)."""
    checks: list[Check] = []
    issues = ob.validate(credential)
    checks.append(("data model", not issues, "; ".join(map(str, issues)) or "OB 3.0 rules hold"))

    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, Mapping) else issuer
    result = dataintegrity.verify_proof(
        credential, expected_controller=issuer_id if isinstance(issuer_id, str) else None
    )
    detail = "; ".join(f"{p.code}: {p.message}" for p in result.problems)
    checks.append(("proof (eddsa-rdfc-2022)", result.verified, detail or "signed by the issuer"))

    try:
        valid_from = parse_datetime_stamp(str(credential.get("validFrom")))
        until = credential.get("validUntil")
        valid_until = parse_datetime_stamp(str(until)) if until is not None else None
        in_window = valid_from <= now and (valid_until is None or now < valid_until)
        window = f"from {valid_from.isoformat()}" + (
            f" until {valid_until.isoformat()}" if valid_until else ", no end"
        )
        checks.append(("validity window", in_window, window))
    except ValueError as error:
        checks.append(("validity window", False, str(error)))
    return checks


def _report(title: str, checks: list[Check], out: TextIO) -> bool:
    ok = all(passed for _, passed, _ in checks)
    print(f"\n{title}: {'VERIFIED' if ok else 'REJECTED'}", file=out)
    for name, passed, detail in checks:
        print(f"  [{'pass' if passed else 'FAIL'}] {name:<24} {detail}", file=out)
    return ok


def main(out: TextIO = sys.stdout) -> int:
    """Issue, verify, tamper, verify again; exit 0 when the good badge passes and the bad fails."""
    key = keys.generate("Ed25519")
    badge = issue_demo_badge(key)
    print("Issued an Open Badge 3.0 credential (eddsa-rdfc-2022):", file=out)
    print(json.dumps(badge, indent=2), file=out)

    now = datetime.now(UTC)
    good = _report("Original badge", check_badge(badge, now), out)

    tampered = copy.deepcopy(badge)
    tampered["credentialSubject"]["achievement"]["name"] = "Python 501"
    bad = _report("Tampered badge (achievement renamed)", check_badge(tampered, now), out)
    return 0 if good and not bad else 1


if __name__ == "__main__":
    raise SystemExit(main())
