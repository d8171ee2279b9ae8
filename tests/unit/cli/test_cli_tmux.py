"""The walk-through of docs/cli.md typed into a real terminal (tmux), as a person would:
keygen -> issue -> bake -> verify -> tamper -> verify, plus a batch with its progress bar.

Skips when tmux is not installed. The screens are kept in the test's tmp directory
(``screen-*.txt``, ``screen-*.ansi``) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from cli_support import TEMPLATE, png, single_template, write_json

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.timeout(240),
]


class Terminal:
    """A detached tmux session on a private server socket, 120x50, running bash."""

    def __init__(self, cwd: Path) -> None:
        self.socket = f"vckit-cli-test-{uuid.uuid4().hex[:8]}"
        self.cwd = cwd
        self.count = 0
        env = {
            "HOME": str(cwd),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "PS1": "$ ",
        }
        env_args = [arg for name, value in env.items() for arg in ("-e", f"{name}={value}")]
        self._tmux(
            "new-session",
            "-d",
            "-s",
            "walk",
            "-x",
            "120",
            "-y",
            "50",
            "-c",
            str(cwd),
            *env_args,
            "bash --norc --noprofile",
        )
        python = shlex.quote(sys.executable)
        self.type(f"vckit() {{ {python} -m vckit \"$@\"; }}; export PS1='$ '; clear")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        return done.stdout

    def type(self, line: str) -> None:
        self._tmux("send-keys", "-t", "walk", "-l", line)
        self._tmux("send-keys", "-t", "walk", "Enter")

    def run(self, command: str, *, timeout: float = 90) -> tuple[int, str]:
        """Type ``command``, wait for it to finish; its exit code and the screen."""
        self.count += 1
        marker = f"[done {self.count}: rc="
        self.type(f'{command}; echo "[done {self.count}: rc=$?]"')
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            found = re.search(re.escape(marker) + r"(\d+)\]", screen)
            if found:
                return int(found.group(1)), screen
            time.sleep(0.2)
        raise AssertionError(f"{command!r} did not finish; screen:\n{self.screen()}")

    def screen(self, *, ansi: bool = False) -> str:
        args = ["capture-pane", "-p", "-t", "walk", "-S", "-200"]
        return self._tmux(*([*args, "-e"] if ansi else args))

    def clear(self) -> None:
        self._tmux("send-keys", "-t", "walk", "clear", "Enter")
        time.sleep(0.3)
        self._tmux("clear-history", "-t", "walk")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def terminal(tmp_path: Path) -> Terminal:
    term = Terminal(tmp_path)
    yield term  # type: ignore[misc]
    term.close()


def _keep(tmp_path: Path, name: str, terminal: Terminal) -> str:
    plain = terminal.screen()
    (tmp_path / f"screen-{name}.txt").write_text(plain)
    (tmp_path / f"screen-{name}.ansi").write_text(terminal.screen(ansi=True))
    return plain


def test_walk_through_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    write_json(tmp_path / "badge.json", single_template())
    (tmp_path / "logo.png").write_bytes(png(32, 32))

    code, screen = terminal.run("vckit keygen --out issuer.jwk")
    assert code == 0
    assert "Wrote the Ed25519 private key to issuer.jwk (mode 0600)" in screen
    assert re.search(r"^did:key:z6Mk\w+$", screen, re.MULTILINE)

    code, screen = terminal.run("vckit issue badge.json --key issuer.jwk -o alice.json")
    assert code == 0
    assert "Issued urn:uuid:" in screen

    code, screen = terminal.run("vckit bake logo.png alice.json -o alice.png")
    assert code == 0
    assert "Baked the credential into alice.png (PNG," in screen
    terminal.clear()

    code, screen = terminal.run("vckit verify alice.png")
    assert code == 0
    assert "VERIFIED: Python 101 [json-ld from a PNG image]" in screen
    assert "[pass] proof" in screen
    coloured = terminal.screen(ansi=True)
    assert "\x1b[" in coloured, "a terminal gets colour"
    _keep(tmp_path, "verified", terminal)
    terminal.clear()

    code, screen = terminal.run(
        "sed 's/Python 101/Python 501/' alice.json > forged.json && "
        "vckit bake alice.png forged.json --replace -o forged.png"
    )
    assert code == 0
    code, screen = terminal.run("vckit verify forged.png")
    assert code == 1
    assert "NOT VERIFIED: Python 501 [json-ld from a PNG image]" in screen
    assert "[FAIL] proof          PROOF_VERIFICATION_ERROR: the signature does not verify" in screen
    assert "Traceback" not in screen
    _keep(tmp_path, "tampered", terminal)
    terminal.clear()

    code, screen = terminal.run("vckit verify alice.png forged.png alice.json")
    assert code == 1
    assert "2 of 3 verified" in screen
    _keep(tmp_path, "table", terminal)


def test_batch_progress_bar_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    write_json(tmp_path / "template.json", TEMPLATE)
    emails = "".join(f"learner{n}@example.edu\n" for n in range(40))
    (tmp_path / "cohort.csv").write_text("email\n" + emails)
    terminal.run("vckit keygen --out issuer.jwk")
    terminal.clear()
    code, screen = terminal.run(
        "vckit issue template.json --key issuer.jwk --recipients cohort.csv -o issued.jsonl"
    )
    assert code == 0
    assert re.search(r"issuing .*40/40", screen), screen
    assert "Issued 40 credential(s) to issued.jsonl (0 already there, 0 failed)" in screen
    _keep(tmp_path, "batch", terminal)
    code, screen = terminal.run(
        "vckit issue template.json --key issuer.jwk --recipients cohort.csv -o issued.jsonl"
    )
    assert code == 0
    assert "Issued 0 credential(s) to issued.jsonl (40 already there, 0 failed)" in screen
