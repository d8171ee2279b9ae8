"""``vckit verify``: the pipeline's report for a file, a URL or stdin; a table for many files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from vckit.cli._common import (
    EXIT_NOT_VERIFIED,
    EXIT_OK,
    MAX_READ_BYTES,
    MAX_SMALL_FILE_BYTES,
    check_output_free,
    common,
    echo,
    emit_json,
    err_console,
    fail,
    options,
    out_console,
    parse_json,
    read_bytes,
    read_text,
    safe,
    write_file,
)

#: What a credential URL may answer with: JSON(-LD) credentials, JWTs, baked images.
URL_CONTENT_TYPES = (
    "application/json",
    "application/ld+json",
    "application/vc+ld+json",
    "application/vc",
    "application/vc+jwt",
    "application/jwt",
    "text/plain",
    "image/png",
    "image/svg+xml",
)
_STYLES = {
    "[pass]": "green",
    "[FAIL]": "bold red",
    "[ERR ]": "bold red",
    "[skip]": "dim",
}


def _parse_now(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from vckit._codec.xsd import parse_datetime_stamp
    from vckit.errors import ParseError

    try:
        parse_datetime_stamp(value)
    except (ParseError, ValueError) as exc:
        raise click.BadParameter(
            f"{value!r} is not a date-time with a time zone, e.g. 2026-05-01T12:00:00Z ({exc})"
        ) from None
    return value


def _trusted(path: str) -> list[str]:
    """Issuer ids from a file: a JSON array of strings, or one per line (``#`` comments)."""
    text = read_text(path, limit=MAX_SMALL_FILE_BYTES, what="trusted issuers file")
    if text.lstrip().startswith("["):
        value = parse_json(text, what=f"trusted issuers file {path}")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            fail(f"trusted issuers file {path} must be a JSON array of issuer ids")
        return list(value)
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _is_url(source: str) -> bool:
    return source.lower().startswith(("https://", "http://"))


def _fetch(url: str) -> bytes:
    """GET a credential under vckit's HTTP policy (https only, no private hosts, size cap)."""
    from vckit import _http
    from vckit.errors import FetchError

    policy = _http.HttpPolicy(max_bytes=MAX_READ_BYTES)
    try:
        response = _http.fetch(
            url,
            policy=policy,
            accept=", ".join(URL_CONTENT_TYPES),
            allowed_content_types=URL_CONTENT_TYPES,
        )
    except FetchError as exc:
        fail(f"cannot fetch {safe(url)[:200]}: {exc}")
    return response.content


def _load(source: str, allow_network: bool) -> bytes:
    if _is_url(source):
        if not allow_network:
            fail(f"{safe(source)[:200]} is a URL; pass --allow-network to fetch it")
        return _fetch(source)
    return read_bytes(source, limit=MAX_READ_BYTES, what="credential file")


def _status_checker(status_lists: tuple[str, ...], allow_network: bool) -> Any:
    """A status checker: over the network (``--allow-network``), from local list files
    (``--status-list``), or none (status is then reported as not checked)."""
    if not status_lists and not allow_network:
        return None
    from vckit.status import StatusChecker

    if not status_lists:
        return StatusChecker()
    import httpx

    served: dict[str, tuple[bytes, str]] = {}
    for given in status_lists:
        url, _, path = given.rpartition("=") if "=" in given else ("", "", given)
        content = read_bytes(path, limit=MAX_READ_BYTES, what="status list file")
        text = content.decode("utf-8", "replace").strip()
        if text.startswith("{"):
            data = parse_json(text, what=f"status list file {path}")
            ident = data.get("id") if isinstance(data, dict) else None
            url = url or (ident if isinstance(ident, str) else "")
            kind = "application/vc+ld+json"
        else:
            kind = "application/vc+jwt"
        if not url:
            fail(f"status list file {path} has no id; pass it as URL={path}")
        served[url] = (content, kind)

    def answer(request: httpx.Request) -> httpx.Response:
        found = served.get(str(request.url))
        if found is None:
            return httpx.Response(404)
        return httpx.Response(200, content=found[0], headers={"content-type": found[1]})

    return StatusChecker(client=httpx.Client(transport=httpx.MockTransport(answer)))


def _print_report(report: Any) -> None:
    """The pipeline's text report; coloured on a terminal, exactly ``str(report)`` when piped."""
    text = safe(str(report))
    console = out_console()
    if not console.is_terminal or console.no_color:
        echo(text)
        return
    from rich.text import Text

    for line in text.splitlines():
        styled = Text(line)
        stripped = line.lstrip()
        if stripped.startswith("VERIFIED"):
            styled.stylize("bold green", len(line) - len(stripped), len(line) - len(stripped) + 8)
        elif stripped.startswith("NOT VERIFIED"):
            styled.stylize("bold red", len(line) - len(stripped), len(line) - len(stripped) + 12)
        elif stripped.startswith("warning:"):
            styled.stylize("yellow")
        for mark, style in _STYLES.items():
            at = line.find(mark)
            if at >= 0:
                styled.stylize(style, at, at + len(mark))
        console.print(styled)


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="FILE|URL|-...")
@click.option(
    "--allow-network",
    is_flag=True,
    help="Fetch URLs, did:web documents and status lists (https only, no private "
    "addresses). Off by default: did:key and did:jwk verify offline.",
)
@click.option(
    "--now",
    callback=_parse_now,
    metavar="DATETIME",
    help="Verify as of this moment (e.g. 2026-05-01T12:00:00Z) instead of now.",
)
@click.option(
    "--trusted-issuers",
    type=click.Path(dir_okay=False),
    help="Only these issuers pass: a JSON array or one issuer id per line.",
)
@click.option("--recipient", help="Also check the badge was issued to this e-mail, DID or URL.")
@click.option("--challenge", help="For a presentation: the challenge (nonce) you gave the holder.")
@click.option("--domain", help="For a presentation: the domain (audience) you gave the holder.")
@click.option(
    "--status-list",
    "status_lists",
    multiple=True,
    metavar="[URL=]FILE",
    help="Check credentialStatus against this published status list file instead of fetching "
    "it (its URL is its id; repeatable).",
)
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False),
    help="Write the badge page (report.to_html()) to this file.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Processes for many files [default: in this process; more is faster for "
    "hundreds of files].",
)
@click.option("--force", is_flag=True, help="Overwrite an existing --html file.")
@common
def verify(
    sources: tuple[str, ...],
    allow_network: bool,
    now: str | None,
    trusted_issuers: str | None,
    recipient: str | None,
    challenge: str | None,
    domain: str | None,
    status_lists: tuple[str, ...],
    html_out: str | None,
    workers: int | None,
    force: bool,
) -> None:
    """Verify credentials, presentations and baked badge images.

    Exit code 0 when every input verified, 1 when any did not, 2 for a usage error.

    \b
    vckit verify alice.json
    vckit verify alice.png --html alice.html
    vckit verify --json - < alice.jwt
    vckit verify issued/*.json
    """
    import vckit

    if html_out is not None and len(sources) > 1:
        fail("--html writes one badge page; give one credential")
    if sources.count("-") > 1:
        fail("standard input can be read once")
    check_output_free(html_out, force=force)
    trusted = _trusted(trusted_issuers) if trusted_issuers is not None else None
    if status_lists and workers is not None and workers > 1:
        fail("--status-list is read in this process; drop --workers")
    checker = _status_checker(status_lists, allow_network)
    verifier = vckit.Verifier(allow_network=allow_network, trusted_issuers=trusted, status=checker)
    if len(sources) == 1:
        content = _load(sources[0], allow_network)
        extra: dict[str, Any] = {
            name: value
            for name, value in (("challenge", challenge), ("domain", domain))
            if value is not None
        }
        report = verifier.verify(content, now=now, recipient=recipient, **extra)
        if html_out is not None:
            write_file(html_out, report.to_html(), force=force)
        if options().json:
            emit_json(report.to_json())
        else:
            _print_report(report)
            if html_out is not None:
                err_console().print(f"Wrote the badge page to {safe(html_out)}", markup=False)
        raise click.exceptions.Exit(EXIT_OK if report.verified else EXIT_NOT_VERIFIED)
    if recipient is not None or challenge is not None or domain is not None:
        fail("--recipient, --challenge and --domain check one input; verify files one at a time")
    ok = _verify_many(sources, verifier, now, allow_network, workers)
    raise click.exceptions.Exit(EXIT_OK if ok else EXIT_NOT_VERIFIED)


