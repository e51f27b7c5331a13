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
    from datetime import date

    from planctl.api import LoadedPlan, Selection

EXIT_STATUS = (
    "Exit status: 0 answered from every plan; 1 some plan files are invalid (or unreadable): each is listed "
    "on stderr with its problems, and the answer, if any, comes from the other plans only; 2 usage error "
    "(unknown plan, objective, country, bad option) or no plan files to read."
)


def select_plans(
    plan: str | Path | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: str | None = None,
    every_year: bool = False,
) -> Selection:
    """The plans to answer from (see api.select_plans), the files left out already reported.

    Given no plan, a question is answered from the year of each series of plans that today (`today`,
    the --today option, else $PLANCTL_TODAY, else the system's date) falls in, and says so on stderr;
    `every_year` answers from every plan found.
    """
    import os

    from planctl import api
    from planctl.errors import UsageError
    from planctl.files import config
    from planctl.query.calendar import parse_today

    now = None if every_year else parse_today(os.environ.get("PLANCTL_TODAY"), today)
    settings = config.find() if plan is None and not every_year and not os.environ.get("PLANCTL_PLANS") else None
    if settings is not None and settings.default_plan is not None:
        try:
            selection = api.select_plans(settings.default_plan, skip_invalid=True, max_bytes=max_bytes, cache=True)
        except UsageError as e:
            e.hint = f"`default_plan` in {settings.path} names it" + (f"; {e.hint}" if e.hint else "")
            raise
    else:
        selection = api.select_plans(plan, skip_invalid=True, max_bytes=max_bytes, cache=True, today=now)
    report(selection)
    if selection.left_out and now is not None:
        output.note(_which_year(selection, now))
    return selection


def _which_year(selection: Selection, today: date) -> str:
    """'note: plan 2017 answers, as its period holds 2017-06-01 (left out: 2018; --plan all spans every plan)'."""
    answering = [lp.plan for lp in selection if any(o.plan.kind == lp.plan.kind for o in selection.left_out)]
    one = len(answering) == 1
    ids = ", ".join(p.id for p in answering)
    if all(p.period.start <= today <= p.period.end for p in answering):
        why = f"as {'its period holds' if one else 'their periods hold'} {today}"
    else:
        why = f"as {'it is' if one else 'they are'} the latest"
    out = ", ".join(lp.plan.id for lp in selection.left_out)
    return (
        f"note: {'plan' if one else 'plans'} {ids} {'answers' if one else 'answer'}, {why} "
        f"(left out: {out}; --plan all spans every plan, --plan ID names one)"
    )


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
