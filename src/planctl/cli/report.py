"""`planctl report`: the progress report for the board, as Markdown, a printable HTML page, PDF or Word."""

from __future__ import annotations

from typing import Annotated

import typer

from planctl.cli import output, skipped
from planctl.cli.options import (
    DEFAULT_MAX,
    DOCUMENT_FORMATS,
    ForceOpt,
    MaxBytes,
    OutputOpt,
    PeriodOpt,
    choices,
    file_format,
    output_file,
)

Format = choices("ReportFormat", DOCUMENT_FORMATS)

EPILOG = """\
[bold]Examples[/bold]

  planctl report 2017 -o report.html               [dim]# the whole plan, format from the file name[/dim]
  planctl report 2017 --period 2017-H1 -o h1.md
  planctl report 2017 -o board.pdf                 [dim]# A4, numbered pages, contents, links[/dim]
  planctl report 2017 -o report.docx               [dim]# Word, with its heading, list and table styles[/dim]
  planctl report | pandoc -o report.odt            [dim]# the only plan, into other tools[/dim]

Per goal and objective: the indicators' baseline, target, actual, % of the way to the target, status and as-of date (the figures of `planctl progress`), a bar per indicator toward its target, the activities by status and the target countries that joined. The file's ending chooses the format: .md (or .txt), .html, .pdf, .docx; any other is refused. The HTML page is one self-contained file (inline SVG bars, no scripts, nothing fetched) that prints to A4; [bold]PDF[/bold] is that page printed by headless Chromium or Chrome, and [bold]Word[/bold] needs python-docx, as for `planctl render`. PDF and Word go to a file or a pipe, never onto a terminal.

Exit status: 0 written, 1 the plan or its results have problems, 2 usage error, unknown plan or unwritable output. A plan named by id is reported on when it is valid, whatever the other plan files hold.
"""


def report(
    plan: Annotated[
        str | None,
        typer.Argument(
            metavar="PLAN",
            help="A plan file or a plan id. Default: the only plan under $PLANCTL_PLANS or plans/.",
            show_default=False,
        ),
    ] = None,
    period: PeriodOpt = None,
    fmt: Annotated[
        Format | None,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: from the -o file name (.md, .html, .pdf, .docx), else markdown.",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Write the progress report of a plan: how it is doing against its indicators, for the board."""
    from planctl.cli.render import write_document
    from planctl.errors import UsageError
    from planctl.render.document import RENDERERS, SUFFIXES
    from planctl.results.files import require_valid, results_for, today_from_environment
    from planctl.results.progress import plans_with_period
    from planctl.results.report import build

    target = output_file(out)
    if target is not None and target.is_dir():
        raise UsageError(f"{target} is a directory", hint=f"name a file, e.g. -o {target / 'report.html'}")
    name = file_format(fmt, target, SUFFIXES, "markdown")

    selected = skipped.select_plan(plan, max_bytes=max_bytes, command="report", usage="planctl report {id}")
    today = today_from_environment()
    recorded = results_for([selected], today=today, max_bytes=max_bytes)
    require_valid(recorded)
    found = recorded.get(selected.plan.id)
    results = found.results if found is not None else None
    if found is None:
        output.note(f"note: no results are recorded for plan {selected.plan.id}: every indicator reads 'no data'")
    if period is not None:
        plans_with_period([selected.plan], {selected.plan.id: results} if results else {}, period)
    write_document(RENDERERS[name](build(selected.plan, results, period=period, today=today)), name, target, force)


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("report", epilog=EPILOG)(handles_errors(report))
