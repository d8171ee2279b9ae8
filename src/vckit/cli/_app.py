"""The ``vckit`` root group: every error is caught here, so no input ever shows a traceback."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from typing import Any

import click

from vckit import __version__
from vckit.cli._common import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    common,
    emit_json,
    options,
    report_error,
    reset_consoles,
    reset_options,
    safe,
)


def _input_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "this input is bad", not "vckit is broken"."""
    from vckit.errors import VckitError

    return (VckitError, ValueError, OSError, UnicodeError, RecursionError)


class VckitGroup(click.Group):
    """A click group that turns every exception into a message and an exit code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run one invocation; every outcome becomes an exit code (``sys.exit`` when standalone)."""
        reset_options()
        reset_consoles()
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else EXIT_OK
        except click.UsageError as exc:
            exc.show()
            if options().json:
                emit_json({"error": {"code": "usage", "detail": safe(exc.format_message())}})
            code = EXIT_USAGE
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except (click.Abort, KeyboardInterrupt):
            report_error("interrupted", code="interrupted")
            code = EXIT_INTERRUPTED
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            report_error("interrupted", code="interrupted")
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except _input_errors() as exc:
            self._show_traceback(exc)
            report_error(_describe(exc), code=type(exc).__name__)
            raise click.exceptions.Exit(EXIT_USAGE) from None
        except Exception as exc:
            self._show_traceback(exc)
            hint = "" if options().debug else " (run with --debug for the traceback)"
            report_error(f"unexpected error: {_describe(exc)}{hint}", code="internal")
            raise click.exceptions.Exit(EXIT_INTERNAL) from None

    @staticmethod
    def _show_traceback(exc: BaseException) -> None:
        if options().debug:
            click.echo("".join(traceback.format_exception(exc)).rstrip(), err=True)


def _describe(exc: BaseException) -> str:
    """One line: the message (and the type name, unless it is one of vckit's own errors)."""
    from vckit.errors import VckitError

    text = " ".join(str(exc).split())
    if len(text) > 500:
        text = text[:499] + "…"
    if isinstance(exc, VckitError) and text:
        return text
    name = type(exc).__name__
    return f"{name}: {text}" if text else name


@click.group(
    cls=VckitGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="vckit", message="%(prog)s %(version)s")
@common
def cli() -> None:
    """Issue, bake and verify W3C Verifiable Credentials and Open Badges 3.0.

    \b
    Exit codes: 0 success / verified, 1 not verified, 2 usage or input error,
    3 unexpected error (--debug shows the traceback). Every command takes --json.
    """
