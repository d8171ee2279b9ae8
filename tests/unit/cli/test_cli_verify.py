"""``vckit verify``: exit codes, the readable and JSON reports, HTML, stdin, URLs, many files."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import invoke, run, write_json

import vckit


def _tamper(workdir: Path) -> Path:
    signed = json.loads((workdir / "alice.json").read_text())
    signed["credentialSubject"]["achievement"]["name"] = "Python 501"
    return write_json(workdir / "tampered.json", signed)


def test_verified_exit_0_and_the_pipeline_report(workdir: Path) -> None:
    result = run("verify", "alice.json", cwd=workdir)
    assert result.code == 0, result.stderr
    expected = str(vckit.verify(json.loads((workdir / "alice.json").read_text())))
    # Piped output is the pipeline's own text report, without colour codes.
    assert (
        result.stdout.splitlines()[0]
        == expected.splitlines()[0]
        == "VERIFIED: Python 101 [json-ld]"
    )
    assert "\x1b[" not in result.stdout
    assert "[pass] proof" in result.stdout


def test_tampered_exit_1_names_the_failed_check(workdir: Path) -> None:
    _tamper(workdir)
    result = run("verify", "tampered.json", cwd=workdir)
    assert result.code == 1
    assert result.stdout.startswith("NOT VERIFIED: Python 101 [json-ld]")
    assert "[FAIL] proof          PROOF_VERIFICATION_ERROR" in result.stdout
    assert "Traceback" not in result.stderr


def test_json_is_the_problem_details_form(workdir: Path) -> None:
    _tamper(workdir)
    result = invoke("verify", "--json", "tampered.json", cwd=workdir)
    assert result.code == 1
    body = json.loads(result.stdout)
    report = vckit.verify(json.loads((workdir / "tampered.json").read_text()))
    assert body == json.loads(json.dumps(report.to_json()))
    assert body["errors"][0]["type"] == "https://w3id.org/security#PROOF_VERIFICATION_ERROR"


def test_html_writes_the_badge_page(workdir: Path) -> None:
    result = invoke("verify", "alice.json", "--html", "alice.html", cwd=workdir)
    assert result.code == 0
    page = (workdir / "alice.html").read_text()
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "Python 101" in page
    assert "Wrote the badge page to alice.html" in result.stderr
    again = invoke("verify", "alice.json", "--html", "alice.html", cwd=workdir)
    assert again.code == 2
    assert "alice.html exists; pass --force" in again.stderr


def test_stdin(workdir: Path) -> None:
    data = (workdir / "alice.json").read_bytes()
    result = run("verify", "-", cwd=workdir, stdin=data)
    assert result.code == 0
    assert result.stdout.startswith("VERIFIED")


def test_baked_image(workdir: Path) -> None:
    invoke("bake", "logo.png", "alice.json", "-o", "alice.png", cwd=workdir)
    result = invoke("verify", "alice.png", cwd=workdir)
    assert result.code == 0
    assert "[json-ld from a PNG image]" in result.stdout


def test_now_in_the_past_is_not_yet_valid(workdir: Path) -> None:
    result = invoke("verify", "--now", "2020-01-01T00:00:00Z", "--json", "alice.json", cwd=workdir)
    assert result.code == 1
    failed = {error["check"] for error in json.loads(result.stdout)["errors"]}
    assert "validity" in failed


def test_bad_now_is_a_usage_error(workdir: Path) -> None:
    result = invoke("verify", "--now", "tomorrow", "alice.json", cwd=workdir)
    assert result.code == 2
    assert "Invalid value for '--now'" in result.stderr


def test_trusted_issuers(workdir: Path) -> None:
    issuer = json.loads((workdir / "alice.json").read_text())["issuer"]["id"]
    (workdir / "trusted.txt").write_text(f"# our issuers\n{issuer}\n")
    (workdir / "others.json").write_text(json.dumps(["did:web:someone.example"]))
    trusted = invoke("verify", "alice.json", "--trusted-issuers", "trusted.txt", cwd=workdir)
    assert trusted.code == 0
    assert "[pass] issuer_trust" in trusted.stdout
    others = invoke("verify", "alice.json", "--trusted-issuers", "others.json", cwd=workdir)
    assert others.code == 1
    assert "[FAIL] issuer_trust" in others.stdout


def test_recipient_option(workdir: Path) -> None:
    good = invoke("verify", "alice.json", "--recipient", "learner@example.edu", cwd=workdir)
    assert good.code == 0
    assert "[pass] recipient" in good.stdout
    bad = invoke("verify", "alice.json", "--recipient", "someone@example.edu", cwd=workdir)
    assert bad.code == 1


def test_a_url_needs_allow_network(workdir: Path) -> None:
    result = invoke("verify", "https://badges.example.edu/alice.json", cwd=workdir)
    assert result.code == 2
    assert "is a URL; pass --allow-network to fetch it" in result.stderr


def test_a_url_goes_through_the_http_policy(workdir: Path, no_network: list[object]) -> None:
    # The policy refuses loopback and private addresses before any connection is made.
    result = invoke("verify", "--allow-network", "https://127.0.0.1:8443/a.json", cwd=workdir)
    assert result.code == 2
    assert "cannot fetch https://127.0.0.1:8443/a.json" in result.stderr
    plain = invoke("verify", "--allow-network", "http://badges.example.edu/a.json", cwd=workdir)
    assert plain.code == 2
    assert no_network == []


def test_many_files_summary_table(workdir: Path) -> None:
    _tamper(workdir)
    result = run("verify", "alice.json", "tampered.json", cwd=workdir)
    assert result.code == 1
    lines = result.stdout.splitlines()
    alice = next(line for line in lines if "alice.json" in line)
    tampered = next(line for line in lines if "tampered.json" in line)
    assert "verified" in alice
    assert "NOT VERIFIED" not in alice
    assert "NOT VERIFIED" in tampered
    assert "proof: PROOF_VERIFICATION_ERROR" in tampered
    assert lines[-1] == "1 of 2 verified"


def test_many_files_all_verified_exit_0(workdir: Path) -> None:
    invoke("issue", "single.json", "--key", "issuer.jwk", "-o", "bob.json", cwd=workdir)
    result = invoke("verify", "alice.json", "bob.json", cwd=workdir)
    assert result.code == 0
    assert result.stdout.splitlines()[-1] == "2 of 2 verified"


def test_many_files_json_lines(workdir: Path) -> None:
    _tamper(workdir)
    result = invoke("verify", "--json", "alice.json", "tampered.json", cwd=workdir)
    assert result.code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["input"], line["verified"]) for line in lines] == [
        ("alice.json", True),
        ("tampered.json", False),
    ]


def test_many_files_on_two_processes(workdir: Path) -> None:
    _tamper(workdir)
    result = invoke(
        "verify", "--workers", "2", "alice.json", "tampered.json", "alice.json", cwd=workdir
    )
    assert result.code == 1
    assert result.stdout.splitlines()[-1] == "2 of 3 verified"


def test_missing_file_among_many_is_a_usage_error(workdir: Path) -> None:
    result = invoke("verify", "alice.json", "nope.json", cwd=workdir)
    assert result.code == 2
    assert "credential file nope.json does not exist" in result.stderr


def test_a_presentation_with_its_challenge_and_domain(workdir: Path) -> None:
    from vckit import keys

    holder = keys.generate("Ed25519")
    signed = json.loads((workdir / "alice.json").read_text())
    vp = vckit.present([signed], holder.signer(), challenge="n-1", domain="https://v.example")
    write_json(workdir / "vp.json", vp)
    good = invoke(
        "verify", "vp.json", "--challenge", "n-1", "--domain", "https://v.example", cwd=workdir
    )
    assert good.code == 0, good.stdout
    wrong = invoke(
        "verify", "vp.json", "--challenge", "n-2", "--domain", "https://v.example", cwd=workdir
    )
    assert wrong.code == 1
