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

[bold]The layout[/bold]: 2-space indentation, list items indented under their key, keys in the order of the plan format (unknown keys after them), no line folding (a paragraph stays one line), no trailing spaces, at most one blank line in a row, one final newline. Values are copied as written: quoting, escapes such as "\\u00a0", block scalars (| >) and flow lists (\\[a, b]) are kept; so are %YAML, --- and ... lines.

[bold]Comments stay with what they describe[/bold]: comments on the lines above a key or list item move with it and are indented like it; an end-of-line comment stays on its line; comments at the top of the file, above a blank line, stay at the top. When a list item's first key changes and has comments above it, the item starts with a lone "-" so that they stay right above that key.

[bold]Nothing is written unless proven safe[/bold]: the result must hold the same data, every comment with the same neighbour, and format to itself. Otherwise the file is left untouched and reported (exit 1), as is a file whose comments have no neighbour (between a key and its value, inside \\[...] or {...}).

[bold]Files[/bold] are replaced whole (a temporary file, then a rename), keeping mode, owner and group. fmt refuses (exit 2), leaving the file as it is: a read-only file, a file with other hard links (a new file would split them), and a symbolic link to a file outside the folder given and its git repository. Files found or made canonical are noted beside the plan cache (by the hash of their bytes), so that fmt --check skips them while they are unchanged; PLANCTL_NO_CACHE=1 turns that off.

Exit status: 0 done (or nothing to do), 1 files would be reformatted (--check, --diff) or could not be formatted safely, 2 usage error, or a file that cannot be read or must not be written.
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
    """Rewrite plan files in the canonical layout; data stay exactly as they are, comments beside what they describe.

    Each file is written atomically (a temporary file, then a rename; mode, owner and group kept), so an interrupted run leaves every file either as it was or fully formatted.
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
