"""A typer command with the options of `planctl targets` that does nothing: the floor under (b).

`benchmarks/run.py` times it beside `planctl targets`, so the report shows how much of a command's
start-up is typer's own (importing it, building the command, converting the options) and how much
is planctl's.
"""

from __future__ import annotations

from typing import Annotated

import typer

from planctl.cli.options import GoalOpt, ListFormatOpt, ObjectiveOpt, PlanOpt

app = typer.Typer(add_completion=False)


@app.command()
def targets(
    objective: ObjectiveOpt = None,
    goal: GoalOpt = None,
    country: Annotated[str | None, typer.Option("--country")] = None,
    plan: PlanOpt = None,
    fmt: ListFormatOpt = None,
) -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
