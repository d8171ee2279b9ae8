"""``vckit status``: a status registry (SQLite or PostgreSQL), revocation, suspension, publishing.

A SQLite registry made by ``vckit status create`` remembers its URL template and list size in a
small settings table of its own (``vckit_cli_settings``), so later commands only name the file.
A PostgreSQL registry (``postgresql://...``, needs ``vckit[postgres]``) takes
``--status-url-template`` where an index is allocated.
"""

from __future__ import annotations

import base64
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click

from vckit.cli._common import (
    MAX_READ_BYTES,
    check_output_free,
    common,
    echo,
    emit_json,
    fail,
    load_private_key,
    options,
    out_console,
    read_bytes,
    safe,
    write_file,
)

_SETTINGS = "vckit_cli_settings"
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")
#: A template that names no real list, for commands that never allocate.
_UNUSED_TEMPLATE = "https://unused.invalid/{list}"


def _is_dsn(registry: str) -> bool:
    return registry.startswith(("postgresql://", "postgres://"))


def _read_settings(path: str) -> dict[str, str]:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            rows = conn.execute(f"SELECT name, value FROM {_SETTINGS}").fetchall()  # noqa: S608
    except sqlite3.Error:
        return {}
    return {str(name): str(value) for name, value in rows}


def _write_settings(path: str, settings: dict[str, str]) -> None:
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {_SETTINGS} (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            conn.executemany(
                f"INSERT OR REPLACE INTO {_SETTINGS} (name, value) VALUES (?, ?)",  # noqa: S608
                sorted(settings.items()),
            )
    finally:
        conn.close()


def open_registry(
    registry: str,
    *,
    url_template: str | None = None,
    allocating: bool = False,
    create: bool = False,
) -> Any:
    """Open ``registry`` (a SQLite path or a PostgreSQL DSN) as a ``StatusRegistry``."""
    from vckit.status import StatusRegistry

    if _is_dsn(registry):
        if allocating and url_template is None:
            fail("a PostgreSQL registry needs --status-url-template to allocate status entries")
        return StatusRegistry.postgres(registry, url_template=url_template or _UNUSED_TEMPLATE)
    target = Path(registry)
    if target.is_dir():
        fail(f"status registry {registry} is a directory")
    exists = target.exists()
    if not exists and not create:
        fail(f"status registry {registry} does not exist; make it with vckit status create")
    if exists and not _is_sqlite(target):
        fail(f"{registry} is not an SQLite status registry")
    settings = _read_settings(registry) if exists else {}
    stored = settings.get("url_template")
    if stored is not None and url_template is not None and url_template != stored:
        fail(f"status registry {registry} publishes at {stored}, not {url_template}")
    template = url_template or stored
    if allocating and template is None:
        fail(f"status registry {registry} has no URL template; pass --status-url-template")
    size = int(settings.get("list_size", "0")) or None
    options_: dict[str, Any] = {"list_size": size} if size else {}
    opened = StatusRegistry.sqlite(registry, url_template=template or _UNUSED_TEMPLATE, **options_)
    if template is not None and stored is None:
        _write_settings(
            registry, {"url_template": template, **({"list_size": str(size)} if size else {})}
        )
    return opened


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


@click.group()
def status() -> None:
    """Status lists: create a registry, revoke / suspend badges, publish the signed lists.

    \b
    vckit status create status.sqlite --url-template https://example.edu/status/{list}
    vckit issue badge.json --key issuer.jwk --status status.sqlite -o alice.json
    vckit status revoke status.sqlite alice.json
    vckit status publish status.sqlite --key issuer.jwk --out-dir site/
    """


@status.command("create")
@click.argument("registry", type=click.Path(dir_okay=False))
@click.option(
    "--url-template",
    required=True,
    help="Where the lists will be published; {list} is the list number "
    "(e.g. https://example.edu/status/{list}).",
)
@click.option(
    "--list-size",
    type=click.IntRange(8, 2**26),
    default=None,
    help="Entries per list [default: 131072, the spec's minimum for herd privacy].",
)
@common
def create(registry: str, url_template: str, list_size: int | None) -> None:
    """Create an SQLite status registry (an existing one is never replaced: its indexes are in
    use)."""
    from vckit.status import StatusRegistry

    if _is_dsn(registry):
        fail(
            "vckit status create makes SQLite registries; a PostgreSQL registry creates its "
            "tables on first use (pass the DSN to vckit issue --status)"
        )
    if os.path.lexists(registry):
        fail(f"{registry} exists; a status registry is never replaced (its indexes are in use)")
    if urlsplit(url_template.replace("{list}", "1")).scheme != "https":
        fail("--url-template must be an https:// URL (verifiers fetch status lists over https)")
    sized: dict[str, Any] = {"list_size": list_size} if list_size else {}
    StatusRegistry.sqlite(registry, url_template=url_template, **sized).close()
    _write_settings(
        registry,
        {"url_template": url_template, **({"list_size": str(list_size)} if list_size else {})},
    )
    os.chmod(registry, 0o600)
    if options().json:
        emit_json({"registry": registry, "url_template": url_template, "list_size": list_size})
    else:
        echo(f"Created status registry {registry} (lists at {url_template})")


def _credential_id(target: str) -> str:
    """The credential id in ``target``: an id itself, or a credential / JWT / baked image file."""
    if not os.path.exists(target):
        if target.startswith(("urn:", "http://", "https://", "did:")):
            return target
        fail(f"{target} is neither a credential id (urn:uuid:..., https://...) nor a file")
    data = read_bytes(target, limit=MAX_READ_BYTES, what="credential file")
    payload: Any
    if data.startswith(b"\x89PNG") or data.lstrip()[:1] == b"<":
        from vckit.openbadges import baking

        payload = baking.extract(data).payload
    else:
        payload = data.decode("utf-8", "replace").strip()
    if isinstance(payload, str):
        if payload.startswith("{"):
            from vckit.cli._common import parse_json

            payload = parse_json(payload, what=f"credential file {target}")
        else:
            payload = _jwt_claims(payload, target)
    ident = payload.get("id") if isinstance(payload, dict) else None
    if not isinstance(ident, str):
        vc = payload.get("vc") if isinstance(payload, dict) else None
        ident = payload.get("jti") if isinstance(payload, dict) else None
        if not isinstance(ident, str) and isinstance(vc, dict):
            ident = vc.get("id")
    if not isinstance(ident, str) or not ident:
        fail(f"credential file {target} has no id")
    return ident


def _jwt_claims(token: str, target: str) -> Any:
    from vckit.cli._common import parse_json

    parts = token.split(".")
    if len(parts) != 3:
        fail(f"credential file {target} is neither JSON nor a compact JWT")
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
    except ValueError:
        fail(f"credential file {target}: the JWT payload is not base64url")
    return parse_json(raw, what=f"the JWT payload in {target}")


def _change(registry: str, credential: str, action: str) -> None:
    opened = open_registry(registry)
    ident = _credential_id(credential)
    purpose = "revocation" if action == "revoke" else "suspension"
    with opened:
        entry = opened.entry(ident, purpose=purpose)
        if entry is None:
            fail(f"credential {safe(ident)[:200]} has no {purpose} entry in {registry}")
        changed = getattr(opened, action)(ident)
        version = opened.list_versions().get(entry["statusListCredential"])
    past = {"revoke": "revoked", "suspend": "suspended", "unsuspend": "unsuspended"}[action]
    if options().json:
        emit_json(
            {
                "id": ident,
                "action": action,
                "changed": changed,
                "entry": entry,
                "list_version": version,
            }
        )
        return
    state = past if changed else f"already {past}"
    echo(
        f"{safe(ident)}: {state} ({entry['statusListCredential']} index "
        f"{entry['statusListIndex']}); publish the list again for verifiers to see it"
    )


@status.command("revoke")
@click.argument("registry")
@click.argument("credential")
@common
def revoke(registry: str, credential: str) -> None:
    """Revoke CREDENTIAL (an id, or the credential / JWT / baked image file). Final."""
    _change(registry, credential, "revoke")


@status.command("suspend")
@click.argument("registry")
@click.argument("credential")
@common
def suspend(registry: str, credential: str) -> None:
    """Suspend CREDENTIAL (it needs a suspension entry); unsuspend lifts it."""
    _change(registry, credential, "suspend")


@status.command("unsuspend")
@click.argument("registry")
@click.argument("credential")
@common
def unsuspend(registry: str, credential: str) -> None:
    """Lift CREDENTIAL's suspension."""
    _change(registry, credential, "unsuspend")


def _list_path(out_dir: str, url: str) -> Path:
    """Where list ``url`` goes under ``out_dir``: its URL path, so serving ``out_dir`` at the
    host's root serves each list at its URL."""
    segments = [segment for segment in urlsplit(url).path.split("/") if segment]
    if not segments or any(
        _SAFE_SEGMENT.fullmatch(segment) is None or segment in (".", "..") for segment in segments
    ):
        fail(f"cannot make a file name from status list URL {safe(url)[:200]}")
    return Path(out_dir, *segments)


@status.command("publish")
@click.argument("registry")
@click.option(
    "--key",
    "keyfile",
    required=True,
    type=click.Path(dir_okay=False),
    help="The issuer's private JWK (the one that signs the badges).",
)
@click.option(
    "--out-dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Write each signed list under this directory at its URL's path.",
)
@click.option("--issuer", help="Issuer DID when it is not the key's did:key (e.g. did:web:...).")
@click.option("--verification-method", "method", help="The DID URL of the signing key.")
@click.option("--fragment", default="key-1", show_default=True, help="did:web key fragment.")
@click.option(
    "--proof",
    type=click.Choice(
        (
            "eddsa-rdfc-2022",
            "eddsa-jcs-2022",
            "ecdsa-rdfc-2019",
            "ecdsa-jcs-2019",
            "vc-jwt",
            "vc+jwt",
        )
    ),
    default=None,
    help="Proof format [default: as vckit issue picks for the key].",
)
@click.option(
    "--ttl",
    type=click.IntRange(0, None),
    default=None,
    help="How long verifiers may cache the list, in milliseconds.",
)
@click.option("--force", is_flag=True, help="Replace list files published before.")
@common
def publish(
    registry: str,
    keyfile: str,
    out_dir: str,
    issuer: str | None,
    method: str | None,
    fragment: str,
    proof: str | None,
    ttl: int | None,
    force: bool,
) -> None:
    """Sign every list in REGISTRY as a BitstringStatusListCredential and write it to OUT_DIR."""
    from vckit import dids
    from vckit.cli._issue import _DEFAULT_PROOF, _verification_method
    from vckit.status import issue_status_list_credential

    opened = open_registry(registry)
    pair = load_private_key(keyfile)
    issuer_id = issuer or dids.did_key(pair.public_key)
    signer = pair.signer(_verification_method(pair, issuer_id, method, fragment))
    chosen = proof or _DEFAULT_PROOF.get(pair.key_type, "vc-jwt")
    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        fail(f"{out_dir} is not a directory")
    with opened:
        lists = opened.lists()
        targets = [(info, _list_path(out_dir, info.url)) for info in lists]
        for _, path in targets:
            check_output_free(str(path), force=force)
        written = []
        for info, path in targets:
            exported = opened.export(info.url)
            signed = issue_status_list_credential(
                exported.status_list,
                signer,
                id=info.url,
                purpose=exported.purpose,
                issuer=issuer_id,
                ttl=ttl,
                proof=chosen,
            )
            text = signed if isinstance(signed, str) else json.dumps(signed, indent=2)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(str(path), text + "\n", force=force)
            written.append(
                {
                    "url": info.url,
                    "purpose": info.purpose,
                    "file": str(path),
                    "version": exported.version,
                    "allocated": info.allocated,
                    "size": info.size,
                }
            )
    if options().json:
        emit_json({"published": written, "proof": chosen, "issuer": issuer_id})
        return
    if not written:
        echo(f"{registry} has no lists yet (they open when the first badge is issued)")
        return
    for item in written:
        echo(
            f"{item['file']}  <- {item['url']} ({item['purpose']}, version {item['version']}, "
            f"{item['allocated']} of {item['size']} allocated)"
        )
    echo(
        "Serve each file at its URL (Content-Type: application/vc+ld+json, or application/vc+jwt "
        "for a JWT)."
    )


@status.command("show")
@click.argument("registry")
@common
def show(registry: str) -> None:
    """List REGISTRY's status lists: URL, purpose, entries allocated, version."""
    opened = open_registry(registry)
    with opened:
        lists = opened.lists()
    rows = [
        {
            "url": i.url,
            "purpose": i.purpose,
            "allocated": i.allocated,
            "size": i.size,
            "version": i.version,
        }
        for i in lists
    ]
    if options().json:
        emit_json({"lists": rows})
        return
    from rich import box
    from rich.table import Table

    console = out_console()
    table = Table(box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII2)
    for name in ("url", "purpose", "allocated", "size", "version"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(
            *(str(row[name]) for name in ("url", "purpose", "allocated", "size", "version"))
        )
    console.print(table)
