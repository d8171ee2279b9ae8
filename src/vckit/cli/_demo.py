"""``vckit demo``: the offline walk-through of ``make demo`` (issue, verify, tamper, expire)."""

from __future__ import annotations

import io
import sys

import click

from vckit.cli._common import EXIT_OK, common, emit_json, options


@click.command()
@click.option("--show-credential", is_flag=True, help="Also print the signed badge's JSON.")
@common
def demo(show_credential: bool) -> None:
    """Issue a badge with a fresh key, then verify it, a tampered copy and an expired one
    (offline). Exit code 0 when exactly the good badge verifies."""
    from vckit import demo as walkthrough

    argv = ["--json"] if show_credential else []
    if options().json:
        buffer = io.StringIO()
        code = walkthrough.main(out=buffer, argv=argv)
        emit_json({"ok": code == EXIT_OK, "output": buffer.getvalue()})
    else:
        code = walkthrough.main(out=sys.stdout, argv=argv)
    raise click.exceptions.Exit(code)
