"""`planctl schema`: print or write the JSON Schema of plan files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import path
from planctl.errors import ExitCode

EPILOG = """\
[bold]Examples[/bold]

  planctl schema                               [dim]# print it[/dim]
  planctl schema -o schemas/plan.schema.json   [dim]# regenerate the checked-in copy[/dim]
  planctl schema --check schemas/plan.schema.json  [dim]# exit 1 if it is stale[/dim]
"""


def schema_text() -> str:
    from planctl.api import plan_json_schema

    return json.dumps(plan_json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema(
    out: Annotated[
        Path | None, typer.Option("--output", "-o", parser=path, help="Write the schema to this file.")
    ] = None,
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
            output.error(f"{check} is stale", hint=f"regenerate it with: planctl schema -o {check}")
            raise typer.Exit(int(ExitCode.FINDINGS))
        return
    if out is None:
        output.write(text)
        return
    write_atomic(out, text)
    output.note(f"wrote {out}")


def register(app: typer.Typer) -> None:
    from planctl.cli.app import handles_errors

    app.command("schema", epilog=EPILOG)(handles_errors(schema))
