"""`planctl plans`: the plans found, their kind, period and size."""

from __future__ import annotations

import typer

from planctl.cli import output, skipped
from planctl.cli.options import TABLE, ListFormatOpt, PlanOpt, chosen

EPILOG = f"""\
[bold]Examples[/bold]

  planctl plans
  planctl plans --plan plans/2017.yaml
  planctl plans --format json | jq -r '.[].id'

{skipped.EXIT_STATUS}
"""


def plans(
    plan: PlanOpt = None,
    fmt: ListFormatOpt = TABLE,
) -> None:
    """List the plans found: id, kind, period, title, what each implements, and counts of objectives, actions, activities and events."""
    from planctl.query.plans import plans_listing
    from planctl.render.listing import RENDERERS

    selection = skipped.select_plans(plan)
    output.write(RENDERERS[chosen(fmt)](plans_listing(selection)))
    skipped.finish(selection)


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("plans", epilog=EPILOG)(handles_errors(plans))
