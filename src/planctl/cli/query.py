"""Query commands: `targets`, `countries`, `objectives`, `indicators`, `activities`, `actions`, `publications`.

Each parses its options, asks `planctl.query.questions` for a Listing and prints it in the chosen format.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from planctl.cli import skipped
from planctl.cli.options import (
    DEFAULT_MAX,
    ForceOpt,
    GoalOpt,
    ListFormatOpt,
    MaxBytes,
    ObjectiveOpt,
    OutputOpt,
    PlanOpt,
    TodayOpt,
)

if TYPE_CHECKING:
    from planctl.api import Selection
    from planctl.model.plan import Plan
    from planctl.model.results import Results
    from planctl.query.listing import Listing

FormatOpt = ListFormatOpt

FORMATS_NOTE = """\
Formats: [bold]table[/bold] (for people; fits the terminal, shortening long texts to their first sentence), [bold]json[/bold] (an array of objects keyed by the column names in snake_case), [bold]csv[/bold] (opens in a spreadsheet), [bold]markdown[/bold] (pastes into a document), [bold]xlsx[/bold] (an Excel workbook: typed cells, frozen header, filters; needs the xlsx extra, and -o FILE or a pipe). Every format but the table carries every text whole. Rows from several plans say which plan in the [bold]plan[/bold] column.

[bold]-o FILE[/bold] writes a file, its format from its name (.csv, .json, .md, .txt, .xlsx) unless --format is given; it never replaces a file without --force. A CSV file starts with a UTF-8 byte-order mark so Excel reads its accents right; the CSV on standard output has none.
"""


def _epilog(examples: str) -> str:
    return f"[bold]Examples[/bold]\n\n{examples}\n{FORMATS_NOTE}\n{skipped.EXIT_STATUS}\n"


def _plans(plan: str | None, today: str | None, max_bytes: int, *, every_year: bool = False) -> Selection:
    return skipped.select_plans(plan, max_bytes=max_bytes, today=today, every_year=every_year)


def _models(selection: Selection) -> list[Plan]:
    return [lp.plan for lp in selection]


def _with_results(selection: Selection, wanted: str | None, option: str) -> dict[str, Results] | None:
    """The results recorded for the selected plans (None when there are none, so no column is added).

    Results with problems are left out with a note, unless `wanted` (--outcome, --status) asks about them.
    """
    from planctl.cli import output
    from planctl.results.files import require_valid, results_for, today_from_environment

    recorded = results_for(list(selection), today=today_from_environment())
    if not recorded:
        if wanted is not None:
            output.note(f"note: no results are recorded for these plans, so no row has the {option} {wanted}")
        return {} if wanted is not None else None
    if wanted is not None:
        require_valid(recorded)
    broken = [str(r.path) for r in recorded.values() if r.errors]
    if broken:
        output.note(f"note: {', '.join(broken)} has problems, so what it records is not shown (`planctl validate`)")
    return {pid: r.results for pid, r in recorded.items() if r.results is not None and not r.errors}


def _emit(
    listing: Listing,
    fmt: Any,
    out: Path | None,
    force: bool,
    selection: Selection,
    constant: Sequence[str] = ("plan",),
    ditto: Sequence[str] = (),
) -> None:
    """Print or write the answer; exit 1 when it left plan files out (listed on stderr already)."""
    from planctl.cli.listing import emit

    emit(listing, fmt, out, force, constant, ditto)
    skipped.finish(selection)


def _constant(objective: str | None) -> list[str]:
    """Columns a table may leave out when every row has one value: the title names it."""
    return ["plan", "objective"] if objective is not None else ["plan"]


# ------------------------------------------------------------------------------------------


TARGETS_EPILOG = _epilog("""\
  planctl targets --objective 1A     [dim]# target countries of 1A, by group[/dim]
  planctl targets --goal 2           [dim]# the objectives of goal 2[/dim]
  planctl targets --country Laos     [dim]# or 'Lao PDR', LA, LAO[/dim]
  planctl targets --objective 1a -o targets-1A.csv
  planctl targets -f json | jq -r '.[] | select(.type == "group").iso'
