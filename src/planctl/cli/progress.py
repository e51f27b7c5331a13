"""`planctl progress`: how the plans are doing against their indicators; `planctl progress set` records one fact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from planctl.cli import output, skipped
from planctl.cli.options import ForceOpt, GoalOpt, ListFormatOpt, ObjectiveOpt, OutputOpt, PeriodOpt, PlanOpt

if TYPE_CHECKING:
    from planctl.model.results_checks import PlanIds
    from planctl.validate import LoadedPlan

EPILOG = """\
[bold]Examples[/bold]

  planctl progress                          [dim]# every plan with results, over the whole plan[/dim]
  planctl progress --objective 1A --period 2017-H2
  planctl progress --format csv > results.csv   [dim]# one row per indicator and period[/dim]
  planctl progress -o results.xlsx              [dim]# the same rows as a workbook[/dim]
  planctl progress --format json | jq '.indicators[] | select(.status == "off-track")'
  planctl progress set 1A.i1 --period 2017 --actual 3 --source "Cluster Munition Monitor 2017"

[bold]Status[/bold]: {rule}

Results live in [bold]progress/[/bold] beside the plans folder, one file per plan (progress/2017.yaml); see docs/results-format.md. An as-of date is the day a figure describes: the period's last day unless the results say otherwise (today while the period runs). Environment: PLANCTL_TODAY=2017-09-01 sets today.

Formats: [bold]table[/bold] (for people), [bold]json[/bold] (one object: indicators, activities, countries), [bold]csv[/bold] (a long table, one row per indicator and period, for M&E tools), [bold]markdown[/bold], [bold]xlsx[/bold] (the long table as an Excel workbook: typed cells, frozen header, filters; needs the xlsx extra, and -o FILE or a pipe). [bold]-o FILE[/bold] writes a file, its format from its name (.csv, .json, .md, .txt, .xlsx) unless --format is given; it never replaces a file without --force.

Exit status: 0 shown, 1 a results file has problems, or some plan files are invalid (each is listed on stderr; the answer comes from the other plans), 2 usage error.
"""

SET_EPILOG = """\
[bold]Examples[/bold]

  planctl progress set 1A.i1 --period 2017 --actual 3 --target 5 --source "Monitor 2017, p. 12"
  planctl progress set 1A.i1 --target 5                 [dim]# the life-of-plan target[/dim]
  planctl progress set 1A.i2 --count joined             [dim]# computed: target countries that joined[/dim]
  planctl progress set 1A.nc3 --status implementation --note "grants paid to 4 campaigns"
  planctl progress set 1A.g2 --country Benin --outcome joined --date 2017-08-27 --how ratification
  planctl progress set lm-2017 --status published --date 2017-12-14 --url https://example.org/lm2017

