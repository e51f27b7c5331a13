"""`planctl plans`: the plans found, their kind, period and size."""

from __future__ import annotations

import typer

from planctl.cli.options import ForceOpt, ListFormatOpt, OutputOpt, PlanOpt

EPILOG = """\
[bold]Examples[/bold]

  planctl plans
  planctl plans --plan plans/2017.yaml
  planctl plans --format json | jq -r '.[].id'
  planctl plans -o plans.xlsx
"""


def plans(
    plan: PlanOpt = None,
    fmt: ListFormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """List the plans found: id, kind, period, title, what each implements, and counts of objectives, actions, activities and events."""
    from planctl.api import select_plans
    from planctl.cli.listing import emit
    from planctl.query.plans import plans_listing

    emit(plans_listing(select_plans(plan, cache=True)), fmt, out, force, constant=())


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("plans", epilog=EPILOG)(handles_errors(plans))
