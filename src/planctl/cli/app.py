"""The `planctl` command: the typer app, its commands, and the one place errors become exit codes."""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from planctl import __version__
from planctl.cli import completion, output
from planctl.errors import ExitCode, PlanctlError, PlanInvalid

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="planctl",
    help="Keep plans as YAML in git: validate them, ask them questions, render them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,  # planctl's own --show-completion SHELL / --install-completion SHELL (cli/completion.py)
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def handles_errors(fn: F) -> F:
    """Turn a PlanctlError into one message on stderr and its exit code: the only place this happens."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlanInvalid as e:
            from planctl.render.diagnostics import text

            output.stderr().print(text(e.diagnostics, e.files_checked), end="")
            output.error("the plans above are invalid", hint="fix them first; `planctl validate` lists every problem")
            raise typer.Exit(int(e.exit_code)) from None
        except PlanctlError as e:
            output.error(e.message, e.hint)
            raise typer.Exit(int(e.exit_code)) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planctl {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    show_completion: completion.ShowCompletion = None,
    install_completion: completion.InstallCompletion = None,
) -> None:
    """Keep plans as YAML in git: validate them, ask them questions, render them.

    Exit codes: 0 ok; 1 problems found (or differences, for diff); for a question (plans, calendar, show, targets...), 1 means it was answered from the valid plans only, each invalid plan file listed on stderr; 2 usage error, unreadable input or nothing to answer from.
    """


def _register() -> None:
    from planctl.cli import (
        calendar,
        diff,
        fmt,
        init,
        new,
        plans,
        progress,
        query,
        render,
        report,
        schema,
        show,
        validate,
    )

    for module in (validate, plans, query, progress, calendar, show, render, report, diff, fmt, new, schema, init):
        module.register(app)


_register()


def main() -> None:
    """Entry point of the `planctl` script."""
    # Startup speed (measured by benchmarks/run.py): a command's life is too short for the cycle
    # collector to pay off (it would walk every imported module and model, again and again), and
    # pydantic's plugin discovery scans every installed package's metadata for plugins planctl never uses.
    gc.disable()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    output.guard_streams()
    completion.prepare()
    try:
        try:
            app(prog_name="planctl")  # also under `python -m planctl`: completion scripts call `planctl`
        finally:
            sys.stdout.flush()  # now, while a failure to write can still be reported
    except KeyboardInterrupt:
        sys.exit(130)
    except PlanctlError as e:  # raised outside a command: --help to a closed stdout, say
        output.error(e.message, e.hint)
        sys.exit(int(e.exit_code))
    except Exception as e:  # a bug: still no traceback for the user, but a way to report it
        output.error(
            f"internal error: {type(e).__name__}: {e}",
            hint="this is a bug in planctl; please report it with the command you ran",
        )
        sys.exit(int(ExitCode.USAGE))
