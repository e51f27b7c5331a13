"""`planctl show`: a plan, or one objective, as a readable view (headings, indicators, targets, activities)."""

from __future__ import annotations

import typer

from planctl.cli import output, skipped
from planctl.cli.options import DEFAULT_MAX, GoalOpt, MaxBytes, ObjectiveOpt, PlanOpt, TodayOpt

EPILOG = f"""\
[bold]Examples[/bold]

  planctl show --objective 1A        [dim]# one objective, in full[/dim]
  planctl show --goal 3              [dim]# the objectives of goal 3[/dim]
  planctl show --plan cartagena-action-plan-2010-2014 --goal I   [dim]# an action plan's section I[/dim]
  planctl show --plan 2017 | less    [dim]# the whole plan[/dim]

When several plans have the objective (2017's 1A and the strategy's 1a, say), each is shown under its plan's heading. For tables and machine formats, see `planctl objectives`, `targets`, `activities`.

{skipped.EXIT_STATUS}
"""


def show(
    objective: ObjectiveOpt = None,
    goal: GoalOpt = None,
    plan: PlanOpt = None,
    today: TodayOpt = None,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Show a plan, some of its objectives, or a section of an action plan, as a readable document.

    Each objective comes with its indicators, targets (groups with their rationale and countries), strategy and activities by category, with key dates spelt out from the calendar.
    """
    from rich.console import Group

    from planctl.api import plan_document
    from planctl.query import questions as query
    from planctl.render.show import document_view, goals_view, objectives_view

    loaded = skipped.select_plans(plan, max_bytes=max_bytes, today=today)
    plans = [lp.plan for lp in loaded]
    sources = {lp.plan.id: str(lp.path) for lp in loaded}
    if objective is None and goal is None:
        output.write(Group(*(document_view(plan_document(lp), str(lp.path)) for lp in loaded)))
    else:
        refs = query.find_objectives(plans, objective=objective, goal=goal)
        sections = query.goals_with_actions(plans, goal) if goal is not None and objective is None else []
        answering = {r.plan.id for r in refs} | {p.id for p, _ in sections}
        documents = {lp.plan.id: plan_document(lp) for lp in loaded if lp.plan.id in answering}
        output.write(
            Group(
                objectives_view(refs, documents, sources),
                goals_view([(p.id, g.id) for p, g in sections], documents, sources),
            )
        )
    skipped.finish(loaded)


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("show", epilog=EPILOG)(handles_errors(show))
