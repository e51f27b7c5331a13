"""`planctl render`: publish a plan as a Markdown or HTML document."""

from __future__ import annotations

from typing import Annotated

import typer

from planctl.cli import output, skipped
from planctl.cli.options import DEFAULT_MAX, ForceOpt, MaxBytes, OutputOpt, choices, chosen, output_file

Format = choices("Format", ["markdown", "html"])

EPILOG = """\
[bold]Examples[/bold]

  planctl render 2017                          [dim]# Markdown on stdout[/dim]
  planctl render plans/2017.yaml -o 2017.html  [dim]# format from the file name[/dim]
  planctl render 2017 --format html -o site/plan.html --force
  planctl render 2017 | pandoc -o 2017.docx    [dim]# into other tools[/dim]

The HTML page is one self-contained file (no scripts, nothing fetched) that prints to A4.
Exit status: 0 written, 1 the plan is invalid, 2 usage error, unknown plan or unwritable output. A plan named by id is rendered when it is valid, whatever the other plan files hold; two files with that id are a usage error (name one by its path).
"""


def render(
    plan: Annotated[
        str | None,
        typer.Argument(
            metavar="PLAN",
            help="A plan file or a plan id. Default: the only plan under $PLANCTL_PLANS or plans/.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        Format | None,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: from the -o file name (.html, .md), else markdown.",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Render a plan as the document the organisation publishes: Markdown or a printable HTML page.

    Goals, objectives with indicators, targets, strategy and activities by category, sections, publications, the calendar by month and footnotes, in the plan's order. Strategies and action plans render in their own shape (vision and mission; numbered resolutions and actions).
    """
    from planctl.document import build
    from planctl.errors import UsageError
    from planctl.files.writing import write_atomic
    from planctl.render.document import RENDERERS, SUFFIXES

    target = output_file(out)
    name = chosen(fmt) if fmt is not None else None
    if name is None:
        name = SUFFIXES.get(target.suffix.lower(), "markdown") if target is not None else "markdown"
    if target is not None and target.is_dir():
        raise UsageError(
            f"{target} is a directory",
            hint=f"name a file, e.g. -o {target / ('plan.' + ('html' if name == 'html' else 'md'))}",
        )

    selected = skipped.select_plan(plan, max_bytes=max_bytes, command="render", usage="planctl render {id}")
    text = RENDERERS[name](build(selected.plan))
    if target is None:
        output.write(text)
        return
    write_atomic(target, text, overwrite=force)
    output.note(f"wrote {target} ({name}, {len(text.encode('utf-8')):,} bytes)")


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("render", epilog=EPILOG)(handles_errors(render))
