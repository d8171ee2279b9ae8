import copy
import io
from datetime import UTC, datetime

from vckit import dids, keys
from vckit.demo import check_badge, issue_demo_badge, main
from vckit.proofs import dataintegrity

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def test_demo_reports_good_and_tampered_badges() -> None:
    out = io.StringIO()
    assert main(out) == 0
    text = out.getvalue()
    assert "Original badge: VERIFIED" in text
    assert "Tampered badge (achievement renamed): REJECTED" in text
    assert "PROOF_VERIFICATION_ERROR" in text


def test_check_badge_flags_each_failure() -> None:
    badge = issue_demo_badge(keys.generate("Ed25519"))
    assert all(passed for _, passed, _ in check_badge(badge, NOW))

    early = check_badge(badge, datetime(2025, 1, 1, tzinfo=UTC))
    assert [name for name, passed, _ in early if not passed] == ["validity window"]

    broken = copy.deepcopy(badge)
    del broken["credentialSubject"]["achievement"]["criteria"]
    failed = [name for name, passed, _ in check_badge(broken, NOW) if not passed]
    assert failed == ["data model", "proof (eddsa-rdfc-2022)"]

    # A valid signature, but by a key the named issuer does not control.
    unsigned = {name: value for name, value in badge.items() if name != "proof"}
    attacker = keys.generate("Ed25519")
    attacker_did = dids.did_key(attacker.public_key)
    signer = attacker.signer(f"{attacker_did}#{attacker.public_key.multibase}")
    forged = dataintegrity.add_proof(unsigned, signer)
    checks = check_badge(forged, NOW)
    assert [name for name, passed, _ in checks if not passed] == ["proof (eddsa-rdfc-2022)"]
    assert "UNTRUSTED_ISSUER_ERROR" in checks[1][2]
