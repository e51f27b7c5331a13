"""`planctl init`: start a plans repository: a first plan, its schema, pre-commit hooks, a workflow, a README."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import choices, chosen, path

KINDS = ["operational", "strategy", "action-plan"]  # = planctl.init.KINDS (a test checks)
Kind = choices("Kind", KINDS)
OPERATIONAL = Kind("operational")

EPILOG = """\
[bold]Examples[/bold]

  planctl init                              [dim]# here: a first operational plan for this year[/dim]
  planctl init my-plans --kind strategy     [dim]# a new folder, with a five-year strategy[/dim]
  planctl init --year 2027 --skip-existing  [dim]# an existing repository: leave its README alone[/dim]

Writes plans/ID.yaml (a first plan that validates, with comments saying what to fill in), schemas/plan.schema.json (for editors), .pre-commit-config.yaml (validate and fmt before each commit), .github/workflows/plans.yml (checks, annotations and a plan-diff comment on each pull request) and README.md. Nothing is ever overwritten: when a file, folder or link of those names exists, init lists them and writes nothing, unless --skip-existing.

Exit status: 0 written, 2 usage error, files in the way, or a file that cannot be written (then nothing is left behind).
"""


def init(
    directory: Annotated[
        Path,
        typer.Argument(
            parser=path,
            metavar="[DIR]",
            help="The repository's folder, created if missing. Default: here.",
            show_default=False,
        ),
    ] = Path("."),
    kind: Annotated[
        Kind,  # type: ignore[valid-type]
        typer.Option("--kind", "-k", help="What the first plan is.", case_sensitive=False),
    ] = OPERATIONAL,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=1000,
            max=9995,
            help="The first year of the plan's period. Default: this year.",
            show_default=False,
        ),
    ] = None,
    skip_existing: Annotated[
        bool,
        typer.Option(
            "--skip-existing", help="Write only the files that do not exist yet; leave the others as they are."
        ),
    ] = False,
) -> None:
    """Start a plans repository: a first plan to fill in, the schema editors check it with, pre-commit hooks, a GitHub workflow and a README."""
    from datetime import date

    from planctl import init as repository
    from planctl.errors import InputError

    if directory.exists() and not directory.is_dir():
        raise InputError(f"{directory} is not a folder", hint="name a folder for the plans repository, or a new name")
    files = repository.planned_files(chosen(kind), year if year is not None else date.today().year)  # type: ignore[arg-type]
    in_the_way = repository.in_the_way(directory, files)
    here = directory == Path(".")
    if in_the_way and not skip_existing:
        raise InputError(
            f"nothing written {'here' if here else f'in {directory}'}: {', '.join(in_the_way.values())}",
            hint="planctl init never writes over anything: move those away or choose another folder;"
            " --skip-existing writes only the other files",
        )
    todo = [f for f in files if f not in in_the_way]
    repository.write(directory, todo)
    for f in files:
        shown = f.path if here else directory / f.path
        output.note(f"created {shown}: {f.purpose}" if f in todo else f"skipped {shown}: {in_the_way[f]}")
    in_git = any((folder / ".git").exists() for folder in (directory.resolve(), *directory.resolve().parents))
    hooks = "pre-commit install" if in_git else "git init && pre-commit install"
    steps = ["planctl validate", f"{hooks} (pre-commit itself: pipx install pre-commit)"]
    output.note("next: " + ("" if here else f"cd {directory}, ") + ", then ".join(steps))


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("init", epilog=EPILOG)(handles_errors(init))
