"""``vckit keygen`` and ``vckit did key|web``: issuer keys and the DIDs that name them."""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

import click

from vckit.cli._common import (
    check_output_free,
    common,
    echo,
    emit_json,
    fail,
    load_public_key,
    note,
    options,
    public_key_path,
    write_file,
)

#: Key types that sign (X25519 only agrees keys, so it is not offered).
SIGNING_KEY_TYPES = ("Ed25519", "P-256", "P-384", "secp256k1", "RSA")


@click.command()
@click.option(
    "--type",
    "key_type",
    type=click.Choice(SIGNING_KEY_TYPES),
    default="Ed25519",
    show_default=True,
    help="Key type (Ed25519 signs eddsa-rdfc-2022; P-256/P-384 ecdsa-rdfc-2019; all sign JWTs).",
)
@click.option(
    "--rsa-bits",
    type=click.IntRange(2048, 8192),
    default=2048,
    show_default=True,
    help="RSA modulus size.",
)
@click.option(
    "--out",
    "-o",
    "out",
    type=click.Path(dir_okay=False),
    help="Write the private JWK here (mode 0600) and the public JWK beside it as NAME.pub.jwk. "
    "Without it the private JWK goes to stdout.",
)
@click.option("--force", is_flag=True, help="Overwrite existing key files.")
@common
def keygen(key_type: str, rsa_bits: int, out: str | None, force: bool) -> None:
    """Generate a signing key and print its did:key.

    \b
    vckit keygen --out issuer.jwk          # issuer.jwk (0600) + issuer.pub.jwk
    vckit keygen --type P-256 --out p256.jwk
    """
    from vckit import dids, keys

    public_out = public_key_path(out) if out is not None else None
    check_output_free(out, force=force)
    check_output_free(public_out, force=force)
    pair = keys.generate(key_type, rsa_bits=rsa_bits)
    did = dids.did_key(pair.public_key)
    public_jwk = pair.public_key.jwk
    if out is None:
        if options().json:
            emit_json(
                {
                    "type": key_type,
                    "did": did,
                    "public_jwk": public_jwk,
                    "private_jwk": pair.private_jwk,
                }
            )
        else:
            note("The private key follows on stdout: keep it secret (use --out to write a file).")
            echo(json.dumps(pair.private_jwk, indent=2))
        return
    assert public_out is not None
    write_file(out, json.dumps(pair.private_jwk, indent=2) + "\n", force=force, private=True)
    write_file(public_out, json.dumps(public_jwk, indent=2) + "\n", force=force)
    if options().json:
        emit_json(
            {
                "type": key_type,
                "did": did,
                "private_key": out,
                "public_key": public_out,
                "public_jwk": public_jwk,
            }
        )
        return
    echo(
        f"Wrote the {key_type} private key to {out} (mode 0600) and its public key to {public_out}"
    )
    echo(did)


@click.group()
def did() -> None:
    """Print a did:key, or write a did:web document to publish."""


@did.command("key")
@click.argument("keyfile", type=click.Path(dir_okay=False))
@common
def did_key(keyfile: str) -> None:
    """Print the did:key of the public key in KEYFILE (a .pub.jwk from keygen)."""
    from vckit import dids

    public = load_public_key(keyfile)
    value = dids.did_key(public)
    if options().json:
        emit_json({"did": value, "verificationMethod": f"{value}#{public.multibase}"})
    else:
        echo(value)


def web_did(location: str) -> str:
    """``HOST[:PORT][/path]`` as a did:web DID (``example.com:8443/u/alice`` ->
    ``did:web:example.com%3A8443:u:alice``), checked by vckit's did:web rules."""
    from vckit import dids
    from vckit.errors import DIDResolutionError

    text = location.strip()
    for scheme in ("https://", "http://"):
        if text.lower().startswith(scheme):
            text = text[len(scheme) :]
    host, _, path = text.partition("/")
    segments = [segment for segment in path.split("/") if segment]
    if ".well-known" in segments:
        fail("give the host and path of the DID, not the .well-known URL")
    value = "did:web:" + ":".join([quote(host.lower(), safe=""), *segments])
    try:
        dids.did_web_url(value)
    except DIDResolutionError as exc:
        fail(f"{location!r} does not make a did:web DID: {exc}")
    return value


@did.command("web")
@click.argument("location", metavar="HOST[:PORT][/path]")
@click.argument("keyfile", type=click.Path(dir_okay=False))
@click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write the DID document here.")
@click.option(
    "--fragment",
    default="key-1",
    show_default=True,
    help="The verification method's fragment (the DID URL is DID#FRAGMENT).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing --out file.")
@common
def did_web(location: str, keyfile: str, out: str | None, fragment: str, force: bool) -> None:
    """Write the did:web document naming the public key in KEYFILE.

    Publish the file at the HTTPS URL it prints; sign with
    `vckit issue --issuer did:web:...` and the matching private key.
    """
    from vckit import dids

    if not fragment or any(ch in fragment for ch in "#/?: \t"):
        fail("--fragment must be a plain name such as key-1")
    check_output_free(out, force=force)
    public = load_public_key(keyfile)
    value = web_did(location)
    document = dids.did_web_document(value, {fragment: public})
    url = dids.did_web_url(value)
    text = json.dumps(document, indent=2) + "\n"
    if out is None:
        if options().json:
            emit_json({"did": value, "url": url, "document": document})
        else:
            echo(text.rstrip("\n"))
            note(f"Publish this document at {url}")
        return
    write_file(out, text, force=force)
    result: dict[str, Any] = {
        "did": value,
        "url": url,
        "document": os.fspath(out),
        "verificationMethod": f"{value}#{fragment}",
    }
    if options().json:
        emit_json(result)
        return
    echo(value)
    echo(f"Wrote {out}; publish it at {url}")
