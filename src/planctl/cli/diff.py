"""`planctl diff`: what changed between two versions of a plan, item by item."""

from __future__ import annotations

from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import DEFAULT_MAX, MaxBytes, choices, chosen, format_option

Format = choices("DiffFormat", ["text", "markdown", "json"])
TEXT = Format("text")

EPILOG = """\
[bold]Examples[/bold]

  planctl diff main:plans/2017.yaml plans/2017.yaml  [dim]# main's version against the working tree[/dim]
  planctl diff main:plans/2017.yaml                   [dim]# the same, shorter[/dim]
  planctl diff old.yaml new.yaml
  planctl diff HEAD~1                                 [dim]# every plan changed since the commit before last[/dim]
  planctl diff --since origin/main                    [dim]# every plan changed on this branch[/dim]
  planctl diff --since origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
  planctl diff --since v1 --format json | jq '.plans[].changes[] | {op, kind, id}'

OLD and NEW are plan files or git objects REV:path, read with `git show` in the repository around the current directory (path from the top of the repository, or ./path from here). A revision alone (`planctl diff main`) means --since: every plan file changed since it; a file of that name wins.

Items are matched by id: reordering is no change, an item found under another objective or category is a move, and a country respelled ('Laos', 'Lao PDR') is the same country.

Exit status: 0 no differences, 1 differences, 2 usage error, unreadable input, or an invalid plan on either side (its problems are listed).
"""


def diff(
    old: Annotated[
        str | None,
        typer.Argument(
            metavar="OLD",
            help="The earlier version: a plan file or a git object REV:path; or a git revision alone, as --since REV.",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW",
            help="The later version: a plan file or REV:path. Default, when OLD is REV:path: that path in the working tree.",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Compare every plan file that changed since this git revision (working tree included) with its version there; plan files added or deleted are listed as such. Plans are found as for validate: $PLANCTL_PLANS, else the nearest plans/.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[Format, format_option()] = TEXT,  # type: ignore[valid-type]
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing; the exit status alone says whether the plans differ.")
    ] = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Show what changed between two versions of a plan: goals, objectives, indicators, targets, activities, events, publications, sections and metadata added, removed, changed or moved.

    Text output groups the changes by objective; markdown suits a pull-request comment or a CI job summary; json is for tools.
    """
    from planctl import api
    from planctl.errors import UsageError
    from planctl.render.diff import RENDERERS

    if since is not None and old is not None:
        raise UsageError(
            "give either --since REV or OLD [NEW], not both",
            hint="--since compares every plan that changed since REV; OLD NEW compare two versions of one plan",
        )
    if since is None and old is None:
        raise UsageError(
            "nothing to compare: give OLD and NEW, or --since REV",
            hint="e.g. planctl diff main:plans/2017.yaml plans/2017.yaml, or planctl diff main (every plan changed since)",
        )
    if since is not None:
        report = api.diff_since(since, max_bytes=max_bytes)
    else:
        assert old is not None
        report = api.diff(old, new, max_bytes=max_bytes)
    if not quiet:
        output.write(RENDERERS[chosen(fmt)](report))
    raise typer.Exit(1 if report.changed else 0)


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("diff", epilog=EPILOG)(handles_errors(diff))