""")


def targets(
    objective: ObjectiveOpt = None,
    goal: GoalOpt = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            metavar="NAME",
            help="Only this country: a name, an alias (Laos, Lao PDR) or an ISO code (LA, LAO).",
            show_default=False,
        ),
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome",
            metavar="OUTCOME",
            help="Only target countries with this recorded outcome: joined, signed, engaged or no-change.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    today: TodayOpt = None,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Target countries of objectives, by target group, and the countries their activities name.

    Target groups come first, each with its rationale (a table shows its first sentence; json, csv and the other formats carry it whole), then the countries named by activities. One row per country and source: [bold]Source[/bold] is the target group that lists the country, or the activity that names it ([bold]Type[/bold] says which). Where results are recorded (progress/, see `planctl progress`), each target group row shows the country's [bold]Outcome[/bold] and its date.
    """
    from planctl.query import questions as query

    if outcome is not None:
        _check_choice("--outcome", outcome, "OUTCOMES")
    selection = _plans(plan, today, max_bytes)
    results = _with_results(selection, outcome, "outcome")
    listing = query.targets(_models(selection), objective=objective, goal=goal, country=country)
    if results is not None:
        from planctl.results.columns import with_outcomes

        listing = with_outcomes(listing, results, outcome)
    _emit(listing, fmt, out, force, selection, _constant(objective), ditto=["why"])


def _check_choice(option: str, value: str, vocabulary: str) -> None:
    """A usage error, with a 'did you mean', for a value not in the results model's `vocabulary`."""
    import difflib

    from planctl.errors import UsageError
    from planctl.model import results

    allowed: tuple[str, ...] = getattr(results, vocabulary)
    if value not in allowed:
        close = difflib.get_close_matches(value, allowed, n=1)
        raise UsageError(
            f"{option} {value!r} is not one of {', '.join(allowed)}",
            hint=f"did you mean {close[0]!r}?" if close else None,
        )


COUNTRIES_EPILOG = _epilog("""\
  planctl countries                  [dim]# every country named, with counts[/dim]
  planctl countries Thailand         [dim]# its objectives, groups, activities[/dim]
  planctl countries LA               [dim]# Laos by ISO code; or 'Lao PDR'[/dim]
  planctl countries --format csv > countries.csv
""")


