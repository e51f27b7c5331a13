"""Shell completion: `--show-completion SHELL` and `--install-completion SHELL`, on typer's own completion.

typer's options of the same names guess the shell from the parent process, so `planctl --show-completion
bash` run from zsh would print zsh's script; here the shell is named, as gh and ruff ask for it.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer

from planctl.cli.options import choices, chosen

SHELLS = ["bash", "zsh", "fish", "powershell", "pwsh"]
Shell = choices("Shell", SHELLS)
COMPLETE_VAR = "_PLANCTL_COMPLETE"  # set by the completion scripts when they ask planctl for completions


def prepare() -> None:
    """Make typer answer the completion scripts (its classes, not click's): only when a shell is asking."""
    if COMPLETE_VAR in os.environ:
        _register_shells()


def _register_shells() -> None:
    # what typer.Typer(add_completion=True) does on every run; typer (pinned below 0.29) names it only here
    from typer._completion_classes import completion_init

    completion_init()


def _show(ctx: typer.Context, param: Any, value: Any) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from typer.completion import show_callback

    _register_shells()
    show_callback(ctx, param, chosen(value))


def _install(ctx: typer.Context, param: Any, value: Any) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from typer.completion import install_callback

    _register_shells()
    install_callback(ctx, param, chosen(value))


ShowCompletion = Annotated[
    Shell | None,  # type: ignore[valid-type]
    typer.Option(
        "--show-completion",
        metavar="SHELL",
        callback=_show,
        is_eager=True,
        expose_value=False,
        case_sensitive=False,
        help="Print the completion script for SHELL (bash, zsh, fish, powershell, pwsh) and exit.",
        show_default=False,
    ),
]
InstallCompletion = Annotated[
    Shell | None,  # type: ignore[valid-type]
    typer.Option(
        "--install-completion",
        metavar="SHELL",
        callback=_install,
        is_eager=True,
        expose_value=False,
        case_sensitive=False,
        help="Install completion for SHELL in your shell's startup file, and exit.",
        show_default=False,
    ),
]
