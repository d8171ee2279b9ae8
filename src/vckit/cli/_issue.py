"""``vckit issue``: sign one badge from a template, or one per recipient row (resumable)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import click

from vckit.cli._common import (
    EXIT_NOT_VERIFIED,
    check_output_free,
    common,
    echo,
    emit_json,
    err_console,
    fail,
    load_document,
    load_private_key,
    note,
    options,
    read_bytes,
    safe,
    write_file,
)
from vckit.cli._template import RowError, complete, fill, issuer_of, now_stamp, placeholders
from vckit.errors import VckitError

PROOFS = (
    "eddsa-rdfc-2022",
    "eddsa-jcs-2022",
    "ecdsa-rdfc-2019",
    "ecdsa-jcs-2019",
    "vc-jwt",
    "vc+jwt",
)
_DEFAULT_PROOF = {
    "Ed25519": "eddsa-rdfc-2022",
    "P-256": "ecdsa-rdfc-2019",
    "P-384": "ecdsa-rdfc-2019",
}
#: Below this many rows a batch runs in this process (a process pool costs more to start).
_POOL_THRESHOLD = 64


def _verification_method(pair: Any, issuer: str, method: str | None, fragment: str) -> str:
    """The verification method the proof names, for an issuer DID and this key."""
    from vckit import dids

    if method is not None:
        if "#" not in method:
            fail("--verification-method must be a DID URL with a fragment (did:...#key-1)")
        return method
    if issuer.startswith("did:key:"):
        own = dids.did_key(pair.public_key)
        if issuer != own:
            fail(
                f"the issuer {safe(issuer)[:120]} is a different did:key from the key's "
                f"({own[:60]}…); sign with that key or drop 'issuer' from the template"
            )
        return f"{own}#{pair.public_key.multibase}"
    if issuer.startswith("did:jwk:"):
        return f"{issuer}#0"
    if issuer.startswith("did:web:"):
        return f"{issuer}#{fragment}"
    fail(
        f"cannot tell which key of issuer {safe(issuer)[:120]} signs; "
        "pass --verification-method DID#FRAGMENT"
    )


def _issuance_message(exc: Any) -> str:
    """``IssuanceError`` already names its problems (up to five) in its message."""
    text = str(exc)
    problems = getattr(exc, "problems", ()) or ()
    if len(problems) > 5:
        text += f" (and {len(problems) - 5} more)"
    return text


def _serialise(signed: dict[str, Any] | str) -> str:
    return (
        signed + "\n"
        if isinstance(signed, str)
        else json.dumps(signed, indent=2, ensure_ascii=False) + "\n"
    )


@click.command()
@click.argument("template", type=click.Path(dir_okay=False))
@click.option(
    "--key",
    "keyfile",
    required=True,
    type=click.Path(dir_okay=False),
    help="The issuer's private JWK (from vckit keygen).",
)
@click.option(
    "--proof",
    type=click.Choice(PROOFS),
    default=None,
    help="Proof format [default: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for "
    "P-256/P-384, vc-jwt otherwise].",
)
@click.option(
    "--issuer",
    help="Issuer DID when the template has none (default: the key's did:key), "
    "e.g. did:web:example.edu.",
)
@click.option(
    "--verification-method",
    "method",
    help="The DID URL of the signing key (default: did:key's own, DID#key-1 for did:web).",
)
@click.option(
    "--fragment",
    default="key-1",
    show_default=True,
    help="did:web key fragment (as vckit did web --fragment).",
)
@click.option(
    "--bake",
    "bake_image",
    type=click.Path(dir_okay=False),
    help="Bake the credential into this PNG or SVG and write the image to -o.",
)
@click.option(
    "--status",
    "registry",
    help="Give each credential a status entry from this registry (an SQLite file from vckit "
    "status create, or a postgresql:// DSN), so it can be revoked later.",
)
@click.option(
    "--status-url-template",
    help="Where the registry's lists are published, {list} the list number (stored by vckit "
    "status create; needed for a PostgreSQL registry).",
)
@click.option(
    "--status-purpose",
    type=click.Choice(("revocation", "suspension")),
    default="revocation",
    show_default=True,
    help="The status entry to allocate (Open Badges 3.0 allows one credentialStatus).",
)
@click.option(
    "--recipients",
    type=click.Path(dir_okay=False),
    help="Issue one credential per row of this CSV or JSON Lines file; the template's "
    "{{column}} placeholders take the row's values. Output: JSON Lines, resumable.",
)
@click.option(
    "--row-key",
    help="Recipient column that identifies a row in the output (default: the row number).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Processes for --recipients [default: one per core; in this process for "
    f"fewer than {_POOL_THRESHOLD} rows].",
)
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Output file (default: stdout; required with --bake and --recipients).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite -o if it exists (with --recipients: start "
    "the output afresh instead of resuming).",
)
@common
def issue(
    template: str,
    keyfile: str,
    proof: str | None,
    issuer: str | None,
    method: str | None,
    fragment: str,
    bake_image: str | None,
    registry: str | None,
    status_url_template: str | None,
    status_purpose: str,
    recipients: str | None,
    row_key: str | None,
    workers: int | None,
    out: str | None,
    force: bool,
) -> None:
    """Sign the credential in TEMPLATE (.json, or .yaml with PyYAML installed).

    A template without `issuer` gets the key's did:key (or --issuer); `validFrom` defaults to
    now and `id` to a fresh urn:uuid.

    \b
    vckit issue badge.json --key issuer.jwk -o alice.json
    vckit issue badge.json --key issuer.jwk --bake logo.png -o alice.png
    vckit issue badge.json --key issuer.jwk --recipients cohort.csv -o issued.jsonl
    """
    document = load_document(template, what="template")
    if not isinstance(document, dict):
        fail(f"template {template} is not a JSON object")
    if row_key is not None and recipients is None:
        fail("--row-key needs --recipients")
    if recipients is None and placeholders(document):
        names = ", ".join(sorted(f"{{{{{name}}}}}" for name in placeholders(document)))
        fail(f"template {template} has placeholders ({names}); pass --recipients to fill them")
    if recipients is not None and bake_image is not None:
        fail("--bake takes one credential; bake batch output with vckit bake, one line at a time")
    if (bake_image is not None or recipients is not None) and (out is None or out == "-"):
        fail("-o/--out FILE is required with --bake and --recipients")
    if recipients is None:
        check_output_free(out, force=force)
    pair = load_private_key(keyfile)
    chosen_proof = proof or _DEFAULT_PROOF.get(pair.key_type, "vc-jwt")
    named = issuer_of(document)
    if issuer is not None and named is not None and named != issuer:
        fail(
            f"--issuer {safe(issuer)[:120]} differs from the template's issuer {safe(named)[:120]}"
        )
    from vckit import dids

    issuer_id = issuer or named or dids.did_key(pair.public_key)
    signer = pair.signer(_verification_method(pair, issuer_id, method, fragment))
    if registry is None and status_url_template is not None:
        fail("--status-url-template needs --status REGISTRY")
    if registry is not None and "credentialStatus" in document:
        fail(f"template {template} already has a credentialStatus; drop it or --status")
    prepare = _Preparer(issuer_id, now_stamp(), None, status_purpose)
    if registry is not None:
        from vckit.cli._status import open_registry

        prepare.registry = open_registry(
            registry, url_template=status_url_template, allocating=True, create=True
        )
    try:
        if recipients is not None:
            assert out is not None
            _issue_many(
                document,
                recipients,
                row_key,
                prepare,
                signer,
                chosen_proof,
                out,
                force=force,
                workers=workers,
            )
            return
        _issue_one(document, prepare, signer, chosen_proof, bake_image, out, force=force)
    finally:
        if prepare.registry is not None:
            prepare.registry.close()


class _Preparer:
    """Completes a template for signing and allocates its status entry (in this process)."""

    def __init__(self, issuer: str, now: str, registry: Any, purpose: str) -> None:
        self.issuer = issuer
        self.now = now
        self.registry = registry
        self.purpose = purpose

    def __call__(self, document: Mapping[str, Any]) -> dict[str, Any]:
        credential = complete(document, issuer=self.issuer, now=self.now)
        if self.registry is not None:
            if "credentialStatus" in credential:
                raise RowError("the credential already has a credentialStatus")
            credential["credentialStatus"] = self.registry.allocate(
                credential["id"], purpose=self.purpose
            )
        return credential


def _sign(credential: dict[str, Any], signer: Any, proof: str) -> dict[str, Any] | str:
    import vckit
    from vckit.verification import IssuanceError

    try:
        return vckit.issue(credential, signer, proof=proof)
    except IssuanceError as exc:
        fail(f"not issued: {_issuance_message(exc)}")


def _issue_one(
    document: dict[str, Any],
    prepare: _Preparer,
    signer: Any,
    proof: str,
    bake_image: str | None,
    out: str | None,
    *,
    force: bool,
) -> None:
    credential = prepare(document)
    issuer_id = prepare.issuer
    image = read_bytes(bake_image, what="image") if bake_image is not None else None
    signed = _sign(credential, signer, proof)
    summary = {"id": credential["id"], "issuer": issuer_id, "proof": proof}
    if image is not None:
        from vckit.openbadges import baking

        assert out is not None
        write_file(out, baking.bake(image, signed), force=force)
        summary["output"] = out
        summary["baked"] = True
    elif out is None or out == "-":
        if options().json:
            emit_json({**summary, "credential": signed})
        else:
            click.echo(_serialise(signed), nl=False)
        return
    else:
        write_file(out, _serialise(signed), force=force)
        summary["output"] = out
    if options().json:
        emit_json(summary)
    else:
        what = "Baked" if image is not None else "Issued"
        echo(
            f"{what} {safe(summary['id'] or 'a credential')} ({proof}) by {safe(issuer_id)} -> {out}"
        )


# -- many ----------------------------------------------------------------------------------------


def _progress(
    total: int,
) -> tuple[AbstractContextManager[Any], Callable[[int, int | None], None] | None]:
    """A rich progress bar on stderr (only on a terminal, never with --json)."""
    console = err_console()
    if options().json or not console.is_terminal or total == 0:
        return nullcontext(), None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    task = bar.add_task("issuing", total=total)
    return bar, lambda done, _total: bar.update(task, completed=done)


def _executor(workers: int | None, pending: int) -> Any:
    from vckit.batch import SequentialExecutor

    if workers == 1 or (workers is None and pending < _POOL_THRESHOLD):
        return SequentialExecutor()
    return None if workers is None else workers


def _issue_many(
    document: dict[str, Any],
    recipients: str,
    column: str | None,
    prepare: _Preparer,
    signer: Any,
    proof: str,
    out: str,
    *,
    force: bool,
    workers: int | None,
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    from vckit import batch
    from vckit.cli._rows import done_keys, read_rows
    from vckit.cli._rows import row_key as key_of

    if Path(out).is_dir():
        fail(f"{out} is a directory; give a file name")
    if force and os.path.lexists(out):
        write_file(out, b"", force=True)
    done = done_keys(out)
    # First pass: keys, duplicates and the number of rows left (the rows themselves stream later).
    seen: set[Any] = set()
    pending = 0
    for number, row in read_rows(recipients):
        key = key_of(number, row, column, recipients)
        if key in seen:
            fail(f"recipient list {recipients}: row {number} repeats --row-key value {safe(key)!s}")
        seen.add(key)
        pending += key not in done
    skipped = len(seen) - pending
    if skipped:
        note(f"{out}: {skipped} row(s) already issued, {pending} to go")
    issuer_id = prepare.issuer
    keys: list[Any] = []
    failures: list[dict[str, Any]] = []

    def credentials() -> Iterator[dict[str, Any]]:
        for number, row in read_rows(recipients):
            key = key_of(number, row, column, recipients)
            if key in done:
                continue
            try:
                filled = fill(document, row)
                if not isinstance(filled, Mapping):
                    raise RowError("the filled template is not a JSON object")
                credential = prepare(filled)
            except (RowError, VckitError, ValueError) as exc:
                failures.append({"row": key, "error": str(exc)})
                continue
            keys.append(key)
            yield credential

    chosen = _executor(workers, pending)
    own_pool = ProcessPoolExecutor(max_workers=chosen) if isinstance(chosen, int) else None
    issued = 0
    bar, callback = _progress(pending)
    try:
        with bar, Path(out).open("a", encoding="utf-8") as handle:
            results = batch.issue_many(
                credentials(), signer, proof=proof, executor=own_pool or chosen, progress=callback
            )
            for result in results:
                key = keys[result.index]
                if result.ok:
                    record = {"row": key, "credential": result.output}
                    handle.write(
                        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
                    )
                    handle.flush()
                    issued += 1
                else:
                    failures.append({"row": key, "error": _issuance_message(result.error)})
            os.fsync(handle.fileno())
    finally:
        if own_pool is not None:
            own_pool.shutdown(cancel_futures=True)
    for failure in failures:
        err_console().print(
            f"row {safe(failure['row'])}: not issued: {safe(failure['error'])}",
            style="red",
            markup=False,
        )
    if options().json:
        emit_json(
            {
                "output": out,
                "issued": issued,
                "skipped": skipped,
                "failed": failures,
                "proof": proof,
                "issuer": issuer_id,
            }
        )
    else:
        echo(
            f"Issued {issued} credential(s) to {out} ({skipped} already there, "
            f"{len(failures)} failed)"
        )
    if failures:
        raise click.exceptions.Exit(EXIT_NOT_VERIFIED)