def countries(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="A country: name, alias or ISO code. Without it: every country named.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    today: TodayOpt = None,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Countries the plans name, or one country's profile.

    Without NAME: each country named by a target group or an activity, with the objectives naming it and how many target groups and activities do. With NAME: every objective, target group and activity that names that country.
    """
    from planctl.query import questions as query

    selection = _plans(plan, today, max_bytes, every_year=name is not None)  # a country's profile spans every year
    plans = _models(selection)
    if name is None:
        _emit(query.countries_listing(plans), fmt, out, force, selection)
    else:
        _emit(query.country_profile(plans, name), fmt, out, force, selection)


OBJECTIVES_EPILOG = _epilog("""\
  planctl objectives
  planctl objectives --goal 1
  planctl objectives --plan 2017 --format markdown
""")


def objectives(
    goal: GoalOpt = None,
    plan: PlanOpt = None,
    today: TodayOpt = None,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Objectives, with counts of indicators, target countries and activities.

    Also their goal, and their priority and status where the plan gives them.
    """
    from planctl.query import questions as query

    selection = _plans(plan, today, max_bytes)
    _emit(query.objectives(_models(selection), goal=goal), fmt, out, force, selection, ["plan", "status"])


INDICATORS_EPILOG = _epilog("""\
  planctl indicators
  planctl indicators --objective 2B
  planctl indicators --goal 3 --format csv
""")


def indicators(
    objective: ObjectiveOpt = None,
    goal: GoalOpt = None,
    plan: PlanOpt = None,
    today: TodayOpt = None,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Indicators of progress, per objective."""
    from planctl.query import questions as query

    selection = _plans(plan, today, max_bytes)
    listing = query.indicators(_models(selection), objective=objective, goal=goal)
    _emit(listing, fmt, out, force, selection, _constant(objective))


ACTIVITIES_EPILOG = _epilog("""\
  planctl activities --objective 1A
  planctl activities --category media   [dim]# id, title or its beginning[/dim]
  planctl activities --search "side event"   [dim]# in text, id, countries[/dim]
  planctl activities --objective 1B --category research --format json
  planctl activities -o activities.xlsx      [dim]# a workbook for Excel[/dim]
""")


def activities(
    objective: ObjectiveOpt = None,
    goal: GoalOpt = None,
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            metavar="ID|TITLE",
            help="Only this category: its id, its title or a unique beginning of either (case does not matter).",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Only activities whose text, id or countries contain TEXT (case does not matter).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only activities with this recorded status: pipeline, implementation, finalisation, closed, cancelled, suspended, or not-reported.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    today: TodayOpt = None,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Activities, filtered by objective, category or text.

    Sub-activities are included (they take their parent's category). Each comes with the countries it names and its key dates (calendar event ids). Where results are recorded (progress/, see `planctl progress`), each shows its [bold]Status[/bold] and as-of date.
    """
    from planctl.query import questions as query

    if status is not None and status != "not-reported":
        _check_choice("--status", status, "ACTIVITY_STATUSES")
    selection = _plans(plan, today, max_bytes)
    results = _with_results(selection, status, "status")
    listing = query.activities(_models(selection), objective=objective, goal=goal, category=category, search=search)
    if results is not None:
        from planctl.results.columns import with_statuses

        listing = with_statuses(listing, results, status)
    _emit(listing, fmt, out, force, selection, _constant(objective))


ACTIONS_EPILOG = _epilog("""\
  planctl actions --plan cartagena-action-plan-2010-2014
  planctl actions --goal III          [dim]# the actions of section III[/dim]
  planctl actions --search "mine risk education"   [dim]# in text, id, number, countries[/dim]
  planctl actions --addressed-to "in a position to do so" --format csv
  planctl actions --country Angola
""")


def actions(
    goal: Annotated[
        str | None,
        typer.Option(
            "--goal",
            "--section",
            metavar="ID",
            help="Only the actions of this goal or section, e.g. III (case does not matter).",
            show_default=False,
        ),
    ] = None,
    addressed_to: Annotated[
        str | None,
        typer.Option(
            "--addressed-to",
            "-a",
            metavar="TEXT",
            help="Only actions addressed to someone whose description contains TEXT (case does not matter).",
            show_default=False,
        ),
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            metavar="TEXT",
            help="Only actions whose text, id, number or countries contain TEXT (case does not matter).",
            show_default=False,
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            metavar="NAME",
            help="Only actions concerning this country: a name, alias or ISO code.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    today: TodayOpt = None,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Actions of action plans, filtered by section, addressees, text or country.

    Each comes with its number, whom it is addressed to and, where the plan gives them, its deadline, the countries it concerns, its indicators, key dates (calendar event ids) and who follows it up.
    """
    from planctl.query import questions as query

    selection = _plans(plan, today, max_bytes)
    listing = query.actions(_models(selection), goal=goal, addressed_to=addressed_to, search=search, country=country)
    _emit(listing, fmt, out, force, selection, ["plan", "goal"] if goal is not None else ["plan"])


PUBLICATIONS_EPILOG = _epilog("""\
  planctl publications
  planctl publications --format markdown > publications.md
""")


def publications(
    plan: PlanOpt = None,
    today: TodayOpt = None,
    fmt: FormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Publications the plans expect.

    The items of a series follow it, naming it in [bold]Part of[/bold].
    """
    from planctl.query import questions as query

    selection = _plans(plan, today, max_bytes)
    _emit(query.publications(_models(selection)), fmt, out, force, selection)


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("targets", epilog=TARGETS_EPILOG)(handles_errors(targets))
    app.command("countries", epilog=COUNTRIES_EPILOG)(handles_errors(countries))
    app.command("objectives", epilog=OBJECTIVES_EPILOG)(handles_errors(objectives))
    app.command("indicators", epilog=INDICATORS_EPILOG)(handles_errors(indicators))
    app.command("activities", epilog=ACTIVITIES_EPILOG)(handles_errors(activities))
    app.command("actions", epilog=ACTIONS_EPILOG)(handles_errors(actions))
    app.command("publications", epilog=PUBLICATIONS_EPILOG)(handles_errors(publications))
