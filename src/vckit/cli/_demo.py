"""``vckit demo``: the offline walk-through of ``make demo`` (issue, bake, verify, tamper,
expire, revoke)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from vckit.cli._common import EXIT_OK, check_output_free, common, emit_json, options


@click.command()
@click.option("--show-credential", is_flag=True, help="Also print the signed badge's JSON.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Write the baked badge.png and its badge page badge.html into this directory.",
)
@click.option("--force", is_flag=True, help="Overwrite badge.png / badge.html in --out.")
@common
def demo(show_credential: bool, out_dir: str | None, force: bool) -> None:
    """Issue a badge with a fresh key, bake it into a PNG, then verify it, a tampered copy, an
    expired one and a revoked one (offline). Exit code 0 when exactly the good badge verifies."""
    from vckit import demo as walkthrough

    argv = ["--json"] if show_credential else []
    if out_dir is not None:
        for name in ("badge.png", "badge.html"):
            check_output_free(str(Path(out_dir, name)), force=force)
        argv += ["--out", out_dir]
    if options().json:
        buffer = io.StringIO()
        code = walkthrough.main(out=buffer, argv=argv)
        emit_json({"ok": code == EXIT_OK, "output": buffer.getvalue()})
    else:
        code = walkthrough.main(out=sys.stdout, argv=argv)
    raise click.exceptions.Exit(code)