def _verify_many(
    sources: tuple[str, ...],
    verifier: Any,
    now: str | None,
    allow_network: bool,
    workers: int | None,
) -> bool:
    from concurrent.futures import ProcessPoolExecutor

    from vckit import batch

    for source in sources:  # fail fast on a usage error before any work
        if not _is_url(source) and source != "-" and not Path(source).is_file():
            fail(f"credential file {source} does not exist or is not a file")
        if _is_url(source) and not allow_network:
            fail(f"{safe(source)[:200]} is a URL; pass --allow-network to fetch it")
    from vckit._codec.xsd import parse_datetime_stamp

    moment = parse_datetime_stamp(now) if now is not None else None
    items = (_load(source, allow_network) for source in sources)
    pool = ProcessPoolExecutor(max_workers=workers) if workers and workers > 1 else None
    rows: list[tuple[str, Any]] = []
    all_ok = True
    try:
        results = batch.verify_many(
            items, verifier=verifier, now=moment, executor=pool or batch.SequentialExecutor()
        )
        for result, source in zip(results, sources, strict=True):
            report = result.output if result.ok else None
            verified = bool(report is not None and report.verified)
            all_ok = all_ok and verified
            if options().json:
                line: dict[str, Any] = {"input": source}
                if report is not None:
                    line.update(report.to_json())
                else:
                    line.update({"verified": False, "error": str(result.error)})
                click.echo(json.dumps(line, ensure_ascii=True))
            rows.append((source, report if report is not None else result.error))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if not options().json:
        _summary_table(rows)
    return all_ok


def _first_problem(report: Any) -> str:
    for check in report.checks:
        if check.failed:
            return f"{check.check}: {check.code or check.status.value}"
    return ""


def _summary_table(rows: list[tuple[str, Any]]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = out_console()
    table = Table(box=box.SIMPLE_HEAD if console.is_terminal else box.ASCII2, show_lines=False)
    table.add_column("input", overflow="fold")
    table.add_column("result")
    table.add_column("badge", overflow="fold")
    table.add_column("why not", overflow="fold")
    good = 0
    for source, outcome in rows:
        if isinstance(outcome, BaseException):
            table.add_row(
                Text(safe(source)), Text("ERROR", style="bold red"), Text(""), Text(safe(outcome))
            )
            continue
        good += outcome.verified
        verdict = (
            Text("verified", style="green")
            if outcome.verified
            else Text("NOT VERIFIED", style="bold red")
        )
        table.add_row(
            Text(safe(source)),
            verdict,
            Text(safe(outcome.name or "")),
            Text(safe(_first_problem(outcome))),
        )
    console.print(table)
    console.print(Text(f"{good} of {len(rows)} verified", style="bold"))
