"""Hostile input to the ``vckit`` command: wrong keys, clobbered outputs, junk and huge files,
terminal escapes in credentials. Every case exits 1 or 2 with a one-line reason, never a
traceback, never overwriting a file it was not told to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import vckit
from vckit import dids, keys, status
from vckit.cli._commands import cli

pytestmark = pytest.mark.timeout(120)

TEMPLATE = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Python 101",
    "issuer": {"type": ["Profile"], "name": "Example College"},
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "hashed": False,
                "identityHash": "learner@example.edu",
                "identityType": "emailAddress",
            }
        ],
        "achievement": {
            "id": "https://example.edu/achievements/python-101",
            "type": ["Achievement"],
            "name": "Python 101",
            "description": "Introductory programming in Python.",
            "criteria": {"narrative": "Pass the final project."},
        },
    },
}


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1e\x5a\xc8")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png()


def vckit_cli(*args: str, cwd: Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def process(*args: str, cwd: Path, stdin: bytes | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "vckit", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    return (
        done.returncode,
        done.stdout.decode(errors="replace"),
        done.stderr.decode(errors="replace"),
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    assert vckit_cli("keygen", "--out", "issuer.jwk", cwd=tmp_path)[0] == 0
    (tmp_path / "t.json").write_text(json.dumps(TEMPLATE))
    (tmp_path / "logo.png").write_bytes(PNG)
    assert vckit_cli("issue", "t.json", "--key", "issuer.jwk", "-o", "a.json", cwd=tmp_path)[0] == 0
    return tmp_path


# -- the wrong half of a key pair ----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("did", "key", "issuer.jwk"), ("did", "web", "example.edu", "issuer.jwk", "--out", "d.json")],
)
def test_private_key_where_a_public_key_is_expected(work: Path, args: tuple[str, ...]) -> None:
    code, out, err = vckit_cli(*args, cwd=work)
    assert code == 2
    assert err.strip() == (
        "Error: key file issuer.jwk holds a private key; pass the public key (issuer.pub.jwk, "
        "written beside it by vckit keygen) so the secret stays in one place"
    )
    assert out == ""
    assert not (work / "d.json").exists()


def test_private_rsa_jwk_without_d_member_is_still_private(work: Path) -> None:
    jwk = keys.generate("RSA").private_jwk
    del jwk["d"]
    (work / "rsa.jwk").write_text(json.dumps(jwk))
    code, _, err = vckit_cli("did", "key", "rsa.jwk", cwd=work)
    assert code == 2
    assert "holds a private key" in err


def test_public_key_where_the_private_key_is_expected(work: Path) -> None:
    code, _, err = vckit_cli("issue", "t.json", "--key", "issuer.pub.jwk", "-o", "b.json", cwd=work)
    assert code == 2
    assert "key file issuer.pub.jwk holds a public key; signing needs the private key" in err
    assert not (work / "b.json").exists()
    made = vckit_cli(
        "status", "create", "s.sqlite", "--url-template", "https://x.example/{list}", cwd=work
    )
    assert made[0] == 0
    code, _, err = vckit_cli(
        "status", "publish", "s.sqlite", "--key", "issuer.pub.jwk", "--out-dir", "site", cwd=work
    )
    assert code == 2
    assert "key file issuer.pub.jwk holds a public key; signing needs the private key" in err
    assert not (work / "site").exists()


# -- outputs that exist ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("keygen", "--out", "victim"),
        ("issue", "t.json", "--key", "issuer.jwk", "-o", "victim"),
        ("issue", "t.json", "--key", "issuer.jwk", "--bake", "logo.png", "-o", "victim"),
        ("bake", "logo.png", "a.json", "-o", "victim"),
        ("unbake", "baked.png", "-o", "victim"),
        ("did", "web", "example.edu", "issuer.pub.jwk", "--out", "victim"),
        ("verify", "a.json", "--html", "victim"),
        ("status", "publish", "s.sqlite", "--key", "issuer.jwk", "--out-dir", "."),
    ],
)
def test_an_existing_output_is_never_overwritten_without_force(
    work: Path, args: tuple[str, ...]
) -> None:
    vckit_cli("bake", "logo.png", "a.json", "-o", "baked.png", cwd=work)
    template = "https://x.example/victim?{list}"
    vckit_cli("status", "create", "s.sqlite", "--url-template", template, cwd=work)
    registry = status.StatusRegistry.sqlite(str(work / "s.sqlite"), url_template=template)
    registry.allocate("urn:uuid:1")
    registry.close()
    (work / "victim").write_text("precious")
    code, _, err = vckit_cli(*args, cwd=work)
    assert code == 2
    assert "Error: victim exists; pass --force to overwrite it" in err
    assert (work / "victim").read_text() == "precious"
    forced = vckit_cli(*args, "--force", cwd=work)
    assert forced[0] == 0, forced[2]
    assert (work / "victim").read_bytes() != b"precious"


def test_a_symlink_at_the_output_is_neither_followed_nor_replaced(work: Path) -> None:
    (work / "target.txt").write_text("precious")
    (work / "link.png").symlink_to(work / "target.txt")
    code, _, err = vckit_cli("bake", "logo.png", "a.json", "-o", "link.png", cwd=work)
    assert code == 2
    assert "link.png exists" in err
    assert vckit_cli("bake", "logo.png", "a.json", "-o", "link.png", "--force", cwd=work)[0] == 0
    assert (work / "target.txt").read_text() == "precious", (
        "--force replaces the link, not its target"
    )
    assert not (work / "link.png").is_symlink()


def test_a_traversal_looking_output_is_just_a_path_and_never_clobbered(work: Path) -> None:
    (work / "sub").mkdir()
    code, _, _ = vckit_cli(
        "issue", "t.json", "--key", "issuer.jwk", "-o", "sub/../b.json", cwd=work
    )
    assert code == 0
    assert (work / "b.json").exists()
    before = (work / "b.json").read_text()
    code, _, err = vckit_cli(
        "issue", "t.json", "--key", "issuer.jwk", "-o", "sub/../b.json", cwd=work
    )
    assert code == 2
    assert "exists; pass --force" in err
    assert (work / "b.json").read_text() == before


def test_batch_output_that_is_not_a_vckit_record_is_not_appended_to(work: Path) -> None:
    (work / "c.csv").write_text("email\na@example.edu\n")
    (work / "notes.txt").write_text("my notes\n")
    code, _, err = vckit_cli(
        "issue",
        "t.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "c.csv",
        "-o",
        "notes.txt",
        cwd=work,
    )
    assert code == 2
    assert "notes.txt line 1 is not a vckit issue record; refusing to append to it" in err
    assert (work / "notes.txt").read_text() == "my notes\n"


def test_output_is_a_directory(work: Path) -> None:
    (work / "dir").mkdir()
    code, _, _err = vckit_cli("issue", "t.json", "--key", "issuer.jwk", "-o", "dir", cwd=work)
    assert code == 2


# -- junk, huge and binary inputs ------------------------------------------------------------------


def test_non_json_key_file(work: Path) -> None:
    (work / "k.jwk").write_text("-----BEGIN PRIVATE KEY-----\nMC4CAQ...\n")
    code, _, err = vckit_cli("issue", "t.json", "--key", "k.jwk", cwd=work)
    assert code == 2
    assert "key file k.jwk is not valid JSON" in err


def test_json_that_is_not_a_jwk(work: Path) -> None:
    (work / "k.jwk").write_text('["not", "a", "jwk"]')
    code, _, err = vckit_cli("did", "key", "k.jwk", cwd=work)
    assert code == 2
    assert "is not a JWK" in err


def test_a_jwk_with_a_bad_key(work: Path) -> None:
    (work / "k.jwk").write_text(json.dumps({"kty": "OKP", "crv": "Ed25519", "x": "AAAA"}))
    code, _, err = vckit_cli("did", "key", "k.jwk", cwd=work)
    assert code == 2
    assert err.startswith("Error: key file k.jwk:")


def test_non_json_template(work: Path) -> None:
    (work / "bad.json").write_text("{'single': 'quotes'}")
    code, _, err = vckit_cli("issue", "bad.json", "--key", "issuer.jwk", cwd=work)
    assert code == 2
    assert "template bad.json is not valid JSON" in err


def test_deeply_nested_template(work: Path) -> None:
    (work / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = vckit_cli("issue", "deep.json", "--key", "issuer.jwk", cwd=work)
    assert code == 2
    assert "not valid JSON" in err


def test_binary_inputs(work: Path) -> None:
    (work / "noise.bin").write_bytes(os.urandom(4096) + b"\xff\xfe")
    verify = vckit_cli("verify", "noise.bin", cwd=work)
    assert verify[0] == 1
    assert "PARSING_ERROR" in verify[1]
    issue = vckit_cli("issue", "noise.bin", "--key", "issuer.jwk", cwd=work)
    assert issue[0] == 2
    assert "is not UTF-8 text" in issue[2]
    bake = vckit_cli("bake", "noise.bin", "a.json", "-o", "x.png", cwd=work)
    assert bake[0] == 2
    assert "not a PNG or SVG image" in bake[2]
    unbake = vckit_cli("unbake", "noise.bin", cwd=work)
    assert unbake[0] == 2


def test_huge_inputs_are_refused_after_a_bounded_read(work: Path) -> None:
    with (work / "huge.json").open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    code, _, err = vckit_cli("verify", "huge.json", cwd=work)
    assert code == 2
    assert "credential file huge.json is larger than 16777216 bytes" in err
    code, _, err = vckit_cli("issue", "huge.json", "--key", "issuer.jwk", cwd=work)
    assert code == 2
    assert "larger than" in err
    with (work / "huge.jwk").open("wb") as handle:
        handle.truncate(2 * 1024 * 1024)
    code, _, err = vckit_cli("did", "key", "huge.jwk", cwd=work)
    assert code == 2
    assert "key file huge.jwk is larger than 1048576 bytes" in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_input_is_read_only_to_the_cap(work: Path) -> None:
    code, _, err = process("verify", "/dev/zero", cwd=work)
    assert code == 2
    assert "larger than 16777216 bytes" in err


def test_a_hostile_csv(work: Path) -> None:
    (work / "tt.json").write_text(json.dumps(TEMPLATE).replace("learner@example.edu", "{{email}}"))
    (work / "c.csv").write_text('email\n"' + "x" * 200_000 + '"\n')
    code, _, err = vckit_cli(
        "issue",
        "tt.json",
        "--key",
        "issuer.jwk",
        "--recipients",
        "c.csv",
        "-o",
        "o.jsonl",
        cwd=work,
    )
    assert code == 2
    assert "is not valid CSV" in err


# -- what a credential says reaches a terminal -----------------------------------------------------


def test_terminal_escapes_in_a_credential_never_reach_the_terminal(work: Path) -> None:
    evil = dict(TEMPLATE, name="\x1b]0;pwned\x07Evil\x1b[2J\u202eTxt")
    (work / "evil.json").write_text(json.dumps(evil))
    assert vckit_cli("issue", "evil.json", "--key", "issuer.jwk", "-o", "e.json", cwd=work)[0] == 0
    report = vckit.verify(json.loads((work / "e.json").read_text()))
    assert report.verified, "a validly signed badge; only its name is hostile"
    for args in (
        ("verify", "e.json"),
        ("verify", "e.json", "a.json"),
        ("verify", "--json", "e.json"),
    ):
        code, out, _ = process(*args, cwd=work)
        assert code == 0
        assert "\x1b" not in out
        assert "\x07" not in out
        assert "\u202e" not in out
    code, out, _ = process("verify", "e.json", cwd=work)
    assert "\\x1b]0;pwned\\x07Evil\\x1b[2J\\u202eTxt" in out


def test_no_traceback_for_any_bad_input(work: Path) -> None:
    (work / "noise.bin").write_bytes(b"\x00\xff" * 100)
    (work / "list.txt").write_text("{not json\n")
    cases = [
        ("verify", "noise.bin"),
        ("verify", "missing"),
        ("verify", "https://example.edu/a.json"),
        ("issue", "noise.bin", "--key", "issuer.jwk"),
        ("issue", "t.json", "--key", "noise.bin"),
        ("issue", "t.json", "--key", "issuer.jwk", "--recipients", "list.txt", "-o", "o.jsonl"),
        ("bake", "noise.bin", "noise.bin", "-o", "x"),
        ("unbake", "t.json"),
        ("did", "key", "noise.bin"),
        ("did", "web", "::::", "issuer.pub.jwk"),
        ("keygen", "--out", "/nonexistent-dir/k.jwk"),
    ]
    for args in cases:
        code, _, err = process(*args, cwd=work)
        assert code in (1, 2), (args, code, err)
        assert "Traceback" not in err, (args, err)
        assert err.count("\n") <= 1 or err.startswith("Usage:"), (args, err)


def test_issuer_did_of_another_key_is_refused(work: Path) -> None:
    other = dids.did_key(keys.generate("Ed25519").public_key)
    (work / "o.json").write_text(json.dumps(dict(TEMPLATE, issuer=other)))
    code, _, err = vckit_cli("issue", "o.json", "--key", "issuer.jwk", cwd=work)
    assert code == 2
    assert "different did:key" in err


def test_a_status_list_url_cannot_write_outside_the_out_dir(work: Path) -> None:
    template = "https://x.example/%2e%2e/{list}"
    assert vckit_cli("status", "create", "s.sqlite", "--url-template", template, cwd=work)[0] == 0
    registry = status.StatusRegistry.sqlite(str(work / "s.sqlite"), url_template=template)
    registry.allocate("urn:uuid:1")
    registry.close()
    code, _, err = vckit_cli(
        "status", "publish", "s.sqlite", "--key", "issuer.jwk", "--out-dir", "site", cwd=work
    )
    assert code == 2
    assert "cannot make a file name from status list URL" in err
