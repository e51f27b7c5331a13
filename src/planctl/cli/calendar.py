"""`planctl calendar`: the plans' events by date, as a table, a machine format or an iCalendar file."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from planctl.cli import output, skipped
from planctl.cli.options import (
    DEFAULT_MAX,
    LIST_FORMATS,
    LIST_SUFFIXES,
    ForceOpt,
    MaxBytes,
    OutputOpt,
    PlanOpt,
    TodayOpt,
    choices,
    file_format,
    output_file,
)

Format = choices("Format", [*LIST_FORMATS, "ics"])
SUFFIXES = {**LIST_SUFFIXES, ".ics": "ics"}

EPILOG = """\
[bold]Examples[/bold]

  planctl calendar                             [dim]# every event of every plan[/dim]
  planctl calendar --month sep                 [dim]# also Sept, September, 9, 2017-09, "Sep 2017"[/dim]
  planctl calendar --month next --today 2017-08-15   [dim]# September 2017[/dim]
  planctl calendar --from 2017-09-01 --to 2017-10-15
  planctl calendar --upcoming --plan 2017      [dim]# events not over yet[/dim]
  planctl calendar --format json | jq '.[] | select(.tentative)'
  planctl calendar --format ics -o icbl-2017.ics   [dim]# import into a calendar application[/dim]
  planctl calendar -o calendar-2017.xlsx       [dim]# a workbook; the format follows the file name[/dim]

[bold]Dates[/bold]: the table says them as people write them: a day (18 Sep 2017), a range (4–6 Sep 2017, both days included) or a month (Oct 2017) for events known only to the month. json, csv, markdown and xlsx keep ISO 8601: 2017-09-18, 2017-09-04/2017-09-06, 2017-10. Events sort by their first day; a month-only event comes first in its month. An event is shown when the days it may cover overlap the window asked for, so a month-only event appears in any window that touches its month.

[bold]iCalendar[/bold] (--format ics): all-day events (DTSTART;VALUE=DATE, DTEND the day after the last day; DURATION instead for an event ending on 9999-12-31, which has no day after). UID is PLAN.EVENT@planctl, e.g. 2017.msp7-ccm@planctl, with each '.' of the plan id written '~' (ids never contain '~', so no two events share a UID: plan a.b's event c is a~b.c@planctl, plan a's event b.c is a.b.c@planctl); importing a newer export updates events instead of duplicating them. STATUS is TENTATIVE for tbc, CONFIRMED otherwise. [bold]Updates[/bold]: SEQUENCE counts the commits (along the first-parent history of HEAD, renames followed) in which the event's title, dates, tbc mark or location changed after it was added, plus one for such a change not yet committed; LAST-MODIFIED is the date of the last of them (of the file, for a change not yet committed). So an event changed in a later commit has a higher SEQUENCE, and calendar applications take the change when the file is imported again. Outside git every event has SEQUENCE 0 and the file's modification time. LAST-MODIFIED is never later than DTSTAMP. A month-only event is one all-day marker on the month's first day, its SUMMARY ending "(October 2017, date tbc)", TENTATIVE, free time (TRANSP:TRANSPARENT), its DESCRIPTION saying the day is not known: a month-long banner would cover every day of the month and read as an event lasting a month. DTSTAMP is the current time, or $SOURCE_DATE_EPOCH for reproducible files.

[bold]Today[/bold] (for --upcoming and --month this/next/last): --today 2017-09-01, else $PLANCTL_TODAY=2017-09-01, else the system's date. [bold]Environment[/bold]: PLANCTL_PLANS: see --plan.

Exit status: 0 ok (also when no event matches); 1 some plan files are invalid (or unreadable): each is listed on stderr with its problems, and the calendar, if any, comes from the other plans only; 2 usage error (bad month or date, unknown plan), no plan files to read, or an output file that exists (replaced only with --force).
"""


def _stamp() -> datetime:
    from planctl.errors import UsageError

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH: expected seconds since 1970-01-01, got {epoch!r}",
            hint="set it to an integer, or unset it",
        ) from None


def _write_bytes(text: str) -> None:
    """iCalendar lines end in CRLF: write them as bytes, so no platform's newline translation doubles the CR."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        output.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def calendar(
    month: Annotated[
        str | None,
        typer.Option(
            "--month",
            "-m",
            metavar="MONTH",
            help="Events in this month: sep, Sept, September, 9, 2017-09, 'Sep 2017', or this, next, last (the month of --today, or the one after or before it). Without a year: that month in each plan's period.",
            show_default=False,
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="DATE", help="Events on or after this ISO date (2017-09-01).", show_default=False
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="Events on or before this ISO date.", show_default=False),
    ] = None,
    upcoming: Annotated[
        bool,
        typer.Option(
            "--upcoming",
            help="Events that are not over yet: ongoing or to come (--today or $PLANCTL_TODAY sets today).",
        ),
    ] = False,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    fmt: Annotated[
        Format | None,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: from the -o file name (.ics, .csv, .json, .md, .txt, .xlsx), else table.",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """List the plans' events by date: date or range, title, location and a mark for dates to be confirmed (tbc).

    Filters combine: --month oct --upcoming is what is left of October. With several plans, each row says which plan.
    """
    from planctl.cli.listing import write
    from planctl.errors import UsageError
    from planctl.query import calendar as cal
    from planctl.words import count

    target = output_file(out)
    fmt_name = file_format(fmt, target, SUFFIXES, "table")
    if upcoming and from_ is not None:
        raise UsageError("--upcoming and --from both set where the calendar starts", hint="give one of them")
    now = cal.parse_today(os.environ.get("PLANCTL_TODAY"), today)
    month_spec = cal.parse_month(month, now) if month is not None else None
    start = cal.parse_date(from_, "--from") if from_ is not None else None
    end = cal.parse_date(to, "--to") if to is not None else None
    if upcoming:
        start = now
    query = cal.Query(month_spec, start, end)

    selection = skipped.select_plans(plan, max_bytes=max_bytes, today=today)
    plans = [lp.plan for lp in selection]
    found = cal.entries(plans, query)
    if fmt_name == "ics":
        from planctl.api import event_revisions
        from planctl.render.ics import to_ics

        answering = {e.plan.id for e in found}
        revisions = {
            (lp.plan.id, event): revision
            for lp in selection
            if lp.plan.id in answering
            for event, revision in event_revisions(lp.path).items()
        }
        result: Any = to_ics(found, plans, stamp=_stamp(), revisions=revisions)
        if not found:
            output.note(f"note: {cal.listing(found, plans, query).empty_message}; the calendar is empty")
    else:
        from planctl.render.listing import RENDERERS

        listing = cal.listing(found, plans, query)
        over = cal.ended(plans, now) if upcoming and not found else None
        if over:
            listing.empty_message += f"; {over}"
        if fmt_name == "table":  # the title names the plan when only one answers
            listing = listing.compact(constant=("plan",))
        result = RENDERERS[fmt_name](listing)
    if target is None and fmt_name == "ics":
        _write_bytes(result)
    else:
        write(result, fmt_name, target, force, count(len(found), "event"))
    skipped.finish(selection)


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("calendar", epilog=EPILOG)(handles_errors(calendar))
