"""`planctl schema`: print or write the JSON Schema of plan files, or of results files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planctl.cli import output
from planctl.cli.options import ForceOpt, OutputOpt, choices, chosen, output_file, path
from planctl.errors import ExitCode

Kind = choices("SchemaKind", ["plan", "results"])
PLAN = Kind("plan")

EPILOG = """\
[bold]Examples[/bold]

  planctl schema                               [dim]# print it[/dim]
  planctl schema -o schemas/plan.schema.json --force   [dim]# regenerate the checked-in copy[/dim]
  planctl schema --check schemas/plan.schema.json  [dim]# exit 1 if it is stale[/dim]
  planctl schema results -o schemas/results.schema.json --force  [dim]# results files (progress/)[/dim]

Exit status: 0 written (or current, with --check), 1 the file given to --check is stale, 2 usage error, unreadable file or an output file that exists (replaced only with --force).
"""


def schema_text(kind: str = "plan") -> str:
    import json

    from planctl.api import plan_json_schema, results_json_schema

    schema = plan_json_schema() if kind == "plan" else results_json_schema()
    text: str = json.dumps(schema, indent=2, ensure_ascii=False)
    return text + "\n"


def schema(
    kind: Annotated[
        Kind,  # type: ignore[valid-type]
        typer.Argument(help="Which files' schema: plan files, or results files (progress/).", case_sensitive=False),
    ] = PLAN,
    out: OutputOpt = None,
    force: ForceOpt = False,
    check: Annotated[
        Path | None, typer.Option("--check", parser=path, help="Compare with this file; exit 1 if it differs.")
    ] = None,
) -> None:
    """Print the JSON Schema that plan files (or results files) follow, generated from the model."""
    from planctl.files.reading import read_text
    from planctl.files.writing import write_atomic

    text = schema_text(chosen(kind))
    if check is not None:
        current = read_text(check)
        if current != text:
            command = "planctl schema" if chosen(kind) == "plan" else f"planctl schema {chosen(kind)}"
            output.error(f"{check} is stale", hint=f"regenerate it with: {command} -o {check} --force")
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
