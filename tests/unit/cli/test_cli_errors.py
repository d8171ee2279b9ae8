"""The error boundary: exit codes, one-line messages, --debug, --json errors, the entry points."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from cli_support import invoke, run

import vckit.keys

REPO = Path(__file__).resolve().parents[3]


def test_unexpected_error_is_one_line_and_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the key generator is broken")

    monkeypatch.setattr(vckit.keys, "generate", broken)
    result = invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    assert result.code == 3
    assert result.stderr.strip() == (
        "Error: unexpected error: RuntimeError: the key generator is broken "
        "(run with --debug for the traceback)"
    )
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the key generator is broken")

    monkeypatch.setattr(vckit.keys, "generate", broken)
    for args in (("--debug", "keygen"), ("keygen", "--debug")):
        result = invoke(*args, cwd=tmp_path)
        assert result.code == 3
        assert "Traceback (most recent call last)" in result.stderr
        assert "RuntimeError: the key generator is broken" in result.stderr


def test_json_errors_are_json_on_stdout(tmp_path: Path) -> None:
    result = invoke("verify", "--json", "missing.json", cwd=tmp_path)
    assert result.code == 2
    assert json.loads(result.stdout) == {
        "error": {"code": "input", "detail": "credential file missing.json does not exist"}
    }
    usage = invoke("--json", "nonsense", cwd=tmp_path)
    assert usage.code == 2
    assert json.loads(usage.stdout)["error"]["code"] == "usage"


@pytest.mark.parametrize(
    "args",
    [
        ("keygen", "--type", "DSA"),
        ("verify",),
        ("issue", "t.json"),
        ("bake", "only-one-arg"),
        ("did",),
        ("frobnicate",),
        ("verify", "--now", "yesterday", "x.json"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = invoke(*args, cwd=tmp_path)
    assert result.code == 2, result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command", ["keygen", "did", "issue", "verify", "bake", "unbake", "status", "demo"]
)
def test_every_command_has_help_and_json(tmp_path: Path, command: str) -> None:
    result = invoke(command, "--help", cwd=tmp_path)
    assert result.code == 0
    assert "Usage: " in result.stdout
    if command not in ("did", "status"):
        assert "--json" in result.stdout


def test_python_dash_m_and_version(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.code == 0
    assert result.stdout.strip() == f"vckit {vckit.__version__}"
    helped = run("--help", cwd=tmp_path)
    assert helped.code == 0
    for command in ("keygen", "did", "issue", "verify", "bake", "unbake", "status", "demo"):
        assert f"  {command} " in helped.stdout


def test_console_script_is_declared() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["vckit"] == "vckit.cli:main"
    assert {"click", "rich"} <= {
        dep.split(">")[0] for dep in project["optional-dependencies"]["cli"]
    }


def test_importing_vckit_does_not_load_the_cli() -> None:
    # httpx's own optional command line imports click and rich when they are installed, so only
    # a bare `import vckit` is free of them; vckit itself never imports vckit.cli.
    code = (
        "import sys, vckit; bare = sorted(m for m in ('click', 'rich') if m in sys.modules); "
        "vckit.verify; vckit.batch; vckit.status; vckit.openbadges; "
        "print(bare, 'vckit.cli' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] False"


def test_without_click_the_command_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['click'] = None; sys.modules['rich'] = None; "
        "import importlib.util as u; real = u.find_spec; "
        "u.find_spec = lambda n, *a: None if n in ('click', 'rich') else real(n, *a); "
        "sys.argv = ['vckit', '--help']; import runpy; runpy.run_module('vckit', run_name='__main__')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        == "vckit: the command line needs click and rich: pip install 'vckit[cli]'"
    )
    assert "Traceback" not in done.stderr


def test_demo(tmp_path: Path) -> None:
    result = invoke("demo", cwd=tmp_path)
    assert result.code == 0, result.stdout
    assert "== The baked badge image\nVERIFIED" in result.stdout
    assert "== The same badge with the achievement renamed\nNOT VERIFIED" in result.stdout
    body = json.loads(invoke("demo", "--json", cwd=tmp_path).stdout)
    assert body["ok"] is True
    assert "NOT VERIFIED" in body["output"]


def test_demo_out_never_overwrites(tmp_path: Path) -> None:
    assert invoke("demo", "--out", "site", cwd=tmp_path).code == 0
    assert (tmp_path / "site" / "badge.png").read_bytes().startswith(b"\x89PNG")
    again = invoke("demo", "--out", "site", cwd=tmp_path)
    assert again.code == 2
    assert "badge.png exists; pass --force" in again.stderr
    assert invoke("demo", "--out", "site", "--force", cwd=tmp_path).code == 0


def test_interrupt_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(vckit.keys, "generate", interrupted)
    result = invoke("keygen", cwd=tmp_path)
    assert result.code == 130
    assert result.stderr.strip() == "Error: interrupted"


def test_a_readable_private_key_gets_a_warning(tmp_path: Path) -> None:
    invoke("keygen", "--out", "k.jwk", cwd=tmp_path)
    (tmp_path / "t.json").write_text("{}")
    (tmp_path / "k.jwk").chmod(0o644)
    result = invoke("issue", "t.json", "--key", "k.jwk", cwd=tmp_path)
    assert "warning: private key file k.jwk is readable by other users (mode 644)" in result.stderr


@pytest.mark.parametrize("command", ["create", "revoke", "suspend", "unsuspend", "publish", "show"])
def test_status_commands_have_help_and_json(tmp_path: Path, command: str) -> None:
    result = invoke("status", command, "--help", cwd=tmp_path)
    assert result.code == 0
    assert "--json" in result.stdout
