"""``make demo``: issue an Open Badge with ``vckit.issue``, then verify it and its bad cousins.

Offline: a fresh did:key issuer signs an OB 3.0 badge (eddsa-rdfc-2022); ``vckit.verify`` checks
the original, a tampered copy, an expired one and (when ``vckit.status`` has its registry and
checker) a revoked one, and prints each readable report. The signed JSON is printed only with
``--json``.
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

import vckit
from vckit import dids, keys
from vckit import openbadges as ob

__all__ = ["issue_demo_badge", "main", "revoked_demo"]


def issue_demo_badge(
    key: keys.KeyPair, *, valid_until: str | None = None, status: Any = None
) -> dict[str, Any]:
    """An OB 3.0 badge for a hashed e-mail recipient, issued and signed by ``key``'s did:key.

    ``status`` is a status allocator (``vckit.status.StatusRegistry``) for a revocable badge.
    """
    issuer_did = dids.did_key(key.public_key)
    badge = ob.OpenBadgeCredential.build(
        issuer=ob.Profile(id=issuer_did, name="Example College"),
        achievement=ob.Achievement(
            id="https://lms.example.edu/achievements/python-101",
            name="Python 101",
            description="Introductory programming in Python.",
            achievement_type=ob.AchievementType.COURSE,
            criteria=ob.Criteria(
                narrative="Pass the six graded assignments and the final project."
            ),
        ),
        recipient=ob.IdentityObject.hashed("learner@example.edu", salt="demo-salt"),
        valid_from="2026-01-15T12:00:00Z",
        valid_until=valid_until,
    )
    signer = key.signer(f"{issuer_did}#{key.public_key.multibase}")
    signed = vckit.issue(badge, signer, created="2026-01-15T12:00:00Z", status=status)
    assert isinstance(signed, dict)
    return signed


def revoked_demo(key: keys.KeyPair, now: datetime) -> vckit.VerificationReport | None:
    """Issue a revocable badge, revoke it, publish the status list, verify (None without status).

    The signed status list is served by an in-memory transport standing in for the issuer's web
    server, so the demo stays offline.
    """
    from vckit import status

    registry_type = getattr(status, "StatusRegistry", None)
    checker_type = getattr(status, "StatusChecker", None)
    publish = getattr(status, "issue_status_list_credential", None)
    if registry_type is None or checker_type is None or publish is None:
        return None
    import httpx

    registry = registry_type.sqlite(":memory:", url_template="https://status.example.edu/{list}")
    badge = issue_demo_badge(key, status=registry)
    registry.revoke(badge["id"])
    issuer_did = dids.did_key(key.public_key)
    signer = key.signer(f"{issuer_did}#{key.public_key.multibase}")
    url = badge["credentialStatus"]["statusListCredential"]
    exported = registry.export(url)
    served = publish(
        exported.status_list,
        signer,
        id=url,
        purpose=exported.purpose,
        created="2026-01-15T12:00:00Z",  # as the badge: a proof may not postdate `now`
    )
    web = httpx.Client(
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=served))
    )
    return vckit.Verifier(status=checker_type(client=web)).verify(badge, now=now)


def main(out: TextIO = sys.stdout, argv: list[str] | None = None) -> int:
    """Issue, verify, tamper, expire; exit 0 when only the good badge verifies."""
    show_json = "--json" in (sys.argv[1:] if argv is None else argv)
    key = keys.generate("Ed25519")
    badge = issue_demo_badge(key)
    now = datetime.now(UTC)
    print("Issued an Open Badge 3.0 credential with vckit.issue (eddsa-rdfc-2022).", file=out)
    if show_json:
        print(json.dumps(badge, indent=2), file=out)

    verifier = vckit.Verifier()
    good = verifier.verify(badge, now=now, recipient="learner@example.edu")
    print(f"\n== The badge as issued\n{good}", file=out)

    tampered = copy.deepcopy(badge)
    tampered["credentialSubject"]["achievement"]["name"] = "Python 501"
    bad = verifier.verify(tampered, now=now)
    print(f"\n== The same badge with the achievement renamed\n{bad}", file=out)

    expired_badge = issue_demo_badge(key, valid_until="2026-02-01T00:00:00Z")
    expired = verifier.verify(expired_badge, now=max(now, datetime(2026, 3, 1, tzinfo=UTC)))
    print(f"\n== A badge that expired on 2026-02-01\n{expired}", file=out)
    ok = good.verified and not bad.verified and not expired.verified

    revoked = revoked_demo(key, now)
    if revoked is not None:
        print(f"\n== A badge its issuer revoked\n{revoked}", file=out)
        ok = ok and not revoked.verified
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
