"""Plan files a question is answered without: invalid or unreadable ones, reported on stderr, exit 1.

One invalid plan does not block questions about the others: the answer comes from the valid plans,
each file left out is listed as `planctl validate` would list it, and the exit status (1) tells a
script that the answer is partial. Only `validate` (and `fmt`) refuse outright.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from planctl.cli import output
from planctl.errors import ExitCode
from planctl.files.reading import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from planctl.api import LoadedPlan, Selection

EXIT_STATUS = (
    "Exit status: 0 answered from every plan; 1 some plan files are invalid (or unreadable): each is listed "
    "on stderr with its problems, and the answer, if any, comes from the other plans only; 2 usage error "
    "(unknown plan, objective, country, bad option) or no plan files to read."
)


def select_plans(plan: str | Path | None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Selection:
    """The plans to answer from (see api.select_plans), the files left out already reported."""
    from planctl import api

    selection = api.select_plans(plan, skip_invalid=True, max_bytes=max_bytes, cache=True)
    report(selection)
    return selection


def select_plan(plan: str | Path | None, *, command: str, usage: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedPlan:
    """The one plan a command works on (see api.select_plan): valid, whatever the other files hold."""
    from planctl import api

    return api.select_plan(plan, skip_invalid=True, max_bytes=max_bytes, command=command, usage=usage, cache=True)


def report(selection: Selection) -> None:
    """List the files left out on stderr as `planctl validate` does (`file:line:col: error[code]: ...`)."""
    if selection.complete:
        return
    from planctl.render.diagnostics import text
    from planctl.words import count

    output.stderr().print(text(list(selection.skipped), selection.files), end="")
    left_out = len(selection.skipped_files)
    output.warning(
        f"the answer leaves out {count(left_out, 'plan file')}: it comes from the other "
        f"{selection.files - left_out} only (exit status 1)",
        hint="fix the problems above for a complete answer",
    )


def finish(selection: Selection) -> None:
    """End the command: exit 1 when the answer left plan files out."""
    if not selection.complete:
        raise typer.Exit(int(ExitCode.FINDINGS))
