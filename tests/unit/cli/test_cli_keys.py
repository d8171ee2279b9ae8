"""``vckit keygen`` and ``vckit did key|web``."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from cli_support import invoke, run

from vckit import dids, keys


def test_keygen_writes_a_0600_private_key_and_its_public_key(tmp_path: Path) -> None:
    result = invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    assert result.code == 0, result.stderr
    private = json.loads((tmp_path / "k.jwk").read_text())
    public = json.loads((tmp_path / "k.pub.jwk").read_text())
    assert stat.S_IMODE((tmp_path / "k.jwk").stat().st_mode) == 0o600
    assert "d" in private
    assert "d" not in public
    pair = keys.KeyPair.from_jwk(private)
    assert keys.PublicKey.from_jwk(public) == pair.public_key
    assert dids.did_key(pair.public_key) in result.stdout.splitlines()
    assert not list(tmp_path.glob(".*tmp")), "the temporary file must not stay behind"


@pytest.mark.parametrize(
    ("key_type", "crv"),
    [("Ed25519", "Ed25519"), ("P-256", "P-256"), ("P-384", "P-384"), ("secp256k1", "secp256k1")],
)
def test_keygen_types(tmp_path: Path, key_type: str, crv: str) -> None:
    result = invoke("keygen", "--type", key_type, "--out", "k.jwk", "--json", cwd=tmp_path)
    assert result.code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["type"] == key_type
    assert summary["public_jwk"]["crv"] == crv
    assert summary["did"].startswith("did:key:z")
    assert summary["private_key"] == "k.jwk"
    assert summary["public_key"] == "k.pub.jwk"


def test_keygen_rsa(tmp_path: Path) -> None:
    result = invoke("keygen", "--type", "RSA", "--out", "r.jwk", "--json", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["public_jwk"]["kty"] == "RSA"


def test_keygen_unknown_type_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("keygen", "--type", "X25519", cwd=tmp_path)
    assert result.code == 2
    assert "Invalid value for '--type'" in result.stderr


def test_keygen_without_out_prints_the_private_jwk(tmp_path: Path) -> None:
    result = invoke("keygen", cwd=tmp_path)
    assert result.code == 0
    assert "d" in json.loads(result.stdout)
    assert "keep it secret" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_keygen_refuses_to_overwrite_either_file(tmp_path: Path) -> None:
    (tmp_path / "k.pub.jwk").write_text("mine")
    result = invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    assert result.code == 2
    assert "k.pub.jwk exists; pass --force" in result.stderr
    assert not (tmp_path / "k.jwk").exists(), "nothing is written when one file is refused"
    assert (tmp_path / "k.pub.jwk").read_text() == "mine"
    forced = invoke("keygen", "--out", "k.jwk", "--force", cwd=tmp_path)
    assert forced.code == 0
    assert "kty" in json.loads((tmp_path / "k.pub.jwk").read_text())


def test_did_key_prints_the_did(tmp_path: Path) -> None:
    invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    public = keys.PublicKey.from_jwk(json.loads((tmp_path / "k.pub.jwk").read_text()))
    result = invoke("did", "key", "k.pub.jwk", cwd=tmp_path)
    assert result.code == 0
    assert result.stdout.strip() == dids.did_key(public)
    as_json = json.loads(invoke("did", "key", "k.pub.jwk", "--json", cwd=tmp_path).stdout)
    assert as_json == {
        "did": dids.did_key(public),
        "verificationMethod": f"{dids.did_key(public)}#{public.multibase}",
    }


def test_did_web_writes_the_document_and_names_its_url(tmp_path: Path) -> None:
    invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    result = invoke(
        "did",
        "web",
        "example.edu:8443/issuers/ce",
        "k.pub.jwk",
        "--out",
        "did.json",
        cwd=tmp_path,
    )
    assert result.code == 0, result.stderr
    did = "did:web:example.edu%3A8443:issuers:ce"
    assert result.stdout.splitlines()[0] == did
    assert "https://example.edu:8443/issuers/ce/did.json" in result.stdout
    document = json.loads((tmp_path / "did.json").read_text())
    parsed = dids.DIDDocument.from_json(document, expected_id=did)
    method = parsed.verification_method(f"{did}#key-1", "assertionMethod")
    public = keys.PublicKey.from_jwk(json.loads((tmp_path / "k.pub.jwk").read_text()))
    assert method.public_key == public


def test_did_web_bare_host_uses_well_known(tmp_path: Path) -> None:
    invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    result = invoke("did", "web", "Example.EDU", "k.pub.jwk", "--json", cwd=tmp_path)
    assert result.code == 0
    body = json.loads(result.stdout)
    assert body["did"] == "did:web:example.edu"
    assert body["url"] == "https://example.edu/.well-known/did.json"


@pytest.mark.parametrize("location", ["exa mple.edu", "example.edu/../etc", "host:99999"])
def test_did_web_refuses_what_is_not_a_did_web_location(tmp_path: Path, location: str) -> None:
    invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    result = invoke("did", "web", location, "k.pub.jwk", cwd=tmp_path)
    assert result.code == 2
    assert "does not make a did:web DID" in result.stderr


def test_keygen_as_a_process(tmp_path: Path) -> None:
    result = run("keygen", "--out", "k.jwk", cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("did:key:z6Mk")
    assert stat.S_IMODE((tmp_path / "k.jwk").stat().st_mode) == 0o600
