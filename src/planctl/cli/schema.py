"""`planctl schema`: print or write the JSON Schema of plan files, or of results files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import choices, chosen, path
from planctl.errors import ExitCode

Kind = choices("SchemaKind", ["plan", "results"])
PLAN = Kind("plan")

EPILOG = """\
[bold]Examples[/bold]

  planctl schema                               [dim]# print it[/dim]
  planctl schema -o schemas/plan.schema.json   [dim]# regenerate the checked-in copy[/dim]
  planctl schema --check schemas/plan.schema.json  [dim]# exit 1 if it is stale[/dim]
  planctl schema results -o schemas/results.schema.json  [dim]# results files (progress/)[/dim]
"""


def schema_text(kind: str = "plan") -> str:
    from planctl.api import plan_json_schema, results_json_schema

    schema = plan_json_schema() if kind == "plan" else results_json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def schema(
    kind: Annotated[
        Kind,  # type: ignore[valid-type]
        typer.Argument(help="Which files' schema: plan files, or results files (progress/).", case_sensitive=False),
    ] = PLAN,
    out: Annotated[
        Path | None, typer.Option("--output", "-o", parser=path, help="Write the schema to this file.")
    ] = None,
    check: Annotated[
        Path | None, typer.Option("--check", parser=path, help="Compare with this file; exit 1 if it differs.")
    ] = None,
) -> None:
    """Print the JSON Schema that plan files (or results files) follow, generated from the model."""
    from planctl.errors import InputError
    from planctl.files.writing import write_atomic

    text = schema_text(chosen(kind))
    if check is not None:
        try:
            current = check.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"{check}: cannot read: {e.strerror or e}") from None
        if current != text:
            output.error(f"{check} is stale", hint=f"regenerate it with: planctl schema {chosen(kind)} -o {check}")
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
