"""Helpers for the CLI tests: run ``vckit`` in-process (CliRunner) or as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from vckit.cli._commands import cli

#: An Open Badges 3.0 template with one placeholder, as docs/cli.md shows it.
TEMPLATE: dict[str, Any] = {
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
                "identityHash": "{{email}}",
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


def single_template(email: str = "learner@example.edu") -> dict[str, Any]:
    """The template with its placeholder filled: one badge, no recipient list needed."""
    text = json.dumps(TEMPLATE).replace("{{email}}", email)
    filled: dict[str, Any] = json.loads(text)
    return filled


def write_json(path: Path, value: Any) -> Path:
    path.write_text(json.dumps(value, indent=2), encoding="utf-8")
    return path


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def invoke(*args: str, cwd: Path, stdin: bytes | None = None) -> Result:
    """Run ``vckit ARGS`` in this process (click's CliRunner), in directory ``cwd``."""
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return Result(result.exit_code, result.stdout, result.stderr)


def run(*args: str, cwd: Path, stdin: bytes | None = None, timeout: float = 120) -> Result:
    """Run ``python -m vckit ARGS`` as a real process (what a shell does), without colour."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "vckit", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    return Result(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def png(width: int = 8, height: int = 8) -> bytes:
    """A small valid RGB PNG to bake into."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes([30, 90, 200]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
