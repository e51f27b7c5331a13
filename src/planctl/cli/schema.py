"""`planctl schema`: print or write the JSON Schema of plan files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import ForceOpt, OutputOpt, output_file, path
from planctl.errors import ExitCode

EPILOG = """\
[bold]Examples[/bold]

  planctl schema                               [dim]# print it[/dim]
  planctl schema -o schemas/plan.schema.json --force   [dim]# regenerate the checked-in copy[/dim]
  planctl schema --check schemas/plan.schema.json  [dim]# exit 1 if it is stale[/dim]

Exit status: 0 written (or current, with --check), 1 the file given to --check is stale, 2 usage error, unreadable file or an output file that exists (replaced only with --force).
"""


def schema_text() -> str:
    from planctl.model.validation import json_schema_text

    return json_schema_text()


def schema(
    out: OutputOpt = None,
    force: ForceOpt = False,
    check: Annotated[
        Path | None, typer.Option("--check", parser=path, help="Compare with this file; exit 1 if it differs.")
    ] = None,
) -> None:
    """Print the JSON Schema that plan files follow (generated from the model)."""
    from planctl.files.reading import read_text
    from planctl.files.writing import write_atomic

    text = schema_text()
    if check is not None:
        current = read_text(check)
        if current != text:
            output.error(f"{check} is stale", hint=f"regenerate it with: planctl schema -o {check} --force")
            raise typer.Exit(int(ExitCode.FINDINGS))
        return
    target = output_file(out)
    if target is None:
        output.write(text)
        return
    write_atomic(target, text, overwrite=force)
    output.note(f"wrote {target}")


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("schema", epilog=EPILOG)(handles_errors(schema))
