"""``make demo``: issue an Open Badge, bake it into an image, verify it and its bad cousins.

Offline: a fresh did:key issuer signs an OB 3.0 badge (eddsa-rdfc-2022) with ``vckit.issue``,
bakes it into a PNG badge image, and ``vckit.verify`` checks the baked image, a tampered copy, an
expired one and a revoked one (its status list served by an in-memory stand-in for the issuer's
web server), printing each readable report. The signed JSON is printed only with ``--json``;
``--out DIR`` also writes the baked PNG and the badge page (``report.to_html()``) there.
"""

from __future__ import annotations

import copy
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import vckit
from vckit import dids, keys
from vckit import openbadges as ob
from vckit.openbadges import baking

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


def revoked_demo(key: keys.KeyPair, now: datetime) -> vckit.VerificationReport:
    """Issue a revocable badge, revoke it, publish the status list, verify.

    The signed status list is served by an in-memory transport standing in for the issuer's web
    server, so the demo stays offline.
    """
    import httpx

    from vckit import status

    registry = status.StatusRegistry.sqlite(
        ":memory:", url_template="https://status.example.edu/{list}"
    )
    badge = issue_demo_badge(key, status=registry)
    registry.revoke(badge["id"])
    issuer_did = dids.did_key(key.public_key)
    signer = key.signer(f"{issuer_did}#{key.public_key.multibase}")
    url = badge["credentialStatus"]["statusListCredential"]
    exported = registry.export(url)
    served = status.issue_status_list_credential(
        exported.status_list,
        signer,
        id=url,
        purpose=exported.purpose,
        created="2026-01-15T12:00:00Z",  # as the badge: a proof may not postdate `now`
    )
    web = httpx.Client(
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=served))
    )
    return vckit.Verifier(status=status.StatusChecker(client=web)).verify(badge, now=now)


def main(out: TextIO = sys.stdout, argv: list[str] | None = None) -> int:
    """Issue, verify, tamper, expire; exit 0 when only the good badge verifies."""
    args = sys.argv[1:] if argv is None else argv
    show_json = "--json" in args
    out_dir = Path(args[args.index("--out") + 1]) if "--out" in args[:-1] else None
    key = keys.generate("Ed25519")
    badge = issue_demo_badge(key)
    now = datetime.now(UTC)
    print("Issued an Open Badge 3.0 credential with vckit.issue (eddsa-rdfc-2022).", file=out)
    if show_json:
        print(json.dumps(badge, indent=2), file=out)
    image = baking.bake(ob.badge_png(colour="#1f5f8b"), badge)
    print(f"Baked it into a {len(image):,}-byte PNG badge image.", file=out)

    verifier = vckit.Verifier()
    good = verifier.verify(image, now=now, recipient="learner@example.edu")
    print(f"\n== The baked badge image\n{good}", file=out)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "badge.png").write_bytes(image)
        (out_dir / "badge.html").write_text(good.to_html(), encoding="utf-8")
        print(f"(wrote {out_dir / 'badge.png'} and {out_dir / 'badge.html'})", file=out)

    tampered = copy.deepcopy(badge)
    tampered["credentialSubject"]["achievement"]["name"] = "Python 501"
    bad = verifier.verify(tampered, now=now)
    print(f"\n== The same badge with the achievement renamed\n{bad}", file=out)

    expired_badge = issue_demo_badge(key, valid_until="2026-02-01T00:00:00Z")
    expired = verifier.verify(expired_badge, now=max(now, datetime(2026, 3, 1, tzinfo=UTC)))
    print(f"\n== A badge that expired on 2026-02-01\n{expired}", file=out)
    ok = good.verified and not bad.verified and not expired.verified

    revoked = revoked_demo(key, now)
    print(f"\n== A badge its issuer revoked\n{revoked}", file=out)
    ok = ok and not revoked.verified
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
