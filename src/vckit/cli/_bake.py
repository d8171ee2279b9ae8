"""``vckit bake`` and ``vckit unbake``: a credential in and out of a PNG or SVG badge image."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from vckit.cli._common import (
    MAX_READ_BYTES,
    check_output_free,
    common,
    echo,
    emit_json,
    fail,
    options,
    read_bytes,
    safe,
    write_file,
)


@click.command()
@click.argument("image", type=click.Path(dir_okay=False))
@click.argument("credential", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="Where to write the baked image.",
)
@click.option("--replace", is_flag=True, help="Replace a credential the image already carries.")
@click.option("--force", is_flag=True, help="Overwrite -o if it exists.")
@common
def bake(image: str, credential: str, out: str, replace: bool, force: bool) -> None:
    """Bake the signed CREDENTIAL (JSON or JWT file, - for stdin) into IMAGE (PNG or SVG).

    The credential is stored as Open Badges 3.0 says (a PNG iTXt chunk `openbadgecredential`,
    or an <openbadges:credential> element in SVG) and read back before the image is written.
    """
    from vckit.openbadges import baking

    check_output_free(out, force=force)
    picture = read_bytes(image, limit=MAX_READ_BYTES, what="image")
    raw = read_bytes(credential, limit=baking.MAX_CREDENTIAL_BYTES, what="credential file")
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff").strip()
    except UnicodeDecodeError:
        fail(f"credential file {credential} is not UTF-8 text")
    if not text:
        fail(f"credential file {credential} is empty")
    try:
        baked = baking.bake(picture, text, replace=replace)
    except baking.BakingError as exc:
        fail(str(exc).replace("pass replace=True", "pass --replace"))
    write_file(out, baked, force=force)
    found = baking.extract(baked)
    if options().json:
        emit_json({"output": out, "container": found.container, "bytes": len(baked)})
    else:
        echo(f"Baked the credential into {out} ({found.container.upper()}, {len(baked)} bytes)")


@click.command()
@click.argument("image", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    help="Write the credential here instead of stdout.",
)
@click.option("--force", is_flag=True, help="Overwrite -o if it exists.")
@common
def unbake(image: str, out: str | None, force: bool) -> None:
    """Print the credential baked into IMAGE (PNG or SVG; - for stdin). Does not verify it:
    use vckit verify IMAGE for that."""
    from vckit.openbadges import baking

    check_output_free(out, force=force)
    found = baking.extract(read_bytes(image, limit=MAX_READ_BYTES, what="image"))
    if found.version != "3.0":
        fail(f"{image} carries an Open Badges 2.0 assertion, not an OB 3.0 credential")
    payload = found.payload
    text = (
        payload if isinstance(payload, str) else json.dumps(payload, indent=2, ensure_ascii=False)
    )
    if out is not None:
        write_file(out, text + "\n", force=force)
    if options().json:
        result: dict[str, Any] = {
            "container": found.container,
            "version": found.version,
            "format": "jwt" if isinstance(payload, str) else "json",
        }
        if out is None:
            result["credential"] = payload
        else:
            result["output"] = out
        emit_json(result)
    elif out is None:
        echo(safe(text) if sys.stdout.isatty() else text)
    else:
        echo(f"Wrote the {found.container.upper()} image's credential to {out}")
