"""Fixtures of the CLI tests: a working directory with an issuer key and a signed badge."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import invoke, png, single_template, write_json


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A directory holding issuer.jwk / issuer.pub.jwk, single.json, logo.png and alice.json."""
    assert invoke("keygen", "--out", "issuer.jwk", cwd=tmp_path).code == 0
    write_json(tmp_path / "single.json", single_template())
    (tmp_path / "logo.png").write_bytes(png())
    issued = invoke("issue", "single.json", "--key", "issuer.jwk", "-o", "alice.json", cwd=tmp_path)
    assert issued.code == 0, issued.stderr
    return tmp_path
