"""`planctl plans`: the plans found, their kind, period and size."""

from __future__ import annotations

import typer

from planctl.cli import skipped
from planctl.cli.options import DEFAULT_MAX, ForceOpt, ListFormatOpt, MaxBytes, OutputOpt, PlanOpt

EPILOG = f"""\
[bold]Examples[/bold]

  planctl plans
  planctl plans --plan plans/2017.yaml
  planctl plans --format json | jq -r '.[].id'
  planctl plans -o plans.xlsx

{skipped.EXIT_STATUS}
"""


def plans(
    plan: PlanOpt = None,
    fmt: ListFormatOpt = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """List the plans found: id, kind, period, title, what each implements, and counts of objectives, actions, activities and events."""
    from planctl.cli.listing import emit
    from planctl.query.plans import plans_listing

    selection = skipped.select_plans(plan, max_bytes=max_bytes, every_year=True)
    emit(plans_listing(selection), fmt, out, force, constant=())
    skipped.finish(selection)


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("plans", epilog=EPILOG)(handles_errors(plans))
