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

Exit status: 0 all valid, 1 problems found, 2 usage error or unreadable input.
"""


def validate(
    paths: PathsArg = None,
    fmt: Annotated[Format, format_option()] = TEXT,  # type: ignore[valid-type]
    max_bytes: MaxBytes = DEFAULT_MAX,
    jobs: Jobs = 0,
) -> None:
    """Check plans against the schema and the plan rules.

    Reports schema errors, duplicate ids, references to missing ids, impossible dates, ranges that end before they start, events outside the plan's period and unknown countries, each as file:line:col.
    """
    from planctl import api
    from planctl.files.reading import default_paths
    from planctl.render.diagnostics import RENDERERS

    report = api.validate_paths(paths or default_paths(), max_bytes=max_bytes, jobs=jobs, keep_plans=False)
    output.write(RENDERERS[chosen(fmt)](report.diagnostics, len(report.files)))
    raise typer.Exit(int(report.exit_code))


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("validate", epilog=EPILOG)(handles_errors(validate))
