"""`planctl new`: draft next year's plan from this year's."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planctl.cli import output, skipped
from planctl.cli.options import DEFAULT_MAX, MaxBytes, path

EPILOG = """\
[bold]Examples[/bold]

  planctl new --from plans/2017.yaml -o plans/2018.yaml
  planctl new --from 2017 --year 2019 > draft.yaml     [dim]# a plan id works too[/dim]
  planctl new --from plans/2017.yaml --id op-2018 --title "Operational Plan 2018" -o plans/2018.yaml

Carried over as written: goals, objectives, indicators, targets, activities, prose, comments and every id (so `planctl diff` matches items across years). Changed: the plan's id and title (the year replaced), the period and every calendar date (moved by the difference in years; 29 February becomes 28 February), every calendar event marked tentative.

Exit status: 0 written, 1 the source plan is invalid, 2 usage error, unreadable source or an output file that already exists (never overwritten). The source is used when it is valid, whatever the other plan files hold.
"""


def new(
    source: Annotated[
        str,
        typer.Option("--from", help="The plan to start from: a plan file or a plan id.", show_default=False),
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", min=1000, max=9999, help="Year of the new plan. Default: the year after the source's."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            parser=path,
            help="Write the plan to this new file (refused if it exists). Default: stdout.",
        ),
    ] = None,
    plan_id: Annotated[
        str | None, typer.Option("--id", help="Id of the new plan. Default: the source's id with the year replaced.")
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title of the new plan. Default: the source's with the year replaced.")
    ] = None,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Draft next year's plan from this year's: same goals, objectives, indicators, targets and activities; calendar moved a year and marked tentative."""
    from planctl.errors import InputError
    from planctl.files.reading import decode, read_bytes
    from planctl.files.writing import write_atomic
    from planctl.new import draft_next_year

    if out is not None and (out.exists() or out.is_symlink()):
        raise InputError(
            f"{out} already exists; planctl new never overwrites a plan",
            hint="choose another path with -o, or remove the file first",
        )
    chosen = skipped.select_plan(source, command="new", usage="planctl new --from {id}", max_bytes=max_bytes)
    text = decode(read_bytes(chosen.path, max_bytes))
    target = year if year is not None else chosen.plan.period.start.year + 1
    draft = draft_next_year(text, chosen.plan, target, plan_id=plan_id, title=title, source=chosen.path, output=out)
    if out is None:
        output.write(draft.text)
    else:
        write_atomic(out, draft.text, overwrite=False)
    where = f"wrote {out}" if out is not None else "drafted"
    message = (
        f"{where}: plan {draft.id!r} ({draft.title}), {draft.start} to {draft.end}; "
        f"{draft.events_moved} calendar events moved and marked tentative"
    )
    output.note(message)
    if draft.to_review:
        from planctl.words import count

        where = str(out) if out is not None else "<draft>"
        output.note(
            f"review {count(len(draft.to_review), 'text')} that may be wrong for {target} "
            f"(the year {draft.source_year}, ordinals, anniversaries):"
        )
        for item in draft.to_review:
            output.note(f"{where}:{item.line}: {item.why}: {item.text}")


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("new", epilog=EPILOG)(handles_errors(new))
