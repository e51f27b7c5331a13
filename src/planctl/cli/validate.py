"""`planctl validate`: check plan files, report every problem with its position."""

from __future__ import annotations

from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import DEFAULT_MAX, Jobs, MaxBytes, PathsArg, choices, chosen, format_option

Format = choices("Format", ["text", "json", "github"])
TEXT = Format("text")

EPILOG = """\
[bold]Examples[/bold]

  planctl validate                        [dim]# every plan under plans/[/dim]
  planctl validate plans/2017.yaml
  planctl validate --format github plans/ [dim]# annotations in a GitHub Actions job[/dim]
  planctl validate --format json plans/ | jq '.problems[].message'

Exit status: 0 all valid (warnings allowed), 1 problems found, 2 usage error or unreadable input.
"""


def validate(
    paths: PathsArg = None,
    fmt: Annotated[Format, format_option()] = TEXT,  # type: ignore[valid-type]
    max_bytes: MaxBytes = DEFAULT_MAX,
    jobs: Jobs = 0,
) -> None:
    """Check plans against the schema and the plan rules, and the results recorded against them.

    Reports schema errors, duplicate ids, references to missing ids, impossible dates, ranges that end before they start, events outside the plan's period and unknown countries, each as file:line:col.

    Results files (in [bold]progress/[/bold] beside a plans folder checked, or named) are checked against their plan: ids that resolve, periods inside the plan, values that fit the indicator's measure, dates not in the future; results older than the file's [bold]stale_after_days[/bold] are warnings (exit 0). See docs/results-format.md.
    """
    from planctl import api
    from planctl.files.reading import default_paths
    from planctl.render.diagnostics import RENDERERS
    from planctl.results.files import folders_beside

    named = paths or default_paths()
    named += folders_beside(named)  # the results recorded against the plans: progress/ beside plans/
    report = api.validate_paths(named, max_bytes=max_bytes, jobs=jobs, keep_plans=False)
    output.write(RENDERERS[chosen(fmt)](report.diagnostics, len(report.files)))
    raise typer.Exit(int(report.exit_code))


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("validate", epilog=EPILOG)(handles_errors(validate))
