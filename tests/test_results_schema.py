"""schemas/results.schema.json: generated from the results model, never stale, and it accepts results files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from planctl.cli.schema import schema_text
from planctl.files.yaml import parse_document
from tests.conftest import CASES, REPO, RunCli

SCHEMA_FILE = REPO / "schemas" / "results.schema.json"


def _schema() -> dict[str, object]:
    schema: dict[str, object] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return schema


def _data(path: Path) -> object:
    """A results file as an editor's YAML language server sends it to the schema: keys as text."""
    data = parse_document(path.read_text(encoding="utf-8"), positions=False).data
    return json.loads(json.dumps(data, default=str))


def test_checked_in_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text("results"), (
        "schemas/results.schema.json is stale: run `planctl schema results -o schemas/results.schema.json`"
    )


def test_schema_check_option_detects_staleness(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("schema", "results", "--check", SCHEMA_FILE).exit_code == 0
    assert run_cli("schema", "--check", SCHEMA_FILE).exit_code == 1  # the plan's schema is another
    stale = tmp_path / "results.schema.json"
    stale.write_text("{}\n")
    result = run_cli("schema", "results", "--check", stale)
    assert result.exit_code == 1
    assert "planctl schema results -o" in result.stderr


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_jsonschema_accepts_a_results_file_and_refuses_a_misspelt_field() -> None:
    validator = jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())
    validator.validate(_data(CASES / "results" / "progress" / "valid.yaml"))
    assert not validator.is_valid(_data(CASES / "results" / "progress" / "schema.yaml"))
