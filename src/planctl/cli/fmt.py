"""`planctl fmt`: rewrite plan files in the canonical layout, keeping every comment and value."""

from __future__ import annotations

from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import DEFAULT_MAX, MaxBytes, PathsArg, choices, chosen, format_option

Format = choices("Format", ["text", "json"])
TEXT = Format("text")

EPILOG = """\
[bold]Examples[/bold]

  planctl fmt                          [dim]# every plan under plans/[/dim]
  planctl fmt plans/2018.yaml
  planctl fmt --check plans/           [dim]# in CI: exit 1 if a file is not formatted[/dim]
  planctl fmt --diff plans/ | less     [dim]# what would change, as a patch[/dim]

The layout: 2-space indentation, list items indented under their key, keys in the order of the plan format, no line folding (a paragraph stays one line), comments indented like the line below them, no trailing spaces, one final newline. Comments, quoting, flow-style lists and block scalars are kept. A file whose data or comments would not survive exactly (invalid YAML, a comment inside [...]) is left untouched and reported.

Exit status: 0 done (or nothing to do), 1 files would be reformatted (--check, --diff) or could not be formatted, 2 usage error or unreadable or unwritable file.
"""


def fmt(
    paths: PathsArg = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; list the files that would change and exit 1 if any.")
    ] = False,
    show_diff: Annotated[
        bool, typer.Option("--diff", help="Change nothing; print a unified diff of the changes and exit 1 if any.")
    ] = False,
    fmt_: Annotated[Format, format_option()] = TEXT,  # type: ignore[valid-type]
    max_bytes: MaxBytes = DEFAULT_MAX,
) -> None:
    """Rewrite plan files in the canonical layout; data and comments stay exactly as they are.

    Each file is written atomically (a temporary file, then a rename; the file mode is kept), so an interrupted run leaves every file either as it was or fully formatted.
    """
    from planctl.errors import ExitCode, UsageError
    from planctl.files.reading import default_paths
    from planctl.fmt import format_paths
    from planctl.render.fmt import RENDERERS, diff

    if show_diff and chosen(fmt_) != "text":
        raise UsageError("--diff prints a patch; it cannot be combined with --format json")
    results = format_paths(paths or default_paths(), write=not (check or show_diff), max_bytes=max_bytes)
    if show_diff:
        output.write(diff(results))
        output.stderr().print(RENDERERS["text"](results), end="")
    else:
        output.write(RENDERERS[chosen(fmt_)](results))
    if any(r.status in ("unreadable", "unwritable") for r in results):
        raise typer.Exit(int(ExitCode.USAGE))
    if any(r.status == "refused" for r in results) or ((check or show_diff) and any(r.changed for r in results)):
        raise typer.Exit(int(ExitCode.FINDINGS))


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("fmt", epilog=EPILOG)(handles_errors(fmt))
