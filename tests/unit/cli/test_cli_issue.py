"""``vckit issue``: one badge, the template's defaults, proofs, baking, and recipient lists."""

from __future__ import annotations

import builtins
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import TEMPLATE, invoke, single_template, write_json

import vckit
from vckit import dids, keys
from vckit.openbadges import baking


def _pair(workdir: Path) -> keys.KeyPair:
    return keys.KeyPair.from_jwk(json.loads((workdir / "issuer.jwk").read_text()))


def test_issued_badge_verifies_with_the_defaults_filled_in(workdir: Path) -> None:
    signed = json.loads((workdir / "alice.json").read_text())
    did = dids.did_key(_pair(workdir).public_key)
    assert signed["issuer"]["id"] == did
    assert signed["issuer"]["name"] == "Example College"
    assert signed["id"].startswith("urn:uuid:")
    assert signed["validFrom"].endswith("Z")
    assert signed["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert vckit.verify(signed).verified


def test_template_values_are_kept(workdir: Path) -> None:
    template = single_template()
    template.update(
        {"id": "urn:uuid:11111111-2222-4333-8444-555555555555", "validFrom": "2026-01-01T00:00:00Z"}
    )
    write_json(workdir / "fixed.json", template)
    result = invoke("issue", "fixed.json", "--key", "issuer.jwk", "--json", cwd=workdir)
    assert result.code == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["id"] == template["id"]
    assert body["credential"]["validFrom"] == "2026-01-01T00:00:00Z"
    assert body["proof"] == "eddsa-rdfc-2022"


def test_stdout_output_is_the_signed_json(workdir: Path) -> None:
    result = invoke("issue", "single.json", "--key", "issuer.jwk", cwd=workdir)
    assert result.code == 0
    assert vckit.verify(json.loads(result.stdout)).verified


@pytest.mark.parametrize("proof", ["vc-jwt", "vc+jwt"])
def test_jwt_proofs(workdir: Path, proof: str) -> None:
    result = invoke(
        "issue", "single.json", "--key", "issuer.jwk", "--proof", proof, "-o", "a.jwt", cwd=workdir
    )
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Issued urn:uuid:")
    token = (workdir / "a.jwt").read_text().strip()
    assert token.count(".") == 2
    report = vckit.verify(token)
    assert report.verified
    assert report.format == proof


def test_p256_key_defaults_to_ecdsa(workdir: Path) -> None:
    invoke("keygen", "--type", "P-256", "--out", "p.jwk", cwd=workdir)
    result = invoke("issue", "single.json", "--key", "p.jwk", "-o", "p.json", cwd=workdir)
    assert result.code == 0, result.stderr
    signed = json.loads((workdir / "p.json").read_text())
    assert signed["proof"][0]["cryptosuite"] == "ecdsa-rdfc-2019"
    assert vckit.verify(signed).verified


def test_did_web_issuer_names_the_did_web_key(workdir: Path) -> None:
    result = invoke(
        "issue",
        "single.json",
        "--key",
        "issuer.jwk",
        "--issuer",
        "did:web:example.edu",
        "--json",
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    signed = json.loads(result.stdout)["credential"]
    assert signed["issuer"]["id"] == "did:web:example.edu"
    assert signed["proof"][0]["verificationMethod"] == "did:web:example.edu#key-1"


def test_issuer_must_match_the_key(workdir: Path) -> None:
    other = dids.did_key(keys.generate("Ed25519").public_key)
    template = single_template()
    template["issuer"] = {"id": other, "type": ["Profile"], "name": "Someone Else"}
    write_json(workdir / "other.json", template)
    result = invoke("issue", "other.json", "--key", "issuer.jwk", cwd=workdir)
    assert result.code == 2
    assert "is a different did:key from the key's" in result.stderr


def test_conflicting_issuer_option(workdir: Path) -> None:
    template = single_template()
    template["issuer"] = "did:web:a.example"
    write_json(workdir / "a.json", template)
    result = invoke(
        "issue", "a.json", "--key", "issuer.jwk", "--issuer", "did:web:b.example", cwd=workdir
    )
    assert result.code == 2
    assert "differs from the template's issuer" in result.stderr


def test_a_credential_that_breaks_the_rules_is_not_issued(workdir: Path) -> None:
    template = single_template()
    del template["credentialSubject"]["identifier"]
    write_json(workdir / "bad.json", template)
    result = invoke("issue", "bad.json", "--key", "issuer.jwk", "-o", "bad-out.json", cwd=workdir)
    assert result.code == 2
    assert "not issued" in result.stderr
    assert "OB_VALIDATION_ERROR" in result.stderr
    assert not (workdir / "bad-out.json").exists()


def test_bake_writes_a_baked_png(workdir: Path) -> None:
    result = invoke(
        "issue",
        "single.json",
        "--key",
        "issuer.jwk",
        "--bake",
        "logo.png",
        "-o",
        "alice.png",
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    image = (workdir / "alice.png").read_bytes()
    credential = baking.unbake(image)
    assert isinstance(credential, dict)
    assert credential["name"] == "Python 101"
    assert vckit.verify(image).verified


def test_bake_needs_an_output_file(workdir: Path) -> None:
    result = invoke(
        "issue", "single.json", "--key", "issuer.jwk", "--bake", "logo.png", cwd=workdir
    )
    assert result.code == 2
    assert "-o/--out FILE is required" in result.stderr


def test_placeholders_need_recipients(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    result = invoke("issue", "t.json", "--key", "issuer.jwk", cwd=workdir)
    assert result.code == 2
    assert "has placeholders ({{email}}); pass --recipients" in result.stderr


def test_yaml_template(workdir: Path) -> None:
    yaml = pytest.importorskip("yaml")
    (workdir / "t.yaml").write_text(yaml.safe_dump(single_template()), encoding="utf-8")
    result = invoke("issue", "t.yaml", "--key", "issuer.jwk", "--json", cwd=workdir)
    assert result.code == 0, result.stderr
    assert vckit.verify(json.loads(result.stdout)["credential"]).verified


def test_yaml_without_pyyaml_is_a_clear_error(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workdir / "t.yaml").write_text("name: x\n", encoding="utf-8")
    real_import = builtins.__import__

    def no_yaml(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "yaml":
            raise ImportError("No module named 'yaml'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "yaml", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_yaml)
    result = invoke("issue", "t.yaml", "--key", "issuer.jwk", cwd=workdir)
    assert result.code == 2
    assert "needs PyYAML: pip install pyyaml" in result.stderr


# -- recipient lists ------------------------------------------------------------------------------


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_csv_recipients_issue_one_badge_per_row(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    (workdir / "c.csv").write_text("email\na@example.edu\nb@example.edu\nc@example.edu\n")
    result = invoke(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "c.csv",
        "-o",
        "out.jsonl",
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    assert "Issued 3 credential(s) to out.jsonl (0 already there, 0 failed)" in result.stdout
    records = _records(workdir / "out.jsonl")
    assert [r["row"] for r in records] == [1, 2, 3]
    emails = [
        r["credential"]["credentialSubject"]["identifier"][0]["identityHash"] for r in records
    ]
    assert emails == ["a@example.edu", "b@example.edu", "c@example.edu"]
    assert len({r["credential"]["id"] for r in records}) == 3
    assert all(vckit.verify(r["credential"]).verified for r in records)


def test_jsonl_recipients_with_a_row_key_and_whole_values(workdir: Path) -> None:
    template = json.loads(json.dumps(TEMPLATE))
    template["credentialSubject"]["achievement"]["criteria"] = "{{criteria}}"
    write_json(workdir / "t.json", template)
    rows = [{"email": f"{n}@example.edu", "criteria": {"narrative": f"Task {n}"}} for n in "xy"]
    (workdir / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = invoke(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "r.jsonl",
        "--row-key",
        "email",
        "-o",
        "out.jsonl",
        "--json",
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["issued"] == 2
    assert summary["failed"] == []
    records = _records(workdir / "out.jsonl")
    assert [r["row"] for r in records] == ["x@example.edu", "y@example.edu"]
    narrative = records[1]["credential"]["credentialSubject"]["achievement"]["criteria"]
    assert narrative == {"narrative": "Task y"}


def test_a_rerun_resumes_and_skips_issued_rows(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    (workdir / "c.csv").write_text("email\na@example.edu\nb@example.edu\n")
    args = ("issue", "t.json", "--key", "issuer.jwk", "--recipients", "c.csv", "-o", "o.jsonl")
    assert invoke(*args, cwd=workdir).code == 0
    first = _records(workdir / "o.jsonl")
    with (workdir / "c.csv").open("a") as handle:
        handle.write("c@example.edu\n")
    again = invoke(*args, "--json", cwd=workdir)
    assert again.code == 0
    assert json.loads(again.stdout)["issued"] == 1
    assert json.loads(again.stdout)["skipped"] == 2
    records = _records(workdir / "o.jsonl")
    assert records[:2] == first, "issued rows are neither re-signed nor rewritten"
    assert [r["row"] for r in records] == [1, 2, 3]


def test_an_interrupted_last_line_is_issued_again(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    (workdir / "c.csv").write_text("email\na@example.edu\nb@example.edu\n")
    args = ("issue", "t.json", "--key", "issuer.jwk", "--recipients", "c.csv", "-o", "o.jsonl")
    assert invoke(*args, cwd=workdir).code == 0
    text = (workdir / "o.jsonl").read_text()
    cut = text[: len(text.splitlines()[0]) + 1 + 40]  # row 1 whole, row 2 cut mid-line
    (workdir / "o.jsonl").write_text(cut)
    result = invoke(*args, cwd=workdir)
    assert result.code == 0
    assert "dropping an incomplete last line" in result.stderr
    records = _records(workdir / "o.jsonl")
    assert [r["row"] for r in records] == [1, 2]
    assert vckit.verify(records[1]["credential"]).verified


def test_force_starts_the_output_afresh(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    (workdir / "c.csv").write_text("email\na@example.edu\n")
    args = ("issue", "t.json", "--key", "issuer.jwk", "--recipients", "c.csv", "-o", "o.jsonl")
    invoke(*args, cwd=workdir)
    old_id = _records(workdir / "o.jsonl")[0]["credential"]["id"]
    assert invoke(*args, "--force", cwd=workdir).code == 0
    records = _records(workdir / "o.jsonl")
    assert len(records) == 1
    assert records[0]["credential"]["id"] != old_id


def test_a_bad_row_fails_alone_with_exit_1(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    rows = [{"email": "a@example.edu"}, {"mail": "typo@example.edu"}, {"email": "c@example.edu"}]
    (workdir / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = invoke(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "r.jsonl",
        "-o",
        "o.jsonl",
        cwd=workdir,
    )
    assert result.code == 1
    assert "row 2: not issued: the row has no column 'email'" in result.stderr
    assert [r["row"] for r in _records(workdir / "o.jsonl")] == [1, 3]


def test_a_row_the_rules_refuse_fails_alone(workdir: Path) -> None:
    template = json.loads(json.dumps(TEMPLATE))
    template["validFrom"] = "{{start}}"
    write_json(workdir / "t.json", template)
    (workdir / "c.csv").write_text(
        "email,start\na@example.edu,2026-01-01T00:00:00Z\nb@example.edu,not-a-date\n"
    )
    result = invoke(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "c.csv",
        "-o",
        "o.jsonl",
        "--json",
        cwd=workdir,
    )
    assert result.code == 1
    summary = json.loads(result.stdout)
    assert summary["issued"] == 1
    assert [f["row"] for f in summary["failed"]] == [2]


def test_duplicate_row_keys_are_refused_before_issuing(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    (workdir / "c.csv").write_text("email\na@example.edu\na@example.edu\n")
    result = invoke(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "c.csv",
        "--row-key",
        "email",
        "-o",
        "o.jsonl",
        cwd=workdir,
    )
    assert result.code == 2
    assert "row 2 repeats --row-key value a@example.edu" in result.stderr
    assert not (workdir / "o.jsonl").exists() or (workdir / "o.jsonl").read_text() == ""


def test_recipients_through_a_process_pool(workdir: Path) -> None:
    write_json(workdir / "t.json", TEMPLATE)
    emails = "".join(f"l{n}@example.edu\n" for n in range(6))
    (workdir / "c.csv").write_text("email\n" + emails)
    result = invoke(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "c.csv",
        "--workers",
        "2",
        "-o",
        "o.jsonl",
        cwd=workdir,
    )
    assert result.code == 0, result.stderr
    records = _records(workdir / "o.jsonl")
    assert [r["row"] for r in records] == list(range(1, 7))
    assert all(vckit.verify(r["credential"]).verified for r in records)