What ID is decides the options: an [bold]indicator[/bold] takes --period with --actual, --target, --rating (qualitative), --as-of, --source, --comment (or, without --period, --target for the life-of-plan target, --measure, or --count OUTCOME to count it from the target countries' outcomes); an [bold]activity[/bold] or [bold]action[/bold] --status (pipeline, implementation, finalisation, closed, cancelled, suspended), --as-of (default: today), --note; a [bold]target group[/bold] --country with --outcome (joined, signed, engaged, no-change), --date, --how (ratification, accession, succession), --source, --note; an [bold]event[/bold] --status (held, postponed, cancelled), --date, --note; a [bold]publication[/bold] --status (published, delayed, cancelled), --date, --url, --note.

The results file (progress/PLAN.yaml beside the plans folder; made if missing) is rewritten atomically, keeping every comment and value: `git diff` shows the lines of the fact. A fact that `planctl validate` would refuse (an unknown id, a period outside the plan, a text where a number goes, an actual of a computed indicator) is refused and the file left untouched.

Exit status: 0 recorded, 2 refused (nothing written), unknown id, unreadable or read-only file.
"""


def progress(
    ctx: typer.Context,
    objective: ObjectiveOpt = None,
    goal: GoalOpt = None,
    period: PeriodOpt = None,
    plan: PlanOpt = None,
    fmt: ListFormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """How the plans are doing: each indicator's baseline, target, actual, % of the way to the target, status and as-of date; then activity statuses per objective; then the countries whose outcome changed.

    Plans without --plan: those with results recorded (all of them if none has any).
    """
    if ctx.invoked_subcommand is not None:
        return
    from planctl.cli.listing import write
    from planctl.cli.options import LIST_SUFFIXES, file_format, output_file
    from planctl.results import progress as progress_
    from planctl.results.files import require_valid, results_for, today_from_environment
    from planctl.words import count

    target = output_file(out)
    name = file_format(fmt, target, LIST_SUFFIXES, "table")
    selection = skipped.select_plans(plan)
    loaded: Sequence[LoadedPlan] = selection
    today = today_from_environment()
    recorded = results_for(list(loaded), today=today)
    require_valid(recorded)
    if plan is None and recorded:
        loaded = [lp for lp in loaded if lp.plan.id in recorded]
    elif not recorded:
        output.note(
            "note: no results are recorded for "
            + ", ".join(lp.plan.id for lp in loaded)
            + "; record one with `planctl progress set ID ...` (see docs/results-format.md)"
        )
    results = {pid: r.results for pid, r in recorded.items() if r.results is not None}
    plans = [lp.plan for lp in loaded]
    if name in ("csv", "xlsx"):
        from planctl.render.listing import RENDERERS as LISTING_RENDERERS

        long = progress_.long_table(plans, results, objective=objective, goal=goal, period=period, today=today)
        write(LISTING_RENDERERS[name](long), name, target, force, f"{name}, {count(len(long.rows), 'row')}")
    else:
        from planctl.render.progress import RENDERERS

        shown = progress_.progress(plans, results, objective=objective, goal=goal, period=period, today=today)
        what = f"{name}, {count(len(shown.indicators.rows), 'indicator')}"
        write(RENDERERS[name](shown), name, target, force, what)
    skipped.finish(selection)


def set_(
    id_: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="What the fact is about: an indicator, activity, action, target group, event or publication id.",
            show_default=False,
        ),
    ],
    plan: PlanOpt = None,
    period: PeriodOpt = None,
    actual: Annotated[
        str | None,
        typer.Option(
            "--actual",
            metavar="VALUE",
            help="What happened in the period: a number (a text for a qualitative indicator).",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            metavar="VALUE",
            help="The period's target; without --period, the life-of-plan target.",
            show_default=False,
        ),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            metavar="MEASURE",
            help="The indicator's measure: number, percentage or qualitative.",
            show_default=False,
        ),
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option(
            "--rating",
            metavar="RATING",
            help="A qualitative indicator's standing: achieved, on-track, at-risk or off-track.",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE", help="The day the figure or status describes.", show_default=False),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", metavar="TEXT", help="Where the fact comes from.", show_default=False)
    ] = None,
    comment: Annotated[
        str | None,
        typer.Option("--comment", metavar="TEXT", help="A comment on the period's figures.", show_default=False),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="An activity's, action's, event's or publication's status.",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note on the status or outcome.", show_default=False)
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            metavar="NAME",
            help="With a target group: the country (a name, alias or ISO code).",
            show_default=False,
        ),
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome",
            metavar="OUTCOME",
            help="The country's outcome: joined, signed, engaged or no-change.",
            show_default=False,
        ),
    ] = None,
    date_: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When the outcome happened, the event was held or the publication appeared.",
            show_default=False,
        ),
    ] = None,
    how: Annotated[
        str | None,
        typer.Option(
            "--how",
            metavar="HOW",
            help="How a country joined: ratification, accession or succession.",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", metavar="URL", help="Where a publication is published.", show_default=False)
    ] = None,
    count: Annotated[
        str | None,
        typer.Option(
            "--count",
            metavar="OUTCOME",
            help="Make the indicator computed: the number of its objective's target countries with this outcome (joined, signed, engaged, no-change).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record one fact in the plan's results file: an indicator's figure for a period, an activity's status, a country's outcome, an event's or a publication's fate."""
    import os
    import stat

    from planctl import api
    from planctl.errors import InputError
    from planctl.files.reading import decode, read_bytes
    from planctl.files.writing import write_atomic
    from planctl.query.calendar import parse_date
    from planctl.results.files import folder_for, results_for, today_from_environment
    from planctl.results.record import Request, record

    today = today_from_environment()
    request = Request(
        period=period,
        actual=actual,
        target=target,
        measure=measure,
        rating=rating,
        as_of=parse_date(as_of, "--as-of") if as_of is not None else None,
        source=source,
        comment=comment,
        status=status,
        note=note,
        country=country,
        outcome=outcome,
        date=parse_date(date_, "--date") if date_ is not None else None,
        how=how,
        url=url,
        count=count,
    )
    # every plan must be valid (an invalid one is refused, not skipped): ID is looked for in each
    chosen_plan, ids = _plan_of(id_, api.select_plans(plan, cache=True))
    found = results_for([chosen_plan], today=today).get(chosen_plan.plan.id)
    path = found.path if found is not None else folder_for(chosen_plan.path) / f"{chosen_plan.plan.id}.yaml"
    old_text = decode(read_bytes(path)) if found is not None else None
    done = record(path, old_text, ids, id_, request, today)
    if done.created:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(f"{path.parent}: cannot make the folder: {e.strerror or e}") from None
        write_atomic(path, done.text, overwrite=False)
    else:
        if path.exists() and not os.stat(path).st_mode & stat.S_IWUSR:
            raise InputError(
                f"{path} is read-only; nothing was recorded", hint=f"make it writable first (chmod u+w {path})"
            )
        write_atomic(path, done.text)
    output.note(f"{'created' if done.created else 'recorded in'} {path}: {done.summary}")
    for name in done.dropped:
        output.note(f"removed `{name}` from that entry: it applies to the outcome joined only")
    if done.relaid:
        output.note(
            f"note: {path} was not in planctl's layout, so lines besides the fact changed too (`planctl fmt {path}` once keeps later diffs to the fact)"
        )


def _plan_of(id_: str, loaded: Sequence[LoadedPlan]) -> tuple[LoadedPlan, PlanIds]:
    """The one plan that has an item with id `id_`, with its ids; UsageError for none or several."""
    from planctl.errors import UsageError
    from planctl.model.checks import _known
    from planctl.model.results_checks import PlanIds
    from planctl.results.record import KINDS

    summaries = [(lp, PlanIds.of(lp.plan)) for lp in loaded]
    having = [(lp, ids) for lp, ids in summaries if ids.kind_of(id_) is not None]
    if len(having) == 1 or len(summaries) == 1:
        return (having or summaries)[0]
    if not having:
        every = sorted(
            {
                i
                for _, ids in summaries
                for kind in (ids.indicators, ids.activities, ids.actions, ids.groups, ids.events)
                for i in kind
            }
        )
        raise UsageError(
            f"no {KINDS} with id {id_!r} in plans {', '.join(lp.plan.id for lp, _ in summaries)}",
            hint=_known("ids are", every, id_),
        )
    raise UsageError(
        f"{id_!r} is in plans {', '.join(lp.plan.id for lp, _ in having)}",
        hint=f"name one with --plan, e.g. --plan {having[0][0].plan.id}",
    )


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    group = typer.Typer(
        name="progress",
        rich_markup_mode="rich",
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    from planctl.results import STATUS_RULE

    group.callback(invoke_without_command=True, epilog=EPILOG.format(rule=STATUS_RULE))(handles_errors(progress))
    group.command("set", epilog=SET_EPILOG)(handles_errors(set_))
    app.add_typer(group)
