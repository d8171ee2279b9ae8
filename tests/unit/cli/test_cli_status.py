"""``vckit status``: a registry, issuing with status entries, revoking, suspending, publishing,
and ``vckit verify`` reading the published lists."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cli_support import TEMPLATE, invoke, write_json

import vckit
from vckit import status

URL = "https://badges.example.edu/status/{list}"


@pytest.fixture
def registry(workdir: Path) -> Path:
    result = invoke("status", "create", "status.sqlite", "--url-template", URL, cwd=workdir)
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == f"Created status registry status.sqlite (lists at {URL})"
    return workdir / "status.sqlite"


def _issue(workdir: Path, out: str, *extra: str) -> dict[str, object]:
    result = invoke(
        "issue",
        "single.json",
        "--key",
        "issuer.jwk",
        "--status",
        "status.sqlite",
        *extra,
        "-o",
        out,
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    loaded: dict[str, object] = json.loads((workdir / out).read_text())
    return loaded


def _publish(workdir: Path, *extra: str) -> None:
    result = invoke(
        "status",
        "publish",
        "status.sqlite",
        "--key",
        "issuer.jwk",
        "--out-dir",
        "site",
        *extra,
        cwd=workdir,
    )
    assert result.code == 0, result.stderr


def test_create_records_the_template_and_never_replaces_a_registry(registry: Path) -> None:
    assert stat.S_IMODE(registry.stat().st_mode) == 0o600
    again = invoke("status", "create", "status.sqlite", "--url-template", URL, cwd=registry.parent)
    assert again.code == 2
    assert "a status registry is never replaced (its indexes are in use)" in again.stderr


def test_create_wants_an_https_template_with_a_list_number(workdir: Path) -> None:
    plain = invoke(
        "status", "create", "s.sqlite", "--url-template", "http://x.example/{list}", cwd=workdir
    )
    assert plain.code == 2
    assert "must be an https:// URL" in plain.stderr
    bare = invoke(
        "status", "create", "s.sqlite", "--url-template", "https://x.example/list", cwd=workdir
    )
    assert bare.code == 2
    assert "{list}" in bare.stderr


def test_issue_with_status_allocates_one_entry(workdir: Path, registry: Path) -> None:
    signed = _issue(workdir, "a.json")
    entry = signed["credentialStatus"]
    assert isinstance(entry, dict)
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    assert entry["statusListCredential"] == "https://badges.example.edu/status/1"
    with status.StatusRegistry.sqlite(str(registry), url_template=URL) as opened:
        assert opened.entry(str(signed["id"])) == entry


def test_issue_with_a_registry_that_does_not_exist_needs_a_template(workdir: Path) -> None:
    result = invoke(
        "issue", "single.json", "--key", "issuer.jwk", "--status", "new.sqlite", cwd=workdir
    )
    assert result.code == 2
    assert "has no URL template; pass --status-url-template" in result.stderr
    made = invoke(
        "issue",
        "single.json",
        "--key",
        "issuer.jwk",
        "--status",
        "new.sqlite",
        "--status-url-template",
        URL,
        "-o",
        "n.json",
        cwd=workdir,
    )
    assert made.code == 0, made.stderr
    shown = json.loads(invoke("status", "show", "new.sqlite", "--json", cwd=workdir).stdout)
    assert shown["lists"][0]["url"] == "https://badges.example.edu/status/1"


def test_a_different_template_is_refused(workdir: Path, registry: Path) -> None:
    result = invoke(
        "issue",
        "single.json",
        "--key",
        "issuer.jwk",
        "--status",
        "status.sqlite",
        "--status-url-template",
        "https://elsewhere.example/{list}",
        cwd=workdir,
    )
    assert result.code == 2
    assert f"publishes at {URL}, not https://elsewhere.example/{{list}}" in result.stderr


def test_revoke_publish_verify(workdir: Path, registry: Path) -> None:
    signed = _issue(workdir, "a.json")
    _publish(workdir)
    listed = workdir / "site" / "status" / "1"
    assert listed.is_file()
    good = invoke("verify", "a.json", "--status-list", "site/status/1", cwd=workdir)
    assert good.code == 0, good.stdout
    assert "[pass] status         revocation: not set" in good.stdout

    revoked = invoke("status", "revoke", "status.sqlite", "a.json", cwd=workdir)
    assert revoked.code == 0
    assert revoked.stdout.startswith(
        f"{signed['id']}: revoked (https://badges.example.edu/status/1"
    )
    twice = invoke("status", "revoke", "status.sqlite", str(signed["id"]), "--json", cwd=workdir)
    assert json.loads(twice.stdout)["changed"] is False

    refused = invoke(
        "status",
        "publish",
        "status.sqlite",
        "--key",
        "issuer.jwk",
        "--out-dir",
        "site",
        cwd=workdir,
    )
    assert refused.code == 2
    assert "site/status/1 exists; pass --force" in refused.stderr
    _publish(workdir, "--force")
    bad = invoke("verify", "a.json", "--status-list", "site/status/1", cwd=workdir)
    assert bad.code == 1
    assert "[FAIL] status         CREDENTIAL_REVOKED" in bad.stdout
    published = json.loads(listed.read_text())
    assert published["id"] == "https://badges.example.edu/status/1"
    assert published["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]


def test_suspend_and_unsuspend(workdir: Path, registry: Path) -> None:
    _issue(workdir, "b.json", "--status-purpose", "suspension")
    assert invoke("status", "suspend", "status.sqlite", "b.json", cwd=workdir).code == 0
    _publish(workdir)
    held = invoke("verify", "b.json", "--status-list", "site/status/1", cwd=workdir)
    assert held.code == 1
    assert "CREDENTIAL_SUSPENDED" in held.stdout
    assert invoke("status", "unsuspend", "status.sqlite", "b.json", cwd=workdir).code == 0
    _publish(workdir, "--force")
    assert invoke("verify", "b.json", "--status-list", "site/status/1", cwd=workdir).code == 0


def test_revoke_a_credential_without_an_entry(workdir: Path, registry: Path) -> None:
    result = invoke("status", "revoke", "status.sqlite", "alice.json", cwd=workdir)
    assert result.code == 2
    assert "has no revocation entry in status.sqlite" in result.stderr
    suspend = invoke("status", "suspend", "status.sqlite", "urn:uuid:nope", cwd=workdir)
    assert suspend.code == 2
    assert "has no suspension entry" in suspend.stderr


def test_revoke_by_jwt_and_baked_image(workdir: Path, registry: Path) -> None:
    result = invoke(
        "issue",
        "single.json",
        "--key",
        "issuer.jwk",
        "--status",
        "status.sqlite",
        "--proof",
        "vc-jwt",
        "-o",
        "a.jwt",
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    assert invoke("status", "revoke", "status.sqlite", "a.jwt", cwd=workdir).code == 0
    _issue(workdir, "c.json")
    invoke("bake", "logo.png", "c.json", "-o", "c.png", cwd=workdir)
    assert invoke("status", "revoke", "status.sqlite", "c.png", cwd=workdir).code == 0
    _publish(workdir)
    token = (workdir / "a.jwt").read_text().strip()
    checker_report = invoke("verify", "a.jwt", "--status-list", "site/status/1", cwd=workdir)
    assert checker_report.code == 1
    assert "CREDENTIAL_REVOKED" in checker_report.stdout
    assert vckit.verify(token).verified, "without a status checker the JWT itself verifies"


def test_batch_issue_with_status(workdir: Path, registry: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    (workdir / "c.csv").write_text("email\na@example.edu\nb@example.edu\n")
    result = invoke(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "c.csv",
        "--status",
        "status.sqlite",
        "-o",
        "o.jsonl",
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    records = [json.loads(line) for line in (workdir / "o.jsonl").read_text().splitlines()]
    indexes = {r["credential"]["credentialStatus"]["statusListIndex"] for r in records}
    assert len(indexes) == 2
    shown = json.loads(invoke("status", "show", "status.sqlite", "--json", cwd=workdir).stdout)
    assert shown["lists"][0]["allocated"] == 2


def test_without_a_checker_status_is_not_checked(workdir: Path, registry: Path) -> None:
    _issue(workdir, "a.json")
    result = invoke("verify", "a.json", cwd=workdir)
    assert result.code == 0
    assert "[skip] status         no status checker configured" in result.stdout
    assert "warning: STATUS_NOT_CHECKED" in result.stdout


def test_a_missing_status_list_is_not_a_pass(workdir: Path, registry: Path) -> None:
    _issue(workdir, "a.json")
    other = {"id": "https://badges.example.edu/status/9", "type": ["VerifiableCredential"]}
    write_json(workdir / "other.json", other)
    result = invoke("verify", "a.json", "--status-list", "other.json", cwd=workdir)
    assert result.code == 1, result.stdout


def test_registry_that_is_not_one(workdir: Path) -> None:
    (workdir / "x.sqlite").write_text("not a database")
    result = invoke("status", "show", "x.sqlite", cwd=workdir)
    assert result.code == 2
    assert "is not an SQLite status registry" in result.stderr
    missing = invoke("status", "revoke", "none.sqlite", "urn:uuid:1", cwd=workdir)
    assert missing.code == 2
    assert "does not exist; make it with vckit status create" in missing.stderr
