"""``vckit bake`` and ``vckit unbake``."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import invoke

from vckit.openbadges import baking


def test_bake_then_unbake_round_trips(workdir: Path) -> None:
    result = invoke("bake", "logo.png", "alice.json", "-o", "alice.png", cwd=workdir)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Baked the credential into alice.png (PNG,")
    signed = json.loads((workdir / "alice.json").read_text())
    assert baking.unbake((workdir / "alice.png").read_bytes()) == signed
    unbaked = invoke("unbake", "alice.png", cwd=workdir)
    assert unbaked.code == 0
    assert json.loads(unbaked.stdout) == signed


def test_unbake_json_and_output_file(workdir: Path) -> None:
    invoke("bake", "logo.png", "alice.json", "-o", "alice.png", cwd=workdir)
    body = json.loads(invoke("unbake", "alice.png", "--json", cwd=workdir).stdout)
    assert body["container"] == "png"
    assert body["version"] == "3.0"
    assert body["format"] == "json"
    assert body["credential"]["name"] == "Python 101"
    written = invoke("unbake", "alice.png", "-o", "out.json", cwd=workdir)
    assert written.code == 0
    assert json.loads((workdir / "out.json").read_text())["name"] == "Python 101"


def test_bake_a_jwt_into_svg(workdir: Path) -> None:
    invoke(
        "issue",
        "single.json",
        "--key",
        "issuer.jwk",
        "--proof",
        "vc-jwt",
        "-o",
        "a.jwt",
        cwd=workdir,
    )
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    (workdir / "logo.svg").write_text(svg)
    result = invoke("bake", "logo.svg", "a.jwt", "-o", "a.svg", cwd=workdir)
    assert result.code == 0, result.stderr
    unbaked = invoke("unbake", "a.svg", cwd=workdir)
    assert unbaked.stdout.strip() == (workdir / "a.jwt").read_text().strip()
    verified = invoke("verify", "a.svg", cwd=workdir)
    assert verified.code == 0
    assert "from a SVG image" in verified.stdout


def test_rebake_needs_replace(workdir: Path) -> None:
    invoke("bake", "logo.png", "alice.json", "-o", "alice.png", cwd=workdir)
    invoke("issue", "single.json", "--key", "issuer.jwk", "-o", "bob.json", cwd=workdir)
    refused = invoke("bake", "alice.png", "bob.json", "-o", "bob.png", cwd=workdir)
    assert refused.code == 2
    assert "already carries an Open Badges credential; pass --replace" in refused.stderr
    replaced = invoke("bake", "alice.png", "bob.json", "-o", "bob.png", "--replace", cwd=workdir)
    assert replaced.code == 0
    bob = json.loads((workdir / "bob.json").read_text())
    assert baking.unbake((workdir / "bob.png").read_bytes()) == bob


def test_unbake_a_bare_image(workdir: Path) -> None:
    result = invoke("unbake", "logo.png", cwd=workdir)
    assert result.code == 2
    assert "carries no Open Badges credential" in result.stderr


def test_bake_refuses_a_credential_that_is_not_one(workdir: Path) -> None:
    (workdir / "junk.txt").write_text("hello world")
    result = invoke("bake", "logo.png", "junk.txt", "-o", "x.png", cwd=workdir)
    assert result.code == 2
    assert not (workdir / "x.png").exists()
