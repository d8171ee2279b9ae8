"""What every command shares: output, errors and exit codes, bounded reads, safe writes, keys.

Exit codes (docs/cli.md): 0 success / verified, 1 not verified (or some rows of a batch failed),
2 usage or input error (bad option, unreadable or malformed file, refused overwrite), 3 an
unexpected error (a one-line message; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import functools
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, TypeVar, cast

import click

EXIT_OK = 0
EXIT_NOT_VERIFIED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

#: Largest file a command reads (the pipeline's own cap for images; JSON is capped lower there).
MAX_READ_BYTES = 16 * 1024 * 1024
#: Largest key or template file: real ones are a few kilobytes.
MAX_SMALL_FILE_BYTES = 1024 * 1024

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """A refusal or bad input the user can fix: one line on stderr, exit ``exit_code``."""

    def __init__(self, message: str, *, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class

    def show(self, file: Any = None) -> None:
        report_error(self.format_message(), code="input")


@dataclass
class Options:
    """The per-invocation switches every command understands."""

    json: bool = False
    debug: bool = False


_current = Options()


def options() -> Options:
    """This invocation's options (reset by the root group at the start of each run)."""
    return _current


def reset_options() -> None:
    """Start an invocation with default options."""
    global _current
    _current = Options()


def _set_json(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        options().json = True
    return value


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        options().debug = True
    return value


def common(func: F) -> F:
    """Give a command ``--json`` and ``--debug`` (both also accepted before the command name)."""
    func = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_debug,
        help="Show the full traceback of an unexpected error.",
    )(func)
    func = click.option(
        "--json",
        "json_output",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_set_json,
        help="Print machine-readable JSON on stdout instead of text.",
    )(func)
    return func


# -- text that came from a credential is hostile: no terminal control sequences -------------------

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """``text`` with control characters (ESC, BEL, C1, bidi overrides) shown as escapes.

    A credential's name or issuer could otherwise carry escape sequences that retitle the
    terminal, move the cursor or hide text when printed.
    """
    return _CONTROL.sub(
        lambda m: (
            f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else f"\\u{ord(m.group()):04x}"
        ),
        str(text),
    )


# -- output --------------------------------------------------------------------------------------


@functools.cache
def _consoles() -> tuple[Any, Any]:
    from rich.console import Console

    # Piped output is not cut to 80 columns: tables stay one row per line for grep and diff.
    out = Console(highlight=False, soft_wrap=True)
    if not out.is_terminal and not os.environ.get("COLUMNS"):
        out = Console(highlight=False, soft_wrap=True, width=200)
    return out, Console(stderr=True, highlight=False, soft_wrap=True)


def out_console() -> Any:
    """The rich console on stdout (colour only on a terminal; ``NO_COLOR`` is honoured)."""
    return _consoles()[0]


def err_console() -> Any:
    """The rich console on stderr: errors, notes and progress bars."""
    return _consoles()[1]


def reset_consoles() -> None:
    """Forget the consoles (CliRunner swaps ``sys.stdout`` between invocations)."""
    _consoles.cache_clear()


