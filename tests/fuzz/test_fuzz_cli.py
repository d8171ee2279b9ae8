"""Fuzz the ``vckit verify`` command line: hostile files and hostile arguments.

Oracles (docs/cli.md): exit code 0, 1 or 2, never 3 (an unexpected error inside vckit); never a
traceback; an error is one ``Error:`` line on stderr (after click's usage lines for a usage
error); a changed badge file never exits 0.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz.fuzz_support import byte_mutated, fuzz, sign_badge, sign_jwt

pytest.importorskip("click", reason="the command line needs the cli extra")
from click.testing import CliRunner

from vckit.cli._commands import cli

pytestmark = [pytest.mark.fuzz, pytest.mark.usefixtures("no_network")]

NOW = "2025-06-01T12:00:00Z"
BADGE = json.dumps(sign_badge()).encode()
TOKEN = sign_jwt().encode()


def _run(tmp: Path, content: bytes, *args: str) -> Any:
    path = tmp / "input"
    path.write_bytes(content)
    with contextlib.chdir(tmp):  # an --html argument writes here, never in the repository
        result = CliRunner().invoke(cli, ["verify", "--now", NOW, *args, str(path)])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    if result.exit_code == 2:  # an input error is one line; a usage error has click's usage first
        lines = result.stderr.splitlines()
        assert lines[0].startswith(("Error:", "Usage:")), result.stderr
        assert sum(line.startswith("Error:") for line in lines) == 1, result.stderr
    return result


def test_the_unmutated_files_verify(tmp_path: Path) -> None:
    assert _run(tmp_path, BADGE).exit_code == 0
    assert _run(tmp_path, TOKEN).exit_code == 0


@fuzz(30)
@given(
    content=st.sampled_from([BADGE, TOKEN]).flatmap(byte_mutated) | st.binary(max_size=200),
    json_output=st.booleans(),
)
def test_a_changed_file_never_verifies(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, json_output: bool
) -> None:
    tmp = tmp_path_factory.mktemp("cli")
    result = _run(tmp, content, *(["--json"] if json_output else []))
    if result.exit_code == 0:  # only the same credential, spelled with other whitespace
        text = content.decode("utf-8").strip()
        assert text == TOKEN.decode() or json.loads(text) == json.loads(BADGE)


OPTIONS = [
    "--allow-network",
    "--now",
    "--trusted-issuers",
    "--recipient",
    "--challenge",
    "--domain",
    "--status-list",
    "--html",
    "--json",
    "--debug",
    "-",
    "--",
    "",
]


@fuzz(30)
@given(args=st.lists(st.sampled_from(OPTIONS) | st.text(max_size=12), max_size=5))
def test_hostile_arguments_are_usage_errors(
    tmp_path_factory: pytest.TempPathFactory, args: list[str]
) -> None:
    if "--debug" in args or "\x00" in "".join(args):
        return  # --debug prints tracebacks on purpose; NUL cannot be in a real argv
    tmp = tmp_path_factory.mktemp("cli")
    _run(tmp, BADGE, *args)
