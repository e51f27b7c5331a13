"""`planctl render`: publish a plan as a Markdown, HTML, PDF or Word document."""

from __future__ import annotations

from typing import Annotated

import typer

from planctl.cli import output, skipped
from planctl.cli.options import DEFAULT_MAX, ForceOpt, MaxBytes, OutputOpt, choices, file_format, output_file

FORMATS = ["markdown", "html", "pdf", "docx"]  # = planctl.render.document.RENDERERS (a test checks)
Format = choices("Format", FORMATS)

EPILOG = """\
[bold]Examples[/bold]

  planctl render 2017                          [dim]# Markdown on stdout[/dim]
  planctl render plans/2017.yaml -o 2017.html  [dim]# format from the file name[/dim]
  planctl render 2017 -o board.pdf             [dim]# A4, numbered pages, contents, links[/dim]
  planctl render 2017 -o plan.docx             [dim]# Word, with its heading and list styles[/dim]
  planctl render 2017 --format html -o site/plan.html --force

Under the title every document says which plan it is: organisation, period, the plan it implements (by that plan's title, when planctl finds it: $PLANCTL_PLANS, else the nearest plans/ directory), its status where the plan states one (`status`, `status_date`) and its [bold]version[/bold]: the last git commit that changed the file, with its date, or the day the file was saved when it has changes not yet committed or is not in git.

The file's ending chooses the format: .md (or .txt), .html, .pdf, .docx; any other is refused. The HTML page is one self-contained file (no scripts, nothing fetched) that prints to A4. [bold]PDF[/bold] is that page printed by headless Chromium or Chrome (version 131 or later numbers the pages), found on the PATH or named by $PLANCTL_CHROMIUM. [bold]Word[/bold] needs python-docx: pip install 'plans-as-code[docx]'. PDF and Word go to a file or a pipe, never onto a terminal.
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
            help="Output format. Default: from the -o file name (.md, .html, .pdf, .docx), else markdown.",
            show_default=False,
            case_sensitive=False,
        ),
    ] = None,
    out: OutputOpt = None,
    force: ForceOpt = False,
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Render a plan as the document the organisation publishes: Markdown, a printable HTML page, PDF or Word.

    Goals, objectives with indicators, targets, strategy and activities by category, sections, publications, the calendar by month and footnotes, in the plan's order. Strategies and action plans render in their own shape (vision and mission; numbered resolutions and actions).
    """
    from planctl.api import plan_document
    from planctl.errors import UsageError
    from planctl.files.writing import write_atomic
    from planctl.render.document import RENDERERS, SUFFIXES

    target = output_file(out)
    if target is not None and target.is_dir():
        raise UsageError(f"{target} is a directory", hint=f"name a file, e.g. -o {target / 'plan.html'}")
    name = file_format(fmt, target, SUFFIXES, "markdown")

    selected = skipped.select_plan(plan, max_bytes=max_bytes, command="render", usage="planctl render {id}")
    result = RENDERERS[name](plan_document(selected, max_bytes=max_bytes))
    if target is None:
        if isinstance(result, bytes):
            output.write_binary(result, "a Word document" if name == "docx" else f"a {name.upper()} document")
        else:
            output.write(result)
        return
    content = result.encode("utf-8") if isinstance(result, str) else result
    write_atomic(target, content, overwrite=force)
    output.note(f"wrote {target} ({name}, {len(content):,} bytes)")


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("render", epilog=EPILOG)(handles_errors(render))