def emit_json(value: Any) -> None:
    """One JSON document on stdout, ASCII-only so no control character reaches a terminal."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=True, sort_keys=False))


def echo(text: str) -> None:
    """Plain text on stdout."""
    click.echo(text)


def note(text: str, *, style: str | None = None) -> None:
    """A human-readable note on stderr (suppressed with ``--json``)."""
    if options().json:
        return
    from rich.text import Text

    err_console().print(Text(text, style=style or ""))


def report_error(message: str, *, code: str = "error") -> None:
    """One line on stderr, and with ``--json`` a JSON object on stdout naming the error."""
    from rich.text import Text

    line = safe(message)
    err_console().print(Text(f"Error: {line}", style="bold red"))
    if options().json:
        emit_json({"error": {"code": code, "detail": line}})


def fail(message: str, *, exit_code: int = EXIT_USAGE) -> NoReturn:
    """Stop with ``message`` and ``exit_code``."""
    raise CliError(message, exit_code=exit_code)


# -- reading -------------------------------------------------------------------------------------


def _read_stream(stream: BinaryIO, limit: int, name: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        fail(f"{name} is larger than {limit} bytes")
    return data


def read_bytes(path: str, *, limit: int = MAX_READ_BYTES, what: str = "file") -> bytes:
    """The bytes of ``path`` (``-`` for stdin), at most ``limit``; never follows into a device's
    endless stream (the read is bounded, not the ``stat`` size)."""
    if path == "-":
        return _read_stream(sys.stdin.buffer, limit, "standard input")
    target = Path(path)
    try:
        if target.is_dir():
            fail(f"{what} {path} is a directory")
        with target.open("rb") as handle:
            return _read_stream(handle, limit, f"{what} {path}")
    except FileNotFoundError:
        fail(f"{what} {path} does not exist")
    except OSError as exc:
        fail(f"cannot read {what} {path}: {exc.strerror or exc}")


def read_text(path: str, *, limit: int = MAX_READ_BYTES, what: str = "file") -> str:
    """``read_bytes`` decoded as UTF-8 (a BOM is dropped)."""
    data = read_bytes(path, limit=limit, what=what)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        fail(f"{what} {path} is not UTF-8 text")


def parse_json(text: str | bytes, *, what: str) -> Any:
    """Strict JSON (duplicate keys, NaN and lone surrogates refused), as vckit reads credentials."""
    from vckit._codec.strict_json import loads_strict
    from vckit.errors import ParseError

    try:
        return loads_strict(text, max_bytes=MAX_READ_BYTES)
    except ParseError as exc:
        fail(f"{what} is not valid JSON: {exc}")


def load_document(path: str, *, what: str) -> Any:
    """A JSON or YAML document (YAML by extension, and only when PyYAML is installed)."""
    text = read_text(path, limit=MAX_READ_BYTES, what=what)
    if path.lower().endswith((".yaml", ".yml")):
        return _load_yaml(text, path, what)
    return parse_json(text, what=f"{what} {path}")


def _load_yaml(text: str, path: str, what: str) -> Any:
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        fail(
            f"{what} {path} is YAML, which needs PyYAML: pip install pyyaml "
            "(or write the template as JSON)"
        )
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        fail(f"{what} {path} is not valid YAML: {' '.join(str(exc).split())}")
    # Round-trip through JSON: YAML dates, sets and non-string keys are not credential data.
    try:
        return parse_json(json.dumps(value, allow_nan=False), what=f"{what} {path}")
    except (TypeError, ValueError) as exc:
        fail(f"{what} {path} holds values JSON cannot carry (quote dates as strings): {exc}")


# -- writing -------------------------------------------------------------------------------------


def write_file(path: str, data: bytes | str, *, force: bool, private: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; an existing path is kept unless ``force``.

    The bytes go to a temporary file in the same directory first (mode 0600 for private keys,
    else 0666 less the umask), then take the path's place in one step: a reader never sees half
    a file, and without ``force`` the final link fails if anything (a file, a symlink) is there,
    so a race cannot clobber it either. With ``force`` the path itself is replaced, never written
    through a symlink.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(path)
    if target.is_dir():
        fail(f"{path} is a directory; give a file name")
    if not force and os.path.lexists(target):
        fail(f"{path} exists; pass --force to overwrite it")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        fail(f"cannot write {path}: directory {directory} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(
            dir=directory, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        if force:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                fail(f"{path} exists; pass --force to overwrite it")
            except OSError:
                # A file system without hard links: check-then-rename is the best left.
                if os.path.lexists(target):
                    fail(f"{path} exists; pass --force to overwrite it")
                os.replace(temporary, target)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def check_output_free(path: str | None, *, force: bool) -> None:
    """Refuse early (before any work) when ``path`` exists and ``force`` is not given."""
    if path is None or path == "-":
        return
    if Path(path).is_dir():
        fail(f"{path} is a directory; give a file name")
    if not force and os.path.lexists(path):
        fail(f"{path} exists; pass --force to overwrite it")


# -- keys ----------------------------------------------------------------------------------------


def _jwk_of(path: str) -> dict[str, Any]:
    text = read_text(path, limit=MAX_SMALL_FILE_BYTES, what="key file")
    value = parse_json(text, what=f"key file {path}")
    if not isinstance(value, dict) or not isinstance(value.get("kty"), str):
        fail(
            f"key file {path} is not a JWK (a JSON object with 'kty'); write one with vckit keygen"
        )
    return cast(dict[str, Any], value)


def public_key_path(path: str) -> str:
    """Where ``keygen`` puts the public key that belongs to private key file ``path``."""
    name = path[: -len(".jwk")] if path.endswith(".jwk") else path
    return f"{name}.pub.jwk"


def load_private_key(path: str) -> Any:
    """The ``KeyPair`` in JWK file ``path``; a public-only JWK is refused with a clear message."""
    from vckit.errors import VckitError
    from vckit.keys import KeyPair

    jwk = _jwk_of(path)
    if "d" not in jwk:
        fail(
            f"key file {path} holds a public key; signing needs the private key "
            "(the file vckit keygen --out wrote, not its .pub.jwk)"
        )
    _warn_if_exposed(path)
    try:
        return KeyPair.from_jwk(jwk)
    except VckitError as exc:
        fail(f"key file {path}: {exc}")


def load_public_key(path: str) -> Any:
    """The ``PublicKey`` in JWK file ``path``; a private key is refused (keep it where it signs)."""
    from vckit.errors import VckitError
    from vckit.keys import PublicKey

    jwk = _jwk_of(path)
    if "d" in jwk or any(member in jwk for member in ("p", "q", "dp", "dq", "qi")):
        fail(
            f"key file {path} holds a private key; pass the public key "
            f"({public_key_path(path)}, written beside it by vckit keygen) so the secret stays "
            "in one place"
        )
    try:
        return PublicKey.from_jwk(jwk)
    except VckitError as exc:
        fail(f"key file {path}: {exc}")


def _warn_if_exposed(path: str) -> None:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        note(
            f"warning: private key file {path} is readable by other users "
            f"(mode {stat.S_IMODE(mode):o}); chmod 600 {path}",
            style="yellow",
        )
